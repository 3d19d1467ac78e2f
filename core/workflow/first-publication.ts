/**
 * What an implementer's first publication brings, in the words its coordinator and its official read (the approval's
 * question, its outcome, the notice by mail): «1 contratación y 2 proyectos», a kind it does not bring left out.
 * Before it nothing was published, so nothing is «modificado» nor «se conserva publicado».
 * Pure: no I/O.
 */
import { formatCount } from '../format/es-mx';

export function firstPublicationContents(processes: number, projects: number): string {
  return [
    processes ? formatCount(processes, 'contratación', 'contrataciones') : '',
    projects ? formatCount(projects, 'proyecto', 'proyectos') : '',
  ].filter(Boolean).join(' y ');
}
