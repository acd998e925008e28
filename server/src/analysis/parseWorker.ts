/**
 * Worker thread of the index (index/workerPool.ts): parses chunks (the expensive remark step)
 * and reads files (read, decode, hash) off the main thread. Messages in: { id, chunks } or
 * { id, reads }; out: { id, models }, { id, files } or { id, error }. Everything that crosses is
 * plain data (structured clone).
 */
import { parentPort } from 'node:worker_threads';
import { runJob, type WorkerRequest } from '../index/workerPool';

parentPort?.on('message', (request: WorkerRequest) => {
  // The parse budget runs from here, not from when the job was posted (the worker may still be loading).
  if ('chunks' in request) parentPort!.postMessage({ id: request.id, started: true });
  try {
    parentPort!.postMessage(runJob(request));
  } catch (e) {
    parentPort!.postMessage({ id: request.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
