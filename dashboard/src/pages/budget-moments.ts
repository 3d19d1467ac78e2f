/**
 * The accounting stages (momentos contables: aprobado, modificado, comprometido, devengado, ejercido, pagado…) of a
 * budget as the public pages show them, on the process page (its breakdown's claves, the levels of its budget
 * classification, its contracts' budget) and on the project page (its breakdown's claves): one column per stage some
 * row gives, under the stage's Spanish title from the code list (labels.ts), in the list's order, in es-MX money.
 */
import { h, type Child } from '../dom';
import { isRealDate, num, obj, objects, str } from '../data/read';
import { formatDate } from '../../../core/format/es-mx';
import type { Json } from '../data/types';
import { dataTable, type Column } from '../components/table';
import { BUDGET_MOMENTS, budgetClassificationTypeTitle, budgetMomentTitle } from '../labels';
import { moneyOf, NO_DATA } from './common';

/** A code as published (a component's, a measure's id): text, or a number. */
export const codeOf = (v: unknown): string | undefined => str(v) ?? (num(v) !== undefined ? String(v) : undefined);

/** The stages the given `measures` name, in the code list's order; a code off the list last, as it is. */
export function stagesOf(measures: Json[]): string[] {
  const given = new Set(measures.map((m) => codeOf(m.id)).filter((id): id is string => !!id));
  return [...BUDGET_MOMENTS.filter((c) => given.has(c)), ...[...given].filter((c) => !BUDGET_MOMENTS.includes(c))];
}

/** One numeric column per stage, headed by its Spanish title. */
export const stageColumns = (stages: string[]): Column[] => stages.map((c) => ({ title: budgetMomentTitle(c), numeric: true }));

/**
 * What something (a budget line, a classification level) gives at a stage: every `measures` entry of that id, in the
 * order published. A stage may be given many times: Nuevo León publishes each movement of a clave (18 «devengado» of
 * one project, some negative) with its date, and only the first was shown ($5.4 of $30 millones devengados).
 */
function stageMeasures(holder: Json, stage: string): Json[] {
  return objects(holder.measures).filter((m) => codeOf(m.id) === stage);
}

/**
 * When a stage's amount was measured (`update`): free text such as «Primer trimestre de 2023», or a date or date-time
 * as the capture tool writes it (`2019-09-11T16:47:58-05:00`), which reads dd/mm/aaaa like every date of the pages.
 * Year 0001 (the capture tool's «no date») says nothing.
 */
function periodOf(measure: Json | undefined): string | undefined {
  const update = str(measure?.update);
  if (!update || !/^\d{4}-\d{2}-\d{2}(T|$)/.test(update.trim())) return update;
  return isRealDate(update.trim()) ? formatDate(update.trim()) : undefined;
}

/**
 * A stage's amounts in es-MX money, each with the period it was measured at when the official gave one (an amount
 * «pagado» means little without when), for a table's cell: the amount kept whole (a figure), the period free to go to
 * the next line, so that a column of stages is as wide as its widest amount, not as amount and period side by side
 * (the tables ran past the screen). Several entries of the stage: one per line, all of them.
 */
function measureNode(measures: Json[]): HTMLElement {
  const one = (measure: Json): Child[] => {
    const period = periodOf(measure);
    return [h('span', { class: 'fig' }, moneyOf(measure.value)), period ? ` (${period})` : ''];
  };
  if (measures.length === 1) return h('span', null, ...one(measures[0]));
  return h('ul', { class: 'budget-lines' }, measures.map((m) => h('li', null, ...one(m))));
}

/** A stage's amounts of one holder, or «Sin dato». */
export const stageText = (holder: Json, stage: string): HTMLElement | string => {
  const measures = stageMeasures(holder, stage);
  return measures.length ? measureNode(measures) : NO_DATA;
};

/**
 * A budget line as the reader knows it: its id, else the clave presupuestaria its components' codes make (in level
 * order), and its partida (the object of expenditure, `spendingObject`) when a component names it.
 */
export function lineText(line: Json): string {
  const components = objects(line.components).sort((a, b) => (num(a.level) ?? 0) - (num(b.level) ?? 0));
  const codes = components.map((c) => codeOf(c.code)).filter((c): c is string => !!c);
  const key = str(line.id) ?? (codes.length ? codes.join('-') : NO_DATA);
  const partida = components.find((c) => c.name === 'spendingObject');
  const partidaCode = codeOf(partida?.code);
  return partidaCode ? `${key} (partida ${partidaCode}${str(partida?.description) ? `: ${String(partida?.description)}` : ''})` : key;
}

/** A breakdown item's budget lines (claves presupuestarias), listed; «Sin dato» without any. */
export const linesCell = (lines: Json[]): HTMLElement | string => (lines.length ? h('ul', { class: 'budget-lines' }, lines.map((l) => h('li', null, lineText(l)))) : NO_DATA);

/** The stages the budget lines of some breakdown items give. */
export const lineStages = (items: Json[]): string[] => stagesOf(items.flatMap((b) => objects(b.budgetLines)).flatMap((l) => objects(l.measures)));

/**
 * An item's amount at an accounting stage: its budget line's; with several lines, each by its clave (never summed:
 * lines may mix currencies, or leave a stage out).
 */
export function stageCell(lines: Json[], stage: string): HTMLElement | string {
  const given = lines.map((l) => ({ line: l, measures: stageMeasures(l, stage).filter((m) => num(obj(m.value)?.amount) !== undefined) })).filter((x) => x.measures.length);
  if (!given.length) return NO_DATA;
  if (lines.length === 1) return measureNode(given[0].measures);
  return h('ul', { class: 'budget-lines' }, given.map((x) => h('li', null, `${lineText(x.line)}: `, measureNode(x.measures))));
}

/** A level of a budget classification by its name, with its number when given («2. Unidad responsable»). */
function levelText(level: Json): string {
  const n = codeOf(level.levelId);
  const label = str(level.levelLabel);
  return label ? `${n ? `${n}. ` : ''}${label}` : n ? `Nivel ${n}` : NO_DATA;
}

/** One level of a breakdown item's budget classification, and what the row says before it (the item, the contract). */
export interface ClassifiedLevel { context: string[]; level: Json }

/** The levels of some breakdown items' budget classification (`budgetClassification`), in level order, each with `context`. */
export function classifiedLevels(items: Json[], context: (item: Json) => string[]): ClassifiedLevel[] {
  return items.flatMap((b) => objects(b.budgetClassification)
    .sort((x, y) => (num(x.levelId) ?? Infinity) - (num(y.levelId) ?? Infinity))
    .map((level) => ({ context: context(b), level })));
}

/**
 * The levels of a budget classification (the sheets «Clasificación presupuestal» / «Clasificación del contrato»: each
 * level's number and name, its clave and what the clave means) with their accounting stages («Momentos de la
 * clasificación», «Momentos contables del contrato»), one column each.
 */
export function classificationTable(caption: string, contextColumns: Column[], rows: ClassifiedLevel[], id: string): HTMLElement {
  const stages = stagesOf(rows.flatMap((r) => objects(r.level.measures)));
  return dataTable(`${caption}${stages.length ? ', con sus momentos contables' : ''}. Cifras en MXN salvo otra moneda indicada.`,
    [...contextColumns, { title: 'Nivel' }, { title: 'Tipo de clasificación' }, { title: 'Clave' }, { title: 'Descripción' }, ...stageColumns(stages)],
    rows.map(({ context, level }) => {
      const type = str(level.classification);
      return [...context, levelText(level), type ? budgetClassificationTypeTitle(type) : NO_DATA, codeOf(level.id) ?? NO_DATA, str(level.description) ?? NO_DATA, ...stages.map((c) => stageText(level, c))];
    }),
    { id, stack: true });
}
