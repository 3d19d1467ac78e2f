/**
 * One program stage recorded for several implementers at once (*Etapas del programa*, «Una etapa para varios
 * implementadores»). A state's coordination follows 25 to 60 of them, and a stage is often reached by a group on the
 * same day (the REDA session, a joint public presentation): one at a time, that was choosing each implementer,
 * typing the date and saving, 60 times over. This plans the writes (only the implementers whose date for that stage
 * differs) and says the outcome by name. The page sends them to POST /api/stages/batch, STAGE_BATCH_SIZE a request:
 * one PUT per implementer made the 300 requests a minute the server takes of a session stop a state's seven stages
 * (7 × 60); the batch route checks, writes and logs each implementer as the single route does.
 * Pure: no I/O.
 */
import { formatCount, formatDate, formatList } from '../format/es-mx';
import { readTypedDate } from '../format/typed-date';
import { checkStages, STAGES, type StageCode } from './stages';
import { isObject } from '../json/json-values';

export interface StageHolder { publisherId: string; name: string; stages: Record<string, string> }

/**
 * `on`: what to correct, the date typed or the implementers marked (the page focuses it). `iso` null: the stage's date
 * is cleared (planStageClear).
 */
export type StageBatchPlan =
  | { problem: string; on: 'date' | 'marks' }
  | { iso: string | null; write: StageHolder[]; already: StageHolder[] };

const stageName = (code: StageCode): string => `${code} ${STAGES.find((s) => s.code === code)?.label ?? ''}`.trim();

/**
 * `typed`: the date as written (dd/mm/aaaa); `today`: the latest day it may be (YYYY-MM-DD); `chosen`: the implementers
 * marked, with their recorded stages. A problem is said in Spanish, naming the stage, before anything is sent.
 */
export function planStageBatch(code: StageCode, typed: string, today: string, chosen: readonly StageHolder[]): StageBatchPlan {
  const label = stageName(code);
  const text = typed.trim();
  if (!text) return { on: 'date', problem: `Escriba la fecha en que se alcanzó la etapa ${label}, como dd/mm/aaaa (por ejemplo 15/01/2024).` };
  const read = readTypedDate(text);
  if ('problem' in read) {
    return { on: 'date', problem: read.problem === 'calendar'
      ? `La fecha de la etapa ${label} («${text}») no existe en el calendario. Escriba día, mes y año como dd/mm/aaaa, por ejemplo 15/01/2024.`
      : `La fecha de la etapa ${label} («${text}») no se entiende. Escríbala como dd/mm/aaaa (día, mes y año), por ejemplo 15/01/2024.` };
  }
  if (read.iso > today) return { on: 'date', problem: `La fecha de la etapa ${label} (${formatDate(read.iso)}) es posterior a hoy: registre la fecha en que se alcanzó.` };
  if (!chosen.length) return { on: 'marks', problem: `Marque los implementadores que alcanzaron la etapa ${label}.` };
  return { iso: read.iso, write: chosen.filter((p) => p.stages[code] !== read.iso), already: chosen.filter((p) => p.stages[code] === read.iso) };
}

/**
 * A date recorded by mistake for several implementers, cleared at once (the single form clears one by emptying it):
 * written only for the marked that have a date for the stage; those without are said to have none. No date is read.
 */
export function planStageClear(code: StageCode, chosen: readonly StageHolder[]): StageBatchPlan {
  if (!chosen.length) return { on: 'marks', problem: `Marque los implementadores a los que quiere borrar la fecha de la etapa ${stageName(code)}.` };
  return { iso: null, write: chosen.filter((p) => p.stages[code] !== undefined), already: chosen.filter((p) => p.stages[code] === undefined) };
}

/** Most names a success («Se registró … para») or «ya la tenían» lists; more are counted. */
const NAMES_SHOWN = 10;

/**
 * What was done, by name: saved, already recorded with that date, each refusal with the server's reason, and those not
 * tried (`untried`: the page stops at a refusal that every next one would get too — the session ended, too many
 * requests, no answer).
 */
export function stageBatchOutcome(code: StageCode, iso: string | null, saved: readonly string[], already: readonly string[], failed: readonly { name: string; message: string }[], untried: readonly string[] = []): string {
  const label = stageName(code);
  const parts: string[] = [];
  // A whole state's batch named its 60 in one paragraph of 1,500 characters (read aloud in full by a screen reader):
  // beyond NAMES_SHOWN, the count, as each one's date is beside its mark. Those not recorded are always named.
  // Cleared (iso null): «Se borró la fecha …», and those that had none are said so.
  const done = iso === null ? `Se borró la fecha de la etapa ${label}` : `Se registró la etapa ${label} el ${formatDate(iso)}`;
  if (saved.length) {
    parts.push(saved.length > NAMES_SHOWN
      ? `${done} para ${formatCount(saved.length, 'implementador', 'implementadores')}; la lista muestra la fecha de cada uno.`
      : `${done} para ${formatCount(saved.length, 'implementador', 'implementadores')}: ${formatList(saved)}.`);
  }
  if (already.length) {
    const had = iso === null ? ['no tenía fecha registrada para esa etapa', 'no tenían fecha registrada para esa etapa'] : ['ya la tenía registrada con esa fecha', 'ya la tenían registrada con esa fecha'];
    parts.push(already.length > NAMES_SHOWN
      ? `${formatCount(already.length, 'implementador', 'implementadores')} ${had[1]}.`
      : `${formatList(already)} ${had[already.length === 1 ? 0 : 1]}.`);
  }
  // Those refused for one same reason (a session that ended, a state not one's own) are named together, once.
  const byReason = new Map<string, string[]>();
  for (const f of failed) byReason.set(f.message, [...(byReason.get(f.message) ?? []), f.name]);
  // All refused for one reason (a date the server does not take, a session that ended): said once, without 60 names.
  const [only] = byReason;
  const notDone = iso === null ? `No se borró la fecha de la etapa ${label}` : `No se registró la etapa ${label}`;
  if (!saved.length && !untried.length && byReason.size === 1 && only[1].length > 1) parts.push(`${notDone} para ninguno de los ${formatCount(only[1].length, 'implementador', 'implementadores')}: ${only[0]}`);
  else for (const [message, names] of byReason) parts.push(`No se ${iso === null ? 'borró' : 'registró'} para ${formatList(names)}: ${message}`);
  if (untried.length) parts.push(`No se intentó para ${formatList(untried)}: vuelva a ${iso === null ? 'borrarla' : 'registrarla'} para ${untried.length === 1 ? 'ese implementador' : 'esos implementadores'}.`);
  return parts.length ? parts.join(' ') : 'No hay cambios que guardar.';
}

/**
 * Most implementers one POST /api/stages/batch takes. A state has up to about 60 and the administration several
 * hundred: the page sends them in requests of STAGE_BATCH_SIZE, so it can say how far it got, and each request's
 * writes (one atomic change per implementer, and its Bitácora entry) end well within a request's time.
 */
export const MAX_STAGE_BATCH = 100;
/** Implementers per request the page sends (its progress advances by these). */
export const STAGE_BATCH_SIZE = 25;

/** One implementer's changes in a batch: the dates that change, null removing one (as the single route's body). */
export interface StageBatchChange { publisherId: string; stages: Partial<Record<StageCode, string | null>> }

/**
 * Checks a `{changes: [{publisherId, stages: {"E.1": "2024-03-01"}}, …]}` body; throws a Spanish message (the whole
 * batch is refused, nothing written): a date that is not a real day or is after `today` (checkStages, naming the
 * stage), an implementer named twice, or more than MAX_STAGE_BATCH of them.
 */
export function checkStageBatch(v: unknown, today: string): StageBatchChange[] {
  const changes = isObject(v) ? v.changes : undefined;
  if (!Array.isArray(changes) || !changes.length) throw new Error('Envíe «changes» con cada implementador y las fechas de sus etapas, por ejemplo {"changes": [{"publisherId": "mer", "stages": {"E.1": "2024-03-01"}}]}.');
  if (changes.length > MAX_STAGE_BATCH) throw new Error(`Envíe a lo más ${formatCount(MAX_STAGE_BATCH, 'implementador', 'implementadores')} por solicitud (llegaron ${changes.length}): divídalos en varias.`);
  const seen = new Set<string>();
  return changes.map((c: unknown, i) => {
    const publisherId = isObject(c) ? c.publisherId : undefined;
    if (typeof publisherId !== 'string' || !publisherId) throw new Error(`El cambio ${i + 1} de «changes» no dice de qué implementador es («publisherId»).`);
    if (seen.has(publisherId)) throw new Error(`El implementador «${publisherId}» aparece más de una vez en «changes»: envíe sus etapas juntas.`);
    seen.add(publisherId);
    return { publisherId, stages: checkStages(c, today) };
  });
}

/** Whether the stored dates already are what the change asks (nothing to write, and no Bitácora entry). */
export function stagesAlreadySo(stored: Readonly<Record<string, string | undefined>>, change: StageBatchChange['stages']): boolean {
  return Object.entries(change).every(([code, date]) => (date === null ? stored[code] === undefined : stored[code] === date));
}
