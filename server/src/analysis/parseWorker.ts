/**
 * Worker thread for cold indexing: parses chunks (the expensive remark step) off the main
 * thread. Messages in: { id, chunks: { text, first }[] }; out: { id, models } or { id, error }.
 * Chunk models are plain data, so they cross the thread boundary by structured clone.
 */
import { parentPort } from 'node:worker_threads';
import { parseChunk } from '../model';

interface ParseJob {
  id: number;
  chunks: { text: string; first: boolean }[];
}

parentPort?.on('message', (job: ParseJob) => {
  try {
    const models = job.chunks.map((c) => parseChunk(c.text, c.first));
    parentPort!.postMessage({ id: job.id, models });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
