/** One implementer on the control board (*Seguimiento*): served by /api/tracking, drawn by the dashboard. */
export interface TrackingRow {
  publisherId: string;
  name: string;
  state: string;
  committed: number;
  periodicityDays: number;
  /** Projects in the current publication. */
  published: number;
  /** Submissions approved (including those already published). */
  approved: number;
  /** Submissions awaiting the coordinators' decision: in review, or approved and their publication failed. */
  pendingReview: number;
  lastPublishedAt: string | null;
  /**
   * When a coordinator last approved a submission identical to the published data (Publisher.confirmedAt): an
   * update of the commitment although nothing new was published. Null when never.
   */
  confirmedAt: string | null;
  /** When the publisher was registered (null: before the date was kept); its first publication is due a period later. */
  registeredAt: string | null;
  /** Mexico City calendar days since the last publication or, when later, the last confirmation (core/workflow/update-due.ts). */
  daysSinceUpdate: number | null;
  /**
   * What its current publication still lacks of what each stage asks (*Pendientes por completar*): CoST IDS points of
   * its projects and key documents of its processes, as many as that page lists. Null when not counted: nothing
   * published, or published before the count was kept with the publication (or judged by an earlier version).
   */
  pending?: { points: number; documents: number } | null;
  /** Program stages reached: code (E.1…E.7) → YYYY-MM-DD (core/workflow/stages.ts). */
  stages?: Partial<Record<string, string>>;
}
