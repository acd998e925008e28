/**
 * The project a command runs on: its root (the folder of `gbt27922.config.json`, found from the
 * first path upwards), its config, its scheme, and the language of messages.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, loadConfigText, redactOutside, resolveSchemeRef, type ProjectConfig } from '../config/config';
import { normalizeLocale, type Locale } from '../model/problems';
import { defaultScheme, type FileIo, type SchemeProblem } from '../scheme/loader';
import type { Scheme } from '../scheme/types';
import { readSettingsText, settingsIo, workspaceRoots } from '../io/settingsFile';
import { UsageError } from './errors';
import type { Problem } from '../model/types';
import type { FileProblem } from './report';
import { printable } from './format/printable';

export interface ProjectOptions {
  /** Paths named on the command line (default: the current directory). */
  paths: string[];
  /** `--config <file>`. */
  config?: string;
  /** `--scheme <id|path>` (overrides the config's). */
  scheme?: string;
  /** `--locale`. */
  locale?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export interface Project {
  cwd: string;
  /** Absolute workspace root. */
  root: string;
  /** Absolute path of the config file, if any. */
  configPath?: string;
  config: ProjectConfig;
  scheme: Scheme;
  locale: Locale;
  /** Problems in the config file or the scheme file it names (reported, never fatal). */
  problems: FileProblem[];
  /**
   * File access for scheme files the repository names (the config's `scheme`, a report's
   * front matter, `extends`): regular files of at most 1 MB inside the project root
   * (io/settingsFile.ts).
   */
  io: FileIo;
}

/** The nearest `gbt27922.config.json` in `dir` or above. */
export function findConfig(dir: string): string | undefined {
  let d = path.resolve(dir);
  while (true) {
    const candidate = path.join(d, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(d);
    if (parent === d) return undefined;
    d = parent;
  }
}

export function localeFrom(flag: string | undefined, config: ProjectConfig | undefined, env: NodeJS.ProcessEnv): Locale {
  if (flag !== undefined) {
    // `zh`, `zh-CN`, `zh_CN`, `zh-Hans`; `en`, `en-US`, `en_GB`: the language is what counts.
    const m = /^(en|zh)(?:[-_][A-Za-z0-9]+)*$/i.exec(flag.trim());
    if (!m) throw new UsageError(`--locale must be en or zh (also en-US, zh-CN, zh_CN …), not "${flag}"`);
    return m[1].toLowerCase() as Locale;
  }
  if (config?.locale) return config.locale;
  return normalizeLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG || 'en');
}

export function loadProject(options: ProjectOptions): Project {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  const first = path.resolve(cwd, options.paths[0] ?? '.');
  let configPath: string | undefined;
  if (options.config !== undefined) {
    configPath = path.resolve(cwd, options.config);
    if (!fs.existsSync(configPath)) throw new UsageError(`config file not found: ${options.config}`);
  } else {
    let start = first;
    try {
      if (!fs.statSync(first).isDirectory()) start = path.dirname(first);
    } catch {
      start = path.dirname(first);
    }
    configPath = findConfig(start);
  }
  const problems: FileProblem[] = [];
  // The checkout the command runs in: settings files elsewhere are the user's, and their contents are not echoed.
  const inWorkspace = (file: string) => workspaceRoots([cwd]).some((r) => isInside(r, file) || isInside(r, realOrSelf(file)));
  let config: ProjectConfig = { ...DEFAULT_CONFIG, severity: {} };
  let root: string;
  if (configPath) {
    root = path.dirname(configPath);
    // A config found in the tree is the repository's: it must really be there (not a link out of it).
    const read = readSettingsText(configPath, options.config === undefined ? workspaceRoots([cwd, root]) : undefined);
    if ('reason' in read) throw new UsageError(`cannot read config file ${printable(rel(cwd, configPath))}: ${read.reason}`);
    const loaded = loadConfigText(read.text, configPath);
    config = loaded.config;
    for (const p of redactOutside(loaded.problems, inWorkspace)) problems.push(schemeProblemOut('invalid-config', p, cwd));
  } else {
    root = isInside(cwd, first) ? cwd : fs.existsSync(first) && fs.statSync(first).isDirectory() ? first : path.dirname(first);
  }
  const locale = localeFrom(options.locale, config, env);
  // Scheme files the repository names stay inside it; one named on the command line is the user's choice.
  const io = settingsIo({ roots: workspaceRoots([cwd, root]) });

  let scheme: Scheme = defaultScheme();
  if (options.scheme !== undefined) {
    const r = resolveSchemeRef(options.scheme, path.join(cwd, '(command line)'), settingsIo());
    if (!r.ok) throw new UsageError(`--scheme ${printable(options.scheme)}: ${printable(redactOutside(r.problems, inWorkspace).map((p) => p.message).join('; '))}`);
    scheme = r.scheme;
  } else if (config.scheme) {
    const r = resolveSchemeRef(config.scheme, configPath ?? path.join(root, CONFIG_FILE_NAME), io);
    if (r.ok) scheme = r.scheme;
    else {
      for (const p of redactOutside(r.problems, inWorkspace)) {
        const fromConfig = p.path === '/scheme' && configPath !== undefined;
        problems.push(
          fromConfig
            ? { file: rel(cwd, configPath!), problem: { code: 'unknown-scheme', args: { scheme: config.scheme, detail: p.message }, range: locateInConfig(configPath!, 'scheme') } }
            : schemeProblemOut('invalid-scheme', p, cwd),
        );
      }
    }
  }
  return { cwd, root, configPath, config, scheme, locale, problems, io };
}

/**
 * A config file that cannot be used as written (invalid JSON, unknown or ill-typed settings, a
 * scheme that does not resolve) ends the command with exit code 2: results computed with
 * defaults in its place would mislead a CI gate. One line per problem, `file:line:col: message`.
 */
export function assertUsableProject(project: Project): void {
  if (project.problems.length === 0) return;
  const lines = project.problems.map(({ file, problem }) => {
    const r = problem.range.start;
    const detail = problem.code === 'unknown-scheme' ? `unknown scheme "${problem.args.scheme}": ${problem.args.detail}` : String(problem.args.detail ?? problem.code);
    return `${printable(file)}:${r.line + 1}:${r.character + 1}: ${printable(detail)}`;
  });
  const what = project.problems.some((p) => p.problem.code === 'invalid-scheme') ? 'the config file or the scheme it names' : 'the config file';
  throw new UsageError(`cannot use ${what}:\n  ${lines.join('\n  ')}`);
}

function realOrSelf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

export function isInside(dir: string, p: string): boolean {
  const r = path.relative(dir, p);
  return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
}

/** A path as shown to the user: relative to the current directory, `/` separators. */
export function rel(cwd: string, abs: string): string {
  const r = path.relative(cwd, abs);
  return (r === '' ? '.' : r).split(path.sep).join('/');
}

/** A scheme or config file problem as a problem of that file. */
export function schemeProblemOut(code: 'invalid-config' | 'invalid-scheme', p: SchemeProblem, cwd: string): FileProblem {
  const file = p.file.startsWith('builtin:') ? p.file : rel(cwd, p.file);
  const line = p.line ?? 0;
  const character = p.character ?? 0;
  const problem: Problem = {
    code,
    args: { detail: `${p.path ? p.path + ': ' : ''}${p.message}` },
    range: { start: { line, character }, end: { line, character: character + Math.max(0, p.length ?? 0) } },
  };
  return { file, problem };
}

function locateInConfig(configPath: string, key: string): Problem['range'] {
  const read = readSettingsText(configPath);
  const text = 'text' in read ? read.text : '';
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(`"${key}"`));
  const line = Math.max(0, i);
  const character = i >= 0 ? lines[i].indexOf(`"${key}"`) : 0;
  return { start: { line, character }, end: { line, character: character + key.length + 2 } };
}
