/**
 * `gbt27922 check --fix`: the safe fixes the editor's "fix all" applies (analysis/safeFixes.ts),
 * written to the files on disk. Each file is rewritten in its own encoding (a BOM kept, GB18030
 * stays GB18030) and mode, through io/outputFile (a temporary file renamed over it: never
 * half-written, never through a symlink). Only problems the user sees are fixed (not suppressed
 * by a comment, not turned off). Returns what changed, for the report.
 */
import * as fs from 'node:fs';
import { planSafeFixes, type SafeFixOptions } from '../analysis/safeFixes';
import { effectiveSeverity } from '../config/config';
import { encodeText } from '../io/encode';
import { OutputFileError, writeOutputFile } from '../io/outputFile';
import { LineIndex } from '../model';
import type { Side } from './analyze';
import { UsageError } from './errors';
import type { Project } from './project';
import type { OutFix } from './report';

export function fixFiles(side: Side, project: Project, options: SafeFixOptions): OutFix[] {
  const out: OutFix[] = [];
  for (const f of side.files) {
    if (!f.model || f.text === undefined || !f.encoding || !f.scheme || f.model.kind === 'none') continue;
    const shown = side.problems.filter((p) => p.file === f.display && effectiveSeverity(p.problem.code, project.config) !== 'off').map((p) => p.problem);
    const fixes = planSafeFixes(f.model, f.text, f.scheme, shown, options);
    if (fixes.length === 0) continue;
    const lines = new LineIndex(f.text);
    let text = f.text;
    // From the end, so earlier offsets stay valid.
    for (const fix of [...fixes].reverse()) {
      const start = lines.offset(fix.range.start);
      const end = lines.offset(fix.range.end);
      text = text.slice(0, start) + fix.newText + text.slice(end);
    }
    try {
      writeOutputFile(f.abs, encodeText(text, f.encoding), { mode: fs.statSync(f.abs).mode & 0o7777 });
    } catch (e) {
      if (e instanceof OutputFileError) throw new UsageError(`--fix: ${e.message}`);
      throw e;
    }
    for (const fix of fixes) out.push({ file: f.display, line: fix.range.start.line + 1, column: fix.range.start.character + 1, kind: fix.kind, before: fix.oldText, after: fix.newText });
  }
  return out;
}
