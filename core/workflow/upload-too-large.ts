/**
 * What the official is told of an .xlsx larger than the server takes (MAX_BODY_BYTES): by the server (413), and by
 * *Mis envíos* before sending it, which knows the server's limit (GET /api/auth-config) and spares a slow link the
 * minutes of sending a file that would be refused. With the two ways out: sending it in parts works because what a
 * workbook leaves out stays published as it is, but each process (or project) must come whole in one part, and the
 * parts go one at a time, since an older send can no longer be approved once a newer one of the institution was; or
 * whoever runs the server raises the limit. «Quite lo que no se publica» alone left a large state without a way.
 */
import { formatFileSize } from '../format/es-mx';

export function uploadTooLarge(limit: number): string {
  return `El archivo pesa más de ${formatFileSize(limit)}, el tamaño máximo que recibe este servidor. Puede enviarlo en partes: `
    + 'divida sus procesos de contratación y proyectos en varios libros, cada proceso o proyecto con todas sus filas (de todas las hojas) en el mismo libro, '
    + 'y envíe uno; cuando su coordinación lo apruebe, envíe el siguiente. Lo que no viene en un libro se conserva publicado tal como está. '
    + 'O pida a quien administra el servidor que aumente el límite (la variable MAX_BODY_BYTES).';
}
