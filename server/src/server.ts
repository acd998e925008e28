/**
 * The GB/T 27922 language server as a Node process. Transports: `--stdio`, `--node-ipc`,
 * `--socket=<port>` (chosen from the command line by vscode-languageserver). Any LSP client can
 * use it:
 *
 *     node --single-threaded-gc dist/server.js --stdio
 *
 * The server itself is lsp/languageServer.ts (initializationOptions are listed there); this file
 * gives it Node's parts: the disk (index/nodeFiles.ts), parse worker threads, the disk cache, a
 * file watcher of its own for clients without one, and a full GC when idle. The web build's entry
 * is browserServer.ts.
 */
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { bundleVersion, defaultCacheDir } from './index/diskCache';
import { FsWatcher } from './index/fsWatcher';
import { nodeIndexServices } from './index/nodeServices';
import { isInside, isVirtualPath, uriToPath } from './index/uri';
import { defaultPoolSize } from './index/workerPool';
import { SERVER_NODE_ARGS } from './launch';
import { startLanguageServer, type InitOptions, type ServerPlatform } from './lsp/languageServer';
import { treatForeignParentAsAlive } from './parentWatch';

// Before the connection (and its parent-process watchdog) exists.
treatForeignParentAsAlive();
const connection = createConnection(ProposedFeatures.all);

process.on('uncaughtException', (e) => connection.console.error(`uncaught exception: ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => connection.console.error(`unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));

/**
 * One full garbage collection when idle gives the memory of past analyses back (V8 alone keeps
 * the grown heap for a long while). Node exposes `gc` only with --expose-gc; the flag can be set
 * at run time for a fresh context.
 */
const collectGarbage: (() => void) | undefined = (() => {
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
})();
let idleGcTimer: NodeJS.Timeout | undefined;
function collectWhenIdle(): void {
  if (!collectGarbage) return;
  if (idleGcTimer) clearTimeout(idleGcTimer);
  idleGcTimer = setTimeout(() => {
    idleGcTimer = undefined;
    collectGarbage();
  }, 3000);
  idleGcTimer.unref();
}

/** The disk cache directory: the client's storage, else a per-user one; never inside a workspace folder. */
function cacheDirFor(init: InitOptions, folders: { uri: string }[]): string | undefined {
  if (init.cacheDir === null) return undefined;
  const cacheDir = init.cacheDir ?? (init.storagePath ? path.join(init.storagePath, 'gbt27922-cache') : defaultCacheDir());
  // Never write into the user's workspace.
  const inside = folders.some((f) => {
    const p = uriToPath(f.uri);
    return p !== undefined && isInside(p, path.resolve(cacheDir));
  });
  return inside ? defaultCacheDir() : cacheDir;
}

const platform: ServerPlatform = {
  startMessages() {
    const missing = SERVER_NODE_ARGS.filter((a) => !process.execArgv.includes(a));
    const lines = [`server on Node ${process.version}, pid ${process.pid}, node arguments: ${process.execArgv.join(' ') || '(none)'}`];
    if (missing.length > 0) lines.push(`started without ${missing.join(' ')}: cold indexing on two cores is slower and needs more memory (docs/server.md says how to start the server)`);
    return lines;
  },
  indexServices(init, folders, log, onWorkersRetired) {
    const services = nodeIndexServices({
      workers: init.workers ?? defaultPoolSize(),
      workerFile: path.join(__dirname, 'parseWorker.js'),
      cacheDir: cacheDirFor(init, folders),
      modelVersion: bundleVersion(__filename),
      parseBudget: {
        ...(typeof init.parseBudgetMs === 'number' && init.parseBudgetMs > 0 ? { baseMs: init.parseBudgetMs, msPerMB: 0 } : {}),
        ...(typeof init.parseMemoryMB === 'number' && init.parseMemoryMB >= 16 ? { memoryMB: init.parseMemoryMB } : {}),
      },
      // Workers started again by a big edit end 5 s after it; what the main thread kept for them
      // (messages, transferred results) is collected then, not when V8 next gets round to it.
      onWorkersRetired,
      log,
    });
    return { pool: services.pool, modelStore: services.modelStore, diskFiles: services.files };
  },
  watchFolders(folders, onEvents, log) {
    const watcher = new FsWatcher(onEvents, log);
    // Folders on a virtual file system are the client's to watch.
    for (const f of folders) if (f.root && !isVirtualPath(f.root)) watcher.watchTree(f.root, f.filter);
    return watcher;
  },
  collectWhenIdle,
};

startLanguageServer(connection, platform);
