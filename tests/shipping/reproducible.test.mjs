// Reproducible build (issue #15): Firefox Add-ons reviewers rebuild the package from source and
// diff it. This test does what they do, twice: two fresh clones of HEAD in directories with
// different paths, each built with `./build.sh package` into its own target dir, and every zip
// compared byte for byte (and with the main build in dist/ when the checkout is clean).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { digestSection, documentedSection } from '../../extension/tools/package-digests.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = path.resolve(process.env.DIST_DIR ?? path.join(ROOT, 'dist'));
const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8')).version;
const ZIPS = ['chrome', 'edge', 'firefox'].map((b) => `patguard-${b}-${VERSION}.zip`);
const sha256 = (file) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** Entries whose bytes differ between two zips, for a message that says where to look. */
function differingEntries(a, b) {
  const unpack = (zip) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patguard-unzip-'));
    execFileSync('unzip', ['-q', zip, '-d', dir]);
    const files = new Map();
    const walk = (d) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else files.set(path.relative(dir, p), sha256(p));
      }
    };
    walk(dir);
    fs.rmSync(dir, { recursive: true, force: true });
    return files;
  };
  const fa = unpack(a);
  const fb = unpack(b);
  const names = [...new Set([...fa.keys(), ...fb.keys()])].sort();
  const diff = names.filter((n) => fa.get(n) !== fb.get(n));
  return diff.length ? diff : ['(same contents: the zip metadata or entry order differs)'];
}

/** A fresh clone of HEAD at `dir`, built there with `./build.sh package` into its own target dir. */
function cloneAndPackage(dir) {
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT, dir]);
  execFileSync('git', ['checkout', '--quiet', '--detach', execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT }).toString().trim()], { cwd: dir });
  const env = { ...process.env, PATGUARD_DIST: path.join(dir, 'dist') };
  delete env.CARGO_TARGET_DIR; // its own target dir, as a fresh clone has
  execFileSync('./build.sh', ['package'], { cwd: dir, env, stdio: ['ignore', 'inherit', 'inherit'] });
  return path.join(dir, 'dist');
}

function assertSameZips(a, b) {
  for (const z of ZIPS) {
    const ours = path.join(a, z);
    const theirs = path.join(b, z);
    if (sha256(ours) !== sha256(theirs)) assert.fail(`${z} differs between ${a} and ${b}: ${differingEntries(ours, theirs).join(', ')}`);
  }
  assert.equal(fs.readFileSync(path.join(a, 'SHA256SUMS'), 'utf8'), fs.readFileSync(path.join(b, 'SHA256SUMS'), 'utf8'));
}

test('two fresh clones in different directories build byte-identical zips and SHA256SUMS', { timeout: 60 * 60_000 }, () => {
  const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'patguard-rebuild-'));
  try {
    // Different lengths and depths, so no path can line up by chance.
    const first = cloneAndPackage(path.join(elsewhere, 'a'));
    const second = cloneAndPackage(path.join(elsewhere, 'reviewer', 'another-checkout-path'));
    assertSameZips(first, second);
    // What was tested is what ships: on a clean checkout (CI's fresh clone) the main build in
    // dist/ is the same again. With uncommitted edits it cannot be, so it is not compared.
    const clean = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT }).toString().trim() === '';
    if (clean && ZIPS.every((z) => fs.existsSync(path.join(DIST, z)))) assertSameZips(DIST, first);
  } finally {
    fs.rmSync(elsewhere, { recursive: true, force: true });
  }
});

test('docs/BUILDING.md gives the digests of the packages this source builds', () => {
  assert.equal(documentedSection(), digestSection(DIST), 'docs/BUILDING.md and dist/ disagree: after ./build.sh package, run node extension/tools/package-digests.mjs');
});

test('SHA256SUMS lists exactly the three zips with their digests', () => {
  const lines = fs.readFileSync(path.join(DIST, 'SHA256SUMS'), 'utf8').trim().split('\n');
  assert.deepEqual(lines, ZIPS.map((z) => `${sha256(path.join(DIST, z))}  ${z}`));
});

test('no machine path ends up in a shipped file', () => {
  const machinePaths = [ROOT, os.homedir(), process.env.CARGO_HOME, '/.cargo/registry', '/.rustup/', 'rustlib/src']
    .filter((p) => p && p !== '/');
  const found = [];
  for (const browser of ['chrome', 'edge', 'firefox']) {
    const dir = path.join(DIST, browser);
    const walk = (d) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else {
          const bytes = fs.readFileSync(p).toString('latin1');
          for (const m of machinePaths) if (bytes.includes(m)) found.push(`${path.relative(DIST, p)}: ${m}`);
        }
      }
    };
    walk(dir);
  }
  assert.deepEqual(found, [], `machine paths in the packages:\n${found.join('\n')}`);
});
