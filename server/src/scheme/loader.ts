/**
 * Loads scheme files: JSON (comments tolerated) → validated against scheme.schema.json →
 * `extends` resolved → semantic checks → a resolved `Scheme`. Never throws on bad input:
 * every problem comes back as a `SchemeProblem` naming the file, the JSON path and what is wrong.
 */
import Ajv, { type ErrorObject } from 'ajv';
import * as jsonc from 'jsonc-parser';
import schemaJson from './scheme.schema.json';
import gbt27922 from './builtin/gbt27922-2011.json';
import dualScore from './builtin/gbt27922-2011-dual-score.json';
import tenStar from './builtin/ten-star.json';
import { clauseDepth, compareClauseIds, parentClauseId } from './clauseId';
import { DEFAULT_ROUNDING, type ClauseGroup, type ClauseItem, type Gate, type LocalizedText, type Metric, type NcRules, type Rounding, type Scheme, type Tier } from './types';

export const DEFAULT_SCHEME_ID = 'gbt27922-2011';
export const SCHEME_JSON_SCHEMA: object = schemaJson;

/** Raw (unresolved) scheme file content as the JSON Schema describes it. */
export interface SchemeFile {
  id: string;
  extends?: string;
  name?: LocalizedText;
  source?: string;
  provenance?: string;
  groups?: { id: string; title?: LocalizedText }[];
  items?: { id: string; points?: number; requirement?: string; title?: LocalizedText; keywords?: string[]; remove?: boolean }[];
  bands?: { id: string; min: number; max: number; descriptions: string[] }[];
  special?: {
    deduction?: { pointsEach?: number; failAbove?: number; rule?: string; description?: string };
    bonus?: { pointsEach?: number; cap?: number; rule?: string; description?: string };
  };
  rounding?: Partial<Rounding>;
  tiers?: { id: string; stars?: number; minScore?: number; name?: LocalizedText; rule?: string; gates?: Gate[] }[];
  metrics?: { id: string; name?: LocalizedText; unit: 'points' | 'percent'; min?: number; max?: number; aliases?: string[] }[];
  surveillanceMonths?: number;
  ncRules?: NcRules;
}

export interface SchemeProblem {
  /** File the problem is in (`builtin:<id>` for built-ins). */
  file: string;
  /** JSON pointer inside the file, e.g. `/items/3/points` ("" for the whole file). */
  path: string;
  message: string;
  /** 0-based offset and length in the file text, when known. */
  offset?: number;
  length?: number;
  /** 0-based line and character of `offset`, when known. */
  line?: number;
  character?: number;
}

export type SchemeResult = { ok: true; scheme: Scheme } | { ok: false; problems: SchemeProblem[] };

export const BUILTIN_SCHEME_FILES: Readonly<Record<string, SchemeFile>> = {
  [DEFAULT_SCHEME_ID]: gbt27922 as SchemeFile,
  'gbt27922-2011-dual-score': dualScore as SchemeFile,
  'ten-star': tenStar as SchemeFile,
};

export function builtinSchemeIds(): string[] {
  return Object.keys(BUILTIN_SCHEME_FILES);
}

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(data: unknown): ErrorObject[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    validator = ajv.compile(SCHEME_JSON_SCHEMA);
  }
  return validator(data) ? [] : [...(validator.errors ?? [])];
}

/** Options for resolving `extends` of file schemes. */
export interface LoadOptions {
  /** Reads a file (by absolute or resolved path); undefined if it cannot be read. */
  readFile?: (path: string) => string | undefined;
  /** Resolves a relative `extends` path against the extending file's path. */
  resolvePath?: (from: string, relative: string) => string;
  /** Why `readFile` gave nothing for a path (outside the workspace, not a regular file, too large…). */
  why?: (path: string) => string | undefined;
}

/** File access for resolving a scheme reference and its `extends` chain. */
export type FileIo = Required<Pick<LoadOptions, 'readFile' | 'resolvePath'>> & Pick<LoadOptions, 'why'>;

const cache = new Map<string, Scheme>();

/** A built-in scheme by ID (resolved once and cached). */
export function getBuiltinScheme(id: string = DEFAULT_SCHEME_ID): Scheme | undefined {
  const hit = cache.get(id);
  if (hit) return hit;
  if (!(id in BUILTIN_SCHEME_FILES)) return undefined;
  const result = resolveSchemeFile(BUILTIN_SCHEME_FILES[id], `builtin:${id}`, undefined, {}, []);
  if (!result.ok) {
    throw new Error(`built-in scheme ${id} is invalid: ${formatSchemeProblems(result.problems)}`);
  }
  cache.set(id, result.scheme);
  return result.scheme;
}

/** The default GB/T 27922-2011 scheme. */
export function defaultScheme(): Scheme {
  return getBuiltinScheme(DEFAULT_SCHEME_ID)!;
}

/** One line per problem: `file:line:col: /path: message`. */
export function formatSchemeProblems(problems: SchemeProblem[]): string {
  return problems
    .map((p) => {
      const where = p.line !== undefined ? `${p.file}:${p.line + 1}:${(p.character ?? 0) + 1}` : p.file;
      return `${where}: ${p.path || '(root)'}: ${p.message}`;
    })
    .join('\n');
}

function lineCol(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, character: offset - last - 1 };
}

function pointerToSegments(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function locate(text: string | undefined, root: jsonc.Node | undefined, file: string, path: string, message: string): SchemeProblem {
  const problem: SchemeProblem = { file, path, message };
  if (text !== undefined && root) {
    let node = jsonc.findNodeAtLocation(root, pointerToSegments(path));
    // For a property, point at the key rather than the value when it exists.
    if (node?.parent?.type === 'property' && node.parent.children?.[0]) node = node.parent.children[0];
    const target = node ?? root;
    problem.offset = target.offset;
    problem.length = target.length;
    Object.assign(problem, lineCol(text, target.offset));
  }
  return problem;
}

function describeAjvError(e: ErrorObject): { path: string; message: string } {
  const path = e.instancePath;
  switch (e.keyword) {
    case 'additionalProperties':
      return { path, message: `unknown property "${(e.params as { additionalProperty: string }).additionalProperty}"` };
    case 'required':
      return { path, message: `missing required property "${(e.params as { missingProperty: string }).missingProperty}"` };
    case 'pattern':
      return { path, message: `value does not have the expected form (${e.params.pattern})` };
    case 'enum':
      return { path, message: `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}` };
    default:
      return { path, message: e.message ?? e.keyword };
  }
}

/**
 * Parse and resolve a scheme file's text. `file` names it in messages and is the base for a
 * relative `extends`.
 */
export function loadSchemeText(text: string, file: string, options: LoadOptions = {}): SchemeResult {
  return loadSchemeTextChain(text, file, options, []);
}

function loadSchemeTextChain(text: string, file: string, options: LoadOptions, chain: string[]): SchemeResult {
  const parseErrors: jsonc.ParseError[] = [];
  const root = jsonc.parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  if (parseErrors.length > 0 || !root) {
    const problems = parseErrors.map((e) => ({
      file,
      path: '',
      message: `invalid JSON: ${jsonc.printParseErrorCode(e.error)}`,
      offset: e.offset,
      length: e.length,
      ...lineCol(text, e.offset),
    }));
    if (problems.length === 0) problems.push({ file, path: '', message: 'empty file: expected a JSON object', offset: 0, length: 0, line: 0, character: 0 });
    return { ok: false, problems };
  }
  const data: unknown = jsonc.getNodeValue(root);
  const errors = validate(data);
  if (errors.length > 0) {
    // Drop duplicate messages that ajv reports for the same place.
    const seen = new Set<string>();
    const problems: SchemeProblem[] = [];
    for (const e of errors) {
      const d = describeAjvError(e);
      const key = `${d.path}|${d.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push(locate(text, root, file, d.path, d.message));
    }
    return { ok: false, problems };
  }
  return resolveSchemeFile(data as SchemeFile, file, { text, root }, options, chain);
}

interface Located {
  text: string;
  root: jsonc.Node;
}

function resolveSchemeFile(raw: SchemeFile, file: string, located: Located | undefined, options: LoadOptions, chain: string[]): SchemeResult {
  const at = (path: string, message: string) => locate(located?.text, located?.root, file, path, message);
  if (chain.includes(file)) {
    return { ok: false, problems: [at('/extends', `circular "extends": ${[...chain, file].join(' → ')}`)] };
  }
  let base: Scheme | undefined;
  if (raw.extends !== undefined) {
    const target = raw.extends;
    if (target in BUILTIN_SCHEME_FILES) {
      const builtinFile = `builtin:${target}`;
      if (chain.includes(builtinFile) || builtinFile === file) {
        return { ok: false, problems: [at('/extends', `circular "extends": ${[...chain, file, builtinFile].join(' → ')}`)] };
      }
      const r = cachedOrResolveBuiltin(target, options, [...chain, file]);
      if (!r.ok) return r;
      base = r.scheme;
    } else if (options.readFile && options.resolvePath && !file.startsWith('builtin:')) {
      const path = options.resolvePath(file, target);
      const text = options.readFile(path);
      if (text === undefined) {
        return {
          ok: false,
          problems: [at('/extends', `cannot extend "${target}": no built-in scheme has that ID (${builtinSchemeIds().join(', ')}) and the file ${path} cannot be read${options.why?.(path) ? `: ${options.why(path)}` : ''}`)],
        };
      }
      const r = loadSchemeTextChain(text, path, options, [...chain, file]);
      if (!r.ok) {
        return { ok: false, problems: [at('/extends', `the extended scheme ${path} is invalid`), ...r.problems] };
      }
      base = r.scheme;
    } else {
      return { ok: false, problems: [at('/extends', `unknown scheme "${target}"; built-in schemes: ${builtinSchemeIds().join(', ')}`)] };
    }
  }
  return merge(raw, base, file, at);
}

function cachedOrResolveBuiltin(id: string, options: LoadOptions, chain: string[]): SchemeResult {
  const hit = cache.get(id);
  if (hit) return { ok: true, scheme: hit };
  const r = resolveSchemeFile(BUILTIN_SCHEME_FILES[id], `builtin:${id}`, undefined, options, chain);
  if (r.ok) cache.set(id, r.scheme);
  return r;
}

function pointsText(n: number): string {
  return String(n);
}

/** Inherited keywords, then the new ones, each once (trimmed; empty ones dropped). */
function mergeKeywords(inherited: readonly string[] | undefined, added: readonly string[] | undefined): string[] {
  const out = new Set<string>();
  for (const k of [...(inherited ?? []), ...(added ?? [])]) {
    const t = k.trim();
    if (t) out.add(t);
  }
  return [...out];
}

function merge(raw: SchemeFile, base: Scheme | undefined, file: string, at: (path: string, message: string) => SchemeProblem): SchemeResult {
  const problems: SchemeProblem[] = [];

  // Groups
  const groups = new Map<string, ClauseGroup>((base?.groups ?? []).map((g) => [g.id, { ...g }]));
  (raw.groups ?? []).forEach((g, i) => {
    const prev = groups.get(g.id);
    const parent = clauseDepth(g.id) === 3 ? parentClauseId(g.id) : undefined;
    groups.set(g.id, { id: g.id, title: { ...(prev?.title ?? {}), ...(g.title ?? {}) }, parent });
    if (!prev && !g.title) problems.push(at(`/groups/${i}`, `group ${g.id} needs a "title"`));
  });
  for (const [i, g] of [...groups.values()].entries()) {
    if (g.parent && !groups.has(g.parent)) {
      const idx = (raw.groups ?? []).findIndex((x) => x.id === g.id);
      problems.push(at(idx >= 0 ? `/groups/${idx}/id` : `/groups/${i}`, `group ${g.id} has no parent group ${g.parent}`));
    }
  }

  // Items
  const items = new Map<string, Omit<ClauseItem, 'order'>>((base?.items ?? []).map((it) => [it.id, { ...it }]));
  (raw.items ?? []).forEach((it, i) => {
    const prev = items.get(it.id);
    if (it.remove) {
      if (!prev) problems.push(at(`/items/${i}/id`, `cannot remove item ${it.id}: it is not in the extended scheme`));
      items.delete(it.id);
      return;
    }
    const group = parentClauseId(it.id)!;
    const section = parentClauseId(group)!;
    if (!prev) {
      if (it.points === undefined) problems.push(at(`/items/${i}`, `new item ${it.id} needs "points"`));
      if (it.requirement === undefined) problems.push(at(`/items/${i}`, `new item ${it.id} needs a "requirement"`));
      if (!groups.has(group)) problems.push(at(`/items/${i}/id`, `item ${it.id} belongs to group ${group}, which the scheme does not define (add it to "groups")`));
      if (!groups.has(section)) problems.push(at(`/items/${i}/id`, `item ${it.id} belongs to group ${section}, which the scheme does not define (add it to "groups")`));
    }
    items.set(it.id, {
      id: it.id,
      requirement: it.requirement ?? prev?.requirement ?? '',
      title: { ...(prev?.title ?? {}), ...(it.title ?? {}) },
      points: it.points !== undefined ? pointsText(it.points) : prev?.points ?? '0',
      keywords: mergeKeywords(prev?.keywords, it.keywords),
      group,
      section,
    });
  });
  const orderedItems: ClauseItem[] = [...items.values()]
    .sort((a, b) => compareClauseIds(a.id, b.id))
    .map((it, order) => ({ ...it, order }));
  if (orderedItems.length === 0) problems.push(at('/items', 'the scheme has no items'));

  // Bands and special rules
  const bands = raw.bands ?? base?.bands ?? [];
  if (bands.length === 0) problems.push(at('', 'the scheme has no scoring "bands"'));
  raw.bands?.forEach((b, i) => {
    if (b.min > b.max) problems.push(at(`/bands/${i}`, `band ${b.id}: min ${b.min} is above max ${b.max}`));
  });
  const d = raw.special?.deduction;
  const bo = raw.special?.bonus;
  const deduction = {
    pointsEach: d?.pointsEach ?? base?.deduction.pointsEach ?? 1,
    failAbove: d?.failAbove ?? base?.deduction.failAbove ?? 5,
    rule: d?.rule ?? base?.deduction.rule ?? '',
    description: d?.description ?? base?.deduction.description ?? '',
  };
  const bonus = {
    pointsEach: bo?.pointsEach ?? base?.bonus.pointsEach ?? 1,
    cap: bo?.cap ?? base?.bonus.cap ?? 1,
    rule: bo?.rule ?? base?.bonus.rule ?? '',
    description: bo?.description ?? base?.bonus.description ?? '',
  };

  const rounding: Rounding = {
    decimals: raw.rounding?.decimals ?? base?.rounding.decimals ?? DEFAULT_ROUNDING.decimals,
    mode: raw.rounding?.mode ?? base?.rounding.mode ?? DEFAULT_ROUNDING.mode,
  };

  // Metrics
  const metrics = new Map<string, Metric>((base?.metrics ?? []).map((m) => [m.id, { ...m }]));
  (raw.metrics ?? []).forEach((m) => {
    const prev = metrics.get(m.id);
    metrics.set(m.id, {
      id: m.id,
      name: { ...(prev?.name ?? {}), ...(m.name ?? {}) },
      unit: m.unit,
      min: m.min ?? prev?.min ?? 0,
      max: m.max ?? prev?.max ?? 100,
      aliases: m.aliases ?? prev?.aliases ?? [],
    });
  });

  // Tiers (merge by id; gates merge by id)
  const tiers = new Map<string, Tier>((base?.tiers ?? []).map((t) => [t.id, { ...t, gates: [...t.gates] }]));
  (raw.tiers ?? []).forEach((t, i) => {
    const prev = tiers.get(t.id);
    if (!prev && (t.minScore === undefined || t.stars === undefined)) {
      problems.push(at(`/tiers/${i}`, `new tier "${t.id}" needs "minScore" and "stars"`));
    }
    const gates = [...(prev?.gates ?? [])];
    (t.gates ?? []).forEach((g, j) => {
      if (g.metric !== 'total' && !metrics.has(g.metric)) {
        problems.push(at(`/tiers/${i}/gates/${j}/metric`, `gate "${g.id}" uses metric "${g.metric}", which is neither "total" nor a metric of the scheme (${[...metrics.keys()].join(', ') || 'none defined'})`));
      }
      const k = gates.findIndex((x) => x.id === g.id);
      const gate: Gate = { id: g.id, metric: g.metric, min: g.min, description: g.description ?? { en: `${g.metric} ≥ ${g.min}` } };
      if (k >= 0) gates[k] = gate;
      else gates.push(gate);
    });
    tiers.set(t.id, {
      id: t.id,
      stars: t.stars ?? prev?.stars ?? 0,
      minScore: t.minScore ?? prev?.minScore ?? 0,
      name: { ...(prev?.name ?? {}), ...(t.name ?? {}) },
      rule: t.rule ?? prev?.rule,
      gates,
    });
  });
  const orderedTiers = [...tiers.values()].sort((a, b) => a.minScore - b.minScore || a.stars - b.stars);
  if (orderedTiers.length === 0) problems.push(at('', 'the scheme has no star "tiers"'));

  if (problems.length > 0) return { ok: false, problems };
  const groupList = [...groups.values()].sort((a, b) => compareClauseIds(a.id, b.id));
  const scheme: Scheme = {
    id: raw.id,
    name: { ...(base?.name ?? {}), ...(raw.name ?? {}) },
    source: raw.source ?? base?.source,
    provenance: raw.provenance ?? (raw.extends ? undefined : base?.provenance),
    extendsChain: base ? [base.id, ...base.extendsChain] : [],
    groups: groupList,
    items: orderedItems,
    bands,
    deduction,
    bonus,
    rounding,
    tiers: orderedTiers,
    metrics: [...metrics.values()],
    surveillanceMonths: raw.surveillanceMonths ?? base?.surveillanceMonths ?? 12,
    ...(mergeNcRules(base?.ncRules, raw.ncRules) ? { ncRules: mergeNcRules(base?.ncRules, raw.ncRules) } : {}),
    itemById: new Map(orderedItems.map((it) => [it.id, it])),
    groupById: new Map(groupList.map((g) => [g.id, g])),
    origin: file,
  };
  return { ok: true, scheme };
}

/** A scheme's `ncRules` over the extended one's: each rule is inherited unless given again. */
function mergeNcRules(base: NcRules | undefined, own: NcRules | undefined): NcRules | undefined {
  if (!base && !own) return undefined;
  const caps = { ...(base?.itemCapPercent ?? {}), ...(own?.itemCapPercent ?? {}) };
  const rules: NcRules = {};
  if (Object.keys(caps).length > 0) rules.itemCapPercent = caps;
  const block = own?.majorBlocksStarAt ?? base?.majorBlocksStarAt;
  if (block !== undefined) rules.majorBlocksStarAt = block;
  return Object.keys(rules).length > 0 ? rules : undefined;
}
