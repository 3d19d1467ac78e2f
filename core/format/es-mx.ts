/** es-MX formats shown to people: $1,234,567.89, 31/03/2024, "5.9 mil millones". Pure, no Intl data needed. */
function groupThousands(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function formatNumber(value: number, decimals = 2): string {
  const sign = value < 0 ? '-' : '';
  const [int, frac] = Math.abs(value).toFixed(decimals).split('.');
  return sign + groupThousands(int) + (frac ? `.${frac}` : '');
}

export function formatMoney(value: number, currency = 'MXN'): string {
  const text = `$${formatNumber(Math.abs(value))}`;
  const signed = value < 0 ? `-${text}` : text;
  return currency === 'MXN' ? signed : `${signed} ${currency}`;
}

/** A count and the words that agree with it: «1 contratación modificada», «1,204 contrataciones modificadas». */
export function formatCount(n: number, one: string, many: string): string {
  return `${formatNumber(n, 0)} ${n === 1 ? one : many}`;
}

/** ISO 8601 date or date-time → dd/mm/aaaa, using the calendar date written in the string (no time-zone shift). */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** An ISO 8601 date or date-time as dd/mm/aaaa, with its hh:mm when it has a time other than midnight. */
export function formatDateTime(iso: string): string {
  const time = /^\d{4}-\d{2}-\d{2}T(\d{2}):(\d{2})/.exec(iso);
  return `${formatDate(iso)}${time && `${time[1]}:${time[2]}` !== '00:00' ? ` ${time[1]}:${time[2]}` : ''}`;
}

/** A figure as a message quotes it: grouped, with cents only when it has them (3,050,000; 91,168,415.75). */
export function formatFigure(value: number): string {
  return formatNumber(value, Number.isInteger(value) ? 0 : 2);
}

/** Large amounts in words: 5.9 mil millones, 12.3 millones, 850 mil. */
export function formatCompact(value: number): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  const one = (n: number): string => (Math.round(n * 10) / 10).toString();
  if (abs >= 1e9) return `${sign}${one(abs / 1e9)} mil millones`;
  if (abs >= 1e6) return `${sign}${one(abs / 1e6)} millones`;
  if (abs >= 1e3) return `${sign}${one(abs / 1e3)} mil`;
  return sign + formatNumber(abs, abs % 1 === 0 ? 0 : 2);
}
