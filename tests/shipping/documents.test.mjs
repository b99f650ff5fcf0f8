// The documents a store and a user see (issue #15): every package carries the licence, the
// privacy policy and the third-party notices; the options page links the policy; and the
// policy names every storage key the code writes and every permission the manifest asks for,
// so a new key or permission cannot ship without the policy saying so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = path.resolve(process.env.DIST_DIR ?? path.join(ROOT, 'dist'));
const read = (...p) => fs.readFileSync(path.join(ROOT, ...p), 'utf8');
const privacy = read('PRIVACY.md');

function filesUnder(dir, exts) {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && exts.includes(path.extname(e.name)))
    .map((e) => path.join(e.parentPath ?? e.path, e.name));
}

test('LICENSE is the MIT licence Cargo.toml declares', () => {
  assert.match(read('Cargo.toml'), /^license = "MIT"$/m);
  assert.match(read('LICENSE'), /^MIT License\n/);
});

test('every package carries LICENSE, PRIVACY.md and the third-party notices', () => {
  for (const browser of ['chrome', 'edge', 'firefox']) {
    const dir = path.join(DIST, browser);
    assert.equal(fs.readFileSync(path.join(dir, 'LICENSE'), 'utf8'), read('LICENSE'), `${browser}/LICENSE`);
    assert.equal(fs.readFileSync(path.join(dir, 'PRIVACY.md'), 'utf8'), privacy, `${browser}/PRIVACY.md`);
    const notices = fs.readFileSync(path.join(dir, 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    // The crates the wasm is built on, and the std, must be named.
    for (const name of ['wasm-bindgen', 'js-sys', 'web-sys', 'keepass', 'zeroize', 'std', 'dlmalloc']) {
      assert.match(notices, new RegExp(`^${name} `, 'm'), `${browser}: notices lack ${name}`);
    }
    assert.match(notices, /^\[1\] \(as shipped in /m, 'notices carry the licence texts');
  }
});

test('the options page links the privacy policy and the notices, and both are in the package', () => {
  const html = read('extension', 'options.html');
  for (const file of ['PRIVACY.md', 'THIRD-PARTY-NOTICES.txt']) {
    assert.match(html, new RegExp(`<a href="${file.replace('.', '\\.')}">`), `options.html links ${file}`);
    assert.ok(fs.existsSync(path.join(DIST, 'chrome', file)), `${file} is in the package`);
  }
});

test('PRIVACY.md names every storage key the code writes and every permission', () => {
  const keys = new Set();
  for (const file of filesUnder(path.join(ROOT, 'extension'), ['.js'])) {
    const code = fs.readFileSync(file, 'utf8');
    // Any storage area's set({...}), whatever the area's variable is called: plain, shorthand
    // and computed keys, a computed one resolved through the file's string constants.
    const constants = new Map([...code.matchAll(/\bconst ([A-Za-z_$][\w$]*) = '([^']+)'/g)].map((m) => [m[1], m[2]]));
    for (const set of code.matchAll(/\.set\(\{([^{}]*)\}/g)) {
      for (const part of set[1].split(',')) {
        const k = /^\s*(\[)?\s*([A-Za-z_$][\w$]*)\s*\]?\s*(:|$)/.exec(part);
        if (!k) continue;
        const where = path.relative(ROOT, file);
        // The options page's glue stores under the key its wasm names: those keys are the
        // `store(page, "…")` calls collected from src/ below.
        if (k[1] && where === path.join('extension', 'options.js') && k[2] === 'key') continue;
        const key = k[1] ? constants.get(k[2]) : k[2];
        assert.ok(key, `${where}: the storage key [${k[2]}] is not a string constant of the file`);
        keys.add(key);
      }
    }
  }
  for (const file of filesUnder(path.join(ROOT, 'src'), ['.rs'])) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/\bstore\(\s*page,\s*"([A-Za-z]+)"/g)) keys.add(m[1]);
  }
  for (const k of ['inventory', 'settings', 'patguardClipboardPending', 'patguardClipboardSeq']) assert.ok(keys.has(k), `found keys: ${[...keys]}`);
  for (const k of keys) assert.match(privacy, new RegExp(`\`${k}\``), `PRIVACY.md does not name the storage key "${k}"`);
  const manifest = JSON.parse(read('manifest.json'));
  for (const p of manifest.permissions) assert.match(privacy, new RegExp(`\`${p}\``), `PRIVACY.md does not explain "${p}"`);
});
