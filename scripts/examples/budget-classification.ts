/**
 * The budget classification of a demo process (`budgetClassification`, the program's extension): the levels its
 * clave presupuestaria encodes, each with the accounting stages (momentos contables) of the budget it classifies,
 * as the Federal Public Administration publishes them — the source of the funds, the responsible unit, the partida
 * (object of expenditure). The demo keys read `year-ramo-unidad-programa-partida-fuente` (2023-21-07-K012-61501-11).
 */
import type { Json, PublisherSpec } from './types';

/** Funding sources of the CONAC classifier by the two digits the demo keys end with. */
const SOURCES: Record<string, string> = {
  '11': 'Recursos fiscales',
  '14': 'Ingresos propios',
  '25': 'Transferencias federales etiquetadas',
};

/** Partidas by their first three digits (the partida genérica of the object-of-expenditure classifier), some by all five. */
const PARTIDAS: Record<string, string> = {
  '612': 'Edificación no habitacional',
  '614': 'Obras de urbanización',
  '615': 'Construcción de vías de comunicación',
  '617': 'Instalaciones y equipamiento en construcciones',
  '622': 'Edificación no habitacional en bienes propios',
  '62903': 'Supervisión de obra pública',
  '62905': 'Estudios y proyectos de obra pública',
};

/** The levels of `key`, each with `measures` (the stages of the budget it classifies). */
export function budgetClassification(pub: PublisherSpec, key: string, measures: Json[]): Json[] {
  const parts = key.split('-');
  if (parts.length !== 6) throw new Error(`Clave presupuestaria sin sus seis partes: ${key}`);
  const [, branch, unit, , partida, source] = parts;
  const partidaName = PARTIDAS[partida] ?? PARTIDAS[partida.slice(0, 3)];
  if (!SOURCES[source] || !partidaName) throw new Error(`Clave presupuestaria con fuente o partida desconocida: ${key}`);
  return [
    { id: source, levelId: 1, classification: 'financialSource', levelLabel: 'Fuente de financiamiento', description: SOURCES[source], measures },
    { id: `${branch}-${unit}`, levelId: 2, classification: 'Administrative', levelLabel: 'Unidad responsable', description: pub.authority.name, measures },
    { id: partida, levelId: 3, classification: 'Economic', levelLabel: 'Partida específica', description: partidaName, measures },
  ];
}
