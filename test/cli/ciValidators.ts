/**
 * Validators of the CI formats, as the CI systems would read them: GitLab Code Quality against a
 * JSON Schema of GitLab's documented fields (Ajv), JUnit XML against the Apache Ant JUnit XSD
 * with a real validator (xmllint, Debian libxml2-utils, installed by scripts/vscode-env.sh:
 * missing, it fails the test, never skips it). See test/fixtures/cli/README.md.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { REPO } from './helpers';

export function gitlabValidator() {
  const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'test/fixtures/cli/gitlab-code-quality.schema.json'), 'utf8'));
  return new Ajv({ allErrors: true, strict: true, strictRequired: false }).compile(schema);
}

const XSD = path.join(REPO, 'test/fixtures/cli/JUnit.xsd');

/** xmllint --schema: [valid, its message]. Fails (never skips) when xmllint is missing. */
export function validateJunit(file: string): { valid: boolean; output: string } {
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', XSD, file], { encoding: 'utf8' });
  if (r.error) throw new Error(`xmllint is needed to validate JUnit XML (Debian libxml2-utils; scripts/vscode-env.sh installs it): ${r.error.message}`);
  return { valid: r.status === 0, output: r.stderr + r.stdout };
}

