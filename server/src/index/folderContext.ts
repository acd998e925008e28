/**
 * A folder's view of the index, as the feature modules read it (features/context.ts).
 */
import type { AuditAnalysis, FileModel, ManualAnalysis } from '../analysis/workspace';
import type { ProjectConfig } from '../config/config';
import type { FeatureContext } from '../features/context';
import type { Locale } from '../model/problems';
import type { DocumentModel } from '../model/types';
import type { Scheme } from '../scheme/types';
import type { FolderState } from './folder';
import type { WorkspaceIndex } from './workspaceIndex';

export class FolderContext implements FeatureContext {
  constructor(
    private readonly index: WorkspaceIndex,
    private readonly folder: FolderState,
  ) {}
  get locale(): Locale {
    return this.index.locale;
  }
  get config(): ProjectConfig {
    return this.index.effectiveConfig(this.folder);
  }
  get scheme(): Scheme {
    return this.folder.scheme;
  }
  schemeFor(uri: string): Scheme {
    return this.index.doc(uri)?.scheme ?? this.folder.scheme;
  }
  text(uri: string): string | undefined {
    return this.index.textOf(uri);
  }
  model(uri: string): DocumentModel | undefined {
    this.index.ensureFresh(uri);
    return this.index.doc(uri)?.model;
  }
  files(): FileModel[] {
    return this.index.folderFiles(this.folder);
  }
  manual(): ManualAnalysis | undefined {
    return this.index.manualOf(this.folder);
  }
  audit(uri: string): AuditAnalysis | undefined {
    return this.index.auditOf(uri);
  }
  resolveLink(fromUri: string, target: string): string | undefined {
    return this.index.resolveLink(fromUri, target);
  }
}
