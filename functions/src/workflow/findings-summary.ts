/** What a submission keeps of a validation: counts and the first findings, errors first (documents stay small). */
import type { Finding } from '../../../core/findings/finding';
import { renderFinding } from '../../../core/messages/render';
import type { FindingsSummary } from '../store/store';

export const SAMPLE_SIZE = 50;
const ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * Errors, then personal data found in free texts (core/checks/personal-data-text.ts), then the other warnings: the
 * coordinator decides on the sample, and a CURP in a description listed 51st, after fifty missing fields, went
 * unseen into the publication.
 */
const rank = (f: Finding): number => ORDER[f.severity] * 2 + (f.code.startsWith('privacy.') ? 0 : 1);

/** In that order, each rank in the order given (a stable sort): the order of the sample and of every finding kept (send-findings.ts). */
export const rankedFindings = (findings: readonly Finding[]): Finding[] => [...findings].sort((a, b) => rank(a) - rank(b));

export function summarizeFindings(findings: Finding[], sampleSize = SAMPLE_SIZE): FindingsSummary {
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  const sample = rankedFindings(findings).slice(0, sampleSize);
  return { errors: count('error'), warnings: count('warning'), infos: count('info'), ...(sample.length ? { sample } : {}) };
}

/** Findings as the API shows them: the typed finding plus its Spanish text. */
export function renderedFindings(findings: Finding[]): (Finding & { message: string })[] {
  return findings.map((f) => ({ ...f, message: renderFinding(f) }));
}
