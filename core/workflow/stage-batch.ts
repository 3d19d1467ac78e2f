/**
 * One program stage recorded for several implementers at once (*Etapas del programa*, «Una etapa para varios
 * implementadores»). A state's coordination follows 25 to 60 of them, and a stage is often reached by a group on the
 * same day (the REDA session, a joint public presentation): one at a time, that was choosing each implementer,
 * typing the date and saving, 60 times over. This plans the writes (only the implementers whose date for that stage
 * differs) and says the outcome by name; the page sends one PUT /api/publishers/{id}/stages each, as the form of one
 * implementer does, so the server, its checks and its Bitácora entries are the same.
 * Pure: no I/O.
 */
import { formatCount, formatDate, formatList } from '../format/es-mx';
import { readTypedDate } from '../format/typed-date';
import { STAGES, type StageCode } from './stages';

export interface StageHolder { publisherId: string; name: string; stages: Record<string, string> }

/** `on`: what to correct, the date typed or the implementers marked (the page focuses it). */
export type StageBatchPlan =
  | { problem: string; on: 'date' | 'marks' }
  | { iso: string; write: StageHolder[]; already: StageHolder[] };

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
 * What was done, by name: saved, already recorded with that date, each refusal with the server's reason, and those not
 * tried (`untried`: the page stops at a refusal that every next one would get too — the session ended, too many
 * requests, no answer).
 */
export function stageBatchOutcome(code: StageCode, iso: string, saved: readonly string[], already: readonly string[], failed: readonly { name: string; message: string }[], untried: readonly string[] = []): string {
  const label = stageName(code);
  const day = formatDate(iso);
  const parts: string[] = [];
  if (saved.length) parts.push(`Se registró la etapa ${label} el ${day} para ${formatCount(saved.length, 'implementador', 'implementadores')}: ${formatList(saved)}.`);
  if (already.length) parts.push(`${formatList(already)} ya ${already.length === 1 ? 'la tenía' : 'la tenían'} registrada con esa fecha.`);
  for (const f of failed) parts.push(`No se registró para ${f.name}: ${f.message}`);
  if (untried.length) parts.push(`No se intentó para ${formatList(untried)}: vuelva a registrarla para ${untried.length === 1 ? 'ese implementador' : 'esos implementadores'}.`);
  return parts.length ? parts.join(' ') : 'No hay cambios que guardar.';
}
