/** Public entry of validation: the runner, completeness, the compiled validators and their types. */
export { validate, type Documents } from './validate';
export { completeness, type CompletenessReport, type CompletenessScore, type DocumentCompleteness } from './completeness';
export { VALIDATORS, type CompiledValidator } from './validators';
export type { ValidateSettings } from '../checks/types';
