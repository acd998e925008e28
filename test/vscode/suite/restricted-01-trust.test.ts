/**
 * Restricted Mode (issue 20, items 1 and 4), in a real VS Code with Workspace Trust on: the folder
 * (test/fixtures/hostile restrictedWorkspace) opens untrusted. Its config names /dev/zero as the
 * scheme — before, the server grew past 8 GB and never answered `initialize`, just by opening
 * the folder — its workspace settings name /dev/zero too, and a report names a custom scheme
 * file. The extension runs, uses only the built-in scheme, and says so in the status bar.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { RESTRICTED } from '../../fixtures/hostile/hostile';
import { api, open, screenshot, show, uiState, waitFor, wsUri } from './util';

describe('Restricted Mode: an untrusted hostile folder', () => {
  it('the folder is open untrusted, and the extension is enabled there (limited support)', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'Workspace Trust is on and the folder is not trusted');
    const a = await api();
    await Promise.race([a.whenServerRunning(), new Promise((_, reject) => setTimeout(() => reject(new Error('the language server did not start within 30 s')), 30_000))]);
    assert.equal(a.getState().serverState, 'running');
  });

  it('the workspace settings that point at files are restricted: VS Code gives the server none of them', () => {
    const settings = JSON.parse(fs.readFileSync(wsUri('.vscode/settings.json').fsPath, 'utf8')) as Record<string, string>;
    assert.equal(settings['gbt27922.scheme'], '/dev/zero', 'the folder does set it');
    const cfg = vscode.workspace.getConfiguration('gbt27922');
    assert.equal(cfg.get<string>('scheme'), '', 'but in Restricted Mode its value is not used');
    assert.equal(cfg.get<string>('manualRoot'), '');
  });

  it('the report is scored with the built-in scheme, and the status bar says why its own scheme was not loaded', async () => {
    await open(RESTRICTED.report);
    const uri = wsUri(RESTRICTED.report).toString();
    const s = await waitFor('the status bar to show the report', uiState, (st) => st.statusBar.visible && st.payload?.uri === uri && !!st.payload.audit, 30_000);
    await screenshot('restricted-mode');
    assert.equal(s.payload?.scheme.id, 'gbt27922-2011', show(s.payload?.scheme));
    assert.equal(s.payload?.restrictedScheme, RESTRICTED.scheme);
    assert.ok(s.statusBar.text.startsWith('$(shield) '), `status bar text: ${s.statusBar.text}`);
    assert.ok(s.statusBar.tooltip.includes('受限模式') && s.statusBar.tooltip.includes(RESTRICTED.scheme) && s.statusBar.tooltip.includes('gbt27922-2011'), `tooltip: ${s.statusBar.tooltip}`);
  });

  it('the config file says its scheme was not read, with the reason, and nothing hangs', async () => {
    const config = wsUri('gbt27922.config.json');
    const ds = await waitFor('diagnostics on the config file', () => vscode.languages.getDiagnostics(config), (d) => d.length > 0, 30_000);
    const scheme = ds.find((d) => String(d.code) === 'unknown-scheme');
    assert.ok(scheme, show(ds));
    assert.match(scheme.message, /受限模式|Restricted Mode|not trusted/, scheme.message);
    const manualRoot = ds.find((d) => String(d.code) === 'invalid-config');
    assert.ok(manualRoot && /manualRoot/.test(manualRoot.message), show(ds));
  });
});
