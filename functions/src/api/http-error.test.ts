/**
 * Store errors carry English messages naming collections, keys and sizes (for the log). Whatever kind reaches
 * the error handler, the person gets a Spanish message and none of those internals (issue 13 item 6).
 */
import * as fs from 'fs';
import express from 'express';
import request from 'supertest';
import { errorHandler } from './http-error';
import { StoreError, type StoreErrorKind } from '../store/store';
import { DISK_TROUBLE_MESSAGE, DISK_TROUBLE_READ_MESSAGE } from '../lib/disk-trouble';

const INTERNAL: Record<StoreErrorKind, string> = {
  'too-large': 'submissions ["2025-01-01T00:00:00Z","3f2a"]: 1048712 bytes exceeds the 1000000-byte document limit',
  conflict: 'submission 3f2a is published, not submitted|failed',
  'not-found': 'publication pub-9 does not exist',
  invalid: 'publication pub-9 is complete and immutable',
  'invalid-cursor': 'cursor de paginación no válido',
};

test.each(Object.keys(INTERNAL) as StoreErrorKind[])('StoreError %s → a Spanish answer without internal names; the detail goes to the log', async (kind) => {
  const logged: string[] = [];
  const app = express();
  app.get('/x', () => { throw new StoreError(kind, INTERNAL[kind]); });
  app.use(errorHandler((m) => logged.push(m)));
  const res = await request(app).get('/x');
  expect(res.status).toBeGreaterThanOrEqual(400);
  const { code, message } = (res.body as { error: { code: string; message: string } }).error;
  expect(code).toBe(kind);
  expect(message).toMatch(/^[A-ZÁÉÍÓÚÑ¿¡].*[.!?]$/);
  expect(message).toMatch(/\b(la|el|de|no|es)\b/);
  expect(message).not.toMatch(/submission|publication|bytes|exceeds|limit|does not|immutable|\d{4,}/i);
  if (kind !== 'invalid-cursor') expect(logged.join('\n')).toContain(INTERNAL[kind]);
});

test('a full disk (the file system\'s own error, and SQLite\'s): 503 saying so, not «intente de nuevo»; the log says where to look', async () => {
  // A real ENOSPC: writing to /dev/full fails as a full disk does.
  let full: unknown;
  try { fs.writeFileSync('/dev/full', 'x'); } catch (e) { full = e; }
  expect((full as { code?: unknown }).code).toBe('ENOSPC');
  const sqliteFull = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
  for (const err of [full, sqliteFull]) {
    const logged: string[] = [];
    const app = express();
    app.all('/x', () => { throw err; });
    app.use(errorHandler((m) => logged.push(m)));
    const res = await request(app).post('/x');
    expect(res.status).toBe(503);
    expect((res.body as { error: { code: string; message: string } }).error).toEqual({ code: 'disk-unavailable', message: DISK_TROUBLE_MESSAGE });
    // A download built on demand: whoever reads had nothing to save.
    const read = await request(app).get('/x');
    expect([read.status, (read.body as { error: { message: string } }).error.message]).toEqual([503, DISK_TROUBLE_READ_MESSAGE]);
    expect(logged.join('\n')).toMatch(/No se pudo escribir en el disco.*: el disco del servidor está lleno.*Revise el espacio libre \(df -h\) y los permisos de las carpetas de INFRA_SQLITE y BULK_DIR/);
  }
});

test('a path with a «%» that does not decode (a hand-built ocid): 400 saying how to write it, not only that it is wrong', async () => {
  const app = express();
  app.get('/api/ocds/records/:ocid', () => { throw new Error('unreachable'); });
  app.use(errorHandler(() => undefined));
  for (const path of ['/api/ocds/records/%ZZ', '/api/ocds/records/ocds-abc-%E0%A4%A']) {
    const res = await request(app).get(path).expect(400);
    expect(res.body).toEqual({ error: { code: 'invalid-encoding', message: expect.stringContaining('«%25»') as unknown } });
  }
});
