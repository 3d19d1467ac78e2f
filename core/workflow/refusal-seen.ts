/**
 * What an official refused for errors at sending is told about who else sees the attempt: its coordination lists it,
 * with its findings, for the week the platform keeps it (functions/src/workflow/refused-sends.ts). One text for the
 * dashboard's «Mis envíos» and the Google Sheets add-on, so that an official reads the same thing wherever they send
 * from (the add-on said nothing, and its officials were surprised to be written to about an attempt).
 */
export const REFUSAL_SEEN_BY_COORDINATION = 'Su coordinación ve este intento, quién lo envió y sus hallazgos durante una semana, en «Intentos rechazados» de su bandeja: si necesita ayuda para corregirlo, escríbale.';
