/**
 * A WorkspaceIndex over files in memory, read the way VS Code for the Web reads them: through
 * the client's file handlers (client/src/workspaceFiles.ts), every message through JSON as on
 * the wire. Indexed by the caller (`indexAll`), so a test can act before the index is there.
 */
import { WorkspaceFiles } from '../../../client/src/workspaceFiles';
import { MemoryFileSystem, parseUri, type MemoryEntry } from '../../../bench/memoryFiles';
import { ClientFiles } from '../../../server/src/index/clientFiles';
import { InlineParser } from '../../../server/src/index/parsePool';
import { WorkspaceIndex } from '../../../server/src/index/workspaceIndex';
import { routedFiles, type WorkspaceFileAccess } from '../../../server/src/index/workspaceFiles';

export const FOLDER = 'vscode-vfs://github/o/r';

export interface MemoryClientIndex {
  index: WorkspaceIndex;
  /** The URIs read through the client, in order. */
  reads: string[];
  /** The URIs of each change the index reported. */
  changed: string[][];
}

/** `wrap` may replace the file access the index is given (to make it fail, say). */
export function memoryClientIndex(files: Record<string, MemoryEntry>, wrap: (a: WorkspaceFileAccess) => WorkspaceFileAccess = (a) => a): MemoryClientIndex {
  const client = new WorkspaceFiles({ fs: new MemoryFileSystem(FOLDER, files), parse: parseUri, folders: () => [parseUri(FOLDER)] });
  const handlers: Record<string, (p: never) => Promise<unknown>> = {
    'gbt27922/files/readDirectories': (p) => client.readDirectories(p),
    'gbt27922/files/read': (p) => client.readFiles(p),
    'gbt27922/files/stat': (p) => client.stat(p),
  };
  const reads: string[] = [];
  const server = new ClientFiles(async <P, R>(method: string, params: P): Promise<R> => {
    if (method === 'gbt27922/files/read') reads.push(...(params as { files: { uri: string }[] }).files.map((f) => decodeURIComponent(f.uri)));
    return JSON.parse(JSON.stringify(await handlers[method](JSON.parse(JSON.stringify(params)) as never))) as R;
  });
  const changed: string[][] = [];
  const index = new WorkspaceIndex({
    locale: 'en',
    debounceMs: 0,
    asyncThreshold: 20000,
    files: wrap(routedFiles(undefined, server)),
    pool: new InlineParser(),
    asOf: '2027-06-30',
    log: () => {},
    onChange: (uris) => changed.push(uris),
  });
  index.addFolder(FOLDER, 'r');
  return { index, reads, changed };
}
