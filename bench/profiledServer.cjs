// Starts the bundled language server (dist/server.js) under the V8 CPU profiler of its main
// thread and writes <BENCH_CPU_PROF_DIR>/server-<pid>.cpuprofile when it exits. Used by
// `npm run bench -- --profile` (Node 20 refuses --cpu-prof in NODE_OPTIONS, and the protocol
// test client spawns `node <script> --stdio`, so the profiler is started from here instead).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const inspector = require('node:inspector');

const dir = process.env.BENCH_CPU_PROF_DIR;
const server = process.env.BENCH_SERVER_BUNDLE || path.resolve(__dirname, '..', 'dist', 'server.js');
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  session.post('Profiler.start');
  process.on('exit', () => {
    // Same-thread inspector sessions answer synchronously, so this completes inside 'exit'.
    session.post('Profiler.stop', (err, result) => {
      if (err || !result) return;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `server-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
require(server);
