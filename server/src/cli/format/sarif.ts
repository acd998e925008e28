/**
 * SARIF 2.1.0 for code scanning: one run, rules = our problem codes (described in sentences,
 * model/problemRules.ts; Chinese in the rule's properties), results with 1-based line/column in UTF-16 code units,
 * file URIs relative to the current directory (`%SRCROOT%`). Coverage, scores and the base
 * comparison travel in the run's property bag.
 */
import type * as Sarif from 'sarif';
import { pathToFileURL } from 'node:url';
import { PROBLEMS, type ProblemCode, type Severity } from '../../model/problems';
import { PROBLEM_RULES } from '../../model/problemRules';
import type { CheckReport, OutProblem } from '../report';

const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** A relative path as a URI reference (each segment percent-encoded). */
export function uriReference(file: string): string {
  return file
    .split('/')
    .map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s)))
    .join('/');
}

export function toSarif(r: CheckReport, cwd: string, informationUri?: string): Sarif.Log {
  const codes = Object.keys(PROBLEMS) as ProblemCode[];
  // Descriptions are sentences (GitHub shows them to reviewers); each result carries its own message.
  const rules: Sarif.ReportingDescriptor[] = codes.map((code) => {
    const spec = PROBLEMS[code];
    const rule = PROBLEM_RULES[code];
    return {
      id: code,
      name: code.replace(/(^|-)([a-z])/g, (_, _d: string, ch: string) => ch.toUpperCase()),
      shortDescription: { text: rule.short.en },
      fullDescription: { text: `${rule.short.en} ${rule.help.en}` },
      defaultConfiguration: { level: LEVEL[spec.severity] },
      properties: { 'zh-CN': `${rule.short.zh}${rule.help.zh}`, tags: ['gbt27922'] },
    };
  });
  const ruleIndex = new Map(codes.map((c, i) => [c, i]));
  const artifacts = r.files.filter((f) => f.kind !== 'none').map((f) => f.file);
  const artifactIndex = new Map(artifacts.map((f, i) => [f, i]));
  const toResult = (p: OutProblem): Sarif.Result => {
    const idx = artifactIndex.get(p.file);
    const region: Sarif.Region = { startLine: p.line, startColumn: p.column, endLine: Math.max(p.endLine, p.line) };
    region.endColumn = p.endLine > p.line || p.endColumn >= p.column ? p.endColumn : p.column;
    const result: Sarif.Result = {
      ruleId: p.code,
      ruleIndex: ruleIndex.get(p.code),
      level: LEVEL[p.severity],
      message: { text: p.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: p.file.startsWith('builtin:') ? { uri: p.file } : { uri: uriReference(p.file), uriBaseId: '%SRCROOT%', ...(idx !== undefined ? { index: idx } : {}) },
            region,
          },
        },
      ],
      partialFingerprints: { 'gbt27922/v1': `${p.code}:${p.itemId ?? ''}:${p.file}:${p.itemId ? 0 : p.line}` },
    };
    if (p.itemId) result.properties = { itemId: p.itemId };
    return result;
  };
  // A suppressed problem stays a result, marked as suppressed in the source with the comment's reason.
  const results: Sarif.Result[] = [
    ...r.problems.map(toResult),
    ...r.suppressed.map((p) => ({
      ...toResult(p),
      suppressions: [
        {
          kind: 'inSource' as const,
          ...(p.justification ? { justification: p.justification } : {}),
          location: { physicalLocation: { artifactLocation: { uri: uriReference(p.file), uriBaseId: '%SRCROOT%' }, region: { startLine: p.suppressedAt.line, startColumn: p.suppressedAt.column } } },
        },
      ],
    })),
  ];
  const run: Sarif.Run = {
    tool: {
      driver: {
        name: r.tool.name,
        version: r.tool.version,
        semanticVersion: r.tool.version,
        ...(informationUri ? { informationUri } : {}),
        rules,
      },
    },
    originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith('/') ? cwd : cwd + '/').href } },
    artifacts: artifacts.map((f) => ({ location: { uri: uriReference(f), uriBaseId: '%SRCROOT%' }, mimeType: 'text/markdown' })),
    results,
    columnKind: 'utf16CodeUnits',
    invocations: [{ executionSuccessful: r.exitCode !== 2, exitCode: r.exitCode }],
    properties: {
      locale: r.locale,
      scheme: r.scheme,
      ...(r.coverage ? { coverage: r.coverage } : {}),
      audits: r.audits,
      counts: r.counts,
      gates: r.gates,
      result: r.result,
      ...(r.comparison ? { comparison: r.comparison } : {}),
    },
  };
  return { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] };
}
