/**
 * The Node server's services for the workspace index (core.ts IndexOptions): parse worker
 * threads (workerPool.ts), the disk for file access (nodeFiles.ts: the workers also read batches
 * of small files), and the disk cache of parsed models (diskCache.ts).
 */
import { DiskCache } from './diskCache';
import { NodeFiles } from './nodeFiles';
import type { ModelStore } from './savedModels';
import { WorkerPool, type ParseBudget } from './workerPool';

export interface NodeServicesOptions {
  /** Worker threads for parsing (0: parse on the main thread). */
  workers: number;
  /** The bundled worker script (dist/parseWorker.js). */
  workerFile?: string;
  /** Directory of the disk cache; undefined disables it. */
  cacheDir?: string;
  /** Version tag of cached models (changes with the parser). */
  modelVersion: string;
  /** The parse budget (workerPool.ts); defaults when absent. */
  parseBudget?: Partial<ParseBudget>;
  /** The parse workers ended after a spell of idling. */
  onWorkersRetired?: () => void;
  log: (message: string) => void;
}

export function nodeIndexServices(o: NodeServicesOptions): { pool: WorkerPool; files: NodeFiles; modelStore?: ModelStore } {
  const pool = new WorkerPool(o.workerFile, o.workers, o.log, o.onWorkersRetired, o.parseBudget);
  const cache = new DiskCache(o.cacheDir, o.modelVersion, o.log);
  return { pool, files: new NodeFiles(pool), modelStore: cache.dir ? cache : undefined };
}
