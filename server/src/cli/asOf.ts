/** `--as-of YYYY-MM-DD`: the date non-conformities are judged overdue against (default today). */
import { parseDate, todayIso } from '../model/dates';
import { UsageError } from './errors';

export function parseAsOf(value: string | undefined): string {
  if (value === undefined) return todayIso();
  const d = parseDate(value);
  if (!d) throw new UsageError(`--as-of expects a date like 2027-06-30, not "${value}"`);
  return d;
}
