/** The memory of how far the validation's marks reached (marks.ts), over the document's properties as Apps Script limits them. */
import { documentMarkReach } from '../../addon/src/validation/marks';
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
