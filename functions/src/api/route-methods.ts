/**
 * A known address asked with a method it does not take is answered 405 with `Allow` naming the ones it does (RFC 9110
 * §15.5.6), as the usual Spanish JSON error: `GET /api/stages/batch` (a POST route) was answered 404 «No existe esa
 * ruta», which told a script's author the address was wrong when only the method was. For every route the app has,
 * read from its routers when a request finds none (the /api fallback in app.ts), not from a list kept by hand beside
 * each route: a route added later is covered with nothing to remember. read-only-methods.ts still answers the public
 * reads' other methods before any sign-in; this covers the rest.
 */
import type { Request } from 'express';
import { HttpError } from './http-error';

/** What router 2.x's Layer exposes and this reads: `match` is pure (it returns the match, sets nothing). */
interface LayerLike {
  match?: (path: string) => { path: string } | false;
  route?: { methods: Record<string, boolean> };
  handle?: { stack?: unknown[] };
}

function collect(stack: readonly unknown[], path: string, out: Set<string>): void {
  for (const layer of stack as LayerLike[]) {
    if (typeof layer.match !== 'function') continue;
    let m: { path: string } | false;
    // A percent-encoding that is no UTF-8 in a parameter: that layer does not match (the router answers it 400).
    try { m = layer.match(path); } catch { continue; }
    if (!m) continue;
    if (layer.route) {
      // `all` (read-only-methods.ts's own refusal) takes every method: it names none.
      for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== '_all') out.add(method.toUpperCase());
    } else if (layer.handle?.stack) {
      // A router mounted at a prefix: its routes match the rest of the path.
      collect(layer.handle.stack, path.slice(m.path.length) || '/', out);
    }
  }
}

/** The methods the app's routes take at this request's path (GET brings HEAD, as express answers it), in a fixed order. */
export function routeMethods(req: Request): string[] {
  const router = (req.app as unknown as { router?: { stack?: unknown[] } }).router;
  const found = new Set<string>();
  collect(router?.stack ?? [], `${req.baseUrl}${req.path}`, found);
  if (found.has('GET')) found.add('HEAD');
  const order = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
  return [...found].sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
}

/** The 405 for a method the path's routes do not take, with its `Allow` set; undefined when no route has the path. */
export function methodNotAllowed(req: Request, res: { set(name: string, value: string): unknown }): HttpError | undefined {
  const allowed = routeMethods(req).filter((m) => m !== req.method);
  if (!allowed.length) return undefined;
  res.set('Allow', allowed.join(', '));
  const use = allowed.filter((m) => m !== 'HEAD');
  return new HttpError(405, 'method-not-allowed', `La dirección ${`${req.baseUrl}${req.path}`.slice(0, 200)} no acepta el método ${req.method.slice(0, 20)}: use ${use.join(' o ')}.`);
}
