/**
 * Client of the backend's submission API, speaking the one workflow contract (core/workflow/contract.ts): every
 * answer is checked at run time, so a backend that answers another shape is a clear Spanish error here, never a
 * silently hidden section. Identity: the Google ID token of the person using the sheet (cloud), or the personal
 * API token set in the settings dialog (self-hosted). Error bodies are `{error: {code, message}}` in Spanish.
 */
import {
  checkApproveAnswer, checkCompareAnswer, checkSubmissionAnswer, checkSubmissionListAnswer, checkSubmitOrChecking, ContractError, readErrorAnswer, WORKBOOK_JSON_MIME, WORKFLOW_PATHS,
  type CompareAnswer, type FindingView, type SubmissionAnswer, type SubmissionListAnswer, type SendCheckingAnswer, type SubmitAnswer, type WorkbookValues,
  checkPublisherPrefixes, DEFAULT_MAX_BODY_BYTES, ACCESS_KEY_REQUIRED, MAX_WORKBOOK_VALUES_BYTES, NEWEST_FIRST, type RegisteredPrefixes,
} from '../../../core/workflow/contract';
import { formatFileSize, formatNumber } from '../../../core/format/es-mx';
import { leftOut, type RefusalCounts } from '../../../core/workflow/refusal-findings';
import { REFUSAL_SEEN_BY_COORDINATION } from '../../../core/workflow/refusal-seen';
import { ServerUnavailable, UserError } from '../user-error';
import { checkLinkCheckAnswer, LINK_CHECK_PATH, type LinkCheckRequest } from '../../../core/workflow/link-check';
import type { Finding } from '../../../core/findings/finding';
import type { HttpPort, HttpRequest } from './http-port';

/**
 * What UrlFetchApp sends in one request at most: «URL Fetch POST size: 50 MB / call» (Apps Script quotas, current
 * limitations). A self-hosted send carries the workbook's values (about 16 MB for 1,000 processes of the demo's
 * density, bench synthetic workbook), compressed with gzip; past the limit the fetch throws, and the official read
 * «Revise su conexión».
 */
export const URL_FETCH_MAX_PAYLOAD_BYTES = 50 * 1000 * 1000;

/** What to do when the sheet's data cannot go from Google Sheets: the server reads an .xlsx within other limits (read-limits.ts). */
const SEND_AS_EXCEL = 'Descárguelo como Excel (Archivo → Descargar → Microsoft Excel) y envíelo desde el tablero, en «Mis envíos», o divida la información en dos libros.';

/** Bytes of `text` in UTF-8, counted only when it could be over `limit` (a character is at most 3 bytes per UTF-16 unit). */
export function utf8BytesOver(text: string, limit: number): number | undefined {
  if (text.length * 3 <= limit) return undefined;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A surrogate pair (4 bytes) is two units of 2 each.
    bytes += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 2 : 3;
  }
  return bytes > limit ? bytes : undefined;
}

/** Over UrlFetchApp's limit, in Google's own unit (decimal megabytes), so the size and the limit compare as the official reads them. */
function googleLimit(bytes: number, packed: string): UserError {
  const mb = (n: number) => `${formatNumber(n / 1e6, n % 1e6 ? 1 : 0)} MB`;
  return new UserError(`El libro es demasiado grande para enviarlo desde Google Sheets: sus datos ${packed}pesan ${mb(bytes)} y Google permite enviar hasta ${mb(URL_FETCH_MAX_PAYLOAD_BYTES)} a la vez. ${SEND_AS_EXCEL}`);
}

function statusMessage(status: number): string {
  if (status === 401) return 'No se pudo confirmar su identidad ante el servidor. Revise su clave de acceso en Configurar servidor, o cierre y vuelva a abrir la hoja.';
  if (status === 403) return 'Su cuenta no tiene permiso para esta acción. Pida acceso a su coordinación.';
  if (status === 404) return 'El servidor no encontró el envío. Actualice el panel e intente de nuevo.';
  if (status === 409) return 'El envío cambió mientras tanto. Actualice el panel e intente de nuevo.';
  // Our server says why in its own words (readErrorAnswer); a bare 413 comes from a proxy in front of it (nginx takes
  // 1 MB by default), which only whoever runs the server can widen.
  if (status === 413) return `El servidor no recibió el envío por su tamaño: lo rechazó el proxy que tiene delante, con un límite menor que el del servidor. Pida a quien administra el servidor que lo amplíe (en nginx, client_max_body_size) al menos a ${formatFileSize(DEFAULT_MAX_BODY_BYTES)}, lo que el servidor recibe por omisión.`;
  return 'El servidor no pudo atender la solicitud. Intente de nuevo en unos minutos.';
}

/**
 * A self-hosted server asked for an access key and the add-on sent the Google identity: no key was ever saved. The
 * official had read «La clave de acceso no es válida o fue revocada» on the first «Validar», before typing any key.
 */
export const ACCESS_KEY_MISSING = 'Falta su clave de acceso: el servidor de su institución no entra con su cuenta de Google. Abra Extensiones → Infraestructura Abierta → Configurar servidor y escriba en «Clave de acceso» la que le dio quien administra el servidor (empieza con «ia_»).';

/**
 * Where a send's refusal is seen whole by its official: «Validar» runs the send's checks — the same core pipeline with the institution's registered prefixes, and what the registry says of
 * other implementers' processes (POST /api/link-check) — marking each cell.
 */
export const SEE_ALL_WITH_VALIDAR = 'use Validar para verlos todos';

/**
 * Where an approval's refusal is seen whole: the approval checks the version that was sent, not the sheet as it is
 * now, and keeps every finding with the send (send-findings.ts), listed on its review page. «Validar» read the live
 * sheet, where the official may already have changed what the coordinator was told about.
 */
export function seeAllOnReviewPage(baseUrl: string, id: string): string {
  return `véalos todos, con su hoja y su celda, en la página del envío: ${baseUrl.replace(/\/+$/, '')}/#/revision/${encodeURIComponent(id)}`;
}

/**
 * «Proyectos!C7: mensaje» for the first findings of a refusal, so the official knows where to look, and how many
 * more there are: counted by the server's `counts` (refusal-findings.ts), as its list may leave some out — counted
 * from the list, 700 errors read «y 195 más». `seeAll`: where the rest are (a send's, or an approval's).
 */
export function findingsText(findings: FindingView[] | undefined, counts?: RefusalCounts, max = 5, seeAll = SEE_ALL_WITH_VALIDAR): string {
  if (!findings?.length) return '';
  const lines = findings.slice(0, max).map((f) => `• ${f.message}`);
  const more = Math.max(findings.length - max, 0) + leftOut(findings.length, counts);
  return `\n${lines.join('\n')}${more > 0 ? `\n… y ${formatNumber(more, 0)} más: ${seeAll}.` : ''}`;
}

export class BackendClient {
  /** `keyless`: no access key is saved, so `credential` gives the Google identity (the cloud's way in). */
  constructor(private readonly http: HttpPort, private readonly baseUrl: string, private readonly credential: () => string, private readonly keyless = false) {}

  /**
   * `aSend`: the request is a send (or asks for a send's outcome), whose refusal for errors its coordination sees for a
   * week (refused-sends.ts) — said after the findings, in the words «Mis envíos» uses. An approval's refusal is not kept so.
   */
  private call<T>(method: HttpRequest['method'], path: string, check: (body: unknown) => T, body?: unknown, contentType?: string, seeAll?: string, aSend = false): T {
    const request: HttpRequest = {
      method,
      url: this.baseUrl.replace(/\/+$/, '') + path,
      headers: { Authorization: `Bearer ${this.credential()}`, Accept: 'application/json' },
    };
    if (body !== undefined) {
      const text = JSON.stringify(body);
      // A workbook's values go compressed (bench:send: 1/49 of the synthetic workbook's JSON at 1,000 processes, whose
      // processes are clones; the demo's 5 distinct processes, 1/8): a self-hosted server refused them uncompressed past
      // its MAX_BODY_BYTES (then 20 MB, about 1,300 processes), and Google past 50 MB (about 3,100).
      // The limits are checked before sending, with what to do instead: the server's on the values once decompressed
      // (fixed in the contract), Google's on what travels.
      if (contentType === WORKBOOK_JSON_MIME) {
        const packed = this.http.gzip(text, contentType);
        if (packed.inflatedBytes > MAX_WORKBOOK_VALUES_BYTES) {
          // In the server's unit (formatFileSize), so the figure matches what the server would have said.
          throw new UserError(`El libro es demasiado grande para enviarlo desde Google Sheets: sus datos ocupan ${formatFileSize(packed.inflatedBytes)} y el servidor recibe hasta ${formatFileSize(MAX_WORKBOOK_VALUES_BYTES)} de datos por envío. ${SEND_AS_EXCEL}`);
        }
        if (packed.bytes > URL_FETCH_MAX_PAYLOAD_BYTES) throw googleLimit(packed.bytes, 'comprimidos ');
        request.body = packed;
        request.headers['Content-Encoding'] = 'gzip';
      } else {
        const over = utf8BytesOver(text, URL_FETCH_MAX_PAYLOAD_BYTES);
        if (over !== undefined) throw googleLimit(over, '');
        request.body = text;
      }
    }
    if (contentType) request.contentType = contentType;
    let response;
    try {
      response = this.http.fetch(request);
    } catch {
      throw new ServerUnavailable('No fue posible comunicarse con el servidor de Infraestructura Abierta. Revise su conexión y la dirección en Configurar servidor, e intente de nuevo.');
    }
    let parsed: unknown = null;
    try { parsed = response.text ? JSON.parse(response.text) : null; } catch { parsed = null; }
    if (response.status >= 200 && response.status < 300) {
      try {
        return check(parsed);
      } catch (e) {
        if (e instanceof ContractError) throw new UserError(`El servidor respondió algo que esta versión del complemento no reconoce (${e.path}). Avise a quien administra el servidor.`);
        throw e;
      }
    }
    const error = readErrorAnswer(parsed);
    if (this.keyless && response.status === 401 && error?.error.code === ACCESS_KEY_REQUIRED) throw new UserError(ACCESS_KEY_MISSING, 401);
    const seen = aSend && error?.error.code === 'workbook-has-errors' ? `\n${REFUSAL_SEEN_BY_COORDINATION}` : '';
    const message = error ? error.error.message + findingsText(error.error.findings, error.error.counts, undefined, seeAll) + seen : statusMessage(response.status);
    throw response.status >= 500 || response.status === 429 ? new ServerUnavailable(message, response.status) : new UserError(message, response.status);
  }

  /** The prefixes the platform registered for `publisherId` (public list), or undefined when it has none by that id. */
  registeredPrefixes(publisherId: string): RegisteredPrefixes | undefined {
    return this.call('get', '/api/publishers', checkPublisherPrefixes).find((p) => p.id === publisherId);
  }

  /** What a send would add about the workbook's references to other implementers (core/workflow/link-check.ts). */
  linkCheck(publisherId: string, references: Omit<LinkCheckRequest, 'publisherId'>): Finding[] {
    return this.call('post', LINK_CHECK_PATH, checkLinkCheckAnswer, { publisherId, ...references }, 'application/json').findings;
  }

  /**
   * This spreadsheet's sends, the newest first: the panel is about the latest. The server reads a bounded number of
   * the institution's sends to find the sheet's (workflow-routes.ts MAX_SCANNED_PAGES); read from the oldest, past
   * about 2,000 of them the sheet's latest send was not among those read, and the panel showed an older state.
   */
  list(spreadsheetId: string): SubmissionListAnswer {
    try {
      return this.call('get', `${WORKFLOW_PATHS.submissions}?spreadsheetId=${encodeURIComponent(spreadsheetId)}&order=${NEWEST_FIRST}`, checkSubmissionListAnswer);
    } catch (e) {
      // Our server always has this list (empty at first): a 404 is another site, or ours under a wrong path (an address
      // copied with «/tablero»). «No existe esa página» or «no encontró el envío» did not say the address was wrong.
      if (e instanceof UserError && e.status === 404) throw new UserError(`En ${this.baseUrl} no responde un servidor de Infraestructura Abierta (no tiene la ruta ${WORKFLOW_PATHS.submissions}). Revise la dirección en Configurar servidor: es la que le dio su coordinación, solo hasta el nombre del sitio, como https://infra-abierta.web.app.`, 404);
      throw e;
    }
  }

  /**
   * Cloud: the backend pulls the sheet. Self-hosted: the add-on sends the values it read. Either way with the
   * spreadsheet's name, which the coordinators' inbox shows.
   */
  submit(spreadsheetId: string, values?: WorkbookValues, spreadsheetName?: string): SubmitAnswer | SendCheckingAnswer {
    const named = spreadsheetName ? { spreadsheetName } : {};
    if (values) return this.call('post', WORKFLOW_PATHS.submissions, checkSubmitOrChecking, { spreadsheetId, ...named, workbook: values }, WORKBOOK_JSON_MIME, undefined, true);
    return this.call('post', WORKFLOW_PATHS.submissions, checkSubmitOrChecking, { spreadsheetId, ...named }, undefined, undefined, true);
  }

  /**
   * A send the server was still checking when it answered (SEND_CHECKING), asked again where it said: the same
   * «se está revisando», or what the send answers (its refusal thrown as the POST's was). Only that address, so a
   * page cannot make this script ask anything else with the official's credential.
   */
  sendOutcome(location: string): SubmitAnswer | SendCheckingAnswer {
    const prefix = WORKFLOW_PATHS.sendCheck('');
    if (!location.startsWith(prefix) || !/^[A-Za-z0-9%._~-]+$/.test(location.slice(prefix.length))) throw new UserError('El panel pidió el resultado de un envío con una dirección que no es la del servidor. Cierre y vuelva a abrir el panel.');
    return this.call('get', location, checkSubmitOrChecking, undefined, undefined, undefined, true);
  }

  /** Does the sheet still hold what submission `id` sent? Self-hosted the add-on sends the values; in the cloud the backend reads the sheet. */
  compare(id: string, values?: WorkbookValues): CompareAnswer {
    if (values) return this.call('post', WORKFLOW_PATHS.compare(id), checkCompareAnswer, { workbook: values }, WORKBOOK_JSON_MIME);
    return this.call('post', WORKFLOW_PATHS.compare(id), checkCompareAnswer, {});
  }

  /** `revision`: the one the coordinator was shown (DecisionRequest); another one under review is refused (409). */
  approve(id: string, revision?: string): SubmissionAnswer {
    const seeAll = seeAllOnReviewPage(this.baseUrl, id);
    return this.call('post', WORKFLOW_PATHS.approve(id), checkApproveAnswer, revision ? { revision } : undefined, undefined, seeAll);
  }

  withdraw(id: string): SubmissionAnswer {
    return this.call('post', WORKFLOW_PATHS.withdraw(id), checkSubmissionAnswer);
  }

  returnWithComment(id: string, comment: string, revision?: string): SubmissionAnswer {
    return this.call('post', WORKFLOW_PATHS.return(id), checkSubmissionAnswer, { comment, ...(revision ? { revision } : {}) });
  }
}
