// One version everywhere (issue #15): the base manifest, the Cargo workspace (and so every
// crate and Cargo.lock), each built package, the zip names and the newest CHANGELOG entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = path.resolve(process.env.DIST_DIR ?? path.join(ROOT, 'dist'));
const read = (...p) => fs.readFileSync(path.join(ROOT, ...p), 'utf8');
const manifestVersion = JSON.parse(read('manifest.json')).version;

test('manifest.json and the Cargo workspace carry the same version', () => {
  const workspace = read('Cargo.toml').match(/\[workspace\.package\][^[]*?\nversion\s*=\s*"([^"]+)"/);
  assert.ok(workspace, 'Cargo.toml has no [workspace.package] version');
  assert.equal(workspace[1], manifestVersion);
  for (const crate of fs.readdirSync(path.join(ROOT, 'src'))) {
    const toml = path.join('src', crate, 'Cargo.toml');
    if (!fs.existsSync(path.join(ROOT, toml))) continue;
    const own = read(toml).match(/^\[package\][^[]*?\nversion\s*=\s*(.+)$/m);
    if (!own) continue;
    assert.match(own[1], /^\{?\s*workspace\s*=\s*true|version\.workspace/, `${toml} sets its own version: use version.workspace = true`);
  }
  const lockPackages = [...read('Cargo.lock').matchAll(/\[\[package\]\]\nname = "(patguard-[^"]+)"\nversion = "([^"]+)"/g)];
  assert.ok(lockPackages.length >= 4, 'the patguard crates are in Cargo.lock');
  for (const [, name, version] of lockPackages) assert.equal(version, manifestVersion, `Cargo.lock: ${name}`);
});

test('a Chrome-valid version: one to four dot-separated integers', () => {
  assert.match(manifestVersion, /^(0|[1-9]\d{0,4})(\.(0|[1-9]\d{0,4})){0,3}$/);
});

test('every package and zip carries the version', () => {
  for (const browser of ['chrome', 'edge', 'firefox']) {
    const m = JSON.parse(fs.readFileSync(path.join(DIST, browser, 'manifest.json'), 'utf8'));
    assert.equal(m.version, manifestVersion, browser);
    assert.ok(fs.existsSync(path.join(DIST, `patguard-${browser}-${manifestVersion}.zip`)), `patguard-${browser}-${manifestVersion}.zip`);
  }
});

test('CHANGELOG.md starts with an entry for this version', () => {
  const first = read('CHANGELOG.md').match(/^## (\S+)/m);
  assert.ok(first, 'CHANGELOG.md has no "## <version>" entry');
  assert.equal(first[1], manifestVersion);
});
