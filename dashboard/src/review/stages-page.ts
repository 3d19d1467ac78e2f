/**
 * *Etapas del programa* (behind sign-in): a coordinator picks one of the implementers of its state and records the
 * date each program stage (E.1 … E.7) was reached; *Seguimiento* shows them. Only the dates that change are sent
 * (an emptied date is removed), so two coordinators editing different stages do not undo each other's work.
 */
import { announce, focusRefused, h, markRefused, route, sayOutcome } from '../dom';
import { trackingChanged } from '../api';
import { date, heading, type Page } from '../pages/common';
import { readTypedDate } from '../../../core/format/typed-date';
import { STAGES, type StageCode } from '../../../core/workflow/stages';
import { planStageBatch, planStageClear, STAGE_BATCH_SIZE, stageBatchOutcome } from '../../../core/workflow/stage-batch';
import { formatCount, formatNumber } from '../../../core/format/es-mx';
import { sameState, stateKey } from '../../../core/workflow/mexican-states';
import { checkStageBatchAnswer, checkStagesAnswer, checkStagesListAnswer, WORKFLOW_PATHS, type PublisherStagesView, type StageBatchRequest, type StagesRequest } from '../../../core/workflow/contract';
import { ApiError, authed, rerender, sessionBar, withSession } from './session';

/** Today in the reader's calendar, YYYY-MM-DD (a stage cannot have been reached in the future). */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const inputId = (code: string): string => `etapa-${code.replace(/\W/g, '')}`;
const FORMAT_HINT = 'formato-fechas';
/** A date field's description: the format, and its date as recorded. */
const describedBy = (code: string): string => `${FORMAT_HINT} ${inputId(code)}-actual`;

function stagesForm(p: PublisherStagesView): HTMLElement {
  // Focusable: the focus comes here when saving ends, as the button was disabled meanwhile (WCAG 2.4.3), and a screen
  // reader reads the outcome there. Not a live region: what is shown while the focus stays elsewhere is said through
  // the page's (announce) — as a live region that got the focus, the outcome was heard twice.
  const status = h('div', { id: 'resultado-etapas', tabindex: '-1' });
  const show = (className: string, message: string): void => { status.className = className; status.textContent = message; };
  const say = (className: string, message: string): void => { show(className, message); announce(message); };
  const max = today();
  // Text fields read as dd/mm/aaaa: a browser's date input shows and takes its own language's order (mm/dd/yyyy in an
  // English Chromium), whatever the page's. The format is said once, and read with each field.
  const rows = STAGES.map((s) => {
    const input = h('input', {
      type: 'text', autocomplete: 'off', id: inputId(s.code), name: s.code, size: 10, maxlength: 10,
      value: p.stages[s.code] ? date(p.stages[s.code]) : '', 'aria-describedby': describedBy(s.code),
    });
    const current = h('span', { class: 'note', id: `${inputId(s.code)}-actual` });
    // Why its date was refused, read with the field (hidden: the status under the button shows every refusal).
    const refused = h('span', { id: `${inputId(s.code)}-error`, hidden: true });
    return { stage: s, input, current, refused };
  });
  const showCurrent = (): void => {
    for (const r of rows) r.current.textContent = p.stages[r.stage.code] ? `Registrada: ${date(p.stages[r.stage.code])}` : 'Pendiente';
  };
  showCurrent();
  const button = h('button', { type: 'submit', class: 'primary' }, 'Guardar etapas');
  // The form is `novalidate`: these Spanish messages, naming the stage, replace the browser's own bubbles.
  // Bad dates: each message names its stage, and they are shown together under the button (a coordinator who typed
  // every date the same wrong way learnt of one per save). Each field is marked invalid and described by its own
  // message; the first gets the focus to be corrected, and a screen reader reads its message there (once: not through
  // the live region too). Where the focus already is (Enter in that field, the keyboard's way to save), focusing it
  // reads nothing: said through the page's live region instead, as the sign-in's key is — a screen reader heard
  // nothing at all.
  const fail = (refusals: readonly (readonly [row: (typeof rows)[number], message: string])[]): void => {
    show('status-bad', refusals.map(([, message]) => message).join(' '));
    for (const [{ stage, input, refused }, message] of refusals) {
      refused.textContent = message;
      markRefused(input, `${refused.id} ${describedBy(stage.code)}`);
    }
    focusRefused(refusals[0][0].input, status.textContent ?? '');
  };
  const save = async (): Promise<void> => {
    const changes: StagesRequest['stages'] = {};
    const refusals: [row: (typeof rows)[number], message: string][] = [];
    for (const { stage, input } of rows) { input.removeAttribute('aria-invalid'); input.setAttribute('aria-describedby', describedBy(stage.code)); }
    for (const row of rows) {
      const { stage, input } = row;
      const label = `${stage.code} ${stage.label}`;
      const typed = input.value.trim();
      const read = typed ? readTypedDate(typed) : null;
      if (read && 'problem' in read) {
        refusals.push([row, read.problem === 'calendar'
          ? `La fecha de la etapa ${label} («${typed}») no existe en el calendario. Escriba día, mes y año como dd/mm/aaaa, por ejemplo 15/01/2024, o bórrela.`
          : `La fecha de la etapa ${label} («${typed}») no se entiende. Escríbala como dd/mm/aaaa (día, mes y año), por ejemplo 15/01/2024, o bórrela.`]);
        continue;
      }
      const iso = read ? read.iso : '';
      if (iso && iso > max) { refusals.push([row, `La fecha de la etapa ${label} (${date(iso)}) es posterior a hoy: registre la fecha en que se alcanzó.`]); continue; }
      const before = p.stages[stage.code] ?? '';
      if (iso !== before) changes[stage.code] = iso || null;
    }
    if (refusals.length) return fail(refusals);
    if (!Object.keys(changes).length) return say('note', 'No hay cambios que guardar.');
    button.disabled = true;
    say('note', 'Guardando…');
    try {
      const answer = checkStagesAnswer(await authed(WORKFLOW_PATHS.stages(p.publisherId), (b) => b, { method: 'PUT', body: { stages: changes } satisfies StagesRequest }));
      p.stages = answer.stages;
      trackingChanged();
      showCurrent();
      // Written back as recorded: «5/1/2024» reads 05/01/2024.
      for (const { stage, input } of rows) input.value = p.stages[stage.code] ? date(p.stages[stage.code]) : '';
      const said = STAGES.filter((s) => s.code in changes).map((s) => (changes[s.code] ? `${s.code} ${s.label}: ${date(changes[s.code])}` : `${s.code} ${s.label}: fecha borrada`));
      show('status-ok', `Se guardaron las etapas de ${p.name}. ${said.join('; ')}.`);
    } catch (e) {
      show('status-bad', (e as Error).message);
    } finally {
      button.disabled = false;
      sayOutcome(status, button);
    }
  };
  return h('form', { id: 'formulario-etapas', 'aria-labelledby': 'titulo-etapas', novalidate: true, onsubmit: (e: Event) => { e.preventDefault(); void save(); } },
    h('h2', { id: 'titulo-etapas' }, `Etapas de ${p.name}`),
    h('p', { class: 'note' }, 'Escriba la fecha en que el implementador alcanzó cada etapa. Deje vacía la de una etapa pendiente; borrar una fecha la quita del registro.'),
    h('fieldset', null, h('legend', null, `Fechas de las etapas (${p.state})`),
      h('p', { class: 'note', id: FORMAT_HINT }, 'Fecha en formato dd/mm/aaaa (día, mes y año), por ejemplo 15/01/2024.'),
      rows.map(({ stage, input, current, refused }) => h('div', { class: 'field' }, h('label', { for: input.id }, `${stage.code} ${stage.label}`), input, current, refused))),
    button, status,
    h('p', null, h('a', { href: route('seguimiento') }, 'Ver el avance en Seguimiento')));
}

/**
 * One stage for several implementers at once (core/workflow/stage-batch.ts): a stage reached by a group on one day
 * (the REDA session, a joint presentation) was recorded one implementer at a time, each chosen, typed and saved.
 * The marked implementers go to POST /api/stages/batch, STAGE_BATCH_SIZE a request; the outcome names who got the
 * date, who had it, and who not and why.
 */
function batchForm(publishers: PublisherStagesView[], withState: boolean, onSaved: () => void): HTMLElement {
  const status = h('div', { id: 'resultado-etapa-varios', tabindex: '-1' });
  const show = (className: string, message: string): void => { status.className = className; status.textContent = message; };
  const stageSel = h('select', { id: 'etapa-varios', name: 'etapa' }, STAGES.map((s) => h('option', { value: s.code }, `${s.code} ${s.label}`)));
  const dateInput = h('input', { type: 'text', autocomplete: 'off', id: 'fecha-varios', name: 'fecha', size: 10, maxlength: 10, 'aria-describedby': 'formato-fecha-varios' });
  const marks = publishers.map((p) => {
    const box = h('input', { type: 'checkbox', id: `marcar-${p.publisherId}`, name: 'implementador', value: p.publisherId });
    const note = h('span', { class: 'note' });
    return { p, box, note, item: h('li', null, box, h('label', { for: box.id }, withState ? `${p.name} (${p.state})` : p.name), ' ', note) };
  });
  const code = (): StageCode => stageSel.value as StageCode;
  // Each implementer's date for the stage chosen, so the coordinator sees who already has it before marking.
  const showDates = (): void => {
    for (const m of marks) m.note.textContent = m.p.stages[code()] ? `registrada: ${date(m.p.stages[code()])}` : 'pendiente';
  };
  showDates();
  stageSel.addEventListener('change', showDates);
  const markPending = h('button', { type: 'button', onclick: () => { for (const m of marks) m.box.checked = !m.p.stages[code()]; } }, 'Marcar los que no la tienen');
  // Every one: a date recorded wrong for a whole state is corrected at once (those that have it are not «pendiente»).
  const markAll = h('button', { type: 'button', onclick: () => { for (const m of marks) m.box.checked = true; } }, 'Marcar todos');
  const unmark = h('button', { type: 'button', onclick: () => { for (const m of marks) m.box.checked = false; } }, 'Desmarcar todos');
  const button = h('button', { type: 'submit', class: 'primary' }, 'Registrar la etapa en los marcados');
  // A date recorded by mistake for many (the single form clears one by emptying its field): the date typed is not read.
  const clearButton = h('button', { type: 'button', onclick: () => { void save(true); } }, 'Borrar la fecha de la etapa en los marcados');
  const save = async (clear = false): Promise<void> => {
    // The stage as chosen when saving: another chosen while a state's 60 are sent (a few seconds) is not theirs.
    const stage = code();
    const marked = marks.filter((m) => m.box.checked).map((m) => m.p);
    const plan = clear ? planStageClear(stage, marked) : planStageBatch(stage, dateInput.value, today(), marked);
    dateInput.removeAttribute('aria-invalid');
    dateInput.setAttribute('aria-describedby', 'formato-fecha-varios');
    if ('problem' in plan) {
      show('status-bad', plan.problem);
      if (plan.on === 'date') markRefused(dateInput, `${status.id} formato-fecha-varios`);
      return focusRefused(plan.on === 'date' ? dateInput : marks[0].box, plan.problem);
    }
    // Clearing cannot be undone from this page (the dates are only in the Bitácora afterwards): asked first, with what
    // and for how many, as a mark too many would clear a state's dates with one press.
    const label = STAGES.find((s) => s.code === stage)?.label ?? '';
    if (clear && plan.write.length && !window.confirm(`¿Borrar la fecha de la etapa ${stage} ${label} de ${formatCount(plan.write.length, 'implementador', 'implementadores')}? Para volver a tenerla habrá que registrarla de nuevo.`)) return;
    const pressed = clear ? clearButton : button;
    button.disabled = true;
    clearButton.disabled = true;
    const total = plan.write.length;
    show('note', `${clear ? 'Borrando la fecha de' : 'Guardando'} la etapa para ${formatCount(total, 'implementador', 'implementadores')}…`);
    announce(status.textContent ?? '');
    const saved: string[] = [];
    const already = plan.already.map((p) => p.name);
    const failed: { name: string; message: string }[] = [];
    const untried: string[] = [];
    const byId = new Map(plan.write.map((p) => [p.publisherId, p]));
    // STAGE_BATCH_SIZE implementers a request (POST /api/stages/batch), one after another: the rate limit counts each
    // request once, and the status says how far it got. A refusal of a whole request (the session ended, a date the
    // server does not take, too many requests, no answer) would be the next ones' too: it stops there.
    for (let i = 0; i < total; i += STAGE_BATCH_SIZE) {
      const chunk = plan.write.slice(i, i + STAGE_BATCH_SIZE);
      if (i > 0) show('note', `${clear ? 'Borrando la fecha de' : 'Guardando'} la etapa: ${formatNumber(i, 0)} de ${formatCount(total, 'implementador', 'implementadores')} listos…`);
      let answer;
      try {
        answer = checkStageBatchAnswer(await authed(WORKFLOW_PATHS.stagesBatch, (b) => b, {
          method: 'POST', body: { changes: chunk.map((p) => ({ publisherId: p.publisherId, stages: { [stage]: plan.iso } })) } satisfies StageBatchRequest,
        }));
      } catch (e) {
        // Refused whole (the session, a date, too many requests): nothing of it was written, nor would be of the next
        // ones, said as one refusal. No answer: this request's outcome is unknown (its message says so); the next
        // ones were not sent.
        const unknown = e instanceof ApiError && e.status === 0;
        failed.push(...(unknown ? chunk : plan.write.slice(i)).map((p) => ({ name: p.name, message: (e as Error).message })));
        if (unknown) untried.push(...plan.write.slice(i + STAGE_BATCH_SIZE).map((p) => p.name));
        break;
      }
      for (const r of answer.results) {
        const p = byId.get(r.publisherId);
        if (!p) continue;
        if (r.stages) p.stages = r.stages;
        if (r.outcome === 'saved') saved.push(p.name);
        else if (r.outcome === 'already') already.push(p.name);
        else if (r.outcome === 'untried') untried.push(p.name);
        else failed.push({ name: p.name, message: r.message ?? '' });
      }
      // The server stopped at a write its store did not take: the next requests are not sent either.
      if (answer.results.some((r) => r.outcome === 'failed')) { untried.push(...plan.write.slice(i + STAGE_BATCH_SIZE).map((p) => p.name)); break; }
    }
    if (saved.length) { trackingChanged(); onSaved(); }
    showDates();
    if (plan.iso !== null) dateInput.value = date(plan.iso);
    show(failed.length || untried.length ? 'status-bad' : 'status-ok', stageBatchOutcome(stage, plan.iso, saved, already, failed, untried));
    button.disabled = false;
    clearButton.disabled = false;
    sayOutcome(status, pressed);
  };
  return h('form', { id: 'formulario-etapa-varios', 'aria-labelledby': 'titulo-etapa-varios', novalidate: true, onsubmit: (e: Event) => { e.preventDefault(); void save(); } },
    h('h2', { id: 'titulo-etapa-varios' }, 'Una etapa para varios implementadores'),
    h('p', { class: 'note' }, 'Cuando varios implementadores alcanzaron la misma etapa el mismo día (la sesión del REDA, una presentación conjunta): elija la etapa, escriba la fecha, marque a quienes la alcanzaron y regístrela para todos a la vez. A quien ya la tiene con esa fecha no se le cambia nada. Una fecha registrada por error se quita marcando a quienes la tienen y usando «Borrar la fecha de la etapa en los marcados».'),
    h('div', { class: 'filters' },
      h('div', { class: 'field' }, h('label', { for: stageSel.id }, 'Etapa'), stageSel),
      h('div', { class: 'field' }, h('label', { for: dateInput.id }, 'Fecha en que se alcanzó'), dateInput,
        h('span', { class: 'note', id: 'formato-fecha-varios' }, 'dd/mm/aaaa, por ejemplo 15/01/2024'))),
    h('fieldset', null, h('legend', null, 'Implementadores que la alcanzaron'),
      h('p', null, markPending, ' ', markAll, ' ', unmark),
      h('ul', { class: 'marcar-varios' }, marks.map((m) => m.item))),
    button, ' ', clearButton, status);
}

export const stagesPage: Page = {
  title: 'Etapas del programa',
  render: ({ ds, query, setQuery }) => withSession(async () => {
    let list;
    try {
      list = checkStagesListAnswer(await authed(WORKFLOW_PATHS.stagesList, (b) => b));
    } catch (e) {
      // Signed in, but not a coordinator: the server's refusal, in a page of its own (not a failed load).
      if (!(e instanceof ApiError) || e.status !== 403) throw e;
      return h('div', null, ...heading('Etapas del programa', 'Registro de las etapas del programa de cada implementador.'),
        h('p', { class: 'status-bad', role: 'alert' }, e.message),
        h('p', null, h('a', { href: route('mis-envios') }, 'Ir a Mis envíos')));
    }
    const publishers = [...list.publishers].sort((a, b) => a.name.localeCompare(b.name, 'es-MX'));
    const everyState = list.viewer.scope.kind === 'all';
    // The administration's list spans every state (hundreds of implementers): a state chosen narrows both forms to
    // its implementers, as a state's coordination sees them. Kept in the address (`entidad`), so a reload keeps it.
    const states = new Map<string, { name: string; count: number }>();
    if (everyState) for (const p of publishers) { const k = stateKey(p.state); states.set(k, { name: states.get(k)?.name ?? p.state, count: (states.get(k)?.count ?? 0) + 1 }); }
    const asked = query.get('entidad') ?? '';
    const stateSel = states.size > 1
      ? h('select', { id: 'entidad', name: 'entidad' }, h('option', { value: '' }, 'Todas las entidades'),
        [...states.values()].sort((a, b) => a.name.localeCompare(b.name, 'es-MX'))
          .map((st) => h('option', { value: st.name, selected: sameState(st.name, asked) }, `${st.name} (${formatCount(st.count, 'implementador', 'implementadores')})`)))
      : null;
    const shown = (): PublisherStagesView[] => (stateSel?.value ? publishers.filter((p) => sameState(p.state, stateSel.value)) : publishers);
    const chosen = query.get('implementador') ?? (publishers.length === 1 ? publishers[0].publisherId : '');
    const sel = h('select', { id: 'implementador', name: 'implementador' });
    // Those of the state chosen; the implementer chosen stays if it is one of them.
    const fillSel = (keep: string): void => {
      const list = shown();
      sel.replaceChildren(h('option', { value: '' }, 'Elija un implementador'),
        ...list.map((p) => h('option', { value: p.publisherId, selected: p.publisherId === keep }, everyState && !stateSel?.value ? `${p.name} (${p.state})` : p.name)));
    };
    fillSel(chosen);
    const slot = h('div', { id: 'etapas' });
    const draw = (): void => {
      const p = publishers.find((x) => x.publisherId === sel.value);
      slot.replaceChildren(p ? stagesForm(p) : h('p', { class: 'note' }, query.get('implementador') && !sel.value && !publishers.some((x) => x.publisherId === query.get('implementador'))
        ? 'Ese implementador no está a su cargo: elija uno de la lista.'
        : 'Elija un implementador para ver y registrar sus etapas.'));
    };
    const remember = (): void => {
      const q = new URLSearchParams();
      if (stateSel?.value) q.set('entidad', stateSel.value);
      if (sel.value) q.set('implementador', sel.value);
      setQuery(q);
    };
    sel.addEventListener('change', () => { remember(); draw(); });
    draw();
    // The one-implementer form shows the dates the batch just saved (the same objects, drawn again). Drawn again
    // for another state: marks of the state left are not kept (they would be sent unseen).
    const batchSlot = h('div', { id: 'etapa-varios-lista' });
    const drawBatch = (): void => {
      const list = shown();
      batchSlot.replaceChildren(...(list.length > 1 ? [batchForm(list, everyState && !stateSel?.value, draw)] : []));
    };
    drawBatch();
    stateSel?.addEventListener('change', () => { fillSel(sel.value); remember(); draw(); drawBatch(); announce(`${formatCount(shown().length, 'implementador', 'implementadores')} en la lista.`); });
    return h('div', null,
      ...heading('Etapas del programa', 'Registre en qué fecha cada implementador a su cargo alcanzó cada etapa del programa (E.1 a E.7). Seguimiento las muestra junto a su compromiso.'),
      sessionBar(list.viewer, rerender, ds.publishers),
      h('p', null, h('a', { href: route('revision'), class: 'back' }, '← Volver a la revisión de envíos')),
      publishers.length
        ? h('form', { class: 'filters', 'aria-label': 'Elegir implementador', onsubmit: (e: Event) => e.preventDefault() },
          stateSel ? h('div', { class: 'field' }, h('label', { for: 'entidad' }, 'Entidad'), stateSel) : null,
          h('div', { class: 'field' }, h('label', { for: 'implementador' }, 'Implementador a su cargo'), sel))
        : h('p', null, 'No hay implementadores registrados a su cargo.'),
      slot, batchSlot);
  }, rerender),
};
