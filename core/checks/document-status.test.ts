import { validate } from '../validate';
import { renderMessage } from '../messages/render';
import { documentStatus } from './document-status';

const OCID = 'ocds-mer001-LO-031-2024';

/** A process whose contract was signed (its signed contract is published) and still reads «Pendiente de firma». */
function signedButPending(): Parameters<typeof validate>[0] {
  return {
    projects: [],
    releases: [{
      ocid: OCID, id: `${OCID}-01`, date: '2024-06-01T00:00:00-06:00', tag: ['contract'], initiationType: 'tender',
      awards: [{ id: 'A1', status: 'active' }],
      contracts: [{ id: 'C1', awardID: 'A1', status: 'pending', documents: [{ id: 'D1', documentType: 'contractSigned', url: 'https://datos.example/contrato.pdf' }] }],
    }],
  };
}

describe('a status behind its documents is named as the official reads it (status.behindDocuments)', () => {
  const [f] = validate(signedButPending()).filter((x) => x.code === 'status.behindDocuments');

  test('in a sheet: the Spanish titles the drop-down offers, no English code', () => {
    expect(f.pointer).toBe('/releases/0/contracts/0/status');
    // It read «El estado «Pendiente de firma (pending)» … con «Contrato firmado (contractSigned)» … «Vigente (active)»».
    expect(renderMessage({ ...f, cell: { sheet: 'Contratos', row: 3, column: 5 } })).toBe('El estado «Pendiente de firma» no corresponde a los documentos publicados: con «Contrato firmado» el estado debe ser al menos «Vigente». Actualice el estado.');
  });

  test('in a JSON document, written in codes: the code of the status to write too', () => {
    expect(renderMessage(f)).toBe('El estado «Pendiente de firma» no corresponde a los documentos publicados: con «Contrato firmado» el estado debe ser al menos «Vigente», que se escribe «active». Actualice el estado.');
  });
});

test('each contract\'s award is read once, not once per award (16,000 awards and contracts: 15 s), and each award still hears of its own contracts', () => {
  let reads = 0;
  const counted = (contract: Record<string, unknown>) => new Proxy(contract, { get: (t, k) => { if (k === 'awardID') reads++; return Reflect.get(t, k); } });
  const n = 300;
  const awards = Array.from({ length: n }, (_v, i) => ({ id: `A${i}`, status: 'pending' }));
  const contracts = Array.from({ length: n }, (_v, i) => counted({ id: `C${i}`, awardID: `A${i}`, status: 'active', documents: i === 7 ? [{ id: 'D1', documentType: 'contractSigned', url: 'https://datos.example/c.pdf' }] : [] }));
  const found: string[] = [];
  const data = { ocid: OCID, id: `${OCID}-01`, date: '2024-06-01T00:00:00-06:00', tag: ['contract'], initiationType: 'tender', awards, contracts };
  documentStatus({ releases: [{ data, pointer: '/releases/0' }], projects: [], settings: {}, now: 0, report: (code, _s, pointer) => { if (code === 'status.behindDocuments') found.push(pointer); } });
  // The signed contract of award A7 makes that award «active»; no other award is named.
  expect(found.filter((p) => p.includes('/awards/'))).toEqual(['/releases/0/awards/7/status']);
  expect(reads).toBe(n);
});
