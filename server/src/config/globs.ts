/**
 * The `include` / `exclude` globs of a project config come from the repository, and picomatch
 * compiles a glob into a regular expression that is run on every path: a crafted glob can
 * backtrack for minutes (`**\/*a*a*a*a*a*b.md` on a long file name, `{a,aa}+`, `(a|aa)+`) or
 * exceed picomatch's own length limit (which throws). So a glob is used only within these
 * limits, and one outside them is reported (invalid-config, at its position) and left out:
 *
 * - at most MAX_GLOB_LENGTH characters;
 * - no groups or extglobs: an unescaped `(`, `)` or `|` (write `[(]` for a literal parenthesis);
 * - no `+` right after `]` or `}` (picomatch turns it into a repeated group);
 * - at most MAX_STARS `*` in one path segment (a `**` segment is the globstar) and at most
 *   MAX_GLOBSTARS globstars;
 * - braces not nested, at most MAX_BRACE_GROUPS groups of at most MAX_BRACE_ALTERNATIVES each.
 *
 * Within these limits the worst match measured takes well under a millisecond per path (the
 * unit test runs adversarial globs against 250-character names).
 */
import picomatch from 'picomatch';

export const MAX_GLOB_LENGTH = 256;
export const MAX_STARS = 3;
export const MAX_GLOBSTARS = 4;
export const MAX_BRACE_GROUPS = 4;
export const MAX_BRACE_ALTERNATIVES = 16;
/** At most this many globs in `include` or `exclude`. */
export const MAX_GLOBS = 100;

/** Why a glob is not used, or undefined when it is fine. */
export function globProblem(glob: string): string | undefined {
  if (glob.length > MAX_GLOB_LENGTH) return `the glob is ${glob.length} characters long; at most ${MAX_GLOB_LENGTH} are used`;
  const body = glob.startsWith('!') ? glob.slice(1) : glob;
  let depth = 0;
  let groups = 0;
  let alternatives = 0;
  let prev = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      i++;
      prev = '';
      continue;
    }
    if (c === '[') {
      // A character class: its characters are literal (`[(]`); the `]` may come first (`[]a]`).
      const close = body.indexOf(']', i + 2);
      if (close > 0) {
        i = close;
        prev = ']';
        continue;
      }
    }
    if (c === '(' || c === ')' || c === '|') return `"${c}" (a group or extglob) is not supported; write [${c}] for the character itself`;
    if (c === '+' && (prev === ']' || prev === '}')) return `"${prev}+" repeats a group, which is not supported`;
    if (c === '{') {
      if (depth > 0) return 'nested braces are not supported';
      depth++;
      groups++;
      alternatives = 1;
      if (groups > MAX_BRACE_GROUPS) return `more than ${MAX_BRACE_GROUPS} brace groups`;
    } else if (c === '}' && depth > 0) {
      depth--;
    } else if (c === ',' && depth > 0) {
      alternatives++;
      if (alternatives > MAX_BRACE_ALTERNATIVES) return `more than ${MAX_BRACE_ALTERNATIVES} alternatives in one brace group`;
    }
    prev = c;
  }
  let globstars = 0;
  for (const segment of body.split('/')) {
    if (segment === '**') {
      globstars++;
      continue;
    }
    const stars = (segment.match(/\*/g) ?? []).length;
    if (stars > MAX_STARS) return `"${segment}" has ${stars} "*"; at most ${MAX_STARS} in one path segment`;
  }
  if (globstars > MAX_GLOBSTARS) return `${globstars} "**"; at most ${MAX_GLOBSTARS}`;
  try {
    picomatch.makeRe(glob);
  } catch (e) {
    return `not a glob picomatch can read: ${e instanceof Error ? e.message : String(e)}`;
  }
  return undefined;
}

/**
 * A matcher for the globs that pass `globProblem` (others are left out; the config loader has
 * reported them). Never throws; no glob gives a matcher that matches nothing.
 */
export function safeMatcher(globs: readonly string[], options: picomatch.PicomatchOptions = {}): (path: string) => boolean {
  const usable = globs.slice(0, MAX_GLOBS).filter((g) => typeof g === 'string' && globProblem(g) === undefined);
  if (usable.length === 0) return () => false;
  try {
    return picomatch(usable, options);
  } catch {
    return () => false;
  }
}
