/**
 * action.yml: a composite action. Its check step's shell script is run here as GitHub would run
 * it (inputs as INPUT_* variables, $GITHUB_OUTPUT and $GITHUB_STEP_SUMMARY files), on the
 * built command line.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { CLI, makeTree, removeTree, REPO } from './helpers';

interface Step {
  id?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
}

const action = parse(fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as {
  runs: { using: string; steps: Step[] };
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
};

function runStep(inputs: Record<string, string>) {
  const step = action.runs.steps.find((s) => s.id === 'check')!;
  const tmp = makeTree({ 'summary.md': '', 'output.txt': '' });
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'en_US.UTF-8', NO_COLOR: '', FORCE_COLOR: '', CLI, GITHUB_OUTPUT: path.join(tmp, 'output.txt'), GITHUB_STEP_SUMMARY: path.join(tmp, 'summary.md') };
  for (const [name, def] of Object.entries(action.inputs)) env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] = inputs[name] ?? def.default ?? '';
  env.INPUT_BASE = inputs.base ?? '';
  const r = spawnSync('bash', ['-e', '-c', step.run!], { cwd: REPO, env, encoding: 'utf8' });
  const result = { code: r.status, stdout: r.stdout, stderr: r.stderr, summary: fs.readFileSync(env.GITHUB_STEP_SUMMARY!, 'utf8'), output: fs.readFileSync(env.GITHUB_OUTPUT!, 'utf8') };
  removeTree(tmp);
  return result;
}

describe('cli: action.yml (composite GitHub Action)', () => {
  it('is a composite action whose check step passes every input through its environment', () => {
    assert.equal(action.runs.using, 'composite');
    const step = action.runs.steps.find((s) => s.id === 'check')!;
    assert.equal(step.shell, 'bash');
    for (const name of Object.keys(action.inputs)) {
      if (name === 'working-directory') continue;
      const variable = `INPUT_${name.toUpperCase().replace(/-/g, '_')}`;
      assert.ok(step.env?.[variable]?.includes(`inputs.${name}`), `${variable} should carry inputs.${name}`);
      assert.ok(step.run!.includes(`$${variable}`), `the script should read $${variable}`);
    }
    assert.ok(action.outputs['exit-code']);
  });

  it('prints annotations, appends the markdown summary to $GITHUB_STEP_SUMMARY and sets exit-code (pass)', () => {
    const r = runStep({ paths: 'samples' });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^::warning file=samples\/manual\/README\.md,line=7,col=1,.*title=uncovered-item::5\.1\.6\.4 /m);
    assert.ok(r.summary.startsWith('## ✅ GB/T 27922 check: pass\n'), r.summary);
    assert.ok(r.summary.includes('| Audit report `samples/audit/2026-审核报告.md` | **92.00** · Four stars (四星级) |'));
    assert.equal(r.output, 'exit-code=0\n');
  });

  it('fails the step with the CLI exit code when a gate fails, and writes SARIF when asked', () => {
    const tmp = makeTree({});
    try {
      const sarif = path.join(tmp, 'out.sarif');
      const r = runStep({ paths: 'samples/audit samples/manual', 'min-star': 'five-star', 'sarif-file': sarif, summary: 'true' });
      assert.equal(r.code, 1);
      assert.equal(r.output, 'exit-code=1\n');
      assert.ok(r.summary.startsWith('## ❌ GB/T 27922 check: fail'), r.summary);
      assert.ok(r.summary.includes('- ❌ samples/audit/2026-审核报告.md: Four stars (四星级) (required ≥ Five stars (五星级))'), r.summary);
      assert.equal(JSON.parse(fs.readFileSync(sarif, 'utf8')).version, '2.1.0');
      const off = runStep({ paths: 'samples', summary: 'false' });
      assert.equal(off.summary, '');
    } finally {
      removeTree(tmp);
    }
  });
});
