/**
 * Export of the 5,000-line report, end to end as a user runs it: `node dist/cli.js export
 * <report> --format docx|xlsx` in a fresh process (start-up, reading, analysis, the document,
 * writing). The baseline, measured in the same run and interleaved with the exports, is
 * `score` on the same report: the ratio says what the document costs on top of the analysis the
 * export cannot avoid, whatever the machine's load.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { WrittenCorpus } from './corpus';
import { median, round, summarize, type Summary } from './stats';

export interface ExportRow {
  format: 'docx' | 'xlsx';
  corpus: string;
  lines: number;
  reps: number;
  wallMs: Summary;
  /** The export process's CPU time (user + system): what its wall time would be on an idle core. */
  cpuMs: Summary;
  /** `score` on the same report, the same repetitions, interleaved. */
  scoreMs: Summary;
  scoreCpuMs: Summary;
  /** Median of the paired ratios export ÷ score. */
  overScore: number;
  outputBytes: number;
  exitCode: number | null;
}

/** Preloaded into the child: prints its own CPU time (µs, user + system) on exit. */
const CPU_HOOK = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\n@@cpu '+(u.userCPUTime+u.systemCPUTime)+'\\n')})`;

export function measureExport(report: WrittenCorpus, distDir: string, reps: number, log: (m: string) => void): ExportRow[] {
  const cli = path.join(distDir, 'cli.js');
  if (!existsSync(cli) || !existsSync(path.join(distDir, 'export.js'))) return [];
  const file = path.join(report.dir, report.files[0].path);
  const out = mkdtempSync(path.join(os.tmpdir(), 'gbt27922-bench-export-'));
  const time = (args: string[]): { ms: number; cpuMs: number; code: number | null } => {
    const t = performance.now();
    const r = spawnSync(process.execPath, ['--import', CPU_HOOK, cli, ...args], { cwd: report.dir, stdio: ['ignore', 'ignore', 'pipe'] });
    const cpu = /@@cpu (\d+)/.exec(r.stderr.toString('utf8'));
    return { ms: performance.now() - t, cpuMs: cpu ? Number(cpu[1]) / 1000 : NaN, code: r.status };
  };
  try {
    const rows: ExportRow[] = [];
    for (const format of ['docx', 'xlsx'] as const) {
      const walls: number[] = [];
      const cpus: number[] = [];
      const scores: number[] = [];
      const scoreCpus: number[] = [];
      const ratios: number[] = [];
      let code: number | null = null;
      const target = path.join(out, `report.${format}`);
      // Warm the file cache and the bundles once, not recorded.
      time(['export', file, '--format', format, '-o', target]);
      for (let i = 0; i < reps; i++) {
        // Alternate which goes first, so a trend in the machine's load falls on both alike.
        const first = i % 2 === 0;
        const a = first ? time(['export', file, '--format', format, '-o', target]) : undefined;
        const s = time(['score', file, '--format', 'json']);
        const e = a ?? time(['export', file, '--format', format, '-o', target]);
        walls.push(e.ms);
        cpus.push(e.cpuMs);
        scores.push(s.ms);
        scoreCpus.push(s.cpuMs);
        ratios.push(e.ms / s.ms);
        code = e.code;
        log(`  export ${format} run ${i + 1}/${reps}: ${e.ms.toFixed(0)} ms, CPU ${e.cpuMs.toFixed(0)} ms (score ${s.ms.toFixed(0)} ms, CPU ${s.cpuMs.toFixed(0)} ms), exit ${e.code}`);
      }
      rows.push({
        format,
        corpus: report.name,
        lines: report.files.reduce((n, f) => n + f.text.split('\n').length - (f.text.endsWith('\n') ? 1 : 0), 0),
        reps,
        wallMs: summarize(walls),
        cpuMs: summarize(cpus),
        scoreMs: summarize(scores),
        scoreCpuMs: summarize(scoreCpus),
        overScore: round(median(ratios)),
        outputBytes: existsSync(target) ? statSync(target).size : 0,
        exitCode: code,
      });
    }
    return rows;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
