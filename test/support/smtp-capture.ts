/** A local SMTP server on 127.0.0.1 that keeps every message it receives (the self-hosted outbox's far end in tests). */
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'net';

export interface Received { from: string; to: string[]; raw: string }

/**
 * `auth`: the only user and password it accepts (a mail server that asks for them); without it, anyone may send.
 * `'relay'`: a relay that does not even offer AUTH (it trusts the sender's address), as many institutions' are.
 */
export async function startSmtp(auth?: { user: string; pass: string } | 'relay'): Promise<{ port: number; mails: Received[]; connections: { opened: number; open: number }; close(): Promise<void> }> {
  const mails: Received[] = [];
  /** Connections clients opened since the start, and those open now (a pooled outbox's, until it is closed). */
  const connections = { opened: 0, open: 0 };
  const server = new SMTPServer({
    onConnect(_session, callback) { connections.opened++; connections.open++; callback(); },
    onClose() { connections.open--; },
    authOptional: auth === undefined || auth === 'relay', disabledCommands: auth === 'relay' ? ['STARTTLS', 'AUTH'] : ['STARTTLS'], logger: false,
    // Loopback only, where there is no certificate for TLS: the credentials go in the clear, as in any local test.
    allowInsecureAuth: true,
    onAuth(login, _session, callback) {
      if (auth && auth !== 'relay' && login.username === auth.user && login.password === auth.pass) callback(null, { user: login.username });
      else callback(new Error('Usuario o contraseña incorrectos'));
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (d: Buffer) => { raw += d.toString('utf8'); });
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as AddressInfo).port, mails, connections, close: () => new Promise((r) => server.close(() => r())) };
}

/** The decoded text part of a raw message (nodemailer writes quoted-printable for non-ASCII text). */
export function bodyOf(raw: string): string {
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  return Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, x: string) => String.fromCharCode(parseInt(x, 16))), 'latin1').toString('utf8');
}
export function subjectOf(raw: string): string {
  const m = /^Subject: (.*(?:\r\n .*)*)/m.exec(raw);
  const header = (m?.[1] ?? '').replace(/\r\n /g, ' ');
  // RFC 2047 encoded words (=?UTF-8?Q?…?= or ?B?…?=).
  return header.replace(/=\?UTF-8\?([QB])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) => (enc.toUpperCase() === 'B'
    ? Buffer.from(text, 'base64').toString('utf8')
    : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/g, (__, x: string) => String.fromCharCode(parseInt(x, 16))), 'latin1').toString('utf8')));
}

