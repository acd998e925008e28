/**
 * How the config and scheme loaders read settings files (no file access here: io/settingsFile.ts
 * reads the disk for the command line, index/settingsFiles.ts reads through the server's file
 * access, on disk or through the client).
 */
import type { LoadOptions } from '../scheme/loader';

export interface SettingsIo extends Required<Pick<LoadOptions, 'readFile' | 'resolvePath'>> {
  /** Why the last read of `path` gave nothing (for the message), if it did. */
  why(path: string): string | undefined;
  /** Whether `path` is inside the workspace roots (always true for a reader without roots). */
  inWorkspace(path: string): boolean;
  /** A read was refused because the workspace is not trusted (`untrusted`). */
  readonly refusedUntrusted: boolean;
  /** The last read of `path` found nothing there (no such file), as opposed to a file it would not or could not read. */
  missing(path: string): boolean;
}

/** Why a scheme file is not read in an untrusted workspace (VS Code's Restricted Mode). */
export const UNTRUSTED_REASON = 'the workspace is not trusted (Restricted Mode): only built-in schemes are used';

