/**
 * How the language server's Node process should be started. Pure data: the VS Code client
 * passes these to the server it forks, the bench starts the server the same way, and
 * docs/server.md gives them to other editors.
 *
 * `--single-threaded-gc`: each isolate collects its own garbage on its own thread instead of
 * handing the work to V8's helper threads. Cold indexing runs two parse workers on a two-core
 * machine; with parallel collection their helpers competed with the workers themselves for the
 * same two cores (the helpers took 6.7 s of CPU against 3.5 s with one thread). Measured on the
 * 2,000-file corpus (`npm run bench`): two workers 10.5 s → 8.9 s, total CPU 20.1 s → 17.4 s;
 * edits, hover and completion unchanged. V8 refuses this flag in NODE_OPTIONS and crashes when
 * it is set at run time, so it has to be on the command line.
 *
 * `--max-semi-space-size=8` (MB; V8's default is 16): the main thread's young generation. While
 * the workers parse, the main thread takes in their models, all of which live on; a young
 * generation of 2 × 16 MB was a fifth of the server's peak RSS while indexing the 2,000-file
 * corpus. With 8 MB (and the workers' old generation capped, index/workerPool.ts) the peak went
 * from 376–424 MB to 268–281 MB, the cold index time unchanged within the machine's noise; a parse
 * on the main thread costs the same (2.7 s of CPU for the 100-file corpus twice, either way),
 * where 4 MB cost 9 % more. It only sizes the main isolate: the workers have their own limits.
 */
export const SERVER_NODE_ARGS: readonly string[] = ['--single-threaded-gc', '--max-semi-space-size=8'];
