import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import { MERGE_PATCH_CONTENT_TYPE } from '../oneapi-wire';
import { adminRouter } from './admin-routes';
import { oneApiRouter } from './oneapi-routes';
import { SimulatorState, type SimulatorOptions } from './simulator-state';

/** The simulator as a Koa app, not yet listening, with the state behind it. */
export function createSimulatorApp(options: SimulatorOptions): { app: Koa; state: SimulatorState } {
  const state = new SimulatorState(options);
  const oneApi = oneApiRouter(state);
  const admin = adminRouter(state);
  const app = new Koa();
  // lodash-merged by index into the defaults: keep application/json first.
  app.use(bodyParser({ extendTypes: { json: ['application/json', MERGE_PATCH_CONTENT_TYPE] } }));
  app.use(oneApi.routes()).use(oneApi.allowedMethods());
  app.use(admin.routes()).use(admin.allowedMethods());
  return { app, state };
}
