import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { EXAMPLES, CUT_OFF, buildExamples, type ExamplePublisher } from '.';
import { METHOD_CODE } from './build-release';
import { localMidnight } from './local-date';
import type { Json, Method } from './types';
import { PROFILES } from '../../core/profile/profiles';
import { rfcProblem } from '../../core/checks/rfc';
import type { Profile, Standard } from '../../core/profile/types';
import { parseDefinitionEntry, type Definition } from '../../core/template/spec';
import { parseCsv } from '../lib/csv';
import { ROOT, STANDARDS_DIR, hasStandards } from '../../test/standards';
import edcaMx from '../../schemas/program/edca-mx.json';
import edcapi from '../../schemas/program/edcapi.json';
import documentStages from '../../schemas/mx-document-stages.json';

type Ref = { id: string; name: string };
const readJson = (file: string): Json => JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
const obj = (v: unknown): Json => (v ?? {}) as Json;
const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const time = (iso: unknown): number => Date.parse(String(iso));

const allReleases = EXAMPLES.flatMap((p) => p.releases);
const allProjects = EXAMPLES.flatMap((p) => p.projects);
const docsOf = (standard: Standard, p: ExamplePublisher): Json[] => (standard === 'ocds' ? p.releases : p.projects);

/** Every leaf of a document: unindexed path, value, JSON pointer. Arrays of scalars are one leaf. */
function leaves(value: unknown, field = '', pointer = ''): Array<{ field: string; value: unknown; pointer: string }> {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) return [{ field, value, pointer }];
    return value.flatMap((v, i) => leaves(v, field, `${pointer}/${i}`));
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, field ? `${field}/${k}` : k, `${pointer}/${k}`));
  }
  return [{ field, value, pointer }];
}

/** Fields the templates expose: the program's columns plus the key columns (root key, `id` of every array level). */
function exposedFields(definition: Definition, profile: Profile, rootKey: string): Set<string> {
  const fields = new Set<string>([rootKey]);
  for (const sheet of definition.sheets) {
    const segments = sheet.array ? sheet.array.split('/') : [];
    segments.forEach((_, i) => {
      const prefix = segments.slice(0, i + 1).join('/');
      if (profile.fields[prefix]?.types.includes('array')) fields.add(`${prefix}/id`);
    });
    for (const entry of sheet.columns) {
      const column = parseDefinitionEntry(entry).path;
      fields.add((sheet.array ? `${sheet.array}/${column}` : column).replace(/\/\d+$/, ''));
    }
  }
  return fields;
}

/** Fields the converter fills itself (release identity, package metadata), not typed by officials. */
const GENERATED: Record<Standard, string[]> = { ocds: ['id', 'date', 'tag', 'initiationType', 'language'], oc4ids: ['updated', 'language'] };

const EXPOSED: Record<Standard, Set<string>> = {
  ocds: exposedFields(edcaMx as Definition, PROFILES.ocds, 'ocid'),
  oc4ids: exposedFields(edcapi as Definition, PROFILES.oc4ids, 'id'),
};

function newAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv;
}

function schemaErrors(schemaFile: string, docs: Json[]): string[] {
  const validate = newAjv().compile(readJson(schemaFile));
  return docs.flatMap((doc) => {
    const label = String(doc.ocid ?? doc.id);
    return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${label}${e.instancePath}: ${e.message}`);
  });
}

describe('example data: coverage', () => {
  it('has a state government and two municipalities, 12+ projects and 18–25 contracting processes', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(3);
    expect(EXAMPLES.filter((p) => p.settings.publisherName.startsWith('Municipio de'))).toHaveLength(2);
    expect(allProjects.length).toBeGreaterThanOrEqual(12);
    expect(allReleases.length).toBeGreaterThanOrEqual(18);
    expect(allReleases.length).toBeLessThanOrEqual(25);
  });

  it('varies project status, sector and type, procurement method, category and stage', () => {
    expect(new Set(allProjects.map((p) => p.status)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(allProjects.flatMap((p) => p.sector as string[])).size).toBeGreaterThanOrEqual(6);
    expect(new Set(allProjects.map((p) => p.type))).toEqual(new Set(['construction', 'rehabilitation', 'replacement', 'expansion']));
    expect(new Set(allReleases.map((r) => obj(r.tender).procurementMethodDetails))).toEqual(new Set(Object.keys(METHOD_CODE)));
    expect(new Set(allReleases.flatMap((r) => obj(r.tender).additionalProcurementCategories as string[]))).toEqual(new Set(['works', 'worksRelatedServices']));
    expect(new Set(allReleases.map((r) => (r.tag as string[]).at(-1)))).toEqual(
      new Set(['planning', 'tender', 'tenderCancellation', 'award', 'contract', 'implementation']));
  });

  it('is deterministic', () => {
    expect(JSON.stringify(buildExamples())).toBe(JSON.stringify(EXAMPLES));
  });
});

describe('example data: schemas and profile', () => {
  it('every release validates against the EDCA-MX release schema (OCDS 1.1.5 + extensions)', () => {
    expect(schemaErrors(path.join(ROOT, 'schemas', 'edca-mx-release-schema.json'), allReleases)).toEqual([]);
  });

  it('every project validates against the EDCAPI project schema (OC4IDS 0.9.5)', () => {
    expect(schemaErrors(path.join(ROOT, 'schemas', 'edcapi-project-schema.json'), allProjects)).toEqual([]);
  });

  (hasStandards ? it : it.skip)('packages of each publisher validate against the official package schemas', () => {
    const ocds = newAjv();
    ocds.addSchema(readJson(path.join(STANDARDS_DIR, 'ocds-1.1.5', 'release-schema.json')));
    const releasePackage = ocds.compile(readJson(path.join(STANDARDS_DIR, 'ocds-1.1.5', 'release-package-schema.json')));
    const oc4ids = newAjv();
    oc4ids.addSchema(readJson(path.join(STANDARDS_DIR, 'oc4ids-0.9.5', 'project-schema.json')));
    const projectPackage = oc4ids.compile(readJson(path.join(STANDARDS_DIR, 'oc4ids-0.9.5', 'project-package-schema.json')));
    for (const p of EXAMPLES) {
      const meta = {
        uri: `https://datos.example/${p.key}`, publishedDate: localMidnight(CUT_OFF, p.settings.timeZone),
        publisher: { name: p.settings.publisherName }, license: p.settings.licenseUrl, publicationPolicy: p.settings.publicationPolicyUrl,
      };
      expect(releasePackage({ ...meta, version: '1.1', releases: p.releases }) || releasePackage.errors).toBe(true);
      expect(projectPackage({ ...meta, version: '0.9', projects: p.projects }) || projectPackage.errors).toBe(true);
    }
  });

  it.each(['ocds', 'oc4ids'] as Standard[])('%s: uses only profile fields, all exposed by the templates', (standard) => {
    const profile = PROFILES[standard];
    const notInProfile = new Set<string>();
    const notExposed = new Set<string>();
    for (const doc of EXAMPLES.flatMap((p) => docsOf(standard, p))) {
      for (const { field } of leaves(doc)) {
        if (!profile.fields[field]) notInProfile.add(field);
        if (!EXPOSED[standard].has(field) && !GENERATED[standard].includes(field)) notExposed.add(field);
      }
    }
    expect([...notInProfile]).toEqual([]);
    expect([...notExposed]).toEqual([]);
  });

  it.each(['ocds', 'oc4ids'] as Standard[])('%s: every code belongs to its codelist', (standard) => {
    const profile = PROFILES[standard];
    const bad: string[] = [];
    for (const doc of EXAMPLES.flatMap((p) => docsOf(standard, p))) {
      for (const { field, value, pointer } of leaves(doc)) {
        // The program replaces the free text of procurementMethodDetails with the Mexican list.
        const name = field === 'tender/procurementMethodDetails' ? 'mx/procurementMethodDetails'
          : field === 'planning/budget/budgetBreakdown/budgetLines/measures/id' ? 'mx/budgetMoment' : profile.fields[field]?.codelist;
        if (!name) continue;
        for (const code of Array.isArray(value) ? value : [value]) {
          if (!profile.codelists[name].codes.includes(String(code))) bad.push(`${pointer}: ${String(code)} ∉ ${name}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  (hasStandards ? it : it.skip)('CUCOP classifications exist in the capture tool catalogue with its description', () => {
    const catalogue = new Map(parseCsv(fs.readFileSync(path.join(STANDARDS_DIR, 'edca-mx', 'capture-tool-catalog-item.csv'), 'utf8'))
      .map((row) => [row.classificationid, row]));
    for (const item of allReleases.flatMap((r) => list(obj(r.tender).items))) {
      const c = obj(item.classification);
      expect(c.scheme).toBe('CUCOP');
      expect(catalogue.get(String(c.id))?.description).toBe(c.description);
      expect(catalogue.get(String(c.id))?.unit).toBe(obj(item.unit).name);
    }
  });
});

describe('example data: identifiers and references', () => {
  it('settings carry well-formed, distinct prefixes and a real time zone', () => {
    for (const { settings } of EXAMPLES) {
      expect(settings.ocidPrefix).toMatch(/^ocds-[a-z0-9]{6}$/);
      expect(settings.projectIdPrefix).toMatch(/^oc4ids-[a-z0-9]{6}$/);
      expect(() => new Intl.DateTimeFormat('es-MX', { timeZone: settings.timeZone })).not.toThrow();
      expect(settings.licenseUrl).toMatch(/^https:\/\//);
      expect(settings.publicationPolicyUrl).toMatch(/^https:\/\//);
    }
    expect(new Set(EXAMPLES.map((p) => p.settings.ocidPrefix)).size).toBe(EXAMPLES.length);
    expect(new Set(EXAMPLES.map((p) => p.settings.projectIdPrefix)).size).toBe(EXAMPLES.length);
  });

  it('ocids and project ids carry the prefixes; projects and processes link both ways, once', () => {
    expect(new Set(allReleases.map((r) => r.id)).size).toBe(allReleases.length);
    for (const p of EXAMPLES) {
      const projectOf = new Map<string, string>();
      for (const project of p.projects) {
        expect(project.id).toMatch(new RegExp(`^${p.settings.projectIdPrefix}-\\S+$`));
        for (const cp of list(project.contractingProcesses)) {
          const ocid = String(obj(cp.summary).ocid);
          expect(cp.id).toBe(ocid);
          expect(projectOf.has(ocid)).toBe(false); // a process belongs to one project only
          projectOf.set(ocid, String(project.id));
        }
      }
      for (const r of p.releases) {
        expect(r.ocid).toBe(`${p.settings.ocidPrefix}-${String(obj(r.tender).id)}`);
        expect(obj(obj(r.planning).project).id).toBe(projectOf.get(String(r.ocid)));
      }
      expect(projectOf.size).toBe(p.releases.length);
    }
  });

  it.each(['ocds', 'oc4ids'] as Standard[])('%s: every party has a valid RFC, an MX-RFC id and at least one role', (standard) => {
    for (const doc of EXAMPLES.flatMap((p) => docsOf(standard, p))) {
      for (const party of list(doc.parties)) {
        const identifier = obj(party.identifier);
        expect(rfcProblem(String(identifier.id))).toBeUndefined();
        expect(identifier.scheme).toBe('MX-RFC');
        expect(party.id).toBe(`MX-RFC-${String(identifier.id)}`);
        expect(identifier.legalName ?? identifier.givenName).toBeTruthy();
        expect(list(party.roles).length).toBeGreaterThan(0);
      }
      expect(new Set(list(doc.parties).map((x) => x.id)).size).toBe(list(doc.parties).length);
    }
  });

  /** Checks that each reference names an existing party, with the same name and the role the reference implies. */
  function missingRefs(doc: Json, refs: Array<[unknown, string]>): string[] {
    const parties = new Map(list(doc.parties).map((x) => [String(x.id), x]));
    return refs.flatMap(([ref, role]) => {
      const r = ref as Ref;
      const party = parties.get(r.id);
      if (!party) return [`${String(doc.ocid ?? doc.id)}: falta ${r.id}`];
      if (party.name !== r.name) return [`${r.id}: nombre distinto`];
      return (party.roles as string[]).includes(role) ? [] : [`${String(doc.ocid ?? doc.id)}: ${r.id} sin rol ${role}`];
    });
  }

  it('ocds: every party referenced exists with the role of the reference', () => {
    for (const r of allReleases) {
      const tender = obj(r.tender);
      const contracts = list(r.contracts);
      const transactions = contracts.flatMap((c) => list(obj(c.implementation).transactions));
      const refs: Array<[unknown, string]> = [
        [r.buyer, 'buyer'],
        [tender.procuringEntity, 'procuringEntity'],
        ...list(tender.tenderers).map((x): [unknown, string] => [x, 'tenderer']),
        ...list(tender.clarificationMeetings).flatMap((m) => [
          ...list(m.attendees).map((x): [unknown, string] => [x, 'attendee']),
          ...list(m.officials).map((x): [unknown, string] => [x, 'official']),
        ]),
        ...list(obj(obj(r.planning).budget).budgetBreakdown).map((b): [unknown, string] => [b.sourceParty, 'funder']),
        ...list(r.awards).flatMap((a) => list(a.suppliers).map((x): [unknown, string] => [x, 'supplier'])),
        ...contracts.flatMap((c) => list(c.guarantees).map((g): [unknown, string] => [g.guarantor, 'guarantor'])),
        ...transactions.flatMap((t): Array<[unknown, string]> => [[t.payer, 'payer'], [t.payee, 'payee']]),
      ];
      expect(missingRefs(r, refs)).toEqual([]);
      if (tender.numberOfTenderers !== undefined) expect(tender.numberOfTenderers).toBe(list(tender.tenderers).length);
    }
  });

  it('oc4ids: every party referenced exists with the role of the reference; one public authority', () => {
    for (const p of allProjects) {
      const summaries = list(p.contractingProcesses).map((cp) => obj(cp.summary));
      const refs: Array<[unknown, string]> = [
        [p.publicAuthority, 'publicAuthority'],
        ...list(obj(p.budget).budgetBreakdowns).flatMap((g) => list(g.budgetBreakdown)).map((b): [unknown, string] => [b.sourceParty, 'funder']),
        ...summaries.map((s): [unknown, string] => [obj(s.tender).procuringEntity, 'procuringEntity']),
        ...summaries.flatMap((s) => list(s.suppliers).map((x): [unknown, string] => [x, 'supplier'])),
        ...summaries.flatMap((s) => list(s.transactions)).flatMap((t): Array<[unknown, string]> => [[t.payer, 'payer'], [t.payee, 'payee']]),
      ];
      expect(missingRefs(p, refs)).toEqual([]);
      expect(list(p.parties).filter((x) => (x.roles as string[]).includes('publicAuthority'))).toHaveLength(1);
    }
  });

  it('project summaries agree with the linked releases', () => {
    const byOcid = new Map(allReleases.map((r) => [String(r.ocid), r]));
    for (const cp of allProjects.flatMap((p) => list(p.contractingProcesses))) {
      const s = obj(cp.summary);
      const r = byOcid.get(String(s.ocid))!;
      const tender = obj(r.tender);
      const contract = list(r.contracts)[0];
      expect((s.nature as string[]).length).toBeGreaterThan(0);
      expect(obj(s.tender).procurementMethod).toBe(tender.procurementMethod);
      expect(obj(s.tender).numberOfTenderers).toBe(tender.numberOfTenderers);
      expect(s.suppliers).toEqual(list(r.awards)[0]?.suppliers);
      expect(obj(s.contractValue).amount).toBe(contract ? obj(contract.value).amount : undefined);
      expect(list(s.transactions).map((t) => t.id)).toEqual(list(obj(contract?.implementation).transactions).map((t) => t.id));
    }
  });
});

describe('example data: dates, amounts, rules', () => {
  it.each(['ocds', 'oc4ids'] as Standard[])('%s: dates are local midnights of 2022–2025 in the publisher\'s time zone', (standard) => {
    const bad: string[] = [];
    for (const p of EXAMPLES) {
      for (const doc of docsOf(standard, p)) {
        for (const { field, value, pointer } of leaves(doc)) {
          if (PROFILES[standard].fields[field]?.format !== 'date-time') continue;
          const s = String(value);
          if (!/^202[2-5]-\d{2}-\d{2}T/.test(s) || localMidnight(s.slice(0, 10), p.settings.timeZone) !== s) bad.push(`${pointer}: ${s}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('ocds: dates follow the process (tender → award → signature → works → payments) and none is after the release', () => {
    for (const r of allReleases) {
      const released = time(r.date);
      expect(String(r.date).slice(0, 10) <= CUT_OFF).toBe(true);
      for (const { field, value } of leaves(r)) {
        if (/(datePublished|dateMet|dateSigned|transactions\/date|awards\/date|amendments\/date|clarificationMeetings\/date)$/.test(field)) {
          expect(time(value)).toBeLessThanOrEqual(released);
        }
      }
      const periods = leaves(r).filter((l) => l.field.endsWith('/startDate')).map((l) => l.pointer.replace(/\/startDate$/, ''));
      for (const pointer of periods) {
        const period = pointer.split('/').slice(1).reduce<unknown>((o, k) => obj(o)[k], r) as Json;
        if (period.endDate) expect(time(period.startDate)).toBeLessThanOrEqual(time(period.endDate));
      }
      const tender = obj(r.tender);
      const tenderPeriod = obj(tender.tenderPeriod);
      if (tender.enquiryPeriod) expect(time(obj(tender.enquiryPeriod).endDate)).toBeLessThanOrEqual(time(tenderPeriod.endDate));
      for (const m of list(tender.clarificationMeetings)) expect(time(m.date)).toBeLessThanOrEqual(time(tenderPeriod.endDate));
      for (const a of list(r.awards)) expect(time(a.date)).toBeGreaterThanOrEqual(time(tenderPeriod.endDate));
      for (const c of list(r.contracts)) {
        const award = list(r.awards).find((a) => a.id === c.awardID)!;
        expect(time(award.date)).toBeLessThanOrEqual(time(c.dateSigned));
        expect(time(c.dateSigned)).toBeLessThanOrEqual(time(obj(c.period).startDate));
        for (const t of list(obj(c.implementation).transactions)) expect(time(t.date)).toBeGreaterThanOrEqual(time(c.dateSigned));
      }
    }
  });

  it('every process classifies its budget by the levels of its clave presupuestaria, and each running contract its own, with their stages', () => {
    // The public pages' «Clasificación presupuestal» tables were empty in every example: no process gave one.
    const types = PROFILES.ocds.codelists['mx/budgetClassificationType'].codes;
    const stagesOf = (levels: Json[]): string[][] => levels.map((l) => list(l.measures).map((m) => String(m.id)));
    for (const r of allReleases) {
      for (const b of list(obj(obj(r.planning).budget).budgetBreakdown)) {
        const levels = list(b.budgetClassification);
        expect(levels.map((l) => l.levelId)).toEqual([1, 2, 3]);
        expect(levels.every((l) => types.includes(String(l.classification)) && l.levelLabel && l.description)).toBe(true);
        // Each level's code is a part of the clave; each level gives the stages its budget line gives.
        const parts = String(b.id).split('-');
        expect(levels.every((l) => String(l.id).split('-').every((x) => parts.includes(x)))).toBe(true);
        const lineStages = list(list(b.budgetLines)[0]?.measures).map((m) => String(m.id));
        expect(stagesOf(levels)).toEqual(levels.map(() => lineStages));
      }
      for (const c of list(r.contracts).filter((k) => k.implementation)) {
        const [item] = list(obj(c.implementation).budgetBreakdown);
        expect(obj(item.amount).amount).toBe(obj(c.value).amount);
        expect(stagesOf(list(item.budgetClassification))).toEqual([['committed', 'paid'], ['committed', 'paid'], ['committed', 'paid']]);
      }
    }
  });

  it('amounts: MXN, contract ≤ award, payments ≤ contract, budget breakdowns add up', () => {
    const cents = (n: unknown): number => Math.round(Number(n) * 100);
    for (const doc of [...allReleases, ...allProjects]) {
      for (const { field, value } of leaves(doc)) {
        if (field.endsWith('/currency')) expect(value).toBe('MXN');
        if (/\/(amount|netAmount)$/.test(field)) expect(Number(value)).toBe(cents(value) / 100); // whole cents
      }
    }
    for (const r of allReleases) {
      const budget = obj(obj(r.planning).budget);
      expect(list(budget.budgetBreakdown).reduce((s, b) => s + cents(obj(b.amount).amount), 0)).toBe(cents(obj(budget.amount).amount));
      for (const a of list(r.awards)) expect(Number(obj(a.value).netAmount)).toBeLessThan(Number(obj(a.value).amount));
      for (const c of list(r.contracts)) {
        const award = list(r.awards).find((a) => a.id === c.awardID)!;
        expect(cents(obj(c.value).amount)).toBeLessThanOrEqual(cents(obj(award.value).amount));
        const paid = list(obj(c.implementation).transactions).reduce((s, t) => s + cents(obj(t.value).amount), 0);
        expect(paid).toBeLessThanOrEqual(cents(obj(c.value).amount));
        if (obj(c.implementation).status === 'concluded') expect(paid).toBe(cents(obj(c.value).amount));
      }
    }
    for (const p of allProjects) {
      const budget = obj(p.budget);
      const parts = list(budget.budgetBreakdowns).flatMap((g) => list(g.budgetBreakdown));
      expect(parts.reduce((s, b) => s + cents(obj(b.amount).amount), 0)).toBe(cents(obj(budget.amount).amount));
      if (p.completion) {
        const final = list(p.contractingProcesses).reduce((s, cp) => s + cents(obj(obj(cp.summary).finalValue).amount ?? 0), 0);
        expect(cents(obj(obj(p.completion).finalValue).amount)).toBe(final);
      }
    }
  });

  it('procurement method and categories follow the Mexican rules (R-11, R-13)', () => {
    for (const r of allReleases) {
      const tender = obj(r.tender);
      expect(tender.procurementMethod).toBe(METHOD_CODE[tender.procurementMethodDetails as Method]);
      const additional = tender.additionalProcurementCategories as string[];
      expect(additional).toHaveLength(1);
      expect(tender.mainProcurementCategory).toBe(additional[0] === 'works' ? 'works' : 'services');
      if (tender.procurementMethod === 'direct') expect(list(tender.tenderers).length).toBeLessThanOrEqual(1);
      if (tender.procurementMethod === 'selective' && tender.tenderers) expect(list(tender.tenderers).length).toBeGreaterThanOrEqual(3);
    }
  });

  it('documents are of a type the EDCA-MX catalogue allows at their stage', () => {
    const stageOf: Record<string, number> = {
      'planning/documents': 1, 'tender/documents': 2, 'awards/documents': 3, 'contracts/documents': 4, 'contracts/implementation/documents': 5,
    };
    const allowed = documentStages as Record<string, number[]>;
    for (const r of allReleases) {
      const cancelled = ['cancelled', 'unsuccessful'].includes(String(obj(r.tender).status));
      for (const { field, value, pointer } of leaves(r)) {
        if (!field.endsWith('/documentType')) continue;
        const stage = stageOf[field.replace(/\/documentType$/, '')];
        const stages = allowed[String(value)] ?? [];
        // With no award, the cancellation notice of a tender can only live among the tender's documents.
        const ok = stages.includes(0) || stages.includes(stage) || (cancelled && stage === 2 && stages.includes(3));
        if (!ok) throw new Error(`${String(r.ocid)}${pointer}: ${String(value)} no corresponde a la etapa ${stage}`);
      }
    }
  });

  it('coordinates are GeoJSON [longitude, latitude] inside the publisher\'s state', () => {
    const BOUNDS: Record<string, { lng: [number, number]; lat: [number, number] }> = {
      'Nuevo León': { lng: [-101.3, -98.4], lat: [23.1, 27.8] },
      'Yucatán': { lng: [-90.5, -87.5], lat: [19.5, 21.7] },
      'Chiapas': { lng: [-94.2, -90.3], lat: [14.5, 18.1] },
    };
    for (const p of EXAMPLES) {
      const box = BOUNDS[p.state];
      const points = [
        ...p.projects.flatMap((x) => list(x.locations)).map((l) => obj(l.geometry)),
        ...p.releases.flatMap((r) => list(obj(r.tender).items)).map((i) => obj(obj(i.deliveryLocation).geometry)),
      ];
      expect(points.length).toBeGreaterThan(0);
      for (const g of points) {
        const [lng, lat] = g.coordinates as number[];
        expect(g.type).toBe('Point');
        expect(lng).toBeGreaterThanOrEqual(box.lng[0]);
        expect(lng).toBeLessThanOrEqual(box.lng[1]);
        expect(lat).toBeGreaterThanOrEqual(box.lat[0]);
        expect(lat).toBeLessThanOrEqual(box.lat[1]);
      }
      for (const l of p.projects.flatMap((x) => list(x.locations))) expect(obj(l.address).region).toBe(p.state);
    }
  });
});
