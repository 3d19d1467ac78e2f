/**
 * The answer at `/` while dashboard/dist has no index.html: a server started before `npm run build:dashboard` (or
 * `npx infra-abierta serve` without `npm run build`) said «Página no encontrada» there, which names no cause. The
 * folder is looked at on each request, so the dashboard is served as soon as it is built; `no-store`, or a browser
 * kept showing this page from its cache after the build.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { RequestHandler } from 'express';

export const DASHBOARD_NOT_BUILT_HTML = `<!doctype html>
<html lang="es-MX">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Tablero sin compilar — Infraestructura Abierta</title></head>
<body><main><h1>El tablero todavía no está compilado</h1>
<p>Este servidor responde, pero no encuentra el tablero. Quien lo administra debe ejecutar <code>npm run build:dashboard</code> en la carpeta del proyecto; el servidor lo muestra aquí en cuanto termina, sin reiniciarlo.</p>
<p>Mientras tanto, los datos publicados están en <a href="/api/publishers">/api/publishers</a>.</p></main></body>
</html>
`;

export function dashboardNotBuilt(): RequestHandler {
  return (req, res, next) => {
    if (req.path !== '/' && req.path !== '/index.html') return next();
    res.status(503).type('html').set('Cache-Control', 'no-store').send(req.method === 'HEAD' ? undefined : DASHBOARD_NOT_BUILT_HTML);
  };
}

/**
 * Said once where the server starts, with the same remedy, while `dashboardDir` has no index.html: by the single
 * server, or by the primary of `serve --procesos N` (its workers each said it).
 */
export function dashboardNotBuiltNotice(dashboardDir: string): string | undefined {
  if (fs.existsSync(path.join(dashboardDir, 'index.html'))) return undefined;
  return `Aviso: el tablero no está compilado (falta ${dashboardDir}). Ejecute «npm run build:dashboard»: el servidor lo sirve en cuanto termina, sin reiniciar; mientras tanto «/» lo dice.`;
}
