/**
 * JUnit XML, the test report Jenkins (`junit` step), GitLab (`artifacts:reports:junit`) and
 * Gitee Go read. Valid against the Apache Ant JUnit schema (test/fixtures/cli/JUnit.xsd).
 *
 * Two suites:
 * - `gates`: one test case per gate check — "no errors", and each of `--min-star`,
 *   `--min-score`, `--min-coverage`, `--max-warnings` (per report where it applies); a failed
 *   gate is a failure with the gate's message.
 * - `documents`: one test case per analysed file (every manual, audit report, unreadable or
 *   too-large file, and any config or scheme file with problems). It fails when the file has
 *   an error, or a warning while `--max-warnings` failed — exactly what fails the check — and
 *   the failure lists each problem (`line:column severity message [code]`). Problems that fail
 *   nothing (warnings, notes) are listed in the suite's system-out.
 * Everything from the repository is encoded by xmlText (format/encode.ts).
 */
import { PLAIN } from '../color';
import type { CheckReport, OutProblem } from '../report';
import { xmlText } from './encode';
import { severityWord, summaryLines } from './text';

interface TestCase {
  name: string;
  classname: string;
  failure?: { type: string; message: string; text: string };
}

function problemText(p: OutProblem, r: CheckReport): string {
  return `${p.file}:${p.line}:${p.column} ${severityWord(p.severity, r.locale)} ${p.message} [${p.code}]`;
}

export function formatJunit(r: CheckReport, now: Date = new Date()): string {
  const zh = r.locale === 'zh';
  const gates: TestCase[] = r.gates.map((g) => ({
    name: g.file ? `${g.gate}: ${g.file}` : g.gate,
    classname: 'gbt27922.gates',
    ...(g.passed ? {} : { failure: { type: g.gate, message: g.message, text: g.message } }),
  }));

  const warningsFail = r.gates.some((g) => g.gate === 'max-warnings' && !g.passed);
  const byFile = new Map<string, OutProblem[]>();
  for (const f of r.files) if (f.kind !== 'none') byFile.set(f.file, []);
  for (const p of r.problems) {
    if (!byFile.has(p.file)) byFile.set(p.file, []);
    byFile.get(p.file)!.push(p);
  }
  const documents: TestCase[] = [];
  const passedNotes: string[] = [];
  for (const [file, problems] of byFile) {
    const failing = problems.filter((p) => p.severity === 'error' || (warningsFail && p.severity === 'warning'));
    const errors = problems.filter((p) => p.severity === 'error').length;
    const warnings = problems.filter((p) => p.severity === 'warning').length;
    const tc: TestCase = { name: file, classname: 'gbt27922.documents' };
    if (failing.length > 0) {
      const message = zh ? `${errors} 个错误，${warnings} 个警告` : `${errors} error(s), ${warnings} warning(s)`;
      tc.failure = { type: errors > 0 ? 'error' : 'warning', message, text: problems.map((p) => problemText(p, r)).join('\n') };
    } else {
      passedNotes.push(...problems.map((p) => problemText(p, r)));
    }
    documents.push(tc);
  }

  const timestamp = now.toISOString().slice(0, 19);
  const properties: [string, string][] = [
    ['tool', `${r.tool.name} ${r.tool.version}`],
    ['scheme', r.scheme.id],
    ['result', r.result],
    ...(r.coverage ? ([['coverage', `${r.coverage.percentByPoints}%`]] as [string, string][]) : []),
    ...r.audits.map((a): [string, string] => [`total: ${a.file}`, `${a.total} ${a.star}`]),
    ...(r.counts.suppressed ? ([['suppressed', String(r.counts.suppressed)]] as [string, string][]) : []),
  ];
  const summary = summaryLines(r, PLAIN).join('\n');
  const suite = (id: number, name: string, cases: TestCase[], out: string): string[] => {
    const failures = cases.filter((c) => c.failure).length;
    const lines = [
      `  <testsuite package="gbt27922" id="${id}" name="${xmlText(name)}" timestamp="${timestamp}" hostname="localhost" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="0">`,
      '    <properties>',
      ...properties.map(([k, v]) => `      <property name="${xmlText(k)}" value="${xmlText(v)}"/>`),
      '    </properties>',
    ];
    for (const c of cases) {
      const head = `    <testcase name="${xmlText(c.name)}" classname="${c.classname}" time="0"`;
      if (!c.failure) lines.push(`${head}/>`);
      else lines.push(`${head}><failure type="${xmlText(c.failure.type)}" message="${xmlText(c.failure.message)}">${xmlText(c.failure.text)}</failure></testcase>`);
    }
    lines.push(`    <system-out>${xmlText(out)}</system-out>`, '    <system-err></system-err>', '  </testsuite>');
    return lines;
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<testsuites>',
    ...suite(0, 'gates', gates, summary),
    ...suite(1, 'documents', documents, passedNotes.join('\n')),
    '</testsuites>',
    '',
  ].join('\n');
}
