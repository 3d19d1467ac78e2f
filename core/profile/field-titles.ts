/** The schemas' English titles (generated: schemas/field-titles-en.json), for headers written as titles. */
import titles from '../../schemas/field-titles-en.json';
import type { FieldTitles, Standard } from './types';

export const FIELD_TITLES: Readonly<Record<Standard, FieldTitles>> = titles as unknown as Record<Standard, FieldTitles>;
