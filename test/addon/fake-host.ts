/** A fake host for the entry points: the fake spreadsheet, a recording UI and a scripted backend. */
import type { HttpPort, HttpRequest, HttpResponse } from '../../addon/src/backend/http-port';
import type { AddonConfig } from '../../addon/src/config';
import type { Host, MenuItem, UiPort } from '../../addon/src/host';
import { FakeSpreadsheet } from './fake-spreadsheet';

export class FakeUi implements UiPort {
  menus: MenuItem[][] = [];
  sidebars: string[] = [];
  dialogs: { title: string; html: string }[] = [];
  addMenu(items: MenuItem[]): void { this.menus.push(items); }
  showSidebar(title: string): void { this.sidebars.push(title); }
  showDialog(title: string, html: string): void { this.dialogs.push({ title, html }); }
}

export type Route = (request: HttpRequest) => HttpResponse;

export class FakeHttp implements HttpPort {
  readonly requests: HttpRequest[] = [];
  constructor(public route: Route = () => ({ status: 404, text: '' })) {}
  fetch(request: HttpRequest): HttpResponse {
    this.requests.push(request);
    return this.route(request);
  }
}

export interface FakeHost extends Host {
  ss: FakeSpreadsheet;
  fakeUi: FakeUi;
  fakeHttp: FakeHttp;
  logged: unknown[];
  /** Set to make any spreadsheet access fail, as under AuthMode.NONE. */
  spreadsheetForbidden: boolean;
}

export function fakeHost(config: AddonConfig = { backendUrl: 'https://backend.example.test', serviceAccount: 'lector@demo.iam.gserviceaccount.com' }): FakeHost {
  const h: FakeHost = {
    ss: new FakeSpreadsheet(),
    fakeUi: new FakeUi(),
    fakeHttp: new FakeHttp(),
    logged: [],
    spreadsheetForbidden: false,
    spreadsheet: () => { if (h.spreadsheetForbidden) throw new Error('spreadsheet access under AuthMode.NONE'); return h.ss; },
    ui: () => h.fakeUi,
    http: () => h.fakeHttp,
    identityToken: () => 'id-token-de-prueba',
    config: () => config,
    log: (e) => { h.logged.push(e); },
  };
  return h;
}
