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

/** Loopback and private addresses (RFC 1918, RFC 4193, link-local), as Node writes them (IPv4 may come as ::ffff:a.b.c.d). */
export function isInternalAddress(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  const v4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(a);
  if (v4) {
    const [first, second] = [Number(v4[1]), Number(v4[2])];
    return first === 127 || first === 10 || (first === 172 && second >= 16 && second <= 31) || (first === 192 && second === 168) || (first === 169 && second === 254);
  }
  return a === '::1' || /^f[cd][0-9a-f]{2}:/.test(a) || /^fe[89ab][0-9a-f]:/.test(a);
}

/**
 * Self-hosted behind nginx without TRUST_PROXY_HOPS, every address the server sees is the proxy's: the per-address
 * rate limit counts everyone as one, and the Bitácora (sign-ins and decisions) names the proxy as where each
 * account came from — which the officer reading it after an incident cannot tell from the entries. The header is
 * still not trusted (anyone can write it); the operator is told once, on stderr, when a request arrives with
 * X-Forwarded-For from a loopback or private address while no hop is trusted: that is a proxy of theirs.
 */
export function warnUntrustedProxyOnce(log: (line: string) => void): RequestHandler {
  let told = false;
  return (req, _res, next) => {
    if (!told && req.get('x-forwarded-for') !== undefined && isInternalAddress(req.socket.remoteAddress)) {
      told = true;
      log(`Aviso: llegan solicitudes con X-Forwarded-For desde ${req.socket.remoteAddress} (un proxy en esta máquina o en su red), pero TRUST_PROXY_HOPS no está puesto: los límites por dirección y la bitácora (inicios de sesión y decisiones) anotan la dirección del proxy, no la de cada persona. Si ese proxy es el suyo (nginx), ponga TRUST_PROXY_HOPS=1 y reinicie (docs/operations.md, «Servidor propio en producción»).`);
    }
    next();
  };
}
