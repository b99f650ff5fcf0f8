// End-to-end check of the shipped wasm module: instantiate the --target web
// glue in node, export a database with kdbx_export and open it with the real
// keepassxc-cli. Usage: node tests/kdbx/wasm_roundtrip.mjs PKG_DIR
// (PKG_DIR holds patguard_kdbx.js and patguard_kdbx_bg.wasm).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const pkgDir = process.argv[2];
if (!pkgDir) {
  console.error('usage: node wasm_roundtrip.mjs PKG_DIR');
  process.exit(2);
}
const glue = await import(pathToFileURL(path.resolve(pkgDir, 'patguard_kdbx.js')).href);
glue.initSync({ module: fs.readFileSync(path.resolve(pkgDir, 'patguard_kdbx_bg.wasm')) });

const MASTER = 'correct horse battery staple';
const TITLE = 'build & <deploy> (Azure DevOps contoso)';
const ENTRY_PATH = `Azure DevOps/${TITLE}`;

function keepassxc(args, password) {
  const r = spawnSync('keepassxc-cli', args, { input: `${password}\n`, encoding: 'utf8' });
  if (r.error?.code === 'ENOENT') {
    // CI installs keepassxc; a missing client must fail, never skip.
    throw new Error('keepassxc-cli is not on PATH: apt-get install keepassxc');
  }
  return r;
}

function exportToFile(token) {
  const entry = {
    title: TITLE,
    username: 'alice@contoso.com',
    token,
    url: 'https://dev.azure.com/contoso',
    expires: '2026-12-31',
    notes: 'Scopes: vso.build\nPreset: CI reader',
    tags: ['ci'],
  };
  const started = performance.now();
  const bytes = glue.kdbx_export(JSON.stringify(entry), MASTER);
  const ms = performance.now() - started;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patguard-kdbx-'));
  const file = path.join(dir, 'pat.kdbx');
  fs.writeFileSync(file, bytes);
  return { file, dir, ms, size: bytes.length };
}

test('kdbx_export output opens in keepassxc-cli with the token as password', (t) => {
  // Random per run and never printed: the token is treated as a secret here too.
  const token = randomBytes(39).toString('base64url').slice(0, 52);
  const { file, dir, ms, size } = exportToFile(token);
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  console.log(`# kdbx_export in node wasm: ${ms.toFixed(0)} ms, ${size} bytes`);

  const show = keepassxc(['show', '-q', '-s', '-a', 'Password', '-a', 'URL', file, ENTRY_PATH], MASTER);
  assert.equal(show.status, 0, `show failed: ${show.stderr}`);
  const [password, url] = show.stdout.split('\n');
  assert.ok(password === token, 'Password attribute differs from the token');
  assert.equal(url, 'https://dev.azure.com/contoso');

  const xml = keepassxc(['export', '-q', '-f', 'xml', file], MASTER);
  assert.equal(xml.status, 0, 'export failed');
  assert.match(xml.stdout, /<Expires>True<\/Expires>/);

  const info = keepassxc(['db-info', '-q', file], MASTER);
  assert.match(info.stdout, /Argon2id/);

  const wrong = keepassxc(['ls', '-q', file], 'not the master password');
  assert.notEqual(wrong.status, 0, 'a wrong password opened the database');
});

test('kdbx_export throws a readable Error for a short password', () => {
  const entry = JSON.stringify({ title: 't', token: 'x' });
  assert.throws(() => glue.kdbx_export(entry, 'short'), (e) => e instanceof Error && /at least 8/.test(e.message));
  assert.equal(glue.kdbx_min_password_chars(), 8);
});

test('kdbx_import_file writes each import file with the token; keepassxc-cli imports the KeePass XML', (t) => {
  const token = randomBytes(39).toString('base64url').slice(0, 52);
  const entry = JSON.stringify({
    title: TITLE,
    username: null,
    token,
    url: 'https://dev.azure.com/contoso',
    expires: '2026-12-31',
    notes: 'Scopes: vso.build',
    tags: ['azure-devops-pat'],
  });
  const text = (format) => new TextDecoder().decode(glue.kdbx_import_file(entry, format));

  const item = JSON.parse(text('bitwarden-json')).items[0];
  assert.equal(item.name, TITLE);
  assert.ok(item.login.password === token, 'the Bitwarden login password differs from the token');
  const csv = text('1password-csv');
  assert.ok(csv.startsWith('"title","website","username","password","notes"\r\n'));
  assert.ok(csv.includes(`,"${token}",`), 'the 1Password record lacks the token');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patguard-import-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const xml = path.join(dir, 'entry.xml');
  const db = path.join(dir, 'imported.kdbx');
  fs.writeFileSync(xml, text('keepass-xml'));
  const imported = spawnSync('keepassxc-cli', ['import', '-q', '-p', xml, db], { input: `${MASTER}\n${MASTER}\n`, encoding: 'utf8' });
  assert.equal(imported.status, 0, `import failed: ${imported.stderr}`);
  const show = keepassxc(['show', '-q', '-s', '-a', 'Password', db, ENTRY_PATH], MASTER);
  assert.equal(show.status, 0, `show failed: ${show.stderr}`);
  assert.ok(show.stdout.replace(/\n$/, '') === token, 'the imported password differs from the token');

  assert.throws(() => glue.kdbx_import_file(entry, 'text-file'), (e) => e instanceof Error && /not an import file/.test(e.message));
  assert.throws(
    () => glue.kdbx_import_file(JSON.stringify({ title: TITLE, token: ` ${token}` }), 'bitwarden-json'),
    (e) => e instanceof Error && /whitespace/.test(e.message) && !e.message.includes(token),
  );
});
