/**
 * Codes Mexican publications carry under another spelling than the codelist we publish, read as the listed code.
 * The paymentMethod extension that EDCA-MX packages declare lists a bank transfer as `wireTransfe` (sic); INAI's
 * capture tool published `wireTransfer`. Both mean the same payment, so a sheet or an import that brings the tool's
 * spelling gets the extension's code instead of an «off the list» warning on every payment.
 * Keys are lower case (codes are matched case-insensitively).
 */
const CODE_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  paymentMethod: { wiretransfer: 'wireTransfe' },
};

/** The listed code `text` is another spelling of, in `codelist`; undefined if none. */
export function codeAlias(codelist: string | undefined, text: string): string | undefined {
  const aliases = codelist === undefined || !Object.prototype.hasOwnProperty.call(CODE_ALIASES, codelist) ? undefined : CODE_ALIASES[codelist];
  // Own keys only: a cell reading «__proto__» or «constructor» found the object's inherited members, and the sheet
  // failed as a whole (sheet.internal-error) instead of that cell getting its «not on the list» finding.
  const key = text.toLowerCase();
  return aliases !== undefined && Object.prototype.hasOwnProperty.call(aliases, key) ? aliases[key] : undefined;
}
