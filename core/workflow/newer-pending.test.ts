import { newerPendingText } from './newer-pending';

describe('a newer send of the institution awaiting a decision too', () => {
  test('named by its time and file, or its time alone, with one closing period', () => {
    expect(newerPendingText('Municipio de Mérida', '2024-03-05T18:00:07Z', 'mercado corregido.xlsx')).toMatch(/^Municipio de Mérida envió después otro libro, que también espera su decisión: el del 05\/03\/2024, 12:00:07\u00a0p\.m\. \(«mercado corregido\.xlsx»\)\. Revise ese antes de aprobar este: .*devuelva este con un comentario\.$/);
    expect(newerPendingText('Municipio de Mérida', '2024-03-05T18:00:07Z', null)).toMatch(/: el del 05\/03\/2024, 12:00:07\u00a0p\.m\. Revise ese antes/);
  });
});
