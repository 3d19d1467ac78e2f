/**
 * The answer to an address outside the API that no file matches (`/proyectos`, a mistyped link): a small Spanish
 * page with the way to the dashboard, never express's English "Cannot GET"; JSON for clients that ask only for
 * JSON. No scripts; its look is the dashboard's stylesheet, by absolute path (any depth of address): the site's CSP
 * (`style-src 'self'`, api/security-headers.ts) blocks an inline `<style>`, which left this page unstyled.
 */
import type { RequestHandler } from 'express';

export const NOT_FOUND_HTML = `<!doctype html>
<html lang="es-MX">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Página no encontrada — Infraestructura Abierta</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/app.css"></head>
<body><main><h1>Página no encontrada</h1>
<p>La dirección no corresponde a ninguna página de Infraestructura Abierta. Puede que el enlace esté incompleto.</p>
<ul><li><a href="/">Ir al tablero de obra pública</a></li><li><a href="/#/descargas">Descargas y API</a></li></ul></main></body>
</html>
`;

export function notFoundPage(): RequestHandler {
  return (req, res) => {
    res.status(404);
    if (req.accepts(['html', 'json']) === 'json') return void res.json({ error: { code: 'not-found', message: 'No existe esa página.' } });
    res.type('html').set('Cache-Control', 'public, max-age=300').send(req.method === 'HEAD' ? undefined : NOT_FOUND_HTML);
  };
}
