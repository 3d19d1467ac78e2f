import { checkStageBatch, MAX_STAGE_BATCH, planStageBatch, planStageClear, STAGE_BATCH_SIZE, stageBatchOutcome, stagesAlreadySo, type StageHolder } from './stage-batch';

const holders: StageHolder[] = [
  { publisherId: 'yuc01', name: 'Municipio de Progreso', stages: {} },
  { publisherId: 'yuc02', name: 'Municipio de Umán', stages: { 'E.1': '2024-01-15' } },
  { publisherId: 'yuc03', name: 'Universidad Autónoma de Yucatán', stages: { 'E.1': '2024-01-10', 'E.2': '2024-02-01' } },
];

test('one stage for several implementers: only those whose date differs are written, in Spanish dd/mm/aaaa', () => {
  const plan = planStageBatch('E.1', ' 15/1/2024 ', '2024-06-30', holders);
  if ('problem' in plan) throw new Error(plan.problem);
  expect(plan.iso).toBe('2024-01-15');
  expect(plan.write.map((p) => p.publisherId)).toEqual(['yuc01', 'yuc03']);
  expect(plan.already.map((p) => p.publisherId)).toEqual(['yuc02']);
});

test('a date recorded by mistake is cleared for the marked that have it; those without are said to have none', () => {
  const plan = planStageClear('E.1', holders);
  if ('problem' in plan) throw new Error(plan.problem);
  expect([plan.iso, plan.write.map((p) => p.publisherId), plan.already.map((p) => p.publisherId)]).toEqual([null, ['yuc02', 'yuc03'], ['yuc01']]);
  expect(planStageClear('E.2', [])).toEqual({ on: 'marks', problem: 'Marque los implementadores a los que quiere borrar la fecha de la etapa E.2 Programa de trabajo.' });
  expect(stageBatchOutcome('E.1', null, ['Municipio de Umán', 'Universidad Autónoma de Yucatán'], ['Municipio de Progreso'], []))
    .toBe('Se borró la fecha de la etapa E.1 REDA para 2 implementadores: Municipio de Umán y Universidad Autónoma de Yucatán. Municipio de Progreso no tenía fecha registrada para esa etapa.');
  expect(stageBatchOutcome('E.1', null, ['Municipio de Umán'], [], [{ name: 'Municipio de Ticul', message: 'Su sesión terminó.' }], ['Municipio de Tekax']))
    .toBe('Se borró la fecha de la etapa E.1 REDA para 1 implementador: Municipio de Umán. No se borró para Municipio de Ticul: Su sesión terminó. No se intentó para Municipio de Tekax: vuelva a borrarla para ese implementador.');
});

test('a date typed wrong, in the future, missing, or nobody marked: said before anything is sent, naming the stage', () => {
  const problem = (typed: string, chosen = holders) => (planStageBatch('E.7', typed, '2024-06-30', chosen) as { problem?: string }).problem;
  expect(problem('31/02/2024')).toBe('La fecha de la etapa E.7 Presentación pública («31/02/2024») no existe en el calendario. Escriba día, mes y año como dd/mm/aaaa, por ejemplo 15/01/2024.');
  expect(problem('2024-03-10')).toBe('La fecha de la etapa E.7 Presentación pública («2024-03-10») no se entiende. Escríbala como dd/mm/aaaa (día, mes y año), por ejemplo 15/01/2024.');
  expect(problem('01/07/2024')).toBe('La fecha de la etapa E.7 Presentación pública (01/07/2024) es posterior a hoy: registre la fecha en que se alcanzó.');
  expect(problem('')).toBe('Escriba la fecha en que se alcanzó la etapa E.7 Presentación pública, como dd/mm/aaaa (por ejemplo 15/01/2024).');
  expect(problem('30/06/2024', [])).toBe('Marque los implementadores que alcanzaron la etapa E.7 Presentación pública.');
  expect(planStageBatch('E.7', '31/02/2024', '2024-06-30', holders)).toMatchObject({ on: 'date' });
  expect(planStageBatch('E.7', '30/06/2024', '2024-06-30', [])).toMatchObject({ on: 'marks' });
});

test('the outcome names who got the date, who had it already and who was refused, with the server\'s reason', () => {
  expect(stageBatchOutcome('E.1', '2024-01-15', ['Municipio de Progreso', 'Universidad Autónoma de Yucatán'], ['Municipio de Umán'], []))
    .toBe('Se registró la etapa E.1 REDA el 15/01/2024 para 2 implementadores: Municipio de Progreso y Universidad Autónoma de Yucatán. Municipio de Umán ya la tenía registrada con esa fecha.');
  expect(stageBatchOutcome('E.1', '2024-01-15', ['Municipio de Progreso'], [], [{ name: 'Municipio de Umán', message: 'Su cuenta no tiene permiso.' }]))
    .toBe('Se registró la etapa E.1 REDA el 15/01/2024 para 1 implementador: Municipio de Progreso. No se registró para Municipio de Umán: Su cuenta no tiene permiso.');
  expect(stageBatchOutcome('E.1', '2024-01-15', [], [], [])).toBe('No hay cambios que guardar.');
  // Stopped at a refusal every next one would get (the session ended): those left are named, to record again.
  expect(stageBatchOutcome('E.1', '2024-01-15', ['Municipio de Progreso'], [], [{ name: 'Municipio de Umán', message: 'Su sesión terminó.' }], ['Municipio de Tekax', 'Municipio de Ticul']))
    .toBe('Se registró la etapa E.1 REDA el 15/01/2024 para 1 implementador: Municipio de Progreso. No se registró para Municipio de Umán: Su sesión terminó. No se intentó para Municipio de Tekax y Municipio de Ticul: vuelva a registrarla para esos implementadores.');
});

test('a whole batch refused for one reason is said once; several refused alike are named together', () => {
  const tooMany = 'Demasiadas solicitudes en poco tiempo. Espere 30 segundos e intente de nuevo.';
  const names = ['Municipio de Progreso', 'Municipio de Umán', 'Municipio de Tekax'];
  expect(stageBatchOutcome('E.2', '2024-02-01', [], [], names.map((name) => ({ name, message: tooMany }))))
    .toBe(`No se registró la etapa E.2 Programa de trabajo para ninguno de los 3 implementadores: ${tooMany}`);
  expect(stageBatchOutcome('E.2', '2024-02-01', ['Municipio de Ticul'], [], names.slice(0, 2).map((name) => ({ name, message: tooMany }))))
    .toBe(`Se registró la etapa E.2 Programa de trabajo el 01/02/2024 para 1 implementador: Municipio de Ticul. No se registró para Municipio de Progreso y Municipio de Umán: ${tooMany}`);
});

test('checkStageBatch: each implementer once, at most MAX_STAGE_BATCH, dates checked as the single route does', () => {
  expect(checkStageBatch({ changes: [{ publisherId: 'a', stages: { 'E.1': '2024-01-15', 'E.2': null } }] }, '2024-06-30')).toEqual([{ publisherId: 'a', stages: { 'E.1': '2024-01-15', 'E.2': null } }]);
  const message = (v: unknown) => { try { checkStageBatch(v, '2024-06-30'); return ''; } catch (e) { return (e as Error).message; } };
  expect(message({ changes: [] })).toMatch(/^Envíe «changes» con cada implementador/);
  expect(message({ changes: [{ stages: {} }] })).toBe('El cambio 1 de «changes» no dice de qué implementador es («publisherId»).');
  expect(message({ changes: [{ publisherId: 'a', stages: { 'E.1': '2024-07-01' } }] })).toBe('La fecha de la etapa E.1 («2024-07-01») es futura: registre la etapa cuando se haya alcanzado.');
  expect(message({ changes: Array.from({ length: MAX_STAGE_BATCH + 1 }, (_, i) => ({ publisherId: `p${i}`, stages: {} })) })).toBe(`Envíe a lo más ${MAX_STAGE_BATCH} implementadores por solicitud (llegaron ${MAX_STAGE_BATCH + 1}): divídalos en varias.`);
  expect(stagesAlreadySo({ 'E.1': '2024-01-15' }, { 'E.1': '2024-01-15', 'E.2': null })).toBe(true);
  expect(stagesAlreadySo({ 'E.1': '2024-01-15' }, { 'E.1': null })).toBe(false);
  expect(STAGE_BATCH_SIZE).toBeLessThanOrEqual(MAX_STAGE_BATCH);
});

test('a whole state\'s batch is counted, not listed by its 60 names; those not recorded are still named', () => {
  const names = Array.from({ length: 11 }, (_, i) => `Municipio ${i + 1}`);
  expect(stageBatchOutcome('E.3', '2024-03-11', names, names, [{ name: 'Municipio de Ticul', message: 'No existe el implementador «ticul».' }]))
    .toBe('Se registró la etapa E.3 Compromiso de publicación el 11/03/2024 para 11 implementadores; la lista muestra la fecha de cada uno. 11 implementadores ya la tenían registrada con esa fecha. No se registró para Municipio de Ticul: No existe el implementador «ticul».');
  expect(stageBatchOutcome('E.3', '2024-03-11', names.slice(0, 10), [], [])).toMatch(/: Municipio 1, .* y Municipio 10\.$/);
});
