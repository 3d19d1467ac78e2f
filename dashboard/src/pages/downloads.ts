/** *Descargas y API*: the package URLs per implementer and for everything, licence and publication policy. */
import { h, externalLink } from '../dom';
import { dataTable } from '../components/table';
import { formatCount, formatNumber } from '../../../core/format/es-mx';
import { README_SHEET } from '../../../core/template/settings';
import { getJson } from '../api';
import { date, heading, NO_DATA, publisherSearchNote, unfollowedFiltersNote, type Page } from './common';
import { licenseName } from '../labels';
import { matchesPublisher, matchesPublisherSearch } from '../data/filters';
import { publishedCount, type BulkKind } from '../../../core/packages/bulk-contents';

/** `name`: what a screen reader announces when the visible label alone («JSON») does not say which file it is. */
const api = (path: string, label: string, name?: string): HTMLElement => h('a', { href: path, ...(name ? { 'aria-label': name } : {}) }, label);

/** Said where a package file of nothing would be linked (core/packages/bulk-contents.ts). */
const NOT_PUBLISHED: Record<BulkKind, string> = { projects: 'Sin proyectos publicados', records: 'Sin procesos publicados', releases: 'Sin procesos publicados' };
/** datos.xlsx holds whatever was published, projects or processes; of nothing the API answers 404 (api/bulk-routes.ts). */
const hasAny = (counts: Parameters<typeof publishedCount>[1]): boolean => publishedCount('projects', counts) + publishedCount('releases', counts) > 0;

export const downloadsPage: Page = {
  title: 'Descargas y API',
  render: async ({ ds, filters, query }) => {
    // Per implementer: those of the header's Estado and Implementador filters, as on every other page, and of its
    // search by name or state (the table's rows are implementers; the files of all of them stay offered above it).
    const chosen = ds.publishers.filter((p) => matchesPublisher(filters, { state: p.state, publisherId: p.id }));
    const publishers = chosen.filter((p) => matchesPublisherSearch(filters, p, p.id));
    // Whether the API offers the files of all implementers together (core/packages/bulk-limit.ts); an API without
    // the answer (older) is taken to offer them.
    // A package file of nothing is not offered (the API answers 404 for it): from the current publications' counts.
    const everyone = ds.publishers.map((p) => p.currentPublication?.counts);
    const all = (await getJson<{ allPublishers?: { offered: boolean; documents: number; maxDocuments: number } }>('/api/bulk').catch(() => ({ allPublishers: undefined }))).allPublishers;
    return h('div', null,
      ...heading('Descargas y API', 'Todos los datos del tablero se pueden descargar en los estándares abiertos. La API es pública, de solo lectura y paginada con «links.next».'),
      unfollowedFiltersNote(filters),
      publisherSearchNote(filters, query, publishers.length, chosen.length),
      h('h2', null, 'Todos los implementadores'),
      h('ul', null,
        // A listing of nothing answers 404 (api/current-publications.ts, listedSets): linked only when it has something.
        ([['projects', '/api/oc4ids/projects', 'Paquete de proyectos EDCAPI (OC4IDS 0.9)'], ['releases', '/api/ocds/releases', 'Paquete de entregas EDCA-MX (OCDS 1.1)'], ['records', '/api/ocds/records', 'Paquete de registros EDCA-MX (OCDS 1.1)']] as const)
          .map(([kind, path, label]) => h('li', null, ...(publishedCount(kind, everyone) ? [api(path, label), ` — ${path}`] : [`${label}: ${NOT_PUBLISHED[kind].toLowerCase()}`]))),
        h('li', null, api('/api/publishers', 'Implementadores y sus compromisos'), ' — /api/publishers'),
        h('li', null, api('/api/stats', 'Cifras del tablero'), ' — /api/stats')),
      h('h2', null, 'Archivos masivos'),
      // Above what one request of the API can build, the API refuses the files of all implementers together: no link leads there.
      all && !all.offered
        ? h('p', { id: 'sin-masivos-nacionales' }, `Los archivos de todos los implementadores juntos no se ofrecen: suman ${formatCount(all.documents, 'documento publicado', 'documentos publicados')} y una sola descarga puede reunir hasta ${formatNumber(all.maxDocuments, 0)}. Descargue los de cada implementador en la tabla «Datos por implementador».`)
        : h('div', null,
          // The compressed copies (a tenth of the bytes) for programs that fetch them as files (/api/bulk lists them too).
          dataTable('Archivos masivos de todos los implementadores', [{ title: 'Contenido' }, { title: 'JSON (paquete)' }, { title: 'JSON Lines (uno por línea)' }, { title: 'Comprimidos (gzip)' }],
            ([['Entregas EDCA-MX (OCDS)', 'releases'], ['Registros EDCA-MX (OCDS)', 'records'], ['Proyectos EDCAPI (OC4IDS)', 'projects']] as const).map(([label, kind]) =>
              publishedCount(kind, everyone) ? [label, api(`/api/bulk/${kind}.json`, `${kind}.json`), api(`/api/bulk/${kind}.jsonl`, `${kind}.jsonl`),
                h('span', null, api(`/api/bulk/${kind}.json.gz`, `${kind}.json.gz`), ' · ', api(`/api/bulk/${kind}.jsonl.gz`, `${kind}.jsonl.gz`))]
                : [label, NOT_PUBLISHED[kind], NOT_PUBLISHED[kind], NOT_PUBLISHED[kind]]),
            // An auditor summing releases.json counted an amended contract once per release: which file the figures come from, said.
            { id: 'tabla-masivos', note: 'Las cifras del tablero salen de los registros: la entrega compilada de cada uno es el estado vigente de su proceso (con sus convenios modificatorios). Las entregas son la historia de cada proceso: uno con varias entregas aparece varias veces, y sumar sus montos lo cuenta de más.' }),
          hasAny(everyone) && h('p', null, api('/api/bulk/huellas.json', 'Huella SHA-256 de cada archivo (huellas.json)'), ' — descárguelo junto con los archivos: con él podrá demostrar después que lo que descargó es lo que se publicó (véase «Comprobar que una descarga no fue alterada», abajo).'),
          hasAny(everyone) && h('p', null, api('/api/bulk/datos.xlsx', 'Todos los datos en la plantilla de Excel (datos.xlsx)'), ` — una hoja por tabla, como la plantilla de captura, con cada proceso en la entrega compilada de su registro (la misma de records.json y del tablero); su primera hoja, «${README_SHEET}», dice qué tiene y qué datos calculados al publicar no incluye (están en projects.json).`)),
      h('h2', null, 'Por implementador'),
      h('p', null, 'Cada archivo trae todos los datos del implementador en un solo paquete (no paginado): JSON, JSON Lines (un documento por línea) y sus copias comprimidas (gzip).'),
      dataTable('Datos por implementador', [{ title: 'Implementador' }, { title: 'Proyectos (OC4IDS)' }, { title: 'Registros (OCDS)' }, { title: 'Entregas (OCDS)' }, { title: 'Excel' }, { title: 'Huella SHA-256' }, { title: 'Licencia' }, { title: 'Política de publicación' }, { title: 'Última publicación' }],
        publishers.map((p) => {
          const q = `?publisher=${encodeURIComponent(p.id)}`;
          // The bulk routes stream every item; the package routes would stop at their first page of 100.
          // The accessible name starts with the visible text (WCAG 2.5.3, label in name).
          // Each publication's files are the same as those of all implementers (publication/bulk-files.ts): the JSON
          // Lines and the gzipped copies too, which a program fetching a large implementer wants.
          const files = (kind: BulkKind, what: string): HTMLElement | string => (!publishedCount(kind, [p.currentPublication?.counts]) ? NOT_PUBLISHED[kind] : h('span', { class: 'bulk-files' },
            api(`/api/bulk/${kind}.json${q}`, 'JSON', `JSON de ${what} de ${p.name}`), ' · ',
            api(`/api/bulk/${kind}.jsonl${q}`, 'JSON Lines', `JSON Lines de ${what} de ${p.name}`), ' · ',
            api(`/api/bulk/${kind}.json.gz${q}`, 'json.gz', `json.gz de ${what} de ${p.name}`), ' · ',
            api(`/api/bulk/${kind}.jsonl.gz${q}`, 'jsonl.gz', `jsonl.gz de ${what} de ${p.name}`)));
          return [p.name, files('projects', 'los proyectos'), files('records', 'los registros'),
            files('releases', 'las entregas'), hasAny([p.currentPublication?.counts]) ? api(`/api/bulk/datos.xlsx${q}`, 'datos.xlsx', `datos.xlsx de ${p.name}`) : 'Sin datos publicados',
            hasAny([p.currentPublication?.counts]) ? api(`/api/bulk/huellas.json${q}`, 'huellas.json', `huellas.json de ${p.name}: la huella SHA-256 de cada archivo`) : 'Sin datos publicados',
            p.license ? externalLink(p.license, licenseName(p.license)) : NO_DATA, p.publicationPolicy ? externalLink(p.publicationPolicy) : NO_DATA, date(p.currentPublication?.createdAt)];
        }), { id: 'tabla-descargas' }),
      h('h2', { id: 'comprobar-descarga' }, 'Comprobar que una descarga no fue alterada'),
      // For a journalist or an auditor who must show, months later, what was published on a given day.
      h('p', null, 'Cada publicación escribe, una sola vez y junto con sus archivos, huellas.json: el tamaño y la huella SHA-256 de cada archivo. Descárguelo el mismo día que los archivos y guárdelo con ellos. Después, «infra-abierta verificar ARCHIVO --huellas huellas.json --bitacora --url', ' ', h('span', { class: 'api-base' }, location.origin), '» dice si el archivo es exactamente el publicado y si la bitácora de la plataforma (una cadena de huellas: cada entrada lleva la huella de la anterior) sigue completa y sin cambios desde entonces. Sin el programa, compare la huella SHA-256 del archivo (sha256sum en Linux, Get-FileHash en Windows) con la de huellas.json. La cadena pública está en ', api('/api/audit/chain', '/api/audit/chain'), '.'),
      h('h2', null, 'Cómo usar la API'),
      // The releases of one process (api/public-routes.ts, `ocid`, and `releaseID` with it) were not said: a reader
      // of the API learnt of them only from an error message.
      h('p', { id: 'api-uso' }, 'Cada respuesta es un paquete válido del estándar. Filtre por implementador con «?publisher=», pida más o menos elementos con «limit» (de 1 a 1,000) y siga «links.next» para la siguiente página. Un proyecto: /api/oc4ids/projects/{id}; un proceso: /api/ocds/records/{ocid}, que además de su entrega compilada trae su entrega versionada (el historial de cada campo, entrega por entrega); las entregas de un proceso, una por cada vez que se publicó: /api/ocds/releases?ocid={ocid}, y una sola de ellas añadiendo «&releaseID={id}». Las páginas de registros y los archivos masivos traen la entrega compilada; el historial completo está en las entregas.'),
      // What a script needs to poll without downloading again what did not change, and to download less.
      h('p', { id: 'api-cache' }, 'Para no descargar otra vez lo que no cambió, guarde el encabezado «ETag» de cada respuesta y envíelo en «If-None-Match» cuando vuelva a pedirla: si nada cambió, la respuesta es 304, sin contenido. Las respuestas y los archivos JSON llegan comprimidos a los programas que lo aceptan (encabezado «Accept-Encoding: gzip»), unas diez veces más ligeros.'),
      // What a script meets when something is wrong, and where it starts: a reader of this page had only the answers to learn it from.
      h('p', { id: 'api-errores' }, 'La API no pide clave ni limita las lecturas, y cualquier página web puede leerla (CORS). Empiece en /api, que enlaza lo demás. Un error llega como JSON, {"error": {"code": …, "message": …}}, con un mensaje en español que puede mostrar tal cual; el estado HTTP dice qué pasó: 400, un parámetro no válido (el mensaje lo nombra y dice cuáles acepta la dirección); 404, algo que no existe o que aún no se ha publicado.'));
  },
};
