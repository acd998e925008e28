/**
 * `gbt27922 check [paths…]`: analyse manuals and audit reports like the editor does, print them
 * in a format, apply CI gates, and with `--base` compare with a git revision.
 */
import * as path from 'node:path';
import { OutputFileError, writeOutputFile, type OutputFileOptions } from '../../io/outputFile';
import { analyseSide, createParser, type Side } from '../analyze';
import { countProblems, outAudit, outCoverage, outFiles, renderProblems, renderSuppressed } from '../build';
import { COLOR, PLAIN, useColor } from '../color';
import { compareSides } from '../compare';
import { UsageError } from '../errors';
import { evaluateGates, validateGateOptions, type GateOptions } from '../gates';
import { assertUsableProject, loadProject, rel, type Project } from '../project';
import type { CheckReport } from '../report';
import { GitRevision, WorkingTree } from '../sources';
import { formatGithub } from '../format/github';
import { formatGitlab } from '../format/gitlab';
import { formatJunit } from '../format/junit';
import { formatMarkdown } from '../format/markdown';
import { toSarif } from '../format/sarif';
import { formatText } from '../format/text';
import { jsonText, printable, printableDeep } from '../format/printable';
import { TOOL } from '../tool';
import { todayIso } from '../../model/dates';
import { parseAsOf } from '../asOf';
import { fixFiles } from '../fix';
import { fixLine } from '../format/text';
import type { OutFix } from '../report';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'markdown', 'gitlab', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

export interface CheckOptions extends GateOptions {
  format?: string;
  base?: string;
  config?: string;
  scheme?: string;
  locale?: string;
  output?: string;
  summaryFile?: string;
  sarifFile?: string;
  junitFile?: string;
  fix?: boolean;
  fixAsciiIds?: boolean;
  color?: boolean;
  asOf?: string;
}

export interface CommandIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
}

export function parseFormat(value: string | undefined, allowed: readonly string[] = FORMATS): Format {
  const f = value ?? 'text';
  if (!allowed.includes(f)) throw new UsageError(`--format must be one of ${allowed.join(', ')}, not "${f}"`);
  return f as Format;
}

export async function runCheck(paths: string[], o: CheckOptions, io: CommandIo): Promise<number> {
  const format = parseFormat(o.format);
  const targets = paths.length ? paths : ['.'];
  const project = loadProject({ paths: targets, config: o.config, scheme: o.scheme, locale: o.locale, cwd: io.cwd, env: io.env });
  assertUsableProject(project);
  validateGateOptions(o, [project.scheme]);
  const asOf = parseAsOf(o.asOf);

  const head = new WorkingTree(project);
  const headFiles = head.collect(targets);
  if (headFiles.missing.length) {
    const m = headFiles.missing[0];
    throw new UsageError(`cannot read ${printable(rel(io.cwd, path.resolve(io.cwd, m.path)))}: ${printable(m.reason)}`);
  }
  const base = o.base !== undefined ? new GitRevision(project, o.base) : undefined;
  const baseFiles = base?.collect(targets);

  const parser = createParser();
  let headSide: Side;
  let baseSide: Side | undefined;
  let fixes: OutFix[] | undefined;
  try {
    headSide = await analyseSide(project, head, targets, parser, headFiles, { asOf });
    if (o.fix || o.fixAsciiIds) {
      fixes = fixFiles(headSide, project, { asciiIds: o.fixAsciiIds === true });
      // Report on the files as they are now.
      if (fixes.length) headSide = await analyseSide(project, head, targets, parser, head.collect(targets), { asOf });
    }
    if (base && baseFiles) baseSide = await analyseSide(project, base, targets, parser, baseFiles, { asOf });
  } finally {
    await parser.dispose();
  }

  const report = buildCheckReport(project, headSide, o, asOf);
  if (base && baseSide) report.comparison = compareSides(baseSide, headSide, project, base.ref, base.commit);
  if (fixes) {
    report.fixes = fixes;
    // Machine formats keep stdout for themselves: the changes are listed on stderr.
    if (format !== 'text' && format !== 'json') for (const f of fixes) io.stderr.write(`gbt27922: ${fixLine(printableDeep(f), project.locale)}\n`);
  }
  for (const u of headSide.unreadable) io.stderr.write(`gbt27922: cannot read ${printable(u.file)}: ${printable(u.reason)}\n`);
  if (headSide.unreadable.length) {
    // A file that cannot be read is never a pass, whatever the rest says.
    report.exitCode = 2;
    report.result = 'fail';
  }

  const color = useColor(o.color, io.stdout, io.env) && !o.output;
  const text = render(report, format, project, color);
  const inputs = headFiles.files.map((f) => f.abs);
  if (o.output) writeFile(io.cwd, o.output, text, { inputs });
  else io.stdout.write(text);
  if (o.summaryFile) writeFile(io.cwd, o.summaryFile, formatMarkdown(printableDeep(report)) + '\n', { append: true });
  if (o.sarifFile) writeFile(io.cwd, o.sarifFile, render(report, 'sarif', project, false), { inputs });
  if (o.junitFile) writeFile(io.cwd, o.junitFile, render(report, 'junit', project, false), { inputs });
  return report.exitCode;
}

export function buildCheckReport(project: Project, side: Side, gates: GateOptions, asOf: string = todayIso()): CheckReport {
  const L = project.locale;
  const problems = renderProblems(side, project);
  const suppressed = renderSuppressed(side, project);
  const counts = countProblems(problems, suppressed.length);
  const audits = side.workspace.audits.map((a) => outAudit(a, side, L));
  const gateResults = evaluateGates(gates, {
    manual: side.workspace.manual,
    audits: side.workspace.audits.map((a, i) => ({ file: audits[i].file, analysis: a })),
    counts,
    locale: L,
  });
  const pass = gateResults.every((g) => g.passed);
  return {
    tool: TOOL,
    locale: L,
    asOf,
    root: rel(project.cwd, project.root),
    ...(project.configPath ? { config: rel(project.cwd, project.configPath) } : {}),
    scheme: { id: project.scheme.id, name: project.scheme.name.zh ?? project.scheme.name.en ?? project.scheme.id, origin: project.scheme.origin.startsWith('builtin:') ? project.scheme.origin : rel(project.cwd, project.scheme.origin) },
    files: outFiles(side),
    ...(side.workspace.manual ? { coverage: outCoverage(side.workspace.manual, side, L) } : {}),
    audits,
    problems,
    suppressed,
    counts,
    gates: gateResults,
    result: pass ? 'pass' : 'fail',
    exitCode: pass ? 0 : 1,
  };
}

/**
 * The report in a format. JSON and SARIF keep every string exact (escaped as JSON, with no raw
 * C1 or bidi character: jsonText); the others print the repository's text only after
 * printable.ts has made it inert (no line break, no control or escape sequence).
 */
export function render(report: CheckReport, format: Format, project: Project, color: boolean): string {
  switch (format) {
    case 'json':
      return jsonText(report) + '\n';
    case 'sarif':
      return jsonText(toSarif(report, project.cwd, TOOL.informationUri)) + '\n';
    case 'github':
      return formatGithub(report);
    case 'markdown':
      return formatMarkdown(printableDeep(report));
    case 'gitlab':
      return formatGitlab(report);
    case 'junit':
      return formatJunit(report);
    default:
      return formatText(printableDeep(report), color ? COLOR : PLAIN);
  }
}

/** An output file under the rules of io/outputFile (no symlinks, no half-written file, not an input). */
export function writeFile(cwd: string, file: string, text: string, options: OutputFileOptions = {}): void {
  try {
    writeOutputFile(path.resolve(cwd, file), text, { confine: cwd, ...options });
  } catch (e) {
    if (e instanceof OutputFileError) throw new UsageError(e.message.split(path.resolve(cwd, file)).join(file));
    throw e;
  }
}
