/**
 * The project config file (`gbt27922.config.json`), read by the language server and the CLI.
 * Bad config never stops analysis: problems are reported and defaults are used.
 */
import Ajv from 'ajv';
import * as jsonc from 'jsonc-parser';
import schemaJson from './config.schema.json';
import type { ProblemCode, Severity } from '../model/problems';
import { PROBLEMS } from '../model/problems';
import { globProblem, MAX_GLOBS } from './globs';
import { closestWord } from '../scheme/clauseId';
import { BUILTIN_SCHEME_FILES, getBuiltinScheme, loadSchemeText, type FileIo, type SchemeProblem, type SchemeResult } from '../scheme/loader';

export const CONFIG_FILE_NAME = 'gbt27922.config.json';
export const CONFIG_JSON_SCHEMA: object = schemaJson;

export type SeverityOverride = Severity | 'off';

export interface ProjectConfig {
  scheme: string;
  manualRoot?: string;
  include: string[];
  exclude: string[];
  /**
   * The level of each problem code the config sets: its `severity` map with its `rules` map on
   * top (`rules` wins for a code both name). The editor setting gbt27922.severity goes over this.
   */
  severity: Partial<Record<ProblemCode, SeverityOverride>>;
  locale?: 'en' | 'zh';
  maxFileSizeMB: number;
  checkEvidenceLinks: boolean;
  /** A Word template for the exported audit report, relative to the config file. */
  reportTemplate?: string;
}

export const DEFAULT_CONFIG: Readonly<ProjectConfig> = Object.freeze({
  scheme: 'gbt27922-2011',
  include: ['**/*.md', '**/*.markdown'],
  exclude: ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/out/**'],
  severity: {},
  maxFileSizeMB: 10,
  checkEvidenceLinks: true,
});

let validator: ReturnType<Ajv['compile']> | undefined;

export interface ConfigResult {
  config: ProjectConfig;
  /** Problems found; when non-empty, the offending settings fell back to defaults. */
  problems: SchemeProblem[];
}

/** Parse and validate config text. Unknown problem codes in `severity` are reported too. */
export function loadConfigText(text: string, file: string): ConfigResult {
  const errors: jsonc.ParseError[] = [];
  const root = jsonc.parseTree(text, errors, { allowTrailingComma: true });
  /** A problem at the key of `path` (its value when it has no key), named by `shownPath` (default: `path`). */
  const at = (path: (string | number)[], message: string, shownPath?: string): SchemeProblem => {
    const node = root ? jsonc.findNodeAtLocation(root, path) : undefined;
    const target = node?.parent?.type === 'property' && node.parent.children?.[0] ? node.parent.children[0] : node ?? root;
    return withPosition(text, { file, path: shownPath ?? (path.length ? '/' + path.join('/') : ''), message }, target?.offset ?? 0, target?.length ?? 0);
  };
  if (errors.length > 0 || !root) {
    const problems = errors.map((e) => withPosition(text, { file, path: '', message: `invalid JSON: ${jsonc.printParseErrorCode(e.error)}` }, e.offset, e.length));
    if (problems.length === 0) problems.push(withPosition(text, { file, path: '', message: 'empty file: expected a JSON object' }, 0, 0));
    return { config: { ...DEFAULT_CONFIG, severity: {} }, problems };
  }
  const data = jsonc.getNodeValue(root) as Record<string, unknown>;
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(CONFIG_JSON_SCHEMA);
  const problems: SchemeProblem[] = [];
  const bad = new Set<string>();
  const settings = Object.keys((CONFIG_JSON_SCHEMA as { properties: Record<string, unknown> }).properties).filter((k) => k !== '$schema');
  // Every problem in one pass, each at its key (not at 1:1), unknown names with a did-you-mean.
  if (!validator(data)) {
    for (const e of validator.errors ?? []) {
      const segs = e.instancePath.split('/').slice(1);
      if ((segs[0] === 'severity' || segs[0] === 'rules') && segs.length === 2 && !isProblemCode(segs[1])) continue; // reported below, with a suggestion
      bad.add(segs[0] ?? '');
      if (e.keyword === 'additionalProperties') {
        const name = (e.params as { additionalProperty: string }).additionalProperty;
        const known = segs.length === 0 ? settings : [];
        const guess = closestWord(name, known);
        problems.push(at([...segs, name], `unknown setting "${name}"${guess ? `; did you mean "${guess}"?` : `; known settings: ${known.join(', ')}`}`, ''));
        continue;
      }
      const msg = e.keyword === 'enum' ? `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}` : e.message ?? e.keyword;
      problems.push(at(segs, msg));
    }
  }
  const pick = <K extends keyof ProjectConfig>(key: K): ProjectConfig[K] =>
    (bad.has(key) || data[key] === undefined ? DEFAULT_CONFIG[key] : data[key]) as ProjectConfig[K];
  for (const key of ['include', 'exclude'] as const) {
    const list = data[key];
    if (bad.has(key) || !Array.isArray(list)) continue;
    if (list.length > MAX_GLOBS) problems.push(at([key], `more than ${MAX_GLOBS} globs; the rest are not used`));
    list.forEach((glob, i) => {
      const why = typeof glob === 'string' ? globProblem(glob) : undefined;
      if (why) problems.push(at([key, i], `glob not used: ${why}`));
    });
  }
  const severity: ProjectConfig['severity'] = {};
  // `rules` (newer) over `severity`: both map problem codes to levels; unknown codes get a did-you-mean.
  const levels = { severity: new Set(['error', 'warning', 'information', 'hint', 'off']), rules: new Set(['error', 'warning', 'information', 'off']) };
  for (const key of ['severity', 'rules'] as const) {
    const map = data[key];
    if (!map || typeof map !== 'object' || Array.isArray(map)) continue;
    for (const [code, level] of Object.entries(map as Record<string, SeverityOverride>)) {
      if (!isProblemCode(code)) {
        const guess = closestWord(code, Object.keys(PROBLEMS));
        problems.push(at([key, code], `unknown problem code "${code}"${guess ? `; did you mean "${guess}"?` : `; known codes: ${Object.keys(PROBLEMS).join(', ')}`}`));
      } else if (levels[key].has(level)) severity[code as ProblemCode] = level; // a bad level is reported by the schema
    }
  }
  problems.sort((a, b) => (a.offset ?? 0) - (b.offset ?? 0));
  return {
    config: {
      scheme: pick('scheme'),
      manualRoot: bad.has('manualRoot') ? undefined : (data.manualRoot as string | undefined),
      include: pick('include'),
      exclude: pick('exclude'),
      severity,
      locale: bad.has('locale') ? undefined : (data.locale as 'en' | 'zh' | undefined),
      maxFileSizeMB: pick('maxFileSizeMB'),
      checkEvidenceLinks: pick('checkEvidenceLinks'),
      reportTemplate: bad.has('reportTemplate') ? undefined : (data.reportTemplate as string | undefined),
    },
    problems,
  };
}

/** An own key of PROBLEMS (not "constructor", "__proto__" or another inherited name). */
function isProblemCode(code: string): code is ProblemCode {
  return Object.prototype.hasOwnProperty.call(PROBLEMS, code);
}

function withPosition(text: string, p: SchemeProblem, offset: number, length: number): SchemeProblem {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { ...p, offset, length, line, character: offset - lineStart };
}

/**
 * Resolve a scheme reference (built-in ID or a path relative to `baseFile`) to a scheme.
 * `io` reads files; without it only built-in IDs resolve.
 */
export function resolveSchemeRef(ref: string, baseFile: string, io: FileIo): SchemeResult {
  if (ref in BUILTIN_SCHEME_FILES) return { ok: true, scheme: getBuiltinScheme(ref)! };
  const path = io.resolvePath(baseFile, ref);
  const text = io.readFile(path);
  if (text === undefined) {
    return {
      ok: false,
      problems: [{ file: baseFile, path: '/scheme', message: `scheme "${ref}" is neither a built-in scheme (${Object.keys(BUILTIN_SCHEME_FILES).join(', ')}) nor a readable file (${path}${io.why?.(path) ? `: ${io.why(path)}` : ''})` }],
    };
  }
  return loadSchemeText(text, path, io);
}

/**
 * Problems of a settings file outside the workspace (a `--config` or `--scheme` the user named,
 * a scheme from the user's settings) name no keys or values of that file: one problem per such
 * file says how many there are. Messages quote keys (`unknown property "…"`), and the file may
 * be anything the user can read.
 */
export function redactOutside(problems: SchemeProblem[], inWorkspace: (file: string) => boolean): SchemeProblem[] {
  const out: SchemeProblem[] = [];
  const counts = new Map<string, number>();
  for (const p of problems) {
    if (p.file.startsWith('builtin:') || inWorkspace(p.file)) out.push(p);
    else counts.set(p.file, (counts.get(p.file) ?? 0) + 1);
  }
  for (const [file, n] of counts) {
    out.push({ file, path: '', message: `not a valid settings file (${n} problem${n === 1 ? '' : 's'}; details are not shown for a file outside the workspace)` });
  }
  return out;
}

/** The severity a problem is shown with after config overrides ('off' hides it). */
export function effectiveSeverity(code: ProblemCode, config: Pick<ProjectConfig, 'severity'> | undefined, own?: Severity): SeverityOverride {
  return config?.severity[code] ?? own ?? PROBLEMS[code].severity;
}
