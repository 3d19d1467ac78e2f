import * as fs from 'fs';
import * as path from 'path';
import { buildProfileFiles } from './profile-builder';
import { hasStandards, ROOT, STANDARDS_DIR } from '../test/standards';
import type { Profile } from '../core/profile/types';

const describeIfStandards = hasStandards ? describe : describe.skip;

describeIfStandards('profile generator', () => {
  const files = buildProfileFiles(STANDARDS_DIR);

  it('regenerates the committed schemas/ byte for byte', () => {
    for (const [rel, content] of Object.entries(files)) {
      expect({ rel, content: fs.readFileSync(path.join(ROOT, rel), 'utf8') }).toEqual({ rel, content });
    }
  });

  it('applies the extensions: project link, budget lines, location and Mexican lists', () => {
    const ocds = JSON.parse(files['schemas/profile-ocds.json']) as Profile;
    expect(ocds.fields['planning/project/id']).toBeDefined();
    expect(ocds.fields['planning/budgetBreakdown/budgetLines/measures/id']).toBeDefined();
    expect(ocds.fields['tender/items/deliveryLocation/geometry/coordinates']).toMatchObject({ types: ['array'] });
    expect(ocds.fields['tender/status']).toMatchObject({ codelist: 'tenderStatus', openCodelist: false });
    expect(ocds.fields['ocid']).toMatchObject({ required: true });
    expect(ocds.codelists.partyRole.codes).toEqual(expect.arrayContaining(['buyer', 'payer', 'guarantor']));
    expect(ocds.codelists['mx/procurementMethodDetails'].codes).toHaveLength(3);
    const oc4ids = JSON.parse(files['schemas/profile-oc4ids.json']) as Profile;
    expect(oc4ids.fields['contractingProcesses/summary/nature']).toMatchObject({ codelist: 'contractNature' });
    expect(oc4ids.codelists.projectStatus.codes).toContain('completion');
    expect(oc4ids.codelists.projectStatus.codes).not.toContain('completed');
  });

  it('keeps no English prose in the committed schemas', () => {
    const schema = files['schemas/edca-mx-release-schema.json'];
    expect(schema).not.toMatch(/"description": "/);
    expect(schema).not.toMatch(/"title": "/);
  });
});
