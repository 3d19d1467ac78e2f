import { TEMPLATE_SHEET_ORDER } from './sheet-order';
import { templateSpec } from './template-spec';

test('the template\'s sheet order read without building the spec is the spec\'s', () => {
  expect(TEMPLATE_SHEET_ORDER).toEqual(templateSpec().sheets.map((s) => s.name));
});
