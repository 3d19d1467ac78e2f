/**
 * A spreadsheet belongs to the implementer it was sent for. A consultant who fills the spreadsheets of two
 * municipalities (one account for each), or an add-on that kept the key of the other one, sent municipality A's sheet
 * as municipality B's: it was refused only by the prefix check, with an error on every identifier that told the
 * official to ask the coordination to correct B's registered prefix — the wrong fix. Said first, and as what it is.
 */
import type { Publisher, Store, Submission } from '../store/store';
import { HttpError } from '../api/http-error';

/** The latest send of this spreadsheet for another implementer, withdrawn ones aside (a send made by mistake, taken back). */
export async function sendOfAnotherImplementer(store: Store, spreadsheetId: string, publisherId: string): Promise<Submission | undefined> {
  // A spreadsheet's sends are few (store.ts listSubmissions): one page holds them.
  const sends = (await store.listSubmissions({ spreadsheetId, limit: 1000 })).items;
  return sends.filter((s) => s.publisherId !== publisherId && s.status !== 'withdrawn').sort((a, b) => a.updatedAt.localeCompare(b.updatedAt)).pop();
}

/**
 * The refusal: whose spreadsheet it is, whom the account sends for, and the two ways out — the other account (a key
 * kept for this spreadsheet, self-hosted; the other Google account, in the cloud), or a copy of the spreadsheet when it
 * now really holds the other implementer's data (a copy has an id of its own).
 */
export function otherImplementerRefusal(owner: Pick<Publisher, 'name'>, sender: Pick<Publisher, 'name'>, email: string, withKeys: boolean): HttpError {
  const account = withKeys
    ? `en esta hoja abra Extensiones → Infraestructura Abierta → Configurar servidor y escriba la clave de acceso de su cuenta de «${owner.name}» (se guarda para esta hoja)`
    : `abra la hoja con la cuenta de Google registrada para «${owner.name}»`;
  return new HttpError(409, 'spreadsheet-of-other-publisher',
    `No se envió: esta hoja de cálculo se ha enviado para «${owner.name}», y su cuenta (${email}) envía para «${sender.name}». ` +
    `Así no se publican los datos de un implementador como de otro. Si usted captura para los dos, ${account}. ` +
    `Si esta hoja ahora tiene los datos de «${sender.name}», haga una copia (Archivo → Crear una copia) y envíe la copia.`);
}
