import type { Middleware } from 'koa';
import type * as OtelApi from '@opentelemetry/api';
import type * as OtelCore from '@opentelemetry/core';
import { routeOf } from './request-log';

/**
 * Names the request's server span (made by the http instrumentation) by the route pattern, as the
 * request log does — `PATCH /v1/jobs/:id/steps/:stepId`, never the path with its ids and tokens —
 * and sets its http.route. Used only while tracing is on, so OpenTelemetry loads only then.
 */
export function traceRoute(): Middleware {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only when tracing is on */
  const { context } = require('@opentelemetry/api') as typeof OtelApi;
  const { getRPCMetadata, RPCType } = require('@opentelemetry/core') as typeof OtelCore;
  /* eslint-enable @typescript-eslint/no-require-imports */
  return async (ctx, next) => {
    // The instrumentation reads the route from this when the answer is sent, and renames its span by it.
    const metadata = getRPCMetadata(context.active());
    try {
      await next();
    } finally {
      const route = routeOf(ctx, ctx.status);
      if (metadata?.type === RPCType.HTTP && route !== undefined) metadata.route = route;
    }
  };
}
