/**
 * Apps Script entry points: every export becomes a top-level function in Code.js (scripts/build-addon.ts),
 * callable from menus, triggers and `google.script.run`. Logic lives in the modules imported here.
 */
import { templateSpec } from '../../core/template/template-spec';
import { appsScriptHost } from './apps-script/apps-script-host';
import { approveSubmission as approve, connectionCheck, currentConfig, linkLookup, registeredPrefixes, returnSubmission as giveBack, reviewContext as review, reviewContextAfter, sentComparison, submissionsOfSheet, sendOutcome as outcomeOf, submitForReview as submit, withdrawSubmission as takeBack } from './backend/review';
import { backendConfigured } from './config';
import { saveSettings, settingsHtml, settingsView, type SettingsInput, type SettingsView } from './settings/settings';
import { host, setHostFactory, type Host } from './host';
import { ADDON_TITLE, HELP_HTML, HELP_TITLE, MENU, SETTINGS_TITLE } from './menu';
import type { CellJump, CellSeen, FindingItem, FindingSeen, ReviewContext, ServerApi, SheetPlan, SidebarContext, ValidationReport } from './rpc-types';
import { createTemplate, templateReportText } from './template/create-template';
import { userFacing } from './user-error';
import { toastSeconds } from './toast-time';
import { pipelineWith } from './validation/core-pipeline';
import { documentMarkReach, removeMarks } from './validation/marks';
import { runValidation as validate, validationPlan as plan } from './validation/run-validation';
import { laterPage } from './validation/later-findings';
import { findingSheet, rowsMoved, selectAgain, selectSeen } from './validation/finding-jump';
import { deadlineFrom } from './validation/time-limit';

setHostFactory(appsScriptHost);

interface OpenEvent { authMode?: unknown }

/**
 * Builds the menu and nothing else, whatever the AuthMode: under AuthMode.NONE (add-on installed but not yet used
 * in this document) touching the spreadsheet, properties or the network is not allowed, and the style guide says
 * not to open a sidebar when a document opens.
 */
export function onOpen(_e?: OpenEvent): void {
  host().ui().addMenu([...MENU]);
}

/** Runs right after installation, so the menu appears without reloading the document. */
export function onInstall(e?: OpenEvent): void {
  onOpen(e);
}

function guarded<T>(work: () => T): T {
  return userFacing(work, (e) => host().log(e));
}

export function menuCreateTemplate(): void {
  guarded(() => {
    const ss = host().spreadsheet();
    const text = templateReportText(createTemplate(ss, templateSpec()));
    ss.toast(text, ADDON_TITLE, toastSeconds(text));
  });
}

/** Opens the sidebar validating: the menu item says «Validar datos», and pressing «Validar» again was a step too many. */
export function menuValidate(): void {
  guarded(() => host().ui().showSidebar(ADDON_TITLE, 'validate'));
}

export function menuRemoveMarks(): void {
  guarded(() => {
    const ss = host().spreadsheet();
    removeMarks(ss, documentMarkReach(host().properties()));
    const text = 'Se quitaron las marcas de la validación.';
    ss.toast(text, ADDON_TITLE, toastSeconds(text));
  });
}

export function menuSettings(): void {
  guarded(() => {
    const h = host();
    h.ui().showDialog(SETTINGS_TITLE, settingsHtml(settingsView(h.config(), h.properties(), h.spreadsheet().id())));
  });
}

export function menuHelp(): void {
  guarded(() => host().ui().showDialog(HELP_TITLE, HELP_HTML));
}

// google.script.run API of the sidebar (typed by ServerApi).

export function sidebarContext(): SidebarContext {
  return guarded(() => {
    const h = host();
    const config = currentConfig(h);
    return { spreadsheetName: h.spreadsheet().name(), backendConfigured: backendConfigured(config), serviceAccount: config.serviceAccount };
  });
}

export function validationPlan(): SheetPlan[] {
  return guarded(() => plan(host().spreadsheet()));
}

/**
 * «Validar»: asked once, the prefixes the check uses, the submission the sheet is compared with, and its state for the
 * sidebar, which otherwise asks only when it opens: an official who keeps it open while the coordinators return the
 * send saw «En revisión» and no comments until closing and opening it again. It is also the sidebar's only question
 * when «Validar datos» opens it (it asked for the list twice).
 */
function validateNow(h: Host, startedAt = Date.now()): ValidationReport {
  let failure: string | undefined;
  let transient = true;
  const list = submissionsOfSheet(h, (message, retry) => { failure = message; transient = retry; });
  const prefixes = registeredPrefixes(h, list);
  const report = validate(h.spreadsheet(), pipelineWith(prefixes, linkLookup(h, prefixes)), sentComparison(h, list), { cache: h.cache(), log: (e) => h.log(e) }, documentMarkReach(h.properties()), deadlineFrom(startedAt));
  const review = reviewContextAfter(h, list, failure);
  return { ...report, ...(review ? { review } : {}), ...(failure !== undefined ? { reviewFailure: failure, reviewFailureTransient: transient } : {}) };
}

export function runValidation(): ValidationReport {
  const startedAt = Date.now();
  return guarded(() => validateNow(host(), startedAt));
}

/** A sidebar older than goToFinding: selects the cell as read, and says when the rows changed since. */
export function selectCell(sheet: string, row: number, column: number, seen?: CellSeen): string | null {
  return guarded(() => selectSeen(findingSheet(host().spreadsheet(), String(sheet), seen), row, column, seen));
}

/**
 * A click on a finding (finding-jump.ts): its cell selected; when the sheet's rows changed since validating, validated
 * again first, the finding found where it is now, and the new list given to the sidebar to draw.
 */
export function goToFinding(sheet: string, row: number, column: number, seen?: FindingSeen): CellJump {
  const startedAt = Date.now();
  return guarded(() => {
    const h = host();
    const ws = findingSheet(h.spreadsheet(), String(sheet), seen);
    if (seen && typeof seen.message === 'string' && rowsMoved(ws, seen)) {
      const report = validateNow(h, startedAt);
      return { ...selectAgain(ws, report, seen, Number(row)), report };
    }
    return { notice: selectSeen(ws, row, column, seen), selected: true };
  });
}

export function moreFindings(run: string, sheet: number, field: number, page: number): FindingItem[] | null {
  return guarded(() => laterPage(host().cache(), run, sheet, field, page));
}

export function clearMarks(): void {
  guarded(() => removeMarks(host().spreadsheet(), documentMarkReach(host().properties())));
}

export function reviewContext(): ReviewContext {
  return guarded(() => review(host()));
}

export function submitForReview(): ReviewContext {
  const startedAt = Date.now();
  return guarded(() => submit(host(), pipelineWith(registeredPrefixes(host(), submissionsOfSheet(host()))), deadlineFrom(startedAt)));
}

/** `location` arrives from the sidebar (google.script.run): what submitForReview answered in `checking`. */
export function sendOutcome(location: string): ReviewContext {
  return guarded(() => outcomeOf(host(), String(location ?? '')));
}

/** `revision` arrives from the sidebar (google.script.run): a string, or nothing. */
const revisionOf = (revision: unknown): string | undefined => (typeof revision === 'string' && revision ? revision : undefined);

export function approveSubmission(id: string, revision?: string): ReviewContext {
  return guarded(() => approve(host(), String(id), revisionOf(revision)));
}

export function returnSubmission(id: string, comment: string, revision?: string): ReviewContext {
  return guarded(() => giveBack(host(), String(id), String(comment ?? ''), revisionOf(revision)));
}

export function withdrawSubmission(id: string): ReviewContext {
  return guarded(() => takeBack(host(), String(id)));
}

export function addonSettings(): SettingsView {
  return guarded(() => settingsView(host().config(), host().properties(), host().spreadsheet().id()));
}

export function saveAddonSettings(input: SettingsInput): SettingsView {
  return guarded(() => {
    const raw = (input ?? {}) as Partial<SettingsInput>;
    const saved = saveSettings(host().config(), host().properties(), { backendUrl: String(raw.backendUrl ?? ''), apiToken: String(raw.apiToken ?? '') }, host().spreadsheet().id());
    return { ...saved, check: connectionCheck(host()) };
  });
}

/** Compile-time check that the sidebar API above matches ServerApi exactly. */
const _api: ServerApi = { sidebarContext, validationPlan, runValidation, selectCell, goToFinding, moreFindings, clearMarks, reviewContext, submitForReview, sendOutcome, approveSubmission, returnSubmission, withdrawSubmission, addonSettings, saveAddonSettings };
void _api;
