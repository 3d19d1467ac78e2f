/**
 * Verdicts of the compiled validators worked out on another thread (schema-worker.ts), looked up by the CLI
 * bundles' validator stand-ins (scripts/build.ts) before they run the validator themselves. Nothing registered,
 * or a document the source does not know: the stand-in validates as always.
 */
export interface SchemaVerdict {
  valid: boolean;
  /** The validator's `.errors` (ajv error objects), null when valid. */
  errors: unknown[] | null;
}

export interface VerdictSource {
  /** The verdict of `validator` (its file name: `edca-mx-release`) on `data`, or undefined to validate here. */
  take(validator: string, data: unknown): SchemaVerdict | undefined;
}

let source: VerdictSource | undefined;

export function setVerdictSource(next: VerdictSource | undefined): void {
  source = next;
}

export function precomputedVerdict(validator: string, data: unknown): SchemaVerdict | undefined {
  return source?.take(validator, data);
}
