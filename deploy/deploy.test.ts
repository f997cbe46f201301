import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { parse, parseAllDocuments } from 'yaml';

/**
 * The Dockerfile, compose file and Kubernetes manifests, checked without a container engine (there
 * is none on the build machines): they parse, run only commands the CLI has, set only variables
 * something reads, and their ports and probes agree with the processes. No image is built here.
 */
const ROOT = path.resolve(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const run = promisify(execFile);

/** Parsed YAML, checked field by field. */
type Manifest = Record<string, any>;

const KUBERNETES_FILES = fs
  .readdirSync(path.join(ROOT, 'deploy', 'kubernetes'))
  .filter((file) => file.endsWith('.yaml'))
  .map((file) => path.join('deploy', 'kubernetes', file));

function kubernetesManifests(): Manifest[] {
  return KUBERNETES_FILES.flatMap((file) =>
    parseAllDocuments(read(file)).map((document) => {
      expect(document.errors, `${file}: ${document.errors.join('; ')}`).to.deep.equal([]);
      return document.toJS() as Manifest;
    }),
  );
}

function compose(): Manifest {
  return parse(read('deploy/compose.yaml'), { merge: true }) as Manifest;
}

function kind(manifests: Manifest[], wanted: string, name: string): Manifest {
  const found = manifests.find((m) => m.kind === wanted && m.metadata?.name === name);
  expect(found, `${wanted} ${name}`).to.not.equal(undefined);
  return found!;
}

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
function dockerfile(): Array<{ instruction: string; args: string }> {
  return read('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [instruction, ...rest] = line.split(/\s+/);
      return { instruction: instruction!.toUpperCase(), args: rest.join(' ') };
    });
}

/** Every variable common/config.ts reads (`env.NAME`, `env, 'NAME'`). */
function configVariables(): Set<string> {
  const source = read('common/config.ts');
  return new Set([...source.matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g), ...source.matchAll(/\benv, '([A-Z][A-Z0-9_]+)'/g)].map((m) => m[1]!));
}

/** What libraries read themselves: the Temporal SDK's environment configuration, the AWS SDK's credentials. */
function libraryVariables(): Set<string> {
  const sources = [
    ...fs.readdirSync(path.join(ROOT, 'node_modules/@temporalio/envconfig/lib')).map((f) => `node_modules/@temporalio/envconfig/lib/${f}`),
    'node_modules/@aws-sdk/credential-provider-env/dist-cjs/index.js',
  ].filter((file) => file.endsWith('.js'));
  return new Set(sources.flatMap((file) => [...read(file).matchAll(/["'`]((?:TEMPORAL|AWS)_[A-Z0-9_]+)["'`]/g)].map((m) => m[1]!)));
}

function containersOf(manifests: Manifest[]): Array<{ where: string; container: Manifest; podSpec: Manifest }> {
  return manifests
    .filter((m) => m.spec?.template?.spec?.containers)
    .flatMap((m) =>
      (m.spec.template.spec.containers as Manifest[]).map((container) => ({
        where: `${m.kind} ${m.metadata.name}`,
        container,
        podSpec: m.spec.template.spec as Manifest,
      })),
    );
}

/** A container's own `env` values, and the ConfigMap's and Secret's it takes with envFrom. */
function environmentOf(container: Manifest, manifests: Manifest[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const from of (container.envFrom ?? []) as Manifest[]) {
    const source = from.configMapRef
      ? kind(manifests, 'ConfigMap', from.configMapRef.name).data
      : kind(manifests, 'Secret', from.secretRef.name).stringData;
    Object.assign(env, source);
  }
  for (const { name, value } of (container.env ?? []) as Manifest[]) env[name] = value;
  return env;
}

/** The port a probe names (a container port's name or number). */
function probePort(container: Manifest, port: string | number): number {
  if (typeof port === 'number') return port;
  const named = (container.ports as Manifest[]).find((p) => p.name === port);
  expect(named, `container port named ${port}`).to.not.equal(undefined);
  return named!.containerPort as number;
}

/** The paths the processes answer: the API's health router and the worker's probe server. */
function servedHealthPaths(): { api: string[]; worker: string[] } {
  const paths = (source: string) => ['/healthz', '/readyz'].filter((p) => source.includes(`'${p}'`));
  return { api: paths(read('api/health/router.ts')), worker: paths(read('worker/health.ts')) };
}

describe('deployment files (checked statically: no image is built here)', function () {
  this.timeout(30_000);

  it('parse: the compose file and every Kubernetes manifest', () => {
    expect(() => compose()).not.to.throw();
    const manifests = kubernetesManifests();
    expect(manifests.map((m) => `${m.kind} ${m.metadata.name}`)).to.include.members([
      'ConfigMap installer-jobs-config',
      'Secret installer-jobs-secrets',
      'Job installer-jobs-migrate',
      'Deployment installer-jobs-api',
      'Deployment installer-jobs-worker',
      'Service installer-jobs-api',
    ]);
  });

  it('run only commands the installer-jobs CLI has', async () => {
    const commands = new Map<string, string[]>();
    for (const { where, container } of containersOf(kubernetesManifests())) commands.set(`${where}: ${container.args}`, container.args);
    for (const [name, service] of Object.entries(compose().services as Record<string, Manifest>))
      commands.set(`compose ${name}: ${service.command}`, service.command);
    for (const { instruction, args } of dockerfile()) {
      if (instruction === 'CMD') commands.set(`Dockerfile CMD ${args}`, JSON.parse(args));
      for (const m of args.matchAll(/node bin\/installer-jobs\.js ([a-z -]+?)(?= &&|$)/g))
        commands.set(`Dockerfile RUN ${m[1]}`, m[1]!.trim().split(' '));
    }
    expect(commands.size).to.be.greaterThan(8);
    const entrypoint = dockerfile().find((i) => i.instruction === 'ENTRYPOINT');
    expect(JSON.parse(entrypoint!.args)).to.deep.equal(['node', 'bin/installer-jobs.js']);

    const distinct = [...new Set([...commands.values()].map((args) => args.join(' ')))];
    expect(distinct).to.include.members(['api', 'worker', 'migrate', 'temporal register-search-attributes', 'bundle']);
    // Commander prints a command's own usage for --help, and the program's for one it does not know.
    const bin = path.join(ROOT, 'bin', 'installer-jobs.js');
    await Promise.all(
      distinct.map(async (command) => {
        const { stdout } = await run(process.execPath, [bin, ...command.split(' '), '--help']);
        expect(stdout, `installer-jobs ${command}`).to.match(new RegExp(`^Usage: installer-jobs ${command} `));
      }),
    );
  });

  it('set only environment variables that common/config.ts or a library reads', () => {
    const known = new Set([...configVariables(), ...libraryVariables()]);
    // The list is real: a typo'd or invented name would not be in it.
    expect(known).to.include.keys(
      'DATABASE_URL',
      'TEMPORAL_ADDRESS',
      'WORKER_HEALTH_PORT',
      'METRICS_PORT',
      'TEMPORAL_API_KEY',
      'AWS_ACCESS_KEY_ID',
    );
    expect(known.has('WORKER_HEALTH_PORTS')).to.equal(false);

    const set = new Map<string, string>();
    const manifests = kubernetesManifests();
    for (const m of manifests) {
      for (const name of Object.keys({ ...m.data, ...m.stringData })) set.set(name, `${m.kind} ${m.metadata.name}`);
    }
    for (const { where, container } of containersOf(manifests)) for (const { name } of container.env ?? []) set.set(name, where);
    // Variables suggested in comments (the Secret's TEMPORAL_API_KEY, tracing), and example.env's lines, commented or not.
    for (const file of KUBERNETES_FILES) for (const m of read(file).matchAll(/^\s*#\s*([A-Z][A-Z0-9_]+):\s/gm)) set.set(m[1]!, file);
    for (const m of read('deploy/example.env').matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)) set.set(m[1]!, 'deploy/example.env');
    for (const [name, service] of Object.entries(compose().services as Record<string, Manifest>))
      for (const variable of Object.keys(service.environment ?? {})) set.set(variable, `compose ${name}`);
    for (const { instruction, args } of dockerfile())
      if (instruction === 'ENV') for (const m of args.matchAll(/([A-Z][A-Z0-9_]+)=/g)) set.set(m[1]!, 'Dockerfile');

    expect(set.size).to.be.greaterThan(15);
    const unknown = [...set].filter(([name]) => !known.has(name)).map(([name, where]) => `${name} (${where})`);
    expect(unknown, 'variables nothing reads').to.deep.equal([]);
  });

  it('Kubernetes: API and worker are Deployments of their own, probed on ports they listen on and paths they answer', () => {
    const manifests = kubernetesManifests();
    const served = servedHealthPaths();
    expect(served.api).to.deep.equal(['/healthz', '/readyz']);
    expect(served.worker).to.deep.equal(['/healthz', '/readyz']);

    const [api] = containersOf([kind(manifests, 'Deployment', 'installer-jobs-api')]);
    const [worker] = containersOf([kind(manifests, 'Deployment', 'installer-jobs-worker')]);
    expect(api!.container.args).to.deep.equal(['api']);
    expect(worker!.container.args).to.deep.equal(['worker']);

    const apiEnv = environmentOf(api!.container, manifests);
    const workerEnv = environmentOf(worker!.container, manifests);
    // Listening on 127.0.0.1 (the default HOST), no probe or Service would reach them.
    expect(apiEnv.HOST).to.equal('0.0.0.0');
    expect(workerEnv.HOST).to.equal('0.0.0.0');

    const ports = (container: Manifest) => (container.ports as Manifest[]).map((p) => p.containerPort as number).sort();
    const workerMetricsPort = Number(workerEnv.WORKER_METRICS_ADDRESS!.split(':').pop());
    expect(ports(api!.container)).to.deep.equal([Number(apiEnv.PORT), Number(apiEnv.METRICS_PORT)].sort());
    expect(ports(worker!.container)).to.deep.equal([Number(workerEnv.WORKER_HEALTH_PORT), workerMetricsPort].sort());

    for (const [{ container }, port, paths] of [
      [api!, Number(apiEnv.PORT), served.api],
      [worker!, Number(workerEnv.WORKER_HEALTH_PORT), served.worker],
    ] as const) {
      expect(container.livenessProbe.httpGet.path).to.equal('/healthz');
      expect(container.readinessProbe.httpGet.path).to.equal('/readyz');
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        expect(paths).to.include(container[probe].httpGet.path);
        expect(probePort(container, container[probe].httpGet.port), `${container.name} ${probe}`).to.equal(port);
      }
    }

    // Prometheus finds the metrics where they are served.
    const annotations = (name: string) => kind(manifests, 'Deployment', name).spec.template.metadata.annotations;
    expect(Number(annotations('installer-jobs-api')['prometheus.io/port'])).to.equal(Number(apiEnv.METRICS_PORT));
    expect(Number(annotations('installer-jobs-worker')['prometheus.io/port'])).to.equal(workerMetricsPort);

    // The Service sends traffic to the API's port, not to its metrics.
    const service = kind(manifests, 'Service', 'installer-jobs-api');
    expect(probePort(api!.container, service.spec.ports[0].targetPort)).to.equal(Number(apiEnv.PORT));

    // Stopping: the API's 10 s grace and the worker's drain fit in the pods' termination grace.
    expect(api!.podSpec.terminationGracePeriodSeconds).to.be.greaterThan(10);
    expect(worker!.podSpec.terminationGracePeriodSeconds).to.be.greaterThan(api!.podSpec.terminationGracePeriodSeconds);
  });

  it('Kubernetes: the migrations run as a one-off Job; every pod runs as a non-root user with what it may write mounted', () => {
    const manifests = kubernetesManifests();
    const [migrate] = containersOf([kind(manifests, 'Job', 'installer-jobs-migrate')]);
    expect(migrate!.container.args).to.deep.equal(['migrate']);
    expect(migrate!.podSpec.restartPolicy).to.equal('OnFailure');
    for (const { where, container, podSpec } of containersOf(manifests)) {
      expect(podSpec.securityContext.runAsNonRoot, where).to.equal(true);
      expect(podSpec.securityContext.runAsUser, where).to.be.greaterThan(0);
      expect(container.securityContext.readOnlyRootFilesystem, where).to.equal(true);
      const mounts = (container.volumeMounts as Manifest[]).map((m) => m.mountPath);
      expect(mounts, `${where}: tsx keeps its cache in /tmp`).to.include('/tmp');
      const env = environmentOf(container, manifests);
      if (container.args[0] === 'api' || container.args[0] === 'worker') expect(mounts, where).to.include(env.INSTALLER_JOBS_DATA_DIR);
    }
  });

  it('compose: migrations first, then API and worker, with healthchecks on their ports and paths', () => {
    const { services } = compose() as { services: Record<string, Manifest> };
    const served = servedHealthPaths();
    expect(services.migrate!.command).to.deep.equal(['migrate']);
    for (const name of ['api', 'worker']) {
      expect(services[name]!.command).to.deep.equal([name]);
      expect(services[name]!.depends_on.migrate.condition).to.equal('service_completed_successfully');
      expect(services[name]!.environment.HOST).to.equal('0.0.0.0');
    }
    const healthUrl = (service: Manifest) => new URL(/fetch\('([^']+)'\)/.exec(service.healthcheck.test.join(' '))![1]!);
    const api = healthUrl(services.api!);
    expect(Number(api.port)).to.equal(Number(services.api!.environment.PORT));
    expect(served.api).to.include(api.pathname);
    const worker = healthUrl(services.worker!);
    expect(Number(worker.port)).to.equal(Number(services.worker!.environment.WORKER_HEALTH_PORT));
    expect(served.worker).to.include(worker.pathname);

    const published = (service: Manifest) => (service.ports as string[]).map((p) => Number(p.split(':').pop()!.split(' ')[0])).sort();
    expect(published(services.api!)).to.deep.equal(
      [Number(services.api!.environment.PORT), Number(services.api!.environment.METRICS_PORT)].sort(),
    );
    expect(published(services.worker!)).to.deep.equal([Number(services.worker!.environment.WORKER_METRICS_ADDRESS.split(':').pop())]);
    expect(services.worker!.stop_grace_period).to.match(/^\d+m$/);
  });

  it('Dockerfile: several stages, npm ci, the workflow bundle built in the image, run by a non-root user', () => {
    const instructions = dockerfile();
    const stages = instructions.filter((i) => i.instruction === 'FROM');
    expect(stages.length).to.be.greaterThanOrEqual(2);
    const finalStage = instructions.slice(instructions.lastIndexOf(stages.at(-1)!));
    const user = finalStage.find((i) => i.instruction === 'USER');
    expect(user?.args, 'the final stage sets a user').to.match(/^[a-z]/);
    expect(user!.args).not.to.match(/^(root|0)(:|$)/);

    const runs = instructions.filter((i) => i.instruction === 'RUN').map((i) => i.args);
    expect(runs.some((r) => /\bnpm ci\b/.test(r))).to.equal(true);
    const bundleStage = instructions.findIndex((i) => i.instruction === 'RUN' && i.args.includes('installer-jobs.js bundle'));
    expect(bundleStage, 'the bundle is built at image build time').to.be.greaterThan(0);
    // …in a stage the final one copies /app (and so node_modules/.cache) from.
    const stageOfBundle = stages.filter((s) => instructions.indexOf(s) < bundleStage).at(-1)!;
    const stageName = /\bAS\s+(\S+)/i.exec(stageOfBundle.args)![1];
    expect(finalStage.some((i) => i.instruction === 'COPY' && i.args === `--from=${stageName} /app /app`)).to.equal(true);

    const exposed = finalStage
      .filter((i) => i.instruction === 'EXPOSE')
      .flatMap((i) => i.args.split(/\s+/))
      .map(Number);
    const manifests = kubernetesManifests();
    const containerPorts = containersOf(manifests).flatMap(({ container }) =>
      ((container.ports ?? []) as Manifest[]).map((p) => p.containerPort),
    );
    expect(exposed.sort()).to.deep.equal([...new Set(containerPorts)].sort());

    const ignored = read('.dockerignore').split('\n');
    expect(ignored).to.include.members(['node_modules', '.data', '.tools', '.git', '**/.env']);
  });
});
