/** «Cómo citar esta página» of a project and of a process (dashboard/src/data/citation.ts). */
import { citationText } from '../../dashboard/src/data/citation';

describe("a page's citation", () => {
  it("names the publisher, the year of the data's last update, the work, the standard, the day consulted and the page's own address", () => {
    const project = { publisher: 'Municipio de Mérida', updated: '2025-03-31T10:00:00-06:00', title: 'Construcción del parque lineal', id: 'oc4ids-mid001-MID-2023-002', standard: 'EDCAPI (OC4IDS 0.9)', page: 'proyecto' } as const;
    expect(citationText(project, '2026-12-07', 'https://obras.example.mx/')).toBe('Municipio de Mérida (2025). Construcción del parque lineal (oc4ids-mid001-MID-2023-002). Datos en EDCAPI (OC4IDS 0.9). Infraestructura Abierta. Consultado el 07/12/2026 en https://obras.example.mx/#/proyecto/oc4ids-mid001-MID-2023-002');
  });

  it('gives an ocid with a slash the address the page answers, says «s. f.» without a date, and the clave once when it is the title', () => {
    const process = { publisher: 'IMSS', updated: undefined, title: 'ocds-213czf-IMS/1160', id: 'ocds-213czf-IMS/1160', standard: 'EDCA-MX (OCDS 1.1)', page: 'contratacion' } as const;
    expect(citationText(process, '2026-01-02', 'http://127.0.0.1:8080/')).toBe('IMSS (s. f.). ocds-213czf-IMS/1160. Datos en EDCA-MX (OCDS 1.1). Infraestructura Abierta. Consultado el 02/01/2026 en http://127.0.0.1:8080/#/contratacion/ocds-213czf-IMS%2F1160');
  });
});
