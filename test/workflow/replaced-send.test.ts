/**
 * A send a newer upload replaced (its approval had found errors; stored `returned`, last step `superseded`) is talked
 * about as replaced, never as «Devuelto con comentarios»: approving or returning it answers 409 naming the newer send
 * and what to do, and sending its workbook again says that it comes back beside the newer one. Self-hosted app over
 * HTTP (SQLite, API tokens, .xlsx uploads).
 */
import request from 'supertest';
import { checkSubmitAnswer, statusLabelOf } from '../../core/workflow/contract';
import { reopenedAfterReplacement, reopenedText, replacedComment, replacedDecisionText, replacedNote, replacedWithdrawQuestion } from '../../core/workflow/replaced-send';
import { localHarness, uploadXlsx, projectWorkbook, PUBLISHERS, xlsxOf, type LocalHarness } from './workflow-harness';

const [MER] = PUBLISHERS;
let h: LocalHarness;
beforeEach(async () => { h = await localHarness(); });
afterEach(() => h.close());

const send = (bytes: Buffer, name: string) => uploadXlsx(h, bytes, name);
const approve = (id: string) => request(h.app).post(`/api/submissions/${id}/approve`).set('Authorization', h.bearer('coordinadorA'));
const giveBack = (id: string) => request(h.app).post(`/api/submissions/${id}/return`).set('Authorization', h.bearer('coordinadorA')).send({ comment: 'Revise el monto.' });

/** A send whose approval is refused for errors, then replaced by a corrected upload: [replaced id, its bytes, the newer send]. */
async function replaced(): Promise<[string, Buffer, { id: string; name: string }]> {
  const bytes = await xlsxOf(projectWorkbook(MER, { title: 'Mercado' }));
  const a = (await send(bytes, 'mercado.xlsx')).body.submission.id as string;
  // Registered anew with another project prefix after the send: approving it finds the project's id wrong.
  const registered = (await h.store.getPublisher('mer'))!;
  await h.store.putPublisher({ ...registered, projectIdPrefix: 'oc4ids-otro99' });
  expect((await approve(a)).status).toBe(422);
  await h.store.putPublisher(registered);
  const b = await send(await xlsxOf(projectWorkbook(MER, { title: 'Mercado, corregido' })), 'mercado corregido.xlsx');
  expect(b.status).toBe(201);
  const stored = (await h.store.getSubmission(a))!;
  expect([stored.status, stored.history.at(-1)?.action, statusLabelOf(stored)]).toEqual(['returned', 'superseded', 'Reemplazado por un envío más reciente']);
  return [a, bytes, { id: b.body.submission.id, name: 'mercado corregido.xlsx' }];
}

const newerNamed = /lo reemplazó uno más reciente de la misma institución, el del \d{2}\/\d{2}\/\d{4}, \d{2}:\d{2}:\d{2}\u00a0[ap]\.m\. \(«mercado corregido\.xlsx»\)\./;

test('approving or returning a replaced send is refused as replaced, naming the newer send and what to do; never «Devuelto con comentarios»', async () => {
  const [a] = await replaced();
  const approved = await approve(a);
  expect(approved.status).toBe(409);
  expect(approved.body.error.message).toMatch(newerNamed);
  expect(approved.body.error.message).toMatch(/^Este envío ya no está en espera de aprobación: .* Abra ese envío en la bandeja para aprobarlo o devolverlo; este ya no se publicará\.$/);
  expect(approved.body.error.message).not.toMatch(/Devuelt[oa]|corregirl[oa]/);
  const returned = await giveBack(a);
  expect(returned.status).toBe(409);
  expect(returned.body.error.message).toMatch(newerNamed);
  expect(returned.body.error.message).toMatch(/^Este envío ya no está en espera de revisión: .* Si algo debe corregirse, devuelva ese envío con sus comentarios\.$/);
  expect(returned.body.error.message).not.toMatch(/Devuelt[oa]|corregirl[oa]/);
});

test('a send returned by its coordinator still says «Devuelto con comentarios» and that its official corrects it', async () => {
  const a = (await send(await xlsxOf(projectWorkbook(MER, { title: 'Mercado' })), 'mercado.xlsx')).body.submission.id as string;
  expect((await giveBack(a)).status).toBe(200);
  const approved = await approve(a);
  expect(approved.status).toBe(409);
  expect(approved.body.error.message).toMatch(/^Este envío ya no está en espera de aprobación: está «Devuelto con comentarios» \(lo devolvió \S+ el \d\d\/\d\d\/\d{4}, \d\d:\d\d:\d\d\s?[ap]\.\s?m\.\)\. Quien capturó debe corregirlo y enviarlo de nuevo\.$/);
});

test('the official is asked and told about a replaced send as replaced: withdrawing it, and sending its workbook again', async () => {
  const [a, bytes] = await replaced();
  const stored = (await h.store.getSubmission(a))!;
  expect(replacedWithdrawQuestion(stored)).toMatch(/^¿Retirar este envío\? Ya lo reemplazó su envío más reciente, el del .* \(«mercado corregido\.xlsx»\): retirarlo solo lo cierra, y aquel no cambia\.$/);
  expect(replacedNote(stored)).toMatch(/^Lo reemplazó su envío más reciente, el del .* \(«mercado corregido\.xlsx»\): aquel es el que cuenta, y este ya no se publicará\./);
  // The same workbook sent again reopens the replaced send (its history kept), back in the inbox beside the newer one.
  const again = checkSubmitAnswer((await send(bytes, 'mercado.xlsx')).body);
  expect([again.outcome, again.submission.id, again.submission.status]).toEqual(['resubmitted', a, 'submitted']);
  expect(reopenedAfterReplacement(again.submission)).toBe(true);
  expect(reopenedText(again.submission)).toMatch(/^Se volvió a enviar el libro de un envío que había sido reemplazado por otro más reciente, el del .* \(«mercado corregido\.xlsx»\): vuelve a la bandeja de su coordinación, junto al que lo reemplazó\./);
});

test('a send replaced by one without a file name keeps the period of «p.m.» and gets no second one', () => {
  const s = { status: 'returned' as const, history: [{ action: 'submitted' }, { action: 'superseded', comment: replacedComment('el del 04/12/2026, 05:49:18 p.m.') }] };
  // «institución», as every other text about it says («publicador» is the CLI's word for an operator).
  expect(s.history[1].comment).toBe('Reemplazado por un envío más reciente de la misma institución: el del 04/12/2026, 05:49:18 p.m.');
  expect(replacedDecisionText('revisión', s)).toBe('Este envío ya no está en espera de revisión: lo reemplazó uno más reciente de la misma institución, el del 04/12/2026, 05:49:18 p.m. Si algo debe corregirse, devuelva ese envío con sus comentarios.');
  expect(replacedNote(s)).toMatch(/^Lo reemplazó su envío más reciente, el del 04\/12\/2026, 05:49:18 p\.m\.: aquel es el que cuenta/);
  // Comments stored before (with «publicador», and feminine, when a submission was «la entrega») still name the newer send.
  for (const start of ['Reemplazada por un envío más reciente del mismo publicador: ', 'Reemplazada por un envío más reciente de la misma institución: ']) {
    const kept = { ...s, history: [s.history[0], { action: 'superseded', comment: `${start}el del 04/12/2026, 05:49:18 p.m.` }] };
    expect(replacedNote(kept)).toBe(replacedNote(s));
  }
});
