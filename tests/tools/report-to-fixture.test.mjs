// The bug-report path: a "Copy page report" becomes a fixture with its expectation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { reportToFixture, SAMPLE_TOKEN, TOKEN_PLACEHOLDER } from './report-to-fixture.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TOOL = path.join(HERE, 'report-to-fixture.mjs');

/** A report as the assistant copies it: a success view whose token is only a placeholder. */
function sampleReport() {
  return {
    extensionVersion: '0.1.0',
    patguardReport: 1,
    recognised: 'success',
    snapshot: {
      v: 1, gen: 3, url: '/{org}/_usersSettings/tokens', lang: 'en', theme: 'light', truncated: false,
      roots: [{
        h: 1, t: 'div', r: 'dialog', k: [
          { h: 2, t: 'input', ty: 'text', ro: true, x: TOKEN_PLACEHOLDER },
          { h: 3, t: 'button', l: 'Copy to clipboard' },
        ],
      }],
    },
  };
}

test('the token placeholder becomes the sample token in the field value; the verdict is kept', () => {
  const { fixture, expected } = reportToFixture(sampleReport());
  const field = fixture.roots[0].k[0];
  assert.equal(field.v, SAMPLE_TOKEN);
  assert.equal(field.x, undefined);
  assert.equal(expected.recognised, 'success');
});

test('the command writes the fixture and its expectation, and refuses what is not a report', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'patguard-report-'));
  const report = path.join(dir, 'bug-1234.json');
  writeFileSync(report, JSON.stringify(sampleReport()));
  const out = path.join(dir, 'snapshots');
  execFileSync(process.execPath, [TOOL, report, '--out', out]);
  const fixture = JSON.parse(readFileSync(path.join(out, 'report-bug-1234.json'), 'utf8'));
  const expected = JSON.parse(readFileSync(path.join(out, 'expected', 'report-bug-1234.json'), 'utf8'));
  assert.equal(fixture.roots[0].k[0].v, SAMPLE_TOKEN);
  assert.equal(expected.recognised, 'success');

  const bad = path.join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ hello: 1 }));
  assert.throws(() => execFileSync(process.execPath, [TOOL, bad, '--out', out], { stdio: 'pipe' }), /not a PAT Guard page report/);
});

test('the sample token equals the core\'s', () => {
  const core = readFileSync(path.join(HERE, '../../src/core/src/report.rs'), 'utf8');
  assert.ok(core.includes(SAMPLE_TOKEN), 'SAMPLE_TOKEN differs from patguard_core::report::SAMPLE_TOKEN');
  assert.ok(core.includes(`"${TOKEN_PLACEHOLDER}"`));
});
