/**
 * One workspace folder's settings: its project config file, the scheme it names, the include /
 * exclude filter, and the problems of those JSON files (reported on the files themselves, at
 * the loader's positions). Bad config or scheme never stops analysis: defaults are used.
 */
import * as path from 'node:path';
import * as jsonc from 'jsonc-parser';
import * as fs from 'node:fs';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, loadConfigText, redactOutside, resolveSchemeRef, type ProjectConfig } from '../config/config';
import { defaultScheme, type FileIo, type SchemeProblem } from '../scheme/loader';
import type { SettingsIo } from '../io/settingsFile';

import type { Scheme } from '../scheme/types';
import type { Problem, Range } from '../model/types';
import type { ProblemCode } from '../model/problems';
import type { ManualAnalysis } from '../analysis/workspace';
import { createPathFilter, type PathFilter } from '../io/discover';
import type { ChunkEntry } from './analyzer';
import { pathToUri } from './uri';

/**
 * File access for settings files: the reader for references from the repository (confined to
 * `root`) or, with `root` undefined, for a path the user named (the `gbt27922.scheme` setting).
 * Editor buffer first, then disk (io/settingsFile.ts).
 */
export type SchemeIo = (root: string | undefined, what?: 'config' | 'scheme') => SettingsIo;

/** Editor settings of a folder that stand in for what its config file leaves unset. */
export interface FolderSettings {
  /** `gbt27922.scheme`: built-in scheme ID or a path relative to the folder. */
  scheme?: string;
  /** `gbt27922.manualRoot`: folder-relative path of the manual's root file. */
  manualRoot?: string;
}

export class FolderState {
  /** Editor settings (the config file wins where it sets the same thing, as the CLI reads only the file). */
  settings: FolderSettings = {};
  config: ProjectConfig = { ...DEFAULT_CONFIG, severity: {} };
  scheme: Scheme = defaultScheme();
  filter: PathFilter = createPathFilter(DEFAULT_CONFIG.include, DEFAULT_CONFIG.exclude);
  /** Documents (canonical URIs) that belong to this folder. */
  readonly docs = new Set<string>();
  /** Problems of JSON files (config, scheme files) by canonical URI. */
  jsonProblems = new Map<string, Problem[]>();
  /** Scheme files the config's scheme was read from (absolute paths), for reloading on change. */
  schemeFiles = new Set<string>();
  /** The scheme the config or settings name, when it was not loaded because the workspace is not trusted. */
  restrictedScheme?: string;
  /** The manual aggregate; undefined when it must be recomputed. */
  manualCache?: { analysis?: ManualAnalysis };
  /** Last root file uncovered items were reported on, and what was reported. */
  lastRoot?: string;
  lastRootSignature = '';
  /** Tagged files last left out of the manual (they carry a 'not-counted-as-manual' note). */
  lastNotCounted: ReadonlySet<string> = new Set();
  /** Chunk entries loaded from the disk cache, by content hash. */
  diskEntries = new Map<string, ChunkEntry[]>();
  /** True once the initial index of the folder is complete (workspace-level problems wait for it). */
  ready = false;

  constructor(
    /** Canonical URI of the folder, or `loose:<document URI>` for a document outside every folder. */
    readonly key: string,
    /** Absolute path of the folder (a loose document's directory); undefined for non-file documents. */
    readonly root: string | undefined,
    readonly name: string,
    readonly loose: boolean,
  ) {}

  get configPath(): string | undefined {
    return this.root && !this.loose ? path.join(this.root, CONFIG_FILE_NAME) : undefined;
  }

  /** Folder-relative path with `/` separators. */
  rel(filePath: string): string {
    return this.root ? path.relative(this.root, filePath).split(path.sep).join('/') : filePath;
  }

  /** Whether a file of this folder is analysed (include / exclude of the config). */
  includes(filePath: string): boolean {
    if (!this.root) return true;
    const rel = this.rel(filePath);
    if (rel.startsWith('../') || rel === '..') return false;
    if (rel.split('/').some((seg) => seg === 'node_modules' || seg === '.git')) return false;
    return this.filter.file(rel);
  }

  /** (Re)load the config file and its scheme; problems go to `jsonProblems` (emptied lists mark files to clear). */
  load(ioFor: SchemeIo): void {
    const old = new Set(this.jsonProblems.keys());
    this.jsonProblems = new Map();
    this.schemeFiles = new Set();
    const configPath = this.configPath;
    // The repository's own files: only inside the folder.
    const io = ioFor(this.root, 'config');
    const text = configPath ? io.readFile(configPath) : undefined;
    if (configPath === undefined || text === undefined) {
      this.config = { ...DEFAULT_CONFIG, severity: {} };
      const why = configPath ? io.why?.(configPath) : undefined;
      if (configPath && why && why !== 'no such file' && lstatExists(configPath)) {
        this.pushJson(pathToUri(configPath), { code: 'invalid-config', args: { detail: `cannot be read: ${why}; the defaults are used` }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
      }
    } else {
      const r = loadConfigText(text, configPath);
      this.config = r.config;
      this.addJsonProblems(r.problems, 'invalid-config', io);
    }
    const fileSets = (key: string) => text !== undefined && jsonc.parse(text, [], { allowTrailingComma: true })?.[key] !== undefined;
    const fromSettings = !!this.settings.scheme && !fileSets('scheme');
    if (fromSettings) this.config = { ...this.config, scheme: this.settings.scheme! };
    if (this.settings.manualRoot && !fileSets('manualRoot')) this.config = { ...this.config, manualRoot: this.settings.manualRoot };
    this.filter = createPathFilter(this.config.include, this.config.exclude);
    // A manual root outside the folder means nothing here (and says something about the disk): ignored.
    if (this.config.manualRoot && this.root && !isInsideFolder(this.root, path.resolve(this.root, this.config.manualRoot))) {
      if (configPath && fileSets('manualRoot')) this.pushJson(pathToUri(configPath), jsonProblem({ file: configPath, path: '/manualRoot', message: 'names a file outside the workspace folder; ignored' }, 'invalid-config', text));
      this.config = { ...this.config, manualRoot: undefined };
    }
    this.scheme = defaultScheme();
    {
      const base = configPath ?? path.join(this.root ?? process.cwd(), CONFIG_FILE_NAME);
      // A scheme named in the editor's settings is the user's choice (an untrusted workspace's
      // settings never get here: the client declares them restricted); the config's is the repository's.
      const schemeIo = ioFor(fromSettings ? undefined : this.root, 'scheme');
      const r = resolveSchemeRef(this.config.scheme, base, {
        ...schemeIo,
        readFile: (p) => {
          this.schemeFiles.add(p);
          return schemeIo.readFile(p);
        },
      });
      this.restrictedScheme = !r.ok && schemeIo.refusedUntrusted ? this.config.scheme : undefined;
      if (r.ok) this.scheme = r.scheme;
      else {
        // A scheme from the user's settings may lie outside the workspace: its problems name no keys.
        const problems = redactOutside(r.problems, (f) => this.root !== undefined && io.inWorkspace(f));
        const unresolved = problems.filter((p) => p.file === base && p.path === '/scheme' && p.line === undefined);
        for (const p of unresolved) {
          const problem = jsonProblem(p, 'unknown-scheme', text, { scheme: this.config.scheme, detail: p.message });
          this.pushJson(pathToUri(base), problem);
        }
        this.addJsonProblems(
          problems.filter((p) => !unresolved.includes(p)),
          'invalid-scheme',
          schemeIo,
        );
      }
    }
    for (const uri of old) if (!this.jsonProblems.has(uri)) this.jsonProblems.set(uri, []);
    this.manualCache = undefined;
  }

  private addJsonProblems(problems: SchemeProblem[], code: ProblemCode, io: FileIo): void {
    for (const p of problems) {
      if (p.file.startsWith('builtin:')) continue;
      const text = io.readFile(p.file);
      this.pushJson(pathToUri(p.file), jsonProblem(p, code, text));
    }
  }

  private pushJson(uri: string, problem: Problem): void {
    if (!this.jsonProblems.has(uri)) this.jsonProblems.set(uri, []);
    this.jsonProblems.get(uri)!.push(problem);
  }
}

function isInsideFolder(dir: string, p: string): boolean {
  const r = path.relative(dir, p);
  return r === '' || (!r.startsWith('..' + path.sep) && r !== '..' && !path.isAbsolute(r));
}

function lstatExists(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** A loader problem as a Problem on the JSON file (`detail` carries the JSON path and message). */
export function jsonProblem(p: SchemeProblem, code: ProblemCode, text: string | undefined, args?: Record<string, string>): Problem {
  let offset = p.offset;
  let length = p.length ?? 0;
  if (offset === undefined && text !== undefined && p.path) {
    const root = jsonc.parseTree(text);
    const segs = p.path
      .split('/')
      .slice(1)
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    let node = root ? jsonc.findNodeAtLocation(root, segs) : undefined;
    if (node?.parent?.type === 'property' && node.parent.children?.[0]) node = node.parent.children[0];
    if (node) {
      offset = node.offset;
      length = node.length;
    }
  }
  const range: Range =
    text !== undefined && offset !== undefined
      ? { start: positionAt(text, offset), end: positionAt(text, offset + length) }
      : { start: { line: p.line ?? 0, character: p.character ?? 0 }, end: { line: p.line ?? 0, character: (p.character ?? 0) + length } };
  return { code, args: args ?? { detail: p.path ? `${p.path}: ${p.message}` : p.message }, range };
}

export function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: end - lineStart };
}

