/**
 * Store errors carry English messages naming collections, keys and sizes (for the log). Whatever kind reaches
 * the error handler, the person gets a Spanish message and none of those internals (issue 13 item 6).
 */
import express from 'express';
import request from 'supertest';
import { errorHandler } from './http-error';
import { StoreError, type StoreErrorKind } from '../store/store';

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
