/**
 * The template spec of the program: built once from the profiles, the program's field set (schemas/program)
 * and our Spanish labels (schemas/labels). Every shell (add-on, backend, CLI) reads this one object.
 */
import { PROFILES } from '../profile/profiles';
import { buildTemplateSpec, type CodeLabels, type Definition, type FieldLabels, type TemplateSpec } from './spec';
import edcapi from '../../schemas/program/edcapi.json';
import edcaMx from '../../schemas/program/edca-mx.json';
import fieldsOc4ids from '../../schemas/labels/fields-oc4ids.json';
import fieldsOcds from '../../schemas/labels/fields-ocds.json';
import codesOc4ids from '../../schemas/labels/codes-oc4ids.json';
import codesOcds from '../../schemas/labels/codes-ocds.json';

let cached: TemplateSpec | undefined;

export function templateSpec(): TemplateSpec {
  cached ??= buildTemplateSpec([
    { profile: PROFILES.oc4ids, definition: edcapi as Definition, fieldLabels: fieldsOc4ids as FieldLabels, codeLabels: codesOc4ids as CodeLabels },
    { profile: PROFILES.ocds, definition: edcaMx as Definition, fieldLabels: fieldsOcds as FieldLabels, codeLabels: codesOcds as CodeLabels },
  ]);
  return cached;
}
