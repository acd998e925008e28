/**
 * A private copy of samples/ in a temporary directory, so protocol tests can edit, delete and
 * rename files without touching the repository. samples/EXPECTED.md holds the values the tests
 * check.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Position } from 'vscode-languageserver-protocol';
import { fileUri, REPO_ROOT } from './lspClient';

export const SAMPLES = resolve(REPO_ROOT, 'samples');

export const FILES = {
  root: 'manual/README.md',
  manual1: 'manual/01-组织与资源.md',
  manual2: 'manual/02-商品服务.md',
  manual3: 'manual/03-顾客服务.md',
  audit: 'audit/2026-审核报告.md',
  tenStar: 'audit/2026-十星审核报告.md',
  surveillance: 'audit/2027-监督审核报告.md',
  plain: 'plain/notes.md',
  expected: 'EXPECTED.md',
  custom: 'custom-scheme/2026-内部评价报告.md',
  config: 'gbt27922.config.json',
} as const;

export class SampleWorkspace {
  readonly dir: string;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'gbt27922-protocol-'));
    cpSync(SAMPLES, this.dir, { recursive: true });
  }

  path(rel: string): string {
    return join(this.dir, rel);
  }

  uri(rel: string): string {
    return fileUri(this.path(rel));
  }

  text(rel: string): string {
    return readFileSync(this.path(rel), 'utf8');
  }

  /** Position of the `nth` occurrence of `needle` in a file (plus `offset` characters). */
  find(rel: string, needle: string, offset = 0, nth = 0): Position {
    return positionOf(this.text(rel), needle, offset, nth);
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function positionOf(text: string, needle: string, offset = 0, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${JSON.stringify(needle)} not found (occurrence ${nth})`);
  }
  at += offset;
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  return { line, character: at - (before.lastIndexOf('\n') + 1) };
}

/** The 0-based line of the first line that starts with `prefix`. */
export function lineStartingWith(text: string, prefix: string): number {
  const i = text.split('\n').findIndex((l) => l.startsWith(prefix));
  if (i < 0) throw new Error(`no line starts with ${JSON.stringify(prefix)}`);
  return i;
}
