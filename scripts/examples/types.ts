/** Shapes of the example data: the exported documents and the compact specs they are built from. */
import type { SettingKey } from '../../core/template/settings';

export type Json = Record<string, unknown>;

/** One fictional implementer: its `Configuración` settings and the documents its workbook holds. */
export interface ExamplePublisher {
  key: string;
  settings: Record<SettingKey, string>;
  /** Mexican state (entidad federativa) the implementer belongs to. */
  state: string;
  /** EDCA-MX releases: one per contracting process, its full current state. */
  releases: Json[];
  /** EDCAPI (OC4IDS 0.9.5) projects. */
  projects: Json[];
}

export interface Address { streetAddress: string; locality: string; region: string; postalCode: string }
export interface Contact { name: string; email: string; telephone: string }
export interface PersonName { givenName: string; patronymicName: string; matronymicName: string }

/** A public body, company or person that takes part in the examples, identified by its RFC. */
export interface Org {
  rfc: string;
  name: string;
  /** Set for personas físicas (13-character RFC); personas morales use `name` as legal name. */
  person?: PersonName;
  address: Address;
  contact: Contact;
}

export type Method = 'Licitación pública' | 'Invitación a cuando menos tres personas' | 'Adjudicación directa';

/** How far a contracting process has got by the data's cut-off date. */
export type Stage = 'planning' | 'tender' | 'award' | 'contract' | 'implementation' | 'concluded' | 'cancelled';

export interface CucopItem {
  /** CUCOP code and its catalogue description (capture tool catalogue, verbatim). */
  code: string;
  catalogue: string;
  unit: string;
  /** What is bought, in plain words. */
  description: string;
}

export interface ProcessSpec {
  /** Tender id; the ocid is `{ocidPrefix}-{localId}`. */
  localId: string;
  stage: Stage;
  method: Method;
  /** EDCA-MX additional category: works = obra pública; worksRelatedServices = servicios relacionados. */
  category: 'works' | 'worksRelatedServices';
  nature: Array<'design' | 'construction' | 'supervision'>;
  title: string;
  description: string;
  rationale: string;
  /** Date the need and the budget were documented (YYYY-MM-DD); every later date follows from it. */
  planningDate: string;
  budget: number;
  estimate: number;
  /** Awarded amount with IVA (the contract keeps it). */
  award?: number;
  item: CucopItem;
  /** Bidders, the winner first (one for adjudicación directa). */
  tenderers: Org[];
  durationDays: number;
  /** Share of the contract paid by the cut-off date while works are ongoing. */
  paidShare?: number;
  guarantor?: Org;
  /** Public servant who chaired the clarification meeting. */
  official?: Org;
  surveillance?: string[];
  amendment?: { date: string; extraDays: number; rationale: string; description: string };
  cancellation?: string;
  /** Clave presupuestaria (budget key) of the budget line. */
  budgetKey: string;
  fund: string;
}

export interface ProjectSpec {
  localId: string;
  title: string;
  description: string;
  purpose: string;
  status: 'identification' | 'preparation' | 'implementation' | 'completion' | 'cancelled';
  type: 'construction' | 'rehabilitation' | 'replacement' | 'expansion';
  sector: string[];
  sdg?: { id: string; description: string };
  location: { description: string; lng: number; lat: number; address: Address };
  budget: number;
  budgetDescription: string;
  requestDate: string;
  approvalDate: string;
  start: string;
  end: string;
  assetLifetimeYears?: number;
  completion?: { endDateDetails: string; finalScope: string; finalScopeDetails: string; finalValueDetails: string };
  cancellationDetails?: string;
  processes: ProcessSpec[];
}

export interface PublisherSpec {
  key: string;
  state: string;
  /** The `Configuración` values other than the state, which comes from `state`. */
  settings: Omit<Record<SettingKey, string>, 'state'>;
  /** Public authority of the projects, buyer and procuring entity of the processes. */
  authority: Org;
  /** Who funds and pays (may be the authority itself, as in a municipality with one RFC). */
  treasury: Org;
  /** Host for document URLs (reserved .example domain: clearly not a real site). */
  documentHost: string;
  /** Law the procedures follow, quoted in the procurement method rationale. */
  law: string;
  projects: ProjectSpec[];
}
