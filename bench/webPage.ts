/**
 * Runs in the bench's Chromium page (bench/web.ts): starts the web build's language server
 * (dist/browser/server.js) as a web worker, as the web extension does, and plays the client with
 * the extension's own file-request handlers (client/src/workspaceFiles.ts) over an in-memory
 * workspace. Resolves when the server has indexed the folder (its "indexed N files" log line),
 * with its statistics and the wall time from the worker's start.
 */
import { BrowserMessageReader, BrowserMessageWriter, createProtocolConnection } from 'vscode-languageserver-protocol/browser';
import { WorkspaceFiles } from '../client/src/workspaceFiles';
import { INDEX_STATS_REQUEST, READ_DIRECTORIES_REQUEST, READ_FILES_REQUEST, STAT_FILES_REQUEST, type IndexStatsPayload, type ReadDirectoriesParams, type ReadFilesParams, type StatFilesParams } from '../server/src/protocol';
import { MemoryFileSystem, parseUri } from './memoryFiles';

interface PageWorker {
  terminate(): void;
}
declare const Worker: new (url: string) => PageWorker;

export interface WorkerIndexRun {
  stats: IndexStatsPayload;
  /** From creating the worker to the indexing log line (script load, initialize, indexing). */
  wallMs: number;
  /** Files with diagnostics published by then. */
  diagnosedFiles: number;
  requests: number;
}

async function indexInWorker(serverSource: string, folder: string, files: Record<string, string>): Promise<WorkerIndexRun> {
  const fs = new MemoryFileSystem(folder, files);
  const handlers = new WorkspaceFiles({ fs, parse: parseUri, folders: () => [parseUri(folder)] });
  const url = URL.createObjectURL(new Blob([serverSource], { type: 'text/javascript' }));
  const t0 = performance.now();
  const worker = new Worker(url);
  const conn = createProtocolConnection(new BrowserMessageReader(worker as never), new BrowserMessageWriter(worker as never));
  let requests = 0;
  conn.onRequest(READ_DIRECTORIES_REQUEST, (p: ReadDirectoriesParams) => (requests++, handlers.readDirectories(p)));
  conn.onRequest(READ_FILES_REQUEST, (p: ReadFilesParams) => (requests++, handlers.readFiles(p)));
  conn.onRequest(STAT_FILES_REQUEST, (p: StatFilesParams) => (requests++, handlers.stat(p)));
  const diagnosed = new Set<string>();
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: unknown[] }) => {
    if (p.diagnostics.length > 0) diagnosed.add(p.uri);
  });
  const indexed = new Promise<number>((resolve, reject) => {
    conn.onNotification('window/logMessage', (m: { type: number; message: string }) => {
      if (/^indexed \d+ files in \d+ ms/.test(m.message)) resolve(performance.now());
      if (/^indexing failed/.test(m.message)) reject(new Error(m.message));
    });
  });
  conn.listen();
  try {
    await conn.sendRequest('initialize', {
      processId: null,
      rootUri: folder,
      workspaceFolders: [{ uri: folder, name: folder.split('/').pop() }],
      capabilities: { workspace: { workspaceFolders: true } },
      initializationOptions: { workspaceFiles: true, debounceMs: 0, locale: 'zh-cn' },
    });
    await conn.sendNotification('initialized', {});
    const end = await indexed;
    const stats = (await conn.sendRequest(INDEX_STATS_REQUEST)) as IndexStatsPayload;
    return { stats, wallMs: end - t0, diagnosedFiles: diagnosed.size, requests };
  } finally {
    conn.dispose();
    worker.terminate();
    URL.revokeObjectURL(url);
  }
}

(globalThis as unknown as { gbtIndexInWorker: typeof indexInWorker }).gbtIndexInWorker = indexInWorker;
