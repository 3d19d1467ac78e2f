import { auditDetailsText } from './audit-details';

test('an audit entry\'s details read in Spanish: a registration\'s changes from what to what, and unknown keys kept as written', () => {
  expect(auditDetailsText('publisher.updated', {
    name: 'Municipio de Mérida', state: 'Yucatán', ocidPrefix: 'ocds-abc123', projectIdPrefix: 'oc4ids-abc123', commitment: { projects: 5, periodicityDays: 90 },
    changes: { ocidPrefix: { from: 'ocds-abc12x', to: 'ocds-abc123' }, 'commitment.projects': { from: 8, to: 5 }, uri: { from: null, to: 'https://merida.gob.mx' } },
    systemUser: 'root',
  })).toBe('Cambió: prefijo OCID «ocds-abc12x» → «ocds-abc123», proyectos comprometidos 8 → 5, sitio (sin dato) → «https://merida.gob.mx»; nombre «Municipio de Mérida»; '
    + 'entidad «Yucatán»; prefijo OCID «ocds-abc123»; prefijo de proyectos «oc4ids-abc123»; compromiso: 5 proyectos cada 90 días; Usuario del sistema: root');
  expect(auditDetailsText('submission.failed', { code: 'publish.interrupted', reason: 'Se interrumpió.', otra: { a: 1 } })).toBe('Motivo: Se interrumpió.; Código: publish.interrupted; otra: {"a":1}');
  expect(auditDetailsText('publication.published', { contentHash: 'ab12', changedProcesses: 3, changedOcids: ['ocds-a-1', 'ocds-a-2'] }))
    .toBe('3 contrataciones cambiadas; Contrataciones que cambiaron: ocds-a-1, ocds-a-2 y 1 más; Clave del contenido (SHA-256, con la que se reconoce un envío sin cambios; no es la huella de ningún archivo): ab12');
  // An implementer's first publication: its processes are new, not «cambiadas».
  expect(auditDetailsText('submission.published', { publicationId: 'p1', unchanged: false, changedProcesses: 1, first: true, revision: null }))
    .toBe('Publicación p1; Primera publicación del implementador; 1 contratación nueva');
  expect(auditDetailsText('submission.published', { publicationId: 'p1', unchanged: false, changedProcesses: 0, first: true, revision: null })).toBe('Publicación p1; Primera publicación del implementador');
  // The publication's own entry on a first publication: its processes listed as published, not as «cambiaron».
  expect(auditDetailsText('publication.published', { first: true, changedProcesses: 2, changedOcids: ['ocds-a-1', 'ocds-a-2'], rebuiltRecords: 2, projects: 1 }))
    .toBe('Primera publicación del implementador; 2 contrataciones nuevas; Contrataciones publicadas: ocds-a-1, ocds-a-2; 2 registros compilados; 1 proyecto');
  expect(auditDetailsText('access.denied', { attempted: 'submission.approve' })).toBe('Intentó aprobar envíos');
  expect(auditDetailsText('access.denied', { attempted: 'stages.record', publisherIds: ['mty', 'gpe'] })).toBe('Intentó registrar las etapas del programa; De 2 implementadores: mty, gpe');
  expect(auditDetailsText('publication.published', { servedSha256: { releases: 'r1', records: 'r2', projects: 'p3' } }))
    .toBe('Huellas de los archivos publicados (SHA-256): releases.jsonl r1, records.jsonl r2, projects.jsonl p3');
});

test('a spreadsheet sent from another implementer\'s account: the sheet and whom it was sent for, in words', () => {
  expect(auditDetailsText('submission.other-implementer', { spreadsheetId: 'hoja-progreso', sentFor: 'uman', publisherIds: ['progreso', 'uman'] }))
    .toBe('Hoja de cálculo: hoja-progreso; Enviada como del implementador uman; De 2 implementadores: progreso, uman');
});
