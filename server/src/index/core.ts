/**
 * What the parts of the workspace index share (workspaceIndex.ts builds them and is this core):
 * the options, the platform's services (file access, parsing, the model store) and the parts
 * themselves, each of one concern:
 *
 * - documents.ts      the documents and their models (DocState), created, committed, removed;
 * - folders.ts        workspace folders and the folder of each document (multi-root, loose);
 * - settingsFiles.ts  config and scheme files: editor buffers, reading them ahead, front-matter schemes;
 * - scheduler.ts      open documents: debounced, incremental, one analysis at a time;
 * - coldIndex.ts      whole folders: discovery, batched reads, parsing, the model store;
 * - fileEvents.ts     files created, changed and deleted outside the editor;
 * - linkTargets.ts    evidence-link targets: their existence, asked ahead and kept;
 * - analyses.ts       manual coverage, audit scores and each file's problems, on demand;
 * - cycles.ts         the certification cycle: previous reports read, their dependents, the as-of date;
 * - changes.ts        which URIs' diagnostics and payloads may have changed, and when to say so;
 * - savedModels.ts    the parsed models kept between sessions (the Node server's disk cache).
 */
import type { SeverityOverride } from '../config/config';
import type { Locale } from '../model/problems';
import type { Problem } from '../model/types';
import type { AnalysisScheduler } from './scheduler';
import type { ChunkCache } from './chunkCache';
import type { ColdIndexer } from './coldIndex';
import type { DocumentStore } from './documents';
import type { FolderRegistry } from './folders';
import type { LinkTargets } from './linkTargets';
import type { ParsePool } from './parsePool';
import type { SavedModels, ModelStore } from './savedModels';
import type { SettingsFiles } from './settingsFiles';
import type { ChangeEmitter } from './changes';
import type { WorkspaceAnalyses } from './analyses';
import type { CertificationCycles } from './cycles';
import type { WorkspaceFileAccess } from './workspaceFiles';

export const MB = 1024 * 1024;

export const ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export interface IndexOptions {
  locale: Locale;
  /** Debounce of re-analysis after an edit (ms). 0 analyses on the next tick. */
  debounceMs: number;
  /** Characters of not-yet-parsed chunk text at which an edit's parse goes to the workers. */
  asyncThreshold: number;
  /** Where every file is read (workspaceFiles.ts: the disk, or the client). */
  files: WorkspaceFileAccess;
  /** Where chunks are parsed (worker threads, or this thread). */
  pool: ParsePool;
  /** Parsed models kept between sessions (the Node server's disk cache); none in the browser. */
  modelStore?: ModelStore;
  /** Severity overrides from the editor's settings (over the project config file's). */
  severity?: Partial<Record<string, SeverityOverride>>;
  /** The date NC statuses are computed against (ISO); undefined: today. */
  asOf?: string;
  log: (message: string) => void;
  /** Diagnostics / payloads of these URIs may have changed (canonical URIs). */
  onChange: (uris: string[]) => void;
  /** False in an untrusted workspace (VS Code's Restricted Mode): only built-in schemes are used. */
  trusted?: boolean;
  /** More problems of a manual file (the suggestion hints), given its canonical URI and whether it is open. */
  extraProblems?: (uri: string, open: boolean) => Problem[];
}

export interface IndexCore {
  readonly options: IndexOptions;
  readonly files: WorkspaceFileAccess;
  readonly pool: ParsePool;
  readonly cache: ChunkCache;
  readonly documents: DocumentStore;
  readonly folderRegistry: FolderRegistry;
  readonly settings: SettingsFiles;
  readonly scheduler: AnalysisScheduler;
  readonly indexer: ColdIndexer;
  readonly links: LinkTargets;
  readonly analyses: WorkspaceAnalyses;
  readonly cycles: CertificationCycles;
  readonly changes: ChangeEmitter;
  readonly savedModels: SavedModels;
}

/** Run async tasks with at most `limit` in flight. */
export async function runLimited(tasks: (() => Promise<unknown>)[], limit: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const t = tasks[next++];
      await t();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, lane));
}

export function describeError(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
