/** Structure of a schema profile as written by scripts/generate-profile.ts (no prose: titles live in schemas/labels). */
export type Standard = 'ocds' | 'oc4ids';

export interface FieldInfo {
  /** JSON types allowed by the schema, without "null". */
  types: string[];
  format?: string;
  pattern?: string;
  /** Required by the schema within its parent object. */
  required?: boolean;
  /** Codelist name (file name without .csv) and whether it is open (OCDS codelist rules). */
  codelist?: string;
  openCodelist?: boolean;
  /** For arrays: the JSON type of the items ("object" for arrays of objects). */
  items?: string;
  /** OCDS merge rules (see OCDS 1.1 "Merging"). */
  wholeListMerge?: boolean;
  omitWhenMerged?: boolean;
  minimum?: number;
  minLength?: number;
  /** A title or name (scripts/profile-builder.ts): its text is one line, its spaces single (core/unflatten/text-spacing.ts). */
  singleLine?: boolean;
}

export interface Codelist {
  open: boolean;
  codes: string[];
  /**
   * Of `codes`, those the program adds to the standard's own open list (the Mexican document types): what its
   * extension declares as `+{list}.csv`, so outside tools find the codes the data uses (own-extension-codelists.ts).
   */
  added?: string[];
}

export interface Profile {
  standard: Standard;
  version: string;
  /** Unindexed "/"-separated paths from the document root. */
  fields: Record<string, FieldInfo>;
  codelists: Record<string, Codelist>;
}

/** The schema's English titles (schemas/field-titles-en.json): a field's title, or its title and its fields' titles. */
export interface FieldTitles { [field: string]: string | [string, FieldTitles] }
