import { changePreview, fieldDiff, projectEdits } from './change-preview';
import { checkSubmissionAnswer, commentsOf, ContractError } from './contract';
import { returningGroupText } from './returning-changes';
import { deriveProjectSummaries, typedPart } from '../summary';

const rel = (ocid: string, hash: string, title: string) => ({ ocid, id: `${ocid}-${hash}`, date: '2024-01-01', tender: { title } });

test('processes: release id decides (also re-stamped ids); projects: field diff without derived fields', () => {
  const p = changePreview({
    releases: [rel('ocds-a-1', 'h1', 'Igual'), rel('ocds-a-2', 'h2', 'Nuevo título'), rel('ocds-a-3', 'h3', 'Nuevo'), rel('ocds-a-5', 'h5', 'Volvió')],
    projects: [{ id: 'p1', title: 'Parque', updated: '2025-01-01' }, { id: 'p2', title: 'Puente B', budget: { amount: { amount: 2 } } }],
    currentReleases: new Map([
      ['ocds-a-1', { ...rel('ocds-a-1', 'h1', 'Igual'), date: '2023-01-01' }],
      ['ocds-a-2', rel('ocds-a-2', 'old', 'Título anterior')],
      ['ocds-a-4', rel('ocds-a-4', 'h4', 'Ya no viene')],
      ['ocds-a-5', { ...rel('ocds-a-5', 'h5', 'Volvió'), id: 'ocds-a-5-h5-20240301120000' }],
    ]),
    currentProjects: new Map<string, Record<string, unknown>>([
      ['p1', { id: 'p1', title: 'Parque', updated: '2024-01-01', contractingProcesses: [{ id: 'x', summary: { status: 'a' } }] }],
      ['p2', { id: 'p2', title: 'Puente', budget: { amount: { amount: 1 } } }],
      ['p3', { id: 'p3', title: 'Retirado' }],
    ]),
  });
  expect(p.processes.counts).toEqual({ new: 1, changed: 1, unchanged: 2, removed: 1 });
  expect(p.processes.items.find((i) => i.id === 'ocds-a-2')?.fields).toEqual([{ path: 'tender/title', label: 'Contrataciones › Título de la licitación', before: 'Título anterior', after: 'Nuevo título' }]);
  expect(p.processes.items.find((i) => i.id === 'ocds-a-4')).toMatchObject({ change: 'removed', title: 'Ya no viene' });
  // contractingProcesses/0/summary is derived at publication, `updated` is a stamp: p1 is unchanged except for the
  // link itself (the conversion carries no summary), which is reported.
  expect(p.projects.counts.removed).toBe(1);
  expect(p.projects.items.find((i) => i.id === 'p2')?.fields).toEqual([
    { path: 'budget/amount/amount', label: expect.stringMatching(/^Proyectos › /), before: '1', after: '2', currency: { before: null, after: null } }, { path: 'title', label: expect.stringMatching(/^Proyectos › /), before: 'Puente', after: 'Puente B' },
  ]);
});

test('the release tag is a change only when the official typed it (publication derives any other)', () => {
  const published = { ...rel('ocds-a-1', 'old', 'Obra'), tag: ['tenderUpdate'] };
  const preview = (tag: string[]) => changePreview({ releases: [{ ...rel('ocds-a-1', 'new', 'Obra B'), tag }], projects: [], currentReleases: new Map([['ocds-a-1', published]]), currentProjects: new Map() });
  expect(preview(['tender']).processes.items[0].fields.map((f) => f.path)).toEqual(['tender/title']);
  expect(preview(['tenderCancellation']).processes.items[0].fields.map((f) => f.path)).toEqual(['tag/0', 'tender/title']);
  // Said in the words of the sheet's drop-down (the template's list), never as the code the official never saw.
  expect(preview(['tenderCancellation']).processes.items[0].fields[0]).toEqual({ path: 'tag/0', label: 'Contrataciones › Etiquetas de la entrega', before: 'Actualización de la licitación', after: 'Cancelación de la licitación' });
});

test('a release published elsewhere (history: its own id, date and tag) is unchanged when the workbook sends its content', () => {
  const elsewhere = { ocid: 'ocds-a-1', id: '1386', date: '2018-01-03T10:42:03Z', tag: ['tender'], tender: { title: 'Obra' } };
  const preview = (title: string) => changePreview({ releases: [{ ...rel('ocds-a-1', 'h1', title), tag: ['tender'] }], projects: [], currentReleases: new Map([['ocds-a-1', elsewhere]]), currentProjects: new Map() }).processes;
  expect(preview('Obra').counts).toMatchObject({ changed: 0, unchanged: 1 });
  expect(preview('Obra B').items[0].fields.map((f) => f.path)).toEqual(['tender/title']);
});

test('between two workbook releases the ids decide: a typed tag alone changed is a change, as publication adds a release', () => {
  const published = { ...rel('ocds-a-1', '0a1b2c3d', 'Obra'), tag: ['tender'] };
  const typed = { ...rel('ocds-a-1', '9f8e7d6c', 'Obra'), tag: ['tenderUpdate'] };
  const p = changePreview({ releases: [typed], projects: [], currentReleases: new Map([['ocds-a-1', published]]), currentProjects: new Map() }).processes;
  expect(p.counts).toMatchObject({ changed: 1, unchanged: 0 });
  expect(p.items[0].fields.map((f) => f.path)).toEqual(['tag/0']);
});

test('codes of any listed field are shown by their titles; a code off the list, as it is', () => {
  const preview = changePreview({
    releases: [], projects: [{ id: 'p1', title: 'Puente', status: 'completion', sector: 'sin-lista' }],
    currentReleases: new Map(), currentProjects: new Map([['p1', { id: 'p1', title: 'Puente', status: 'implementation', sector: 'transport' }]]),
  });
  const fields = preview.projects.items[0].fields;
  expect(fields.find((f) => f.path === 'status')).toMatchObject({ before: 'Ejecución', after: 'Conclusión' });
  expect(fields.find((f) => f.path === 'sector')).toMatchObject({ after: 'sin-lista' });
});

test('fieldDiff reports added and removed leaves', () => {
  expect(fieldDiff({ a: 1, b: [1] }, { a: 1, c: 'x' })).toEqual([{ path: 'b/0', before: '1', after: null }, { path: 'c', before: null, after: 'x' }]);
});

test('the contract check names the field that disagrees, and comments are the returns in order', () => {
  expect(() => checkSubmissionAnswer({ viewer: { email: 'a@b', role: 'capturista', scope: { kind: 'publisher', publisherId: 'p' } }, submission: { id: 1 } })).toThrow(ContractError);
  expect(() => checkSubmissionAnswer({ submissions: [] })).toThrow('en «viewer» se esperaba un objeto');
  expect(commentsOf([
    { at: '1', by: 'c', action: 'submitted' }, { at: '2', by: 'og', action: 'returned', comment: 'uno' },
    { at: '3', by: 'system', action: 'failed', comment: 'no' }, { at: '4', by: 'og', action: 'returned', comment: 'dos' },
  ])).toEqual([{ at: '2', by: 'og', text: 'uno' }, { at: '4', by: 'og', text: 'dos' }]);
});

test('a changed amount of money carries the currency of each side, so the preview writes it as money', () => {
  const before = { contracts: [{ value: { amount: 1000, currency: 'MXN' } }], budget: { amount: { amount: 5 } } };
  const after = { contracts: [{ value: { amount: 1000597.44, currency: 'USD' } }], budget: { amount: { amount: 6 } } };
  const diff = fieldDiff(before, after);
  expect(diff.find((f) => f.path === 'contracts/0/value/amount')).toEqual({ path: 'contracts/0/value/amount', before: '1000', after: '1000597.44', currency: { before: 'MXN', after: 'USD' } });
  // No currency written (the template's default): null, read as pesos.
  expect(diff.find((f) => f.path === 'budget/amount/amount')?.currency).toEqual({ before: null, after: null });
  // A currency is no amount.
  expect(diff.find((f) => f.path === 'contracts/0/value/currency')?.currency).toBeUndefined();
  // «Monto del contrato sin impuestos» (value/netAmount) is money too, in its value's currency.
  const net = fieldDiff({ contracts: [{ value: { netAmount: 35344827.59, currency: 'MXN' } }] }, { contracts: [{ value: { netAmount: 41000000, currency: 'MXN' } }] });
  expect(net).toEqual([{ path: 'contracts/0/value/netAmount', before: '35344827.59', after: '41000000', currency: { before: 'MXN', after: 'MXN' } }]);
});

test('a deleted row or emptied cell of a process is matched by id and marked as kept in the record (OCDS merge keeps it)', () => {
  const tx = (id: string, amount: number) => ({ id, value: { amount, currency: 'MXN' } });
  const published = {
    ...rel('ocds-a-1', 'old', 'Obra'),
    parties: [{ id: 'MX-RFC-EAZ170130W8A', name: 'Zoque', roles: ['supplier', 'payee'] }, { id: 'MX-RFC-MTG830101S45', name: 'Municipio', roles: ['buyer', 'payer'] }],
    contracts: [{ id: 'C1', description: 'Obra', implementation: { transactions: [tx('P1', 10), tx('P2', 20), tx('P3', 30)] } }],
  };
  const sent = {
    ...rel('ocds-a-1', 'new', 'Obra'),
    parties: [{ id: 'MX-RFC-MTG830101S45', name: 'Municipio', roles: ['buyer'] }, { id: 'MX-RFC-EAZ170130W3A', name: 'Zoque', roles: ['supplier', 'payee'] }],
    contracts: [{ id: 'C1', implementation: { transactions: [tx('P1', 10), tx('P3', 30)] } }],
  };
  const fields = changePreview({ releases: [sent], projects: [], currentReleases: new Map([['ocds-a-1', published]]), currentProjects: new Map() }).processes.items[0].fields;
  const at = (path: string) => fields.find((f) => f.path === path);
  // P2 deleted: its own row goes empty and stays published; P3, matched by id, does not «change» into P2's place.
  expect(at('contracts/0/implementation/transactions/1/value/amount')).toMatchObject({ before: '20', after: null, kept: true });
  expect(fields.filter((f) => f.path.startsWith('contracts/0/implementation/transactions/2'))).toEqual([]);
  // An emptied cell stays too (only a null would remove it)…
  expect(at('contracts/0/description')).toMatchObject({ before: 'Obra', after: null, kept: true });
  // …and the party whose RFC was corrected (its id is made from the RFC), beside the new one.
  expect(at('parties/0/id')).toMatchObject({ before: 'MX-RFC-EAZ170130W8A', after: null, kept: true });
  expect(at('parties/2/id')).toMatchObject({ before: null, after: 'MX-RFC-EAZ170130W3A' });
  // A code removed from a list (a whole list, replaced) is really gone: not marked.
  expect(at('parties/1/roles/1')).toEqual({ path: 'parties/1/roles/1', label: expect.any(String), before: 'Pagador', after: null });
});

test("a summary publication will not derive (a CompraNet process, another implementer's not yet published) is shown as typed; a derived one is not", () => {
  const listed = (title: string) => [
    { id: 'ocds-a-1', summary: { ocid: 'ocds-a-1', title: `${title} propia` } },
    { id: 'ocds-07eyjq-LO-012000999-E1-2024', summary: { title: `${title} federal` } },
    { id: 'ocds-mer-7', summary: { title: `${title} municipal` } },
  ];
  const preview = (elsewhere: string[]) => changePreview({
    releases: [], projects: [{ id: 'p1', title: 'Parque', contractingProcesses: listed('Nueva') }],
    currentReleases: new Map([['ocds-a-1', rel('ocds-a-1', 'h1', 'Obra')]]),
    currentProjects: new Map<string, Record<string, unknown>>([['p1', { id: 'p1', title: 'Parque', contractingProcesses: listed('Vieja') }]]),
    elsewhere: { compiled: new Map(elsewhere.map((ocid) => [ocid, rel(ocid, 'h7', 'Obra municipal')])), links: new Map() },
  }).projects.items[0]?.fields.map((f) => [f.path, f.after]);
  // The own process's summary is derived from its release, Mérida's from Mérida's data; the federal one is published as typed.
  expect(preview(['ocds-mer-7'])).toEqual([['contractingProcesses/1/summary/title', 'Nueva federal']]);
  // Mérida has not published its process: its summary goes out as typed too.
  expect(preview([])).toEqual([['contractingProcesses/1/summary/title', 'Nueva federal'], ['contractingProcesses/2/summary/title', 'Nueva municipal']]);
});

test('a process sent back to the content of an earlier release (an older copy of the workbook) says so, with since when it undoes', () => {
  // Published: January (aaaaaaaa), February's correction (bbbbbbbb), March (cccccccc). A January copy sends aaaaaaaa again.
  const jan = { id: 'ocds-a-1-aaaaaaaa', date: '2027-01-15T18:00:00Z' };
  const earlierReleases = new Map([['ocds-a-1', [jan, { id: 'ocds-a-1-bbbbbbbb', date: '2027-02-16T18:00:00Z' }]], ['ocds-a-2', [{ id: 'ocds-a-2-dddddddd', date: '2027-01-15T18:00:00Z' }]]]);
  const p = changePreview({
    releases: [rel('ocds-a-1', 'aaaaaaaa', 'Obra'), rel('ocds-a-2', 'eeeeeeee', 'Otra obra')],
    projects: [],
    currentReleases: new Map([['ocds-a-1', { ...rel('ocds-a-1', 'cccccccc', 'Obra corregida'), date: '2027-03-11T18:00:00Z' }], ['ocds-a-2', rel('ocds-a-2', 'ffffffff', 'Otra')]]),
    currentProjects: new Map(),
    earlierReleases,
  });
  expect(p.processes.items.find((i) => i.id === 'ocds-a-1')?.returnsTo).toEqual({ publishedAt: '2027-01-15T18:00:00Z', undoneSince: '2027-02-16T18:00:00Z' });
  // A change to content never published is any other change.
  expect(p.processes.items.find((i) => i.id === 'ocds-a-2')?.returnsTo).toBeUndefined();
  expect(p.processes.returning).toBe(1);
  // Re-stamped by publication (A → B → A published before), the earlier id still matches; so does the latest one
  // undone: it was published right after. (Another id is other content: the id hashes it, core/unflatten/derive-fields.)
  const again = changePreview({ releases: [rel('ocds-a-1', 'bbbbbbbb', 'Obra (febrero)')], projects: [], currentReleases: new Map([['ocds-a-1', { ...rel('ocds-a-1', 'aaaaaaaa', 'Obra'), id: 'ocds-a-1-aaaaaaaa-20270311180000', date: '2027-03-11T18:00:00Z' }]]), currentProjects: new Map(), earlierReleases });
  expect(again.processes.items[0].returnsTo).toEqual({ publishedAt: '2027-02-16T18:00:00Z', undoneSince: '2027-03-11T18:00:00Z' });
  // Said to each reader with what that one can do: the coordinator returns the send, the official withdraws it.
  expect(returningGroupText(2, 'coordinator')).toMatch(/^2 contrataciones vuelven a como estaban publicadas antes: .* devuélvalo para que quien capturó envíe el libro vigente\.$/);
  expect(returningGroupText(1, 'official')).toMatch(/^1 contratación vuelve a como estaba publicada antes: .* retire este envío \(«Retirar envío», en Mis envíos\) y envíe el libro vigente\.$/);
});

test('a process published here: the rows the official types for it in the project are a change, those its releases give are not', () => {
  const release = { ...rel('ocds-a-1', 'h1', 'Obra'), contracts: [{ id: 'c1', status: 'active', value: { amount: 120, currency: 'MXN' },
    amendments: [{ id: 'CM-01', date: '2024-06-01', description: 'Convenio de monto y plazo' }], implementation: { milestones: [{ id: 'm1', title: 'Inicio' }] } }] };
  // As publication stored it: the amendment told as the two variations its releases showed (summary-from-release.ts).
  const change = { contractId: 'c1', amendmentId: 'CM-01', releaseID: 'r2', oldValue: { amount: 100, currency: 'MXN' }, newValue: { amount: 120, currency: 'MXN' }, newPeriod: { endDate: '2024-12-31' } };
  const typed = (rows: Record<string, unknown>) => ({ id: 'p1', title: 'Parque', contractingProcesses: [{ id: 'ocds-a-1', summary: rows }] });
  const published = deriveProjectSummaries(typed({ milestones: [{ id: 'av-1', title: 'Cimentación' }] }), { 'ocds-a-1': release }, {}, { amendmentsByOcid: { 'ocds-a-1': [change] } });
  expect(published.contractingProcesses).toMatchObject([{ summary: { modifications: [{ id: 'CM-01-value' }, { id: 'CM-01-duration' }] } }]);
  const preview = (rows: Record<string, unknown>) => changePreview({ releases: [], projects: [typed(rows)], currentReleases: new Map([['ocds-a-1', release]]),
    currentProjects: new Map([['p1', published]]) }).projects;
  expect(preview({ milestones: [{ id: 'av-1', title: 'Cimentación' }] }).counts.unchanged).toBe(1);
  // «Modificaciones» and «Avance del proceso» rows added, edited or removed: what publication publishes in the project.
  const added = preview({ milestones: [{ id: 'av-1', title: 'Cimentación' }], modifications: [{ id: 'MOD-1', type: 'value', description: 'Obra adicional' }] });
  expect(added.items[0]?.fields.map((f) => [f.label, f.after])).toEqual([['Modificaciones › Descripción de la modificación', 'Obra adicional'],
    ['Modificaciones › Identificador de la modificación', 'MOD-1'], ['Modificaciones › Tipo de modificación', 'Cambio de monto']]);
  expect(preview({ milestones: [{ id: 'av-1', title: 'Cimentación (zapatas)' }] }).items[0]?.fields.map((f) => f.after)).toEqual(['Cimentación (zapatas)']);
  expect(preview({}).items[0]?.fields.map((f) => [f.path, f.before, f.after])).toEqual([['contractingProcesses/0/summary/milestones/0/id', 'av-1', null], ['contractingProcesses/0/summary/milestones/0/title', 'Cimentación', null]]);
  // A field of «Procesos del proyecto» the releases do not carry is published as typed (no final value before they close
  // the contract); one they carry is theirs, whatever was typed.
  const rows = { milestones: [{ id: 'av-1', title: 'Cimentación' }] };
  expect(preview({ ...rows, finalValue: { amount: 130, currency: 'MXN' } }).items[0]?.fields.map((f) => [f.label, f.after])).toEqual([['Procesos del proyecto › Monto final', '130'], ['Procesos del proyecto › Moneda del monto final', 'MXN']]);
  expect(preview({ ...rows, title: 'Otro título', contractValue: { amount: 1, currency: 'MXN' } }).counts.unchanged).toBe(1);
});

test('a project is judged by what was typed then: a row an earlier release gave is not the official\'s, a row typed with an amendment\'s id is', () => {
  const award = (status: string) => ({ id: 'a1', status, suppliers: [{ id: 'S1', name: 'Constructora' }] });
  const release = (status: string) => ({ ...rel('ocds-a-1', status, 'Obra'), awards: [award(status)], contracts: [{ id: 'c1', awardID: 'a1', amendments: [{ id: 'CM-01', description: 'Convenio' }] }] });
  const typed = (rows: Record<string, unknown>) => ({ id: 'p1', title: 'Parque', contractingProcesses: [{ id: 'ocds-a-1', summary: { suppliers: [{ id: 'S1', name: 'Constructora' }], ...rows } }] });
  /** Published with `rows` typed over `status`'s release, then sent with `next` typed over `now`'s: the project's changes. */
  const edits = (status: string, rows: Record<string, unknown>, now: string, next: Record<string, unknown>) => {
    const made = new Map();
    const published = deriveProjectSummaries(typed(rows), { 'ocds-a-1': release(status) }, {}, { derived: made });
    const sentMade = new Map();
    const sent = deriveProjectSummaries(typed(next), { 'ocds-a-1': release(now) }, {}, { derived: sentMade });
    return projectEdits(published, { project: sent, part: typedPart(typed(next), sent, sentMade), derived: sentMade }, typedPart(typed(rows), published, made)).map((f) => [f.path, f.before, f.after]);
  };
  // The award cancelled since: its supplier was the releases', not a «Proveedores del proceso» row taken out.
  expect(edits('active', {}, 'cancelled', {})).toEqual([]);
  // The amendment's own id typed with a type: the releases' row, with the official's type over it — and taken out again.
  const scope = { modifications: [{ id: 'CM-01', type: 'scope' }] };
  expect(edits('active', {}, 'active', scope)).toEqual([['contractingProcesses/0/summary/modifications/0/id', null, 'CM-01'], ['contractingProcesses/0/summary/modifications/0/type', null, 'scope']]);
  expect(edits('active', scope, 'active', {})).toEqual([['contractingProcesses/0/summary/modifications/0/id', 'CM-01', null], ['contractingProcesses/0/summary/modifications/0/type', 'scope', null]]);
  expect(edits('active', scope, 'active', scope)).toEqual([]);
});
