/**
 * LibreOffice, headless: .docx → PDF for `export --format pdf` (and, for the tests, .docx → text
 * and .xlsx → CSV after recalculating every formula).
 *
 * - Found on PATH as `soffice` (or `libreoffice`), or where the installers put it on Windows and
 *   macOS; `GBT27922_SOFFICE` names it explicitly (an empty value means "not installed").
 * - Each conversion gets a private temporary profile (`-env:UserInstallation`), so parallel runs
 *   never share or lock one, and a timeout; the process group is killed when it runs over.
 * - The input is copied into the temporary folder under a fixed name: nothing of the user's
 *   file name reaches the command line.
 * Node only (child_process, fs); no editor imports.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export const LIBREOFFICE_INSTALL_HINT = 'install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui; Windows/macOS: libreoffice.org)';

/** The LibreOffice executable, or undefined when there is none. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env.GBT27922_SOFFICE;
  if (explicit !== undefined) return explicit && isExecutable(explicit) ? explicit : undefined;
  const names = process.platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
  for (const dir of (env.PATH ?? env.Path ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const n of names) {
      const candidate = path.join(dir, n);
      if (isExecutable(candidate)) return candidate;
    }
  }
  const known =
    process.platform === 'win32'
      ? [env.ProgramFiles, env['ProgramFiles(x86)']].filter((d): d is string => !!d).map((d) => path.join(d, 'LibreOffice', 'program', 'soffice.exe'))
      : process.platform === 'darwin'
        ? ['/Applications/LibreOffice.app/Contents/MacOS/soffice']
        : ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice'];
  return known.find(isExecutable);
}

function isExecutable(p: string): boolean {
  try {
    const st = fs.statSync(p);
    if (!st.isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export class LibreOfficeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LibreOfficeError';
  }
}

export interface ConvertOptions {
  soffice: string;
  /** Default 120 s. */
  timeoutMs?: number;
  /** Recalculate every formula on load (spreadsheets; LibreOffice keeps cached values of .xlsx otherwise). */
  recalculate?: boolean;
}

/**
 * Convert `input` (the bytes of a file of type `inputExt`) with `--convert-to <target>`
 * (`pdf`, `txt:Text`, `csv:…`). Returns every file LibreOffice wrote, by name (a CSV export of
 * all sheets writes one per sheet).
 */
export async function convertWithLibreOffice(input: Uint8Array, inputExt: 'docx' | 'xlsx', target: string, o: ConvertOptions): Promise<Map<string, Buffer>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gbt27922-lo-'));
  try {
    const profile = path.join(dir, 'profile');
    const outDir = path.join(dir, 'out');
    fs.mkdirSync(path.join(profile, 'user'), { recursive: true });
    fs.mkdirSync(outDir);
    fs.writeFileSync(path.join(profile, 'user', 'registrymodifications.xcu'), registry(!!o.recalculate));
    const inFile = path.join(dir, `document.${inputExt}`);
    fs.writeFileSync(inFile, input);
    const args = [
      '--headless',
      '--invisible',
      '--nologo',
      '--norestore',
      '--nodefault',
      '--nolockcheck',
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--convert-to',
      target,
      '--outdir',
      outDir,
      inFile,
    ];
    const run = await runProcess(o.soffice, args, o.timeoutMs ?? 120_000, dir);
    const files = new Map<string, Buffer>();
    for (const name of fs.readdirSync(outDir)) files.set(name, fs.readFileSync(path.join(outDir, name)));
    if (files.size === 0) {
      const detail = (run.stderr || run.stdout).trim().split('\n').filter((l) => !/javaldx|java may not function/i.test(l)).slice(-3).join(' / ');
      throw new LibreOfficeError(`LibreOffice wrote no ${target.split(':')[0]} file (exit code ${run.code ?? 'none'}${detail ? `: ${detail}` : ''})`);
    }
    return files;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The one file of a conversion that writes one file. */
export async function convertOne(input: Uint8Array, inputExt: 'docx' | 'xlsx', target: string, o: ConvertOptions): Promise<Buffer> {
  const files = await convertWithLibreOffice(input, inputExt, target, o);
  return [...files.values()][0];
}

/**
 * The profile's settings: no first-start wizard or tips, and for spreadsheets "recalculate on
 * load: always" (Excel 2007+ and ODF), so a CSV shows what the formulas compute.
 */
function registry(recalculate: boolean): string {
  const item = (p: string, prop: string, type: string, value: string) =>
    `<item oor:path="${p}"><prop oor:name="${prop}" oor:op="fuse"><value>${value}</value></prop></item>`;
  const items = [item('/org.openoffice.Office.Common/Misc', 'FirstRun', 'xs:boolean', 'false'), item('/org.openoffice.Office.Common/Misc', 'ShowTipOfTheDay', 'xs:boolean', 'false')];
  if (recalculate) {
    items.push(item('/org.openoffice.Office.Calc/Formula/Load', 'OOXMLRecalcMode', 'xs:int', '0'));
    items.push(item('/org.openoffice.Office.Calc/Formula/Load', 'ODFRecalcMode', 'xs:int', '0'));
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
${items.join('\n')}
</oor:items>
`;
}

function runProcess(cmd: string, args: string[], timeoutMs: number, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32', env: { ...process.env, SAL_USE_VCLPLUGIN: 'svp' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout = (stdout + d).slice(-8192)));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-8192)));
    const timer = setTimeout(() => {
      killTree(child.pid);
      reject(new LibreOfficeError(`LibreOffice did not finish within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new LibreOfficeError(`cannot run LibreOffice (${cmd}): ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function killTree(pid: number | undefined): void {
  if (!pid) return;
  try {
    if (process.platform === 'win32') process.kill(pid);
    else process.kill(-pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}
