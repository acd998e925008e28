/** Status bar item: stars and total of the active audit report, or coverage of a manual. */
import * as vscode from 'vscode';
import type { DocumentScorePayload } from '../../server/src/protocol';
import { statusOf } from './panel/viewModel';

export const OPEN_PANEL_COMMAND = 'gbt27922.openPanel';

export class ScoreStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private shown = false;

  constructor() {
    this.item = vscode.window.createStatusBarItem('gbt27922.score', vscode.StatusBarAlignment.Right, 100);
    this.item.name = vscode.l10n.t('GB/T 27922 score');
    this.item.command = OPEN_PANEL_COMMAND;
  }

  /** Show `payload`, or hide when there is nothing to show or another editor is in front. */
  update(payload: DocumentScorePayload | undefined, editorShowsIt: boolean): void {
    const s = statusOf(payload);
    if (!s.visible || !editorShowsIt) {
      this.setShown(false);
      return;
    }
    this.item.command = OPEN_PANEL_COMMAND;
    this.item.text = s.text;
    this.item.tooltip = s.tooltip;
    this.item.accessibilityInformation = { label: s.tooltip.split('\n')[0], role: 'button' };
    this.item.backgroundColor =
      s.severity === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : s.severity === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.setShown(true);
  }

  /** Shown while the server restarts, so the user sees it coming back. */
  showBusy(text: string): void {
    this.item.text = `$(sync~spin) ${text}`;
    this.item.tooltip = text;
    this.item.accessibilityInformation = { label: text };
    this.item.backgroundColor = undefined;
    this.setShown(true);
  }

  /** The server is down for good: say so, and restart it on click. */
  showStopped(text: string, tooltip: string, command: string): void {
    this.item.text = `$(debug-disconnect) ${text}`;
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: tooltip, role: 'button' };
    this.item.command = command;
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    this.setShown(true);
  }

  /** For the test-only state command. */
  get state(): { text: string; tooltip: string; visible: boolean } {
    const tooltip = typeof this.item.tooltip === 'string' ? this.item.tooltip : this.item.tooltip?.value ?? '';
    return { text: this.item.text, tooltip, visible: this.shown };
  }

  private setShown(shown: boolean): void {
    this.shown = shown;
    if (shown) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    this.item.dispose();
  }
}
