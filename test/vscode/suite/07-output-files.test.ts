/**
 * Exports write like the command line's output files (issue 20, item 9): never through a symlink
 * a repository planted (`report.summary.html -> ~/.bashrc`).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AUDIT_REPORT, open, uiState, waitFor, wsUri } from './util';

describe('exports never write through a symlink', () => {
  it('export HTML onto a planted symlink: refused, the file it points to unchanged', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'gbt27922-victim-'));
    const victim = path.join(outside, 'victim.txt');
    fs.writeFileSync(victim, 'precious\n');
    const link = wsUri('audit/planted.summary.html');
    fs.symlinkSync(victim, link.fsPath);
    try {
      await open(AUDIT_REPORT);
      await waitFor('payload', () => uiState(), (s) => !!s.payload?.audit, 20_000);
      const out = await vscode.commands.executeCommand<string | undefined>('gbt27922.exportHtml', link);
      assert.equal(out, undefined, 'the export was refused');
      assert.equal(fs.readFileSync(victim, 'utf8'), 'precious\n');
      assert.ok(fs.lstatSync(link.fsPath).isSymbolicLink(), 'the link is left as it was');
    } finally {
      fs.rmSync(link.fsPath, { force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
