import fs from 'node:fs';
import path from 'node:path';
import type { Middleware } from 'koa';
// Only the folder's path: the package's index would load its 1 MB browser bundle into Node (~0.7 s at start).
import getAbsoluteFSPath from 'swagger-ui-dist/absolute-path';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>installer-jobs API</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
  <div id="docs"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script>SwaggerUIBundle({ url: '/openapi.json', dom_id: '#docs', persistAuthorization: true });</script>
</body>
</html>
`;

/**
 * `GET /docs`: the OpenAPI document as a browsable page (Swagger UI), served from the package
 * itself so that it works without reaching any CDN.
 */
export function docsPage(): Middleware {
  const dist = getAbsoluteFSPath();
  const assets = new Map(
    Object.entries(ASSETS).map(([name, type]) => [`/docs/${name}`, { type, body: fs.readFileSync(path.join(dist, name)) }]),
  );
  return async (ctx, next) => {
    if (ctx.method !== 'GET') return next();
    if (ctx.path === '/docs' || ctx.path === '/docs/') {
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = PAGE;
      return;
    }
    const asset = assets.get(ctx.path);
    if (!asset) return next();
    ctx.type = asset.type;
    ctx.set('Cache-Control', 'public, max-age=86400');
    ctx.body = asset.body;
  };
}
