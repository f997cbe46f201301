# syntax=docker/dockerfile:1
# The installer-jobs image: one image, run as `api`, `worker`, `migrate` or
# `temporal register-search-attributes` (see deploy/ and README "Deploying").
# The TypeScript sources run through tsx (a dependency), as everywhere else: there is no build step
# but the workflow bundle, which is built here so that a worker starts without building it.
ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Production dependencies only, from the lockfile. Prebuilt native modules (the Temporal core
#    bridge, sharp's libvips) are glibc builds: hence Debian (bookworm), not Alpine.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 2. The sources, a check of the built-in job types, and the workflow bundles (with and without the
#    tracing interceptors, so a worker starts at once whether OTEL_EXPORTER_OTLP_ENDPOINT is set or not) into
#    node_modules/.cache/installer-jobs/, keyed by a hash of its sources (worker/bundle.ts): the same
#    files are copied into the final stage, so the worker finds it under the same key.
FROM deps AS build
COPY . .
RUN node bin/installer-jobs.js job-types validate \
 && node bin/installer-jobs.js bundle

# 3. What runs: the app and its dependencies, owned by root and run by the unprivileged `node`
#    user (uid 1000) of the Node image, which may write only /data (upload scratch space) and /tmp.
FROM ${NODE_IMAGE} AS runtime
ENV INSTALLER_JOBS_DATA_DIR=/data \
    HOST=0.0.0.0 \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
# API, its /metrics (METRICS_PORT), the worker's probes (WORKER_HEALTH_PORT) and its metrics (WORKER_METRICS_ADDRESS).
EXPOSE 3000 9100 8080 9464
ENTRYPOINT ["node", "bin/installer-jobs.js"]
CMD ["api"]
