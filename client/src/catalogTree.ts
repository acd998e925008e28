/**
 * Tree view of the clause catalog with each item's coverage (manual) or score (audit report).
 * Clicking an item opens where it is covered, scored or belongs.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CATALOG_REQUEST, type CatalogNode, type CatalogParams, type Location } from '../../server/src/protocol';

export const CATALOG_VIEW_ID = 'gbt27922.catalog';
export const OPEN_LOCATION_COMMAND = 'gbt27922.openLocation';

const ICONS: Record<NonNullable<CatalogNode['state']>, [string, string | undefined]> = {
  covered: ['pass', 'testing.iconPassed'],
  scored: ['pass-filled', 'testing.iconPassed'],
  uncovered: ['circle-large-outline', 'list.warningForeground'],
  unscored: ['warning', 'list.warningForeground'],
  'not-applicable': ['circle-slash', 'disabledForeground'],
};

const NC_ICONS: Record<NonNullable<CatalogNode['ncStatus']>, [string, string]> = {
  overdue: ['error', 'list.errorForeground'],
  open: ['warning', 'list.warningForeground'],
  'action-planned': ['clock', 'charts.yellow'],
  closed: ['pass', 'testing.iconPassed'],
};

export function stateLabel(state: CatalogNode['state']): string {
  switch (state) {
    case 'covered':
      return vscode.l10n.t('covered');
    case 'uncovered':
      return vscode.l10n.t('not covered');
    case 'scored':
      return vscode.l10n.t('scored');
    case 'unscored':
      return vscode.l10n.t('not scored');
    case 'not-applicable':
      return vscode.l10n.t('not applicable');
    default:
      return '';
  }
}

export class CatalogTreeProvider implements vscode.TreeDataProvider<CatalogNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<CatalogNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: CatalogNode[] = [];
  private loaded = false;
  private timer: NodeJS.Timeout | undefined;
  private forUri: string | undefined;

  constructor(
    private readonly client: LanguageClient,
    private readonly log: vscode.OutputChannel,
    private readonly activeAudit: () => string | undefined,
  ) {}

  /** Ask again soon (coalesces bursts of notifications while typing). */
  scheduleRefresh(delayMs = 400): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, delayMs);
  }

  async refresh(): Promise<CatalogNode[]> {
    if (!this.client.isRunning()) return this.roots;
    const uri = this.activeAudit();
    try {
      const params: CatalogParams = uri ? { uri } : {};
      const result = await this.client.sendRequest<CatalogNode[] | CatalogNode | null>(CATALOG_REQUEST, params);
      this.roots = Array.isArray(result) ? result : result ? [result] : [];
      this.forUri = uri;
      this.loaded = true;
      this.changed.fire(undefined);
    } catch (e) {
      this.log.appendLine(`[client] ${CATALOG_REQUEST} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    return this.roots;
  }

  /** The top-level nodes last received. */
  get rootNodes(): readonly CatalogNode[] {
    return this.roots;
  }

  /** Which report the tree shows scores of (undefined: manual coverage). */
  get subject(): string | undefined {
    return this.forUri;
  }

  getChildren(node?: CatalogNode): vscode.ProviderResult<CatalogNode[]> {
    if (node) return node.children ?? [];
    if (!this.loaded) return this.refresh();
    return this.roots;
  }

  getTreeItem(node: CatalogNode): vscode.TreeItem {
    const hasChildren = (node.children?.length ?? 0) > 0;
    const state =
      !hasChildren
        ? vscode.TreeItemCollapsibleState.None
        : node.kind === 'section'
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(`${node.id} ${node.title}`, state);
    item.id = node.key ?? `${node.kind}:${node.id}`;
    const parts: string[] = [];
    if (node.score) parts.push(node.score);
    if (node.points) parts.push(vscode.l10n.t('{0} pts', node.points));
    if (node.kind === 'item' && node.state && !node.score) parts.push(stateLabel(node.state));
    if (node.ncCount) parts.push(vscode.l10n.t('{0} NC(s)', node.ncCount));
    item.description = parts.join(' · ');
    const tip = new vscode.MarkdownString(undefined, false);
    tip.isTrusted = false;
    tip.supportHtml = false;
    tip.appendText(`${node.id} ${node.title}`);
    if (node.points) tip.appendText(`\n${vscode.l10n.t('Points: {0}', node.points)}`);
    if (node.score) tip.appendText(`\n${vscode.l10n.t('Score: {0}', node.score)}`);
    if (node.state) tip.appendText(`\n${stateLabel(node.state)}`);
    item.tooltip = tip;
    if (node.kind === 'nc' && node.ncStatus) {
      const [icon, color] = NC_ICONS[node.ncStatus] ?? ['circle-outline', 'list.warningForeground'];
      item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
      item.contextValue = `gbt27922.nc.${node.ncStatus}`;
    } else if (node.kind === 'item' && node.state) {
      const [icon, color] = ICONS[node.state] ?? ['circle-outline', undefined];
      item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
      item.contextValue = `gbt27922.item.${node.state}`;
    } else {
      item.contextValue = `gbt27922.${node.kind}`;
    }
    if (node.location) {
      item.command = {
        command: OPEN_LOCATION_COMMAND,
        title: vscode.l10n.t('Go to {0}', node.id),
        arguments: [node.location satisfies Location],
      };
    }
    return item;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
  }
}
