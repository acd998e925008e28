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
 */
export const SERVER_NODE_ARGS: readonly string[] = ['--single-threaded-gc'];
