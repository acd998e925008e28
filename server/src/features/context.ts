/**
 * What every LSP feature module reads: a consistent view of the analysed workspace.
 * The workspace index (server/src/index/…) implements it; tests implement it in memory.
 * Features are functions of (context, params) → LSP result, one feature per file.
 */
import type { DocumentModel } from '../model/types';
import type { Scheme } from '../scheme/types';
import type { ProjectConfig } from '../config/config';
import type { AuditAnalysis, FileModel, ManualAnalysis } from '../analysis/workspace';
import type { Locale } from '../model/problems';

export interface FeatureContext {
  /** UI language of the client (from initialize's `locale`). */
  readonly locale: Locale;
  /** The workspace config (defaults when there is no config file). */
  readonly config: ProjectConfig;
  /** The workspace scheme. */
  readonly scheme: Scheme;
  /** The scheme a document is analysed with (its front-matter `scheme:` or the workspace scheme). */
  schemeFor(uri: string): Scheme;
  /** The current text of a document (open editor buffer, else disk), if known. */
  text(uri: string): string | undefined;
  /** The current model of a document, if it is a Markdown file in the workspace or open. */
  model(uri: string): DocumentModel | undefined;
  /** All analysed Markdown files (kind 'none' included), in a stable order. */
  files(): FileModel[];
  /** Coverage over the workspace's manual files (undefined when there is no manual). */
  manual(): ManualAnalysis | undefined;
  /** Score of an audit report (undefined unless the document is an audit). */
  audit(uri: string): AuditAnalysis | undefined;
  /** Resolve a relative link target written in `fromUri` to a document URI. */
  resolveLink(fromUri: string, target: string): string | undefined;
}
