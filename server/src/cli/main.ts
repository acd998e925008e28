/**
 * The `gbt27922` command line: check, score, init, catalog, export, suggest, import. Exit codes: 0 pass, 1 a gate failed
 * or errors were found, 2 bad usage or unreadable input (one clear line on stderr, never a
 * stack trace unless GBT27922_DEBUG is set).
 */
import { Command, CommanderError, Option } from 'commander';
import { runCatalog } from './commands/catalog';
import { EXPORT_FORMATS } from './commands/exportFormats';
import { FORMATS, runCheck, type CommandIo } from './commands/check';
import { runInit } from './commands/init';
import { runHistory } from './commands/history';
import { runScore } from './commands/score';
import { runSuggest } from './commands/suggest';
import { runImport } from './commands/import';
import { EXIT_USAGE, UsageError } from './errors';
import { TOOL } from './tool';
import { printableLines } from './format/printable';

function collectIo(): CommandIo {
  return { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr };
}

const localeOption = () => new Option('--locale <locale>', 'language of messages: en or zh, also en-US, zh-CN … (default: config "locale", else LANG)');
const schemeOption = () => new Option('--scheme <id|path>', 'scheme ID (gbt27922-2011, gbt27922-2011-dual-score, ten-star) or scheme file; overrides the config');
const configOption = () => new Option('--config <file>', 'project config file (default: the nearest gbt27922.config.json)');
const asOfOption = () => new Option('--as-of <date>', 'the date non-conformities are overdue against, YYYY-MM-DD (default: today)');
const colorOptions = (c: Command) => c.option('--color', 'force colour').option('--no-color', 'no colour (also NO_COLOR=1)');

export function createProgram(io: CommandIo, setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name(TOOL.name)
    .description('GB/T 27922-2011 after-sales service certification: manual coverage, audit scores and star levels, for CI and pull-request review')
    .version(TOOL.version, '-v, --version')
    .showHelpAfterError(`(run "${TOOL.name} --help" for usage)`)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(`${TOOL.name}: ${s.replace(/^error: /, '')}`),
    });

  const check = program
    .command('check')
    .description('analyse manuals and audit reports: coverage, totals and stars, every problem; apply gates')
    .argument('[paths...]', 'files or folders (default: the current folder)')
    .addOption(new Option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`).default('text'))
    .option('--base <git-ref>', 'compare with the same files at this git revision (coverage and score change)')
    .option('--min-star <tier>', 'fail unless every report reaches this star tier: four-star, 四星级, 四星 or 4 (ID, name, short name or number of stars)')
    .option('--min-score <n>', 'fail unless every report totals at least n')
    .option('--min-coverage <percent>', 'fail unless manual coverage by points is at least this percent (0–100, e.g. 95 or 95%)')
    .option('--max-warnings <n>', 'fail when there are more than n warnings (errors always fail)')
    .option('--max-open-nc <n>', 'fail when a report tracks more than n non-conformities not closed (observations do not count)')
    .option('--fail-on-major-nc', 'fail when a report tracks a major non-conformity that is not closed')
    .addOption(asOfOption())
    .option('-o, --output <file>', 'write the output to a file instead of stdout')
    .option('--summary-file <file>', 'also append the markdown summary to this file (e.g. $GITHUB_STEP_SUMMARY)')
    .option('--sarif-file <file>', 'also write SARIF 2.1.0 to this file')
    .option('--junit-file <file>', 'also write JUnit XML to this file (Jenkins, GitLab, Gitee Go)')
    .option('--fix', 'apply the safe fixes to the files (an ID with exactly one candidate, an earned/max with the wrong max) and report them')
    .option('--fix-ascii-ids', 'with --fix (implied), also rewrite full-width clause IDs (５．１．２．２) in ASCII')
    .addOption(configOption())
    .addOption(schemeOption())
    .addOption(localeOption());
  colorOptions(check).action(async (paths: string[], o) => setExit(await runCheck(paths, o, io)));

  const score = program
    .command('score')
    .description('one audit report in detail: total, star, group subtotals, gates, what the next tier needs')
    .argument('<report>', 'the audit report (Markdown)')
    .addOption(new Option('-f, --format <format>', 'output format: text, json, markdown').default('text'))
    .option('--min-star <tier>', 'fail unless the report reaches this star tier')
    .option('--min-score <n>', 'fail unless the report totals at least n')
    .option('--verbose', 'also show the unrounded total and the scheme\'s rounding rule')
    .option('--max-open-nc <n>', 'fail when the report tracks more than n non-conformities not closed (observations do not count)')
    .option('--fail-on-major-nc', 'fail when the report tracks a major non-conformity that is not closed')
    .addOption(asOfOption())
    .addOption(configOption())
    .addOption(schemeOption())
    .addOption(localeOption());
  colorOptions(score).action(async (file: string, o) => setExit(await runScore(file, o, io)));

  const history = program
    .command('history')
    .description('the certification cycle of a report: its previous: reports, oldest first, with date, type, total, star and open non-conformities')
    .argument('<report>', 'the audit report (Markdown)')
    .addOption(new Option('-f, --format <format>', 'output format: text, json, markdown').default('text'))
    .addOption(asOfOption())
    .addOption(configOption())
    .addOption(schemeOption())
    .addOption(localeOption());
  colorOptions(history).action(async (file: string, o) => setExit(await runHistory(file, o, io)));

  program
    .command('init')
    .description('write a manual skeleton or an audit checklist for the scheme')
    .argument('<kind>', 'manual (skeleton, every item a tagged section) or audit (checklist, every item a row to score)')
    .option('-o, --output <file>', 'write to this file (default: stdout)')
    .option('--force', 'overwrite the output file if it exists')
    .option('--organisation <name>', 'organisation name for the title and front matter')
    .option('--date <date>', 'audit date for the front matter')
    .addOption(configOption())
    .addOption(schemeOption())
    .addOption(localeOption())
    .action((kind: string, o) => setExit(runInit(kind, o, io)));

  const catalog = program
    .command('catalog')
    .description("print the scheme's items, points and requirements, bands and star tiers")
    .addOption(new Option('-f, --format <format>', 'output format: text, json, markdown').default('text'))
    .addOption(configOption())
    .addOption(schemeOption())
    .addOption(localeOption());
  colorOptions(catalog).action((o) => setExit(runCatalog(o, io)));

  program
    .command('export')
    .description('an audit report as a Word report, Excel score sheet, PDF or HTML page; a service manual as a Word document with its coverage matrix')
    .argument('<file>', 'the audit report or a file of the service manual (Markdown)')
    .addOption(new Option('-f, --format <format>', `output format: ${EXPORT_FORMATS.join(', ')} (pdf needs LibreOffice)`).default('docx'))
    .option('-o, --output <file>', "output file (default: the input's name with the format's extension, beside it)")
    .option('--template <file.docx>', "a certification body's Word template to fill (audit reports; default: config \"reportTemplate\")")
    .addOption(new Option('--tags <display>', 'clause tags in an exported manual: hidden or discreet').default('hidden'))
    .addOption(asOfOption())
    .addOption(configOption())
    .addOption(schemeOption())
    .addOption(localeOption())
    .action(async (file: string, o) => {
      // A bundle of its own (dist/export.js, see scripts/esbuildPlugins.mjs), loaded only here, with
      // require: import() of a CommonJS file runs Node's export scanner over all of its 6 MB (~1 s).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { runExport } = require('./commands/export') as typeof import('./commands/export');
      setExit(await runExport(file, o, io));
    });
  const suggest = program
    .command('suggest')
    .description('suggest clause tags for untagged manual sections, with the matched terms; --apply writes the confident ones')
    .argument('<paths...>', 'manual files or folders (a folder contributes its manual files)')
    .addOption(new Option('-f, --format <format>', 'output format: text, json').default('text'))
    .option('--apply', 'write the confident suggestions into the headings (files edited in place)')
    .option('--min-confidence <x>', 'confidence from 0 to 1 at or above which a suggestion is applied (default 0.5)')
    .addOption(configOption())
    .addOption(schemeOption())
    .addOption(localeOption());
  colorOptions(suggest).action(async (paths: string[], o) => setExit(await runSuggest(paths, o, io)));

  program
    .command('import')
    .description('convert a Word (.docx, Word or WPS), HTML or Markdown file to a tagged-ready Markdown manual; images into <out>.assets/')
    .argument('<file>', 'the .docx, .html/.htm or .md file')
    .option('-o, --output <file>', 'the Markdown file to write (default: the input name with .md, beside it; - for stdout)')
    .option('--type <type>', 'front matter type: manual or audit (default manual)')
    .option('--tags <mode>', 'none, suggest (list confident clause suggestions; default) or insert (write them into the headings)')
    .option('--min-confidence <x>', 'confidence from 0 to 1 at or above which a suggestion counts (default 0.5)')
    .option('--force', 'overwrite the output file if it exists')
    .option('--max-size <MB>', 'largest input file accepted (default 50)')
    .addOption(configOption())
    .addOption(schemeOption())
    .addOption(localeOption())
    .action(async (file: string, o) => setExit(await runImport(file, { ...o, maxSizeMb: o.maxSize }, io)));
  return program;
}

/** Run with arguments (without `node` and the script); resolves to the exit code. */
export async function main(argv: string[], io: CommandIo = collectIo()): Promise<number> {
  let code = 0;
  const program = createProgram(io, (c) => (code = c));
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT_USAGE;
    }
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.help' || e.code === 'commander.version') return 0;
      return EXIT_USAGE; // commander has printed the message
    }
    // By name too: `export` runs from its own bundle (dist/export.js), with its own copy of the class.
    if (e instanceof UsageError || (e instanceof Error && e.name === 'UsageError')) {
      io.stderr.write(`${TOOL.name}: ${printableLines(e.message)}\n`);
      return EXIT_USAGE;
    }
    const err = e as Error;
    io.stderr.write(`${TOOL.name}: internal error: ${printableLines(err?.message ?? String(e))}\n`);
    if (io.env.GBT27922_DEBUG) io.stderr.write(`${err?.stack ?? ''}\n`);
    else io.stderr.write(`${TOOL.name}: (set GBT27922_DEBUG=1 for details, and please report it)\n`);
    return EXIT_USAGE;
  }
}

if (require.main === module) {
  // A closed pipe (`gbt27922 check | head`) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
