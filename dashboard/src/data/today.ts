/**
 * The day it is in Mexico City (aaaa-mm-dd, mexicoCityDay), worked out once a minute: a list sorted by a project's
 * delay (schedule-slip.ts) asks for it once per comparison. What the pages count «today» from and cite as the day
 * they were consulted.
 */
import { mexicoCityDay } from '../../../core/format/es-mx';

let at = -Infinity;
let day = '';

export function today(): string {
  const now = Date.now();
  if (now - at > 60_000) { day = mexicoCityDay(now); at = now; }
  return day;
}
