/**
 * A small TextMate tokeniser for single-line `match` rules, with JavaScript regular expressions
 * instead of Oniguruma. Enough to check an injection grammar made of match rules: which scopes
 * each piece of a line gets. It refuses the Oniguruma constructs whose meaning differs in (or is
 * missing from) JavaScript, so a grammar that passes here means the same in VS Code.
 * Begin/end rules and injection selectors are not modelled (the real-engine test covers those).
 */

export interface Rule {
  name?: string;
  match?: string;
  begin?: string;
  end?: string;
  include?: string;
  patterns?: Rule[];
  captures?: Record<string, { name?: string; patterns?: Rule[] }>;
  comment?: string;
}

export interface Grammar {
  scopeName: string;
  injectionSelector?: string;
  patterns: Rule[];
  repository?: Record<string, Rule>;
}

export interface Token {
  text: string;
  start: number;
  scopes: string[];
}

/** Oniguruma-only syntax (or syntax that means something else in JS). */
const ONIG_ONLY: [RegExp, string][] = [
  [/\\[xo]\{/, '\\x{…} / \\o{…} code point escapes'],
  [/\\[hHAzZGKRX]/, 'Oniguruma escapes (\\h \\A \\z \\Z \\G \\K \\R \\X)'],
  [/\\p\{/, 'Unicode properties (need the u flag in JS)'],
  [/\(\?[imx-]+[:)]/, 'inline option groups'],
  [/\(\?>/, 'atomic groups'],
  [/\(\?~/, 'absent operator'],
  [/[*+?}]\+/, 'possessive quantifiers'],
  [/\\u[0-9a-fA-F]{4}/, '\\uHHHH escapes (Oniguruma reads them differently by syntax mode)'],
  [/\[\[:/, 'POSIX bracket classes'],
  [/\(\?<\w+>|\\k</, 'named groups (fine, but keep captures numbered)'],
];

/** Throws if `source` is not a regex both engines read the same way. */
export function compileRegex(source: string): RegExp {
  for (const [re, what] of ONIG_ONLY) {
    if (re.test(source.replace(/\\\\/g, ''))) throw new Error(`${what} in /${source}/`);
  }
  return new RegExp(source, 'dg'); // throws on invalid syntax; d: capture offsets
}

function resolve(g: Grammar, rules: Rule[], seen = new Set<string>()): Rule[] {
  const out: Rule[] = [];
  for (const r of rules) {
    if (r.include) {
      if (!r.include.startsWith('#')) throw new Error(`include ${r.include}: only repository includes are supported`);
      const key = r.include.slice(1);
      const target = g.repository?.[key];
      if (!target) throw new Error(`include ${r.include}: no such repository entry`);
      if (seen.has(key)) continue;
      out.push(...resolve(g, [target], new Set([...seen, key])));
    } else if (r.match !== undefined) out.push(r);
    else if (r.begin !== undefined) throw new Error('begin/end rules are not modelled');
    else if (r.patterns) out.push(...resolve(g, r.patterns, seen));
  }
  return out;
}

/** Every rule reachable from the grammar, with its regex compiled (checks includes and regexes). */
export function checkGrammar(g: Grammar): { rules: number; regexes: number } {
  let regexes = 0;
  const visit = (r: Rule, where: string): void => {
    if (r.match !== undefined) {
      try {
        compileRegex(r.match);
      } catch (e) {
        throw new Error(`${where}: ${(e as Error).message}`);
      }
      regexes++;
    }
    if (r.include) resolve(g, [r]);
    r.patterns?.forEach((p, i) => visit(p, `${where}.patterns[${i}]`));
    for (const [k, c] of Object.entries(r.captures ?? {})) c.patterns?.forEach((p, i) => visit(p, `${where}.captures[${k}].patterns[${i}]`));
  };
  g.patterns.forEach((p, i) => visit(p, `patterns[${i}]`));
  for (const [k, r] of Object.entries(g.repository ?? {})) visit(r, `repository.${k}`);
  return { rules: resolve(g, g.patterns).length, regexes };
}

interface Mark {
  start: number;
  end: number;
  scopes: string[];
}

/** Scope names from a `name` that may hold several (space-separated). */
function names(n: string | undefined): string[] {
  return n ? n.split(/\s+/).filter(Boolean) : [];
}

/**
 * Apply `rules` to `text[from, to)` the TextMate way: at each position the earliest match wins,
 * ties go to the first rule; a rule's name covers its whole match, captures nest inside.
 */
function scan(g: Grammar, rules: Rule[], text: string, from: number, to: number, outer: string[], marks: Mark[]): void {
  const compiled = resolve(g, rules).map((r) => ({ r, re: compileRegex(r.match!) }));
  let pos = from;
  const line = text.slice(0, to); // lookaheads must not see past the capture
  while (pos < to) {
    let best: { r: Rule; m: RegExpExecArray } | undefined;
    for (const c of compiled) {
      c.re.lastIndex = pos;
      const m = c.re.exec(line);
      if (!m || m.index >= to) continue;
      if (!best || m.index < best.m.index) best = { r: c.r, m };
    }
    if (!best) break;
    const { r, m } = best;
    const start = m.index;
    const end = start + m[0].length;
    const scopes = [...outer, ...names(r.name)];
    if (end > start && r.name) marks.push({ start, end, scopes });
    applyCaptures(g, r, m, line, scopes, marks);
    pos = end > pos ? end : pos + 1;
  }
}

function applyCaptures(g: Grammar, r: Rule, m: RegExpExecArray, line: string, scopes: string[], marks: Mark[]): void {
  if (!r.captures) return;
  const indices = (m as RegExpExecArray & { indices?: ([number, number] | undefined)[] }).indices;
  if (!indices) throw new Error('regex compiled without the d flag');
  for (const [k, cap] of Object.entries(r.captures)) {
    const span = indices[Number(k)];
    if (!span || span[1] <= span[0]) continue;
    const capScopes = [...scopes, ...names(cap.name)];
    if (cap.name) marks.push({ start: span[0], end: span[1], scopes: capScopes });
    if (cap.patterns) scan(g, cap.patterns, line, span[0], span[1], capScopes, marks);
  }
}

/**
 * Tokenise one line with the grammar's top-level patterns. Returns the pieces that got at least
 * one scope from the grammar, each with its innermost (most specific) scopes last.
 */
export function tokenizeLine(g: Grammar, text: string): Token[] {
  const marks: Mark[] = [];
  scan(g, g.patterns, text, 0, text.length, [], marks);
  // Innermost mark per character, then merge runs with equal scopes.
  const per: (string[] | undefined)[] = Array.from({ length: text.length }, () => undefined);
  for (const mk of marks) for (let i = mk.start; i < mk.end; i++) if (!per[i] || per[i]!.length <= mk.scopes.length) per[i] = mk.scopes;
  const tokens: Token[] = [];
  for (let i = 0; i < text.length; ) {
    const s = per[i];
    let j = i + 1;
    while (j < text.length && per[j] === s) j++;
    if (s) tokens.push({ text: text.slice(i, j), start: i, scopes: s });
    i = j;
  }
  return tokens;
}

/** The scopes of the token that covers `piece` (its first occurrence at or after `from`). */
export function scopesOf(tokens: Token[], line: string, piece: string, from = 0): string[] {
  const at = line.indexOf(piece, from);
  if (at < 0) throw new Error(`${JSON.stringify(piece)} is not in ${JSON.stringify(line)}`);
  const t = tokens.find((tk) => tk.start <= at && at < tk.start + tk.text.length);
  if (!t) return [];
  if (t.start !== at || t.text.length !== piece.length) return [...t.scopes, `(token is ${JSON.stringify(t.text)})`];
  return t.scopes;
}
