// Administrator's kit (issue #15): every policy sample in docs/admin/ is current, covers every
// key of the managed schema, and the Linux Chromium file, dropped into Chromium's managed-policy
// directory, reaches the extension whole. Chromium validates extension policy against the
// manifest's managed_schema and drops what does not fit, so storage.managed returning the full
// sample is the schema check done by the browser that enforces it; the options page (the
// core's policy reader) then must report no malformed key and show the team presets.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchWithExtension, EXT_DIR } from '../support/extension.mjs';
import { CHROME_ID, GECKO_ID, files, managedPolicy, samples } from '../../docs/admin/make-samples.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ADMIN = path.join(ROOT, 'docs', 'admin');
const SCHEMA = JSON.parse(fs.readFileSync(path.join(ROOT, 'src', 'core', 'data', 'managed_schema.json'), 'utf8'));
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'manifest.json'), 'utf8'));
const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = path.join(POLICY_DIR, `patguard-admin-kit-${process.pid}.json`);
const cleanup = [];
after(async () => {
  for (const f of cleanup.reverse()) await f();
});

/** Chromium's extension id for a manifest `key`: SHA-256 of the DER public key, 32 hex digits mapped 0-f → a-p. */
function idFromKey(base64Key) {
  const hex = crypto.createHash('sha256').update(Buffer.from(base64Key, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

test('the manifest key gives the id the admin kit names', () => {
  assert.equal(typeof manifest.key, 'string');
  assert.equal(idFromKey(manifest.key), CHROME_ID);
  assert.match(fs.readFileSync(path.join(ADMIN, 'README.md'), 'utf8'), new RegExp(CHROME_ID));
});

test('one sample per managed-schema key, and the written files match their source', () => {
  const keys = samples().map((s) => s.key);
  assert.deepEqual(keys, Object.keys(SCHEMA.properties));
  for (const s of samples()) assert.deepEqual(Object.keys(s.value), [s.key], `${path.relative(ROOT, s.file)} sets exactly its key`);
  const samplesOnDisk = fs.readdirSync(path.join(ADMIN, 'policy')).map((f) => f.replace(/\.json$/, '')).sort();
  assert.deepEqual(samplesOnDisk, [...keys].sort(), 'a sample file for a key the schema does not have');
  for (const [rel, text] of Object.entries(files())) {
    assert.equal(fs.readFileSync(path.join(ADMIN, rel), 'utf8'), text, `docs/admin/${rel} is out of date: node docs/admin/make-samples.mjs`);
  }
  execFileSync('node', [path.join(ADMIN, 'make-samples.mjs'), '--check']);
  const ff = JSON.parse(fs.readFileSync(path.join(ADMIN, 'firefox', 'policies.json'), 'utf8'));
  assert.deepEqual(ff.policies['3rdparty'].Extensions[GECKO_ID], managedPolicy());
  assert.equal(ff.policies.ExtensionSettings[GECKO_ID].installation_mode, 'force_installed');
});

test('the Linux Chromium policy reaches the extension whole and the options page reads it without an issue', { timeout: 120_000 }, async () => {
  // A copy of the built extension with the manifest's key: the id administrators name. (The
  // store packages leave the key out; the stores fix the id of what they publish.)
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'patguard-admin-kit-')));
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.cpSync(EXT_DIR, dir, { recursive: true });
  const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ ...m, key: manifest.key }));

  const createdDir = !fs.existsSync(POLICY_DIR);
  fs.mkdirSync(POLICY_DIR, { recursive: true });
  cleanup.push(() => {
    // Always: the file would govern every later Chromium run on this machine.
    fs.rmSync(POLICY_FILE, { force: true });
    if (createdDir) {
      try {
        fs.rmdirSync(POLICY_DIR);
        fs.rmdirSync(path.dirname(POLICY_DIR));
      } catch {
        // not empty: someone else's policies live there
      }
    }
  });
  fs.copyFileSync(path.join(ADMIN, 'chrome-edge', 'linux-chrome-patguard.json'), POLICY_FILE);

  const ext = await launchWithExtension({ extDir: dir });
  cleanup.push(() => ext.close().catch(() => {}));
  assert.equal(ext.extensionId, CHROME_ID);

  const expected = managedPolicy();
  // The first storage.managed read in a new profile can come before the policy is loaded;
  // storage.onChanged('managed') says when it arrives.
  const managed = await ext.sw.evaluate((want) => new Promise((resolve) => {
    const done = (v) => Object.keys(v).length === want && resolve(v);
    chrome.storage.onChanged.addListener((_c, area) => area === 'managed' && chrome.storage.managed.get().then(done));
    chrome.storage.managed.get().then(done);
  }), Object.keys(expected).length);
  assert.deepEqual(managed, expected, 'chrome.storage.managed holds the whole sample: every value passed the schema');

  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${CHROME_ID}/options.html`);
  await page.locator('[data-patguard="options"][data-state="ready"]').waitFor();
  assert.equal(await page.locator('[data-patguard="enterprise-issues"]').count(), 0, await page.locator('[data-patguard="enterprise-issues"]').textContent().catch(() => ''));
  for (const preset of expected.teamPresets.presets) {
    await page.locator(`[data-team-preset="${preset.id}"]`).first().waitFor();
  }
  for (const key of Object.keys(expected).filter((k) => k !== 'teamPresets')) {
    assert.equal(await page.locator(`[data-section="enterprise"] tr[data-key="${key}"]`).count(), 1, `policy row for ${key}`);
  }

  // What docs/admin/README.md tells administrators to look at.
  await page.goto('chrome://policy');
  await page.getByText(CHROME_ID).first().waitFor();
});
