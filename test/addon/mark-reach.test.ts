/** The memory of how far the validation's marks reached (marks.ts), over the document's properties as Apps Script limits them. */
import { CLEAN, documentMarkReach } from '../../addon/src/validation/marks';
import { FakeProperties } from './fake-host';

it('keeps each sheet\'s reach, ignores what is not one, and gives up quietly past the 9 KB a property may hold', () => {
  const props = new FakeProperties();
  const memory = documentMarkReach(props);
  expect(memory.read()).toEqual({});
  memory.write({ Proyectos: [40, 15], Ubicaciones: [3, 1] });
  expect(memory.read()).toEqual({ Proyectos: [40, 15], Ubicaciones: [3, 1] });
  props.setDocument('INFRA_MARK_REACH', '{"Proyectos":[40,"x"],"Actores":[7,2],"Otra":"no"}');
  expect(memory.read()).toEqual({ Actores: [7, 2] });
  props.setDocument('INFRA_MARK_REACH', 'no es JSON');
  expect(memory.read()).toEqual({});
  // 400 sheets with long names: more than a property holds. Nothing is kept, and nothing is thrown.
  const many = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`Hoja con un nombre bastante largo número ${i}`, [5000, 43] as [number, number]]));
  expect(() => memory.write(many)).not.toThrow();
  expect(memory.read()).toEqual({});
  memory.write({});
  expect(props.document.has('INFRA_MARK_REACH')).toBe(false);
});

it('keeps the sheets left clean as [0, 0]; past the 9 KB it keeps the marked ones without them, which are then read again', () => {
  const props = new FakeProperties();
  const memory = documentMarkReach(props);
  memory.write({ '#0': [40, 15], '#104729': CLEAN });
  expect(memory.read()).toEqual({ '#0': [40, 15], '#104729': [0, 0] });
  props.setDocument('INFRA_MARK_REACH', '{"#1":[0,3],"#2":[-1,2],"#3":[0,0]}');
  expect(memory.read()).toEqual({ '#3': [0, 0] });
  // 600 sheets left clean and one marked: more than a property holds with the clean ones, not without them.
  const many = Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`#${1_000_000_000 + i}`, CLEAN]));
  memory.write({ ...many, '#7': [5000, 43] });
  expect(memory.read()).toEqual({ '#7': [5000, 43] });
});
