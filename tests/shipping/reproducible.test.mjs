// Reproducible build (issue #15): Firefox Add-ons reviewers rebuild the package from source and
// diff it. This test does what they do: the checkout's files (exactly what a fresh clone of the
// current tree holds) copied to a directory with another path, built there with
// `./build.sh package` into its own target dir, and every zip compared byte for byte with the
// main build in dist/. One extra build, not two: the main build is the other one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

test('a build in another directory gives byte-identical zips and SHA256SUMS', { timeout: 45 * 60_000 }, () => {
  for (const z of [...ZIPS, 'SHA256SUMS']) assert.ok(fs.existsSync(path.join(DIST, z)), `${z} is missing: run ./build.sh first`);
  const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'patguard-rebuild-'));
  const src = path.join(elsewhere, 'a-different-checkout-path');
  try {
    // Tracked and new (not ignored) files of the working tree: a fresh clone of this tree.
    const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT })
      .toString().split('\0').filter((f) => f && fs.existsSync(path.join(ROOT, f)));
    for (const f of files) {
      fs.mkdirSync(path.dirname(path.join(src, f)), { recursive: true });
      fs.copyFileSync(path.join(ROOT, f), path.join(src, f));
      fs.chmodSync(path.join(src, f), fs.statSync(path.join(ROOT, f)).mode);
    }
    const env = { ...process.env, PATGUARD_DIST: path.join(src, 'dist') };
    delete env.CARGO_TARGET_DIR; // its own target dir, as a fresh clone has
    execFileSync('./build.sh', ['package'], { cwd: src, env, stdio: ['ignore', 'inherit', 'inherit'] });
    for (const z of ZIPS) {
      const mine = path.join(DIST, z);
      const theirs = path.join(src, 'dist', z);
      if (sha256(mine) !== sha256(theirs)) {
        assert.fail(`${z} differs between ${ROOT} and ${src}: ${differingEntries(mine, theirs).join(', ')}`);
      }
    }
    assert.equal(fs.readFileSync(path.join(src, 'dist', 'SHA256SUMS'), 'utf8'), fs.readFileSync(path.join(DIST, 'SHA256SUMS'), 'utf8'));
  } finally {
    fs.rmSync(elsewhere, { recursive: true, force: true });
  }
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
