/**
 * An identifier typed without its institution's prefix is refused naming the one to write (`ocid.format`,
 * `projectId.format`); before, the message showed another institution's example (ocds-abc123-…) and the official had
 * to work out their own. Golden fixtures: test/fixtures/validate/ocid-format, project-id-format.
 */
import { withPrefix } from './with-prefix';
import { ocidPrefix } from '../checks/ocid-prefix';
import { projectIdPrefix } from '../checks/project-id-prefix';
import { renderMessage } from '../messages/render';
import '../validate/validate-messages';
import type { Finding } from '../findings/finding';
import type { Check } from '../checks/types';

test('the local id under the prefix, or nothing when it cannot be told', () => {
  expect(withPrefix('DOP-LP-001-2024', 'ocds-zap001', 'ocds')).toBe('ocds-zap001-DOP-LP-001-2024');
  expect(withPrefix('zap001-DOP-LP-001-2024', 'ocds-zap001', 'ocds')).toBe('ocds-zap001-DOP-LP-001-2024');
  expect(withPrefix('ZAP001-DOP-LP-001-2024', 'ocds-zap001', 'ocds')).toBe('ocds-zap001-DOP-LP-001-2024');
  expect(withPrefix('ZAP-2024-001', 'oc4ids-zap001', 'oc4ids')).toBe('oc4ids-zap001-ZAP-2024-001');
  for (const [value, prefix, standard] of [
    ['ocds-zap01-DOP-1', 'ocds-zap001', 'ocds'], // a prefix of another shape: which part is the local id is not known
    ['oc4ids-zap001-ZAP-1', 'ocds-zap001', 'ocds'], // a project's id in a process's column
    ['DOP LP 001', 'ocds-zap001', 'ocds'],
    ['DOP-LP-001', '', 'ocds'],
    ['DOP-LP-001', 'ocds-ZAP', 'ocds'], // «Configuración» with a prefix that is not one (settings.bad-prefix)
    ['zap001-', 'ocds-zap001', 'ocds'],
  ] as const) expect(withPrefix(value, prefix, standard)).toBeUndefined();
});

function run(check: Check, input: { releases?: unknown[]; projects?: unknown[] }, settings: Record<string, string>): Finding[] {
  const findings: Finding[] = [];
  const docs = (list: unknown[] = [], kind: string) => list.map((data, i) => ({ data, pointer: `/${kind}/${i}` }));
  check({ releases: docs(input.releases, 'releases'), projects: docs(input.projects, 'projects'), settings, report: (code: string, severity: Finding['severity'], pointer: string, params: Finding['params'] = {}) => findings.push({ code, severity, pointer, params }) } as never);
  return findings;
}

test('the refusal of an OCID or project id without the prefix names the one to write', () => {
  const [ocid] = run(ocidPrefix, { releases: [{ ocid: 'DOP-LP-001-2024' }] }, { ocidPrefix: 'ocds-zap001' });
  expect(renderMessage({ ...ocid, cell: { sheet: 'Contrataciones', row: 3, column: 1 } })).toBe('El OCID «DOP-LP-001-2024» no es válido: debe empezar con «ocds-», seguir con los 6 caracteres del prefijo de su institución, un guion y el identificador del proceso (p. ej. ocds-abc123-LP-001-2024). Con el prefijo de su institución sería «ocds-zap001-DOP-LP-001-2024»; escríbalo así también en las demás hojas de este proceso.');
  const [project] = run(projectIdPrefix, { projects: [{ id: 'ZAP-2024-001' }] }, { projectIdPrefix: 'oc4ids-zap001' });
  expect(renderMessage(project)).toBe('El identificador de proyecto «ZAP-2024-001» no es válido: debe empezar con «oc4ids-», seguir con los 6 caracteres del prefijo de su institución, un guion y el identificador local (p. ej. oc4ids-abc123-0001). Con el prefijo de su institución sería «oc4ids-zap001-ZAP-2024-001».');
  // Without a prefix to go by, the message is what it was.
  const [bare] = run(ocidPrefix, { releases: [{ ocid: 'DOP-LP-001-2024' }] }, {});
  expect(renderMessage(bare)).toBe('El OCID «DOP-LP-001-2024» no es válido: debe empezar con «ocds-», seguir con los 6 caracteres del prefijo de su institución, un guion y el identificador del proceso (p. ej. ocds-abc123-LP-001-2024).');
});
