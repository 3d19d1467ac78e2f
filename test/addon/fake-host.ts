/**
 * A fake host for the entry points: the fake spreadsheet, a recording UI, in-memory properties and an HTTP
 * port that refuses everything unless a test plugs in the blocking port onto the real app (test/support/app-thread.ts).
 */
import type { GzippedBody, HttpPort, HttpRequest, HttpResponse } from '../../addon/src/backend/http-port';
import { nodeGzip, wireBytes } from '../support/gzip-body';
import type { AddonConfig, PropertiesPort } from '../../addon/src/config';
import type { Host, MenuItem, UiPort } from '../../addon/src/host';
import type { SidebarOpening } from '../../addon/src/sidebar-opening';
import { FakeSpreadsheet } from './fake-spreadsheet';
import { FakeCache } from './fake-cache';
import { createHash } from 'crypto';

export class FakeUi implements UiPort {
  menus: MenuItem[][] = [];
  sidebars: string[] = [];
  /** What each sidebar was opened to do (undefined: nothing at once). */
  sidebarOpenings: (SidebarOpening | undefined)[] = [];
  dialogs: { title: string; html: string }[] = [];
  addMenu(items: MenuItem[]): void { this.menus.push(items); }
  showSidebar(title: string, opening?: SidebarOpening): void { this.sidebars.push(title); this.sidebarOpenings.push(opening); }
  showDialog(title: string, html: string): void { this.dialogs.push({ title, html }); }
}

export type Route = (request: HttpRequest) => HttpResponse;

/**
 * UrlFetchApp's documented limits (Apps Script quotas, «Current limitations»): «URL Fetch URL length: 2 KB / call»
 * and «URL Fetch POST size: 50 MB / call». Past them the service throws instead of sending (the messages here are
 * stand-ins: the wording of Google's is not documented).
 */
export function urlFetchLimits(url: string, payload: unknown): void {
  if (url.length > 2 * 1024) throw new Error('Exception: Limit Exceeded: URLFetch URL Length.');
  const bytes = typeof payload === 'string' ? Buffer.byteLength(payload) : payload instanceof Uint8Array ? payload.length : 0;
  if (bytes > 50 * 1000 * 1000) throw new Error('Exception: Limit Exceeded: URLFetch POST Size.');
}

export class FakeHttp implements HttpPort {
  readonly requests: HttpRequest[] = [];
  /** Nothing answers until a test plugs in the blocking port onto the real app. */
  constructor(public route: Route = () => { throw new Error('Exception: no network in this test'); }) {}
  fetch(request: HttpRequest): HttpResponse {
    urlFetchLimits(request.url, wireBytes(request.body));
    this.requests.push(request);
    return this.route(request);
  }
  gzip(text: string): GzippedBody { return nodeGzip(text); }
}

export class FakeProperties implements PropertiesPort {
  readonly document = new Map<string, string>();
  readonly user = new Map<string, string>();
  getDocument(key: string): string | null { return this.document.get(key) ?? null; }
  setDocument(key: string, value: string | null): void { if (value === null) this.document.delete(key); else this.document.set(key, FakeProperties.sized(value)); }
  getUser(key: string): string | null { return this.user.get(key) ?? null; }
  setUser(key: string, value: string | null): void { if (value === null) this.user.delete(key); else this.user.set(key, FakeProperties.sized(value)); }
  /** Apps Script quotas, «Properties value size: 9 KB / val»: PropertiesService refuses a longer value. */
  private static sized(value: string): string {
    if (Buffer.byteLength(value, 'utf8') > 9 * 1024) throw new Error('Exception: Argument too large: value');
    return value;
  }
}

export interface FakeHost extends Host {
  props: FakeProperties;
  ss: FakeSpreadsheet;
  fakeUi: FakeUi;
  fakeHttp: FakeHttp;
  logged: unknown[];
  cached: FakeCache;
  /** Set to make any spreadsheet access fail, as under AuthMode.NONE. */
  spreadsheetForbidden: boolean;
}

export function fakeHost(config: AddonConfig = { backendUrl: 'https://backend.example.test', serviceAccount: 'lector@demo.iam.gserviceaccount.com' }): FakeHost {
  const h: FakeHost = {
    ss: new FakeSpreadsheet(),
    fakeUi: new FakeUi(),
    fakeHttp: new FakeHttp(),
    props: new FakeProperties(),
    logged: [],
    cached: new FakeCache(),
    spreadsheetForbidden: false,
    spreadsheet: () => { if (h.spreadsheetForbidden) throw new Error('spreadsheet access under AuthMode.NONE'); return h.ss; },
    ui: () => h.fakeUi,
    http: () => h.fakeHttp,
    identityToken: () => 'id-token-de-prueba',
    config: () => config,
    properties: () => h.props,
    cache: () => h.cached,
    sha256Hex: (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
    log: (e) => { h.logged.push(e); },
  };
  return h;
}
