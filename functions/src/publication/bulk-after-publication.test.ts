import { storageFailure } from './bulk-after-publication';

// `publish` with a BULK_DIR its user may not write printed «…: EACCES: permission denied, mkdir '…' — No se pudo
// escribir en el disco («…»): … BULK_DIR..»: Node's English first, then the same in Spanish, and two periods.
test('a disk failure is said once, in Spanish, with its path, and leaves the period to the line that says it', () => {
  const refused = Object.assign(new Error("EACCES: permission denied, mkdir '/srv/descargas/publicaciones'"), { code: 'EACCES', path: '/srv/descargas/publicaciones' });
  expect(storageFailure(refused)).toBe('No se pudo escribir en el disco («/srv/descargas/publicaciones»): el usuario con el que se ejecuta no tiene permiso de escritura. Revise el espacio libre (df -h) y los permisos de las carpetas de INFRA_SQLITE y BULK_DIR');
  // Anything else keeps its own text.
  expect(storageFailure(new Error('otra cosa'))).toBe('otra cosa');
});
