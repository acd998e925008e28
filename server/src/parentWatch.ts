/**
 * The editor watchdog of vscode-languageserver: given initialize's `processId` (or
 * `--clientProcessId`), it calls `process.kill(pid, 0)` every 3 s and exits when that throws.
 * But kill(2) also fails with EPERM when the process exists and we may not signal it: the server
 * runs under another user than the editor, in a container, or over ssh (how Neovim and Helix
 * users often run it). The library then exited 3 s after `initialize` with code 1.
 *
 * Only ESRCH ("no such process") means the editor is gone. This wraps `process.kill` so that a
 * probe with signal 0 answering EPERM counts as "alive" (what it means); every other call and
 * error is unchanged. Installed once, before the connection is created.
 */
let installed = false;

export function treatForeignParentAsAlive(proc: NodeJS.Process = process): void {
  if (installed && proc === process) return;
  if (proc === process) installed = true;
  const kill = proc.kill.bind(proc);
  proc.kill = ((pid: number, signal?: string | number): true => {
    try {
      return kill(pid, signal);
    } catch (e) {
      if (signal === 0 && (e as NodeJS.ErrnoException).code === 'EPERM') return true;
      throw e;
    }
  }) as NodeJS.Process['kill'];
}
