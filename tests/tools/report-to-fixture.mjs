#!/usr/bin/env node
// Turns a user's "Copy page report" (the JSON the assistant copies) into a regression test:
//   node tests/tools/report-to-fixture.mjs REPORT.json [--name NAME] [--out DIR]
// writes DIR/report-NAME.json (the snapshot, with a made-up sample token where the page
// showed the real one) and DIR/expected/report-NAME.json (what PAT Guard recognised when
// the report was made). `cargo test -p patguard-core --test report_fixtures` then checks
// that the recogniser still says exactly that; edit the expectation once the bug is fixed.
// DIR defaults to tests/fixtures/snapshots.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_OUT = path.resolve(HERE, '../fixtures/snapshots');

// Must equal patguard_core::report::{TOKEN_PLACEHOLDER, SAMPLE_TOKEN}: the report keeps the
// token's place, the fixture gets a token in the 84-character layout that was never issued.
export const TOKEN_PLACEHOLDER = '{token}';
export const SAMPLE_TOKEN = 'PatGuardReportSampleNotARealToken0000000000000000000JQQJ99CL000000000000AAAAAZDO0000';

function fail(message) {
  throw new Error(`report-to-fixture: ${message}`);
}

function withSampleToken(node) {
  const out = { ...node };
  if (out.x === TOKEN_PLACEHOLDER) {
    if (out.t === 'input' || out.t === 'textarea') {
      delete out.x;
      out.v = SAMPLE_TOKEN;
    } else {
      out.x = SAMPLE_TOKEN;
    }
  }
  if (Array.isArray(out.k)) out.k = out.k.map(withSampleToken);
  return out;
}

/** The fixture and its expectation for a parsed report. */
export function reportToFixture(report) {
  if (report === null || typeof report !== 'object') fail('the report is not a JSON object');
  if (report.patguardReport !== 1) fail('not a PAT Guard page report (patguardReport: 1 is missing)');
  if (typeof report.recognised !== 'string') fail('the report has no "recognised" verdict');
  const snap = report.snapshot;
  if (!snap || snap.v !== 1 || !Array.isArray(snap.roots)) fail('the report has no snapshot (v: 1, roots)');
  const fixture = { ...snap, roots: snap.roots.map(withSampleToken) };
  const expected = {
    recognised: report.recognised,
    extensionVersion: report.extensionVersion ?? null,
  };
  return { fixture, expected };
}

export function writeFixture(reportPath, { name, out = DEFAULT_OUT } = {}) {
  let report;
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8'));
  } catch (e) {
    fail(`${reportPath} is not readable JSON (${e.message})`);
  }
  const { fixture, expected } = reportToFixture(report);
  const base = name ?? path.basename(reportPath).replace(/\.json$/i, '');
  if (!/^[a-z0-9][a-z0-9-]*$/.test(base)) fail(`name "${base}": use lower-case letters, digits and dashes (--name NAME)`);
  const file = `report-${base}.json`;
  mkdirSync(path.join(out, 'expected'), { recursive: true });
  writeFileSync(path.join(out, file), `${JSON.stringify(fixture)}\n`);
  writeFileSync(path.join(out, 'expected', file), `${JSON.stringify(expected, null, 1)}\n`);
  return { fixture: path.join(out, file), expected: path.join(out, 'expected', file) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (flag) => {
    const i = args.indexOf(flag);
    if (i < 0) return undefined;
    const v = args[i + 1];
    args.splice(i, 2);
    return v;
  };
  const name = opt('--name');
  const out = opt('--out');
  if (args.length !== 1) {
    console.error('usage: node tests/tools/report-to-fixture.mjs REPORT.json [--name NAME] [--out DIR]');
    process.exit(2);
  }
  try {
    const written = writeFixture(args[0], { name, out });
    console.log(`wrote ${written.fixture}\n      ${written.expected}`);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
