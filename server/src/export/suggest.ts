/** Did-you-mean for a template placeholder: the nearest known name, ignoring case, if it is near enough. */
import { editDistance } from '../scheme/clauseId';

export function suggestClosest(name: string, known: readonly string[]): string | undefined {
  const target = name.toLowerCase();
  let best: { name: string; d: number } | undefined;
  for (const k of known) {
    const d = editDistance(target, k.toLowerCase());
    if (!best || d < best.d) best = { name: k, d };
  }
  return best && best.d <= Math.max(2, Math.floor(target.length / 3)) ? best.name : undefined;
}
