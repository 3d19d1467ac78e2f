/**
 * The client's address the per-address rate limit counts (rate-limit.ts), in the cloud. Cloud Functions v2 run on
 * Cloud Run behind Google's front end, which appends the address it was called from to X-Forwarded-For; Express takes
 * the client's address as the entry `trust proxy` hops from the right (TRUST_PROXY_HOPS, 1 by default: only that
 * front end). Behind Firebase Hosting, public reports (firebase-functions#771, request-ip#37) say the front end is
 * called by Hosting's edge, so that entry is the edge's — every client behind one edge would share one counter — and
 * the client is one entry further left, and also in `Fastly-Client-IP`. Trusting one more hop (2) counts the client,
 * but then a caller of the function's own address (run.app), not through Hosting, chooses the entry counted.
 *
 * Which it is cannot be told here without Google: the first request of each instance logs, without the addresses
 * themselves, how many entries X-Forwarded-For brought and whether the address counted is the one Hosting says is the
 * client's, with the TRUST_PROXY_HOPS that would count it (docs/deploy.md §10).
 */
import type { Request, RequestHandler } from 'express';

/** The log line for one request: entries of X-Forwarded-For, and whether `req.ip` is Hosting's client. */
export function clientAddressNote(req: Pick<Request, 'ip' | 'get'>, hops: number): string | undefined {
  const forwarded = req.get('x-forwarded-for');
  if (!forwarded) return undefined;
  const entries = forwarded.split(',').map((e) => e.trim());
  const head = `Dirección del cliente: X-Forwarded-For trae ${entries.length} ${entries.length === 1 ? 'dirección' : 'direcciones'} (TRUST_PROXY_HOPS=${hops})`;
  const client = req.get('fastly-client-ip')?.trim();
  if (!client) return `${head}; sin Fastly-Client-IP: esta solicitud no pasó por Firebase Hosting.`;
  if (client === req.ip) return `${head}; el límite por dirección cuenta la del cliente que dice Firebase Hosting.`;
  const at = entries.lastIndexOf(client);
  const fix = at < 0 ? 'X-Forwarded-For no la trae' : `con TRUST_PROXY_HOPS=${entries.length - at} la contaría`;
  return `${head}; el límite por dirección NO cuenta la del cliente que dice Firebase Hosting (${fix}).`;
}

/** Logs clientAddressNote for the first request of this instance that brings X-Forwarded-For. */
export function noteClientAddressOnce(hops: number, log: (line: string) => void): RequestHandler {
  let told = false;
  return (req, _res, next) => {
    if (!told) {
      const note = clientAddressNote(req, hops);
      if (note !== undefined) {
        told = true;
        log(note);
      }
    }
    next();
  };
}
