// One measured tool in its own worker thread (its own V8 isolate: JIT state and heap are not
// shared with the other tools, as when each runs in its own process). Loads the tool bundle
// named in workerData (built by bench/isolated.ts), keeps the corpus texts, and times each step
// on this thread: wall time and this thread's CPU time (from /proc schedstat when available).
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');

const tool = require(workerData.bundle).createTool();
let files = [];
let tid;
try {
  // The kernel thread ID of this worker: the thread whose CPU time grows while it spins.
  tid = findOwnTid();
} catch {
  tid = undefined;
}

function findOwnTid() {
  const dir = `/proc/${process.pid}/task`;
  const read = () => new Map(fs.readdirSync(dir).map((t) => [t, Number(fs.readFileSync(`${dir}/${t}/schedstat`, 'utf8').split(' ')[0])]));
  const before = read();
  const end = Date.now() + 30;
  let x = 0;
  while (Date.now() < end) x += Math.sqrt(x + 1);
  const after = read();
  let best;
  let bestDelta = 0;
  for (const [t, ns] of after) {
    const d = ns - (before.get(t) ?? 0);
    if (d > bestDelta) {
      bestDelta = d;
      best = t;
    }
  }
  return best;
}

function threadCpuMs() {
  if (tid === undefined) return NaN;
  try {
    return Number(fs.readFileSync(`/proc/${process.pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return NaN;
  }
}

function timed(fn) {
  const c = threadCpuMs();
  const t = performance.now();
  const result = fn();
  return { ms: performance.now() - t, cpuMs: threadCpuMs() - c, result };
}

parentPort.on('message', (m) => {
  try {
    if (m.op === 'load') {
      files = m.files;
      parentPort.postMessage({ ok: true });
    } else if (m.op === 'begin') {
      tool.begin(m.dir);
      parentPort.postMessage({ ok: true });
    } else if (m.op === 'add') {
      const f = files[m.index];
      parentPort.postMessage(timed(() => tool.add(f.path, f.text)));
    } else if (m.op === 'finish') {
      parentPort.postMessage(timed(() => tool.finish()));
    } else if (m.op === 'gc') {
      if (global.gc) global.gc();
      parentPort.postMessage({ ok: true });
    }
  } catch (e) {
    parentPort.postMessage({ error: e && e.stack ? e.stack : String(e) });
  }
});
