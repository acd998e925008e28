/**
 * The CI pipeline examples of docs/cli.md (GitLab CI/CD, Gitee Go, Jenkins), run as written:
 * the YAML parsed, the job's script lines run in one shell as the CI runner would
 * (`set -eo pipefail`), on a copy of the samples under docs/ in a git clone whose origin has
 * the target branch. `npm ci` is a no-op stand-in, `npx gbt27922` runs the built CLI, and
 * `curl` records the merge-request comment it would post. Every gbt27922 flag must exist,
 * and the files the pipeline hands to the CI system must be valid (GitLab Code Quality against
 * GitLab's documented fields, JUnit against the XSD).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { createProgram } from '../../server/src/cli/main';
import { gitlabValidator, validateJunit } from './ciValidators';
import { CLI, REPO, SAMPLES } from './helpers';

const DOC = fs.readFileSync(path.join(REPO, 'docs/cli.md'), 'utf8');

/** The first fenced block of `lang` under the heading `title`. */
function example(title: string, lang: string): string {
  const at = DOC.indexOf(`\n### ${title}\n`);
  assert.ok(at >= 0, `docs/cli.md has a "### ${title}" section`);
  const next = DOC.indexOf('\n### ', at + 5);
  const section = DOC.slice(at, next < 0 ? undefined : next);
  const m = new RegExp('```' + lang + '\\n([\\s\\S]*?)\\n```').exec(section);
  assert.ok(m, `a ${lang} block under "${title}"`);
  return m[1];
}

/** Every `--flag` of every gbt27922 command in `script` is an option of that command. */
function assertFlagsExist(script: string): number {
  const program = createProgram({ cwd: REPO, env: {}, stdout: { write: () => true }, stderr: { write: () => true } }, () => {});
  let calls = 0;
  for (const m of script.matchAll(/gbt27922\s+(\w+)([^\n]*)/g)) {
    const command = program.commands.find((c) => c.name() === m[1]);
    assert.ok(command, `gbt27922 ${m[1]} is a command`);
    const known = new Set(command.options.flatMap((o) => [o.long, o.short]).filter(Boolean));
    for (const flag of m[2].match(/(?<=\s)--?[a-z][a-z-]*/g) ?? []) assert.ok(known.has(flag), `gbt27922 ${m[1]} has ${flag}`);
    calls++;
  }
  return calls;
}

function sh(cwd: string, cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8' });
}

function git(cwd: string, ...args: string[]): void {
  const r = sh(cwd, 'git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args]);
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

interface Sandbox {
  dir: string;
  repo: string;
  env: NodeJS.ProcessEnv;
  /** What the stand-in curl was called with, and the body file's text. */
  curlCalls(): { args: string[]; body?: string }[];
  npmCalls(): string[];
}

/**
 * origin (bare) with main = the samples under docs/; a clone on a merge-request branch where
 * `change` edited the documents; stand-ins for npm, npx and curl first on PATH.
 */
const sandboxes: string[] = [];

function sandbox(change?: (repo: string) => void): Sandbox {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gbt27922-pipeline-'));
  sandboxes.push(dir);
  const seed = path.join(dir, 'seed');
  fs.mkdirSync(seed);
  fs.cpSync(SAMPLES, path.join(seed, 'docs'), { recursive: true });
  git(seed, 'init', '-q');
  git(seed, 'add', '-A');
  git(seed, 'commit', '-q', '-m', 'documents');
  git(dir, 'clone', '-q', '--bare', seed, 'origin.git');
  git(dir, 'clone', '-q', path.join(dir, 'origin.git'), 'repo');
  const repo = path.join(dir, 'repo');
  git(repo, 'checkout', '-q', '-b', 'merge-request');
  if (change) {
    change(repo);
    git(repo, 'commit', '-q', '-am', 'change');
  }
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  const log = path.join(dir, 'calls');
  fs.mkdirSync(log);
  const write = (name: string, body: string) => fs.writeFileSync(path.join(bin, name), `#!/usr/bin/env bash\n${body}\n`, { mode: 0o755 });
  write('npm', `echo "$*" >> "${log}/npm"; [ "$1" = ci ] || { echo "npm $1: not in this sandbox" >&2; exit 127; }`);
  // The samples' non-conformities are judged as of the date samples/EXPECTED.md is written for.
  write('npx', `[ "$1" = gbt27922 ] || { echo "npx $1: not in this sandbox" >&2; exit 127; }; shift; exec "${process.execPath}" "${CLI}" "$@" --as-of 2027-06-30`);
  write(
    'curl',
    `n=$(ls "${log}" | grep -c '^curl' || true); out="${log}/curl$n"; printf '%s\\n' "$@" > "$out.args"
for a in "$@"; do case "$a" in body@*) cp "\${a#body@}" "$out.body";; esac; done`,
  );
  const env: NodeJS.ProcessEnv = {
    PATH: `${bin}:${process.env.PATH}`,
    LANG: 'en_US.UTF-8',
    CI: 'true',
    CI_PIPELINE_SOURCE: 'merge_request_event',
    CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
    CI_API_V4_URL: 'https://gitlab.example.invalid/api/v4',
    CI_PROJECT_ID: '42',
    CI_MERGE_REQUEST_IID: '7',
    GBT27922_NOTE_TOKEN: 'token-from-a-masked-variable',
  };
  return {
    dir,
    repo,
    env,
    curlCalls: () =>
      fs
        .readdirSync(log)
        .filter((f) => /^curl\d+\.args$/.test(f))
        .sort()
        .map((f) => {
          const body = path.join(log, f.replace('.args', '.body'));
          return { args: fs.readFileSync(path.join(log, f), 'utf8').trimEnd().split('\n'), body: fs.existsSync(body) ? fs.readFileSync(body, 'utf8') : undefined };
        }),
    npmCalls: () => (fs.existsSync(path.join(log, 'npm')) ? fs.readFileSync(path.join(log, 'npm'), 'utf8').trim().split('\n') : []),
  };
}

/** Run script lines in one bash, as GitLab's shell executor does. */
function runScript(s: Sandbox, lines: string[]) {
  return sh(s.repo, 'bash', ['-c', ['set -eo pipefail', ...lines].join('\n')], s.env);
}

/** The merge request lowers the 2026 report from 92.00 四星级 to 86.80 三星级: --min-star four-star fails. */
function lowerTheScore(repo: string): void {
  const f = path.join(repo, 'docs', 'audit', '2026-审核报告.md');
  const text = fs.readFileSync(f, 'utf8');
  assert.ok(text.includes('- [5.1.5.2] 85% '));
  fs.writeFileSync(f, text.replace('- [5.1.5.2] 85% ', '- [5.1.5.2] 0% '));
}

describe('cli: the CI pipeline examples of docs/cli.md, run as written', function () {
  this.timeout(120000);
  after(() => sandboxes.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  describe('GitLab CI/CD (.gitlab-ci.yml)', () => {
    const yaml = example('GitLab CI/CD', 'yaml');
    const job = (parseYaml(yaml) as Record<string, { script: string[]; rules: { if: string }[]; artifacts: { when: string; reports: Record<string, string>; paths: string[] } }>).gbt27922;

    it('is a job with the Code Quality and JUnit reports as artifacts, on merge requests, calling gbt27922 with flags that exist', () => {
      assert.ok(job, 'a job named gbt27922');
      assert.equal(job.artifacts.when, 'always');
      assert.equal(job.artifacts.reports.codequality, 'gl-code-quality-report.json');
      assert.equal(job.artifacts.reports.junit, 'gbt27922-junit.xml');
      assert.match(job.rules[0].if, /merge_request_event/);
      assert.equal(assertFlagsExist(job.script.join('\n')), 1);
    });

    it('on a passing merge request: valid reports, the summary posted as a comment, the job passes', () => {
      const s = sandbox();
      const r = runScript(s, job.script);
      assert.equal(r.status, 0, r.stderr + r.stdout);
      assert.deepEqual(s.npmCalls(), ['ci --no-audit --no-fund']);
      const issues = JSON.parse(fs.readFileSync(path.join(s.repo, job.artifacts.reports.codequality), 'utf8')) as { check_name: string; location: { path: string } }[];
      const validate = gitlabValidator();
      assert.ok(validate(issues), JSON.stringify(validate.errors));
      assert.deepEqual(
        issues.map((i) => [i.check_name, i.location.path]),
        [
          ['nc-overdue', 'docs/audit/2026-审核报告.md'],
          ['nc-not-followed-up', 'docs/audit/2027-监督审核报告.md'],
          ['item-score-dropped', 'docs/audit/2027-监督审核报告.md'],
          ['item-score-dropped', 'docs/audit/2027-监督审核报告.md'],
          ['nc-overdue', 'docs/audit/2027-监督审核报告.md'],
          ['uncovered-item', 'docs/manual/README.md'],
        ],
      );
      const junit = validateJunit(path.join(s.repo, job.artifacts.reports.junit));
      assert.ok(junit.valid, junit.output);
      const [call, ...more] = s.curlCalls();
      assert.equal(more.length, 0);
      assert.ok(call.args.includes('https://gitlab.example.invalid/api/v4/projects/42/merge_requests/7/notes'), call.args.join(' '));
      assert.ok(call.args.includes('PRIVATE-TOKEN: token-from-a-masked-variable'));
      assert.equal(call.body, fs.readFileSync(path.join(s.repo, job.artifacts.paths[0]), 'utf8'));
      assert.match(call.body!, /^## ✅ GB\/T 27922 check: pass/);
      assert.match(call.body!, /Compared with `origin\/main`/);
    });

    it('on a merge request that drops a star: the comment is still posted, then the job fails with the check', () => {
      const s = sandbox(lowerTheScore);
      const r = runScript(s, job.script);
      assert.equal(r.status, 1, r.stderr + r.stdout);
      const [call] = s.curlCalls();
      assert.ok(call, 'the comment was posted');
      assert.match(call.body!, /^## ❌ GB\/T 27922 check: fail/);
      assert.match(call.body!, /Four stars \(四星级\) → Three stars \(三星级\)/);
      const issues = JSON.parse(fs.readFileSync(path.join(s.repo, 'gl-code-quality-report.json'), 'utf8'));
      assert.ok(issues.some((i: { check_name: string }) => i.check_name === 'gate/min-star'));
      const junit = path.join(s.repo, 'gbt27922-junit.xml');
      assert.ok(validateJunit(junit).valid);
      assert.match(fs.readFileSync(junit, 'utf8'), /<testcase name="min-star: docs\/audit\/2026-审核报告\.md" classname="gbt27922\.gates" time="0"><failure type="min-star"/);
    });
  });

  describe('Gitee Go (.workflow/*.yml)', () => {
    const pipeline = parseYaml(example('Gitee Go', 'yaml')) as {
      version: string;
      stages: { name: string; steps: { step: string; commands: string[]; artifacts: { name: string; path: string[] }[] }[] }[];
    };
    const step = pipeline.stages?.[0]?.steps?.[0];

    it('is a Node.js build step whose commands call gbt27922 with flags that exist', () => {
      assert.equal(pipeline.version, '1.0');
      assert.equal(step.step, 'build@nodejs');
      assert.equal(assertFlagsExist(step.commands.join('\n')), 1);
    });

    it('runs: the JUnit report and the summary it keeps as artifacts are there and valid; a failing gate fails the step', () => {
      const s = sandbox();
      const r = runScript(s, step.commands);
      assert.equal(r.status, 0, r.stderr + r.stdout);
      const paths = step.artifacts[0].path.map((p) => path.join(s.repo, p));
      for (const p of paths) assert.ok(fs.existsSync(p), p);
      const junit = paths.find((p) => p.endsWith('.xml'))!;
      assert.ok(validateJunit(junit).valid);
      assert.match(fs.readFileSync(paths.find((p) => p.endsWith('.md'))!, 'utf8'), /GB\/T 27922 检查：通过|GB\/T 27922 检查: 通过/);
      const failing = sandbox(lowerTheScore);
      assert.equal(runScript(failing, step.commands).status, 1);
      assert.match(fs.readFileSync(path.join(failing.repo, 'gbt27922-junit.xml'), 'utf8'), /<failure type="min-star"/);
    });
  });

  describe('Jenkins (Jenkinsfile stage)', () => {
    const groovy = example('Jenkins', 'groovy');
    const commands = [...groovy.matchAll(/\bsh\s+'([^']*)'/g)].map((m) => m[1]);
    const junitFile = /\bjunit\s+testResults:\s*'([^']+)'/.exec(groovy)?.[1];
    const archived = /\barchiveArtifacts\s+artifacts:\s*'([^']+)'/.exec(groovy)?.[1];

    it('is a stage whose sh steps call gbt27922 with flags that exist, publishing JUnit and archiving the summary always', () => {
      assert.match(groovy, /^stage\('GB\/T 27922'\) \{/);
      assert.match(groovy, /post \{\s*always \{/);
      assert.ok(junitFile && archived);
      assert.equal(assertFlagsExist(commands.join('\n')), 1);
    });

    it('runs: the file the junit step reads is valid JUnit, the archived summary exists', () => {
      const s = sandbox();
      for (const c of commands) {
        const r = runScript(s, [c]);
        assert.equal(r.status, 0, `${c}: ${r.stderr}`);
      }
      const v = validateJunit(path.join(s.repo, junitFile!));
      assert.ok(v.valid, v.output);
      assert.ok(fs.existsSync(path.join(s.repo, archived!)));
    });
  });
});
