// Starts the bundled language server (dist/server.js, or HEAP_PROBE_SERVER) in this process and,
// on SIGUSR2, runs two full garbage collections and writes the V8 heap in use (bytes) to
// HEAP_PROBE_FILE. The robustness layer and the bench read the server's heap this way, from
// outside, with nothing added to the server itself.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');
const file = process.env.HEAP_PROBE_FILE;
process.on('SIGUSR2', () => {
  gc();
  gc();
  if (file) fs.writeFileSync(file, String(process.memoryUsage().heapUsed));
});
require(process.env.HEAP_PROBE_SERVER || path.resolve(__dirname, '..', '..', 'dist', 'server.js'));
