/**
 * Calendar dates as auditors write them (`2027-04-30`, `2027/4/30`, `2027.04.30`,
 * `2027年4月30日`, full-width digits too) → ISO `YYYY-MM-DD`, and the day arithmetic the audit
 * cycle needs (days to a due date, months between audits). Pure; dates are calendar days with no
 * time zone (an ISO string compares as the date it names).
 */

const FW_DIGIT = /[\uFF10-\uFF19]/g;

function ascii(s: string): string {
  return s.replace(FW_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[－／．]/g, (c) => ({ '－': '-', '／': '/', '．': '.' })[c]!);
}

/** A date somewhere in text: the four forms above; the year has four digits. */
export const DATE_SOURCE = '[0-9\\uFF10-\\uFF19]{4}\\s*(?:[-/.－／．]\\s*[0-9\\uFF10-\\uFF19]{1,2}\\s*[-/.－／．]\\s*[0-9\\uFF10-\\uFF19]{1,2}(?![0-9\\uFF10-\\uFF19])|年\\s*[0-9\\uFF10-\\uFF19]{1,2}\\s*月\\s*[0-9\\uFF10-\\uFF19]{1,2}\\s*日?)';
const DATE_RE = new RegExp(DATE_SOURCE);

/** Days in a month of a year (proleptic Gregorian). */
function daysIn(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The ISO date a written date names, or undefined when it is not a real calendar date (2027-02-30). */
export function parseDate(text: string): string | undefined {
  const m = /^(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?)$/.exec(ascii(text.trim()));
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2] ?? m[4]);
  const day = Number(m[3] ?? m[5]);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  return iso(year, month, day);
}

/** The first date-shaped text in `text`: where it is and the ISO date (undefined if not a real date). */
export function findDate(text: string): { index: number; text: string; iso?: string } | undefined {
  const m = DATE_RE.exec(text);
  if (!m) return undefined;
  const out: { index: number; text: string; iso?: string } = { index: m.index, text: m[0] };
  const d = parseDate(m[0]);
  if (d) out.iso = d;
  return out;
}

function dayNumber(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** `date` plus whole calendar months (the day clamped to the month's last: 2026-01-31 + 1 → 2026-02-28). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return iso(year, month, Math.min(d, daysIn(year, month)));
}

/** Today's date where the process runs (local time), as ISO. */
export function todayIso(now: Date = new Date()): string {
  return iso(now.getFullYear(), now.getMonth() + 1, now.getDate());
}
