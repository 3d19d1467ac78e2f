/**
 * The template's data sheets in the order the template has them (the spec's order: EDCAPI's, then EDCA-MX's), read
 * from the same program definitions templateSpec() is built from but without building it: the dashboard orders a
 * send's findings by it, and the whole spec (profiles, labels) would weigh on its bundle. A test keeps both equal.
 */
import edcapi from '../../schemas/program/edcapi.json';
import edcaMx from '../../schemas/program/edca-mx.json';

export const TEMPLATE_SHEET_ORDER: readonly string[] = [...edcapi.sheets, ...edcaMx.sheets].map((s) => s.name);
