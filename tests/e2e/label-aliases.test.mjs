// labelAliases from the enterprise policy fix a renamed scope group without a release
// (issue #14): on ?labels=renamed the Code group reads "Repos". Without the alias the Code
// levels are an unknown group and a Code preset stops; with {"en": {"Repos": "vso.code"}}
// pushed as managed policy, the preset submits exactly its scopes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchWithExtension, assistantFrame, EXT_DIR } from '../support/extension.mjs';
import { PAGE, replicaState, dialog } from '../support/replica-page.mjs';
import pageData from '../replica/src/page-data.json' with { type: 'json' };

const T = (key, lang = 'en') => pageData.texts[key][lang];
const POLICY_DIR = '/etc/chromium/policies/managed';
const POLICY_FILE = path.join(POLICY_DIR, `patguard-e2e-aliases-${process.pid}.json`);
const LIMIT = { timeout: 90_000 };

/** Chromium's id for an unpacked extension: SHA-256 of the absolute path, 32 hex digits mapped 0-f → a-p. */
function unpackedExtensionId(dir) {
  const hex = crypto.createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

let copyDir;
let extId;
let createdPolicyDir = false;
const open = [];

before(() => {
  copyDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'patguard-aliases-ext-')));
  fs.cpSync(EXT_DIR, copyDir, { recursive: true });
  extId = unpackedExtensionId(copyDir);
  if (!fs.existsSync(POLICY_DIR)) {
    fs.mkdirSync(POLICY_DIR, { recursive: true });
    createdPolicyDir = true;
  }
});

after(async () => {
  // Always: the policy file would govern every later Chromium run on this machine.
  fs.rmSync(POLICY_FILE, { force: true });
  if (createdPolicyDir) {
    try {
      fs.rmdirSync(POLICY_DIR);
      fs.rmdirSync(path.dirname(POLICY_DIR));
    } catch {
      // not empty: someone else's policies live there
    }
  }
  for (const ext of open) await ext.close().catch(() => {});
  if (copyDir) fs.rmSync(copyDir, { recursive: true, force: true });
});

async function launch(policy) {
  fs.rmSync(POLICY_FILE, { force: true });
  if (policy) fs.writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [extId]: policy } } }));
  const ext = await launchWithExtension({ extDir: copyDir });
  open.push(ext);
  assert.equal(ext.extensionId, extId, 'the computed unpacked extension id');
  return ext;
}

async function gitRead(ext) {
  const page = await ext.context.newPage();
  await page.goto(PAGE('contoso', 'labels=renamed'));
  await page.getByRole('menuitem', { name: T('new_token') }).click();
  const panel = dialog(page, T('create_title'));
  await panel.waitFor();
  const frame = await assistantFrame(page);
  await frame.locator('[data-preset-id="git-read"]').click();
  await frame.locator('.notice .success, .notice .error').first().waitFor({ timeout: 10_000 });
  return { page, panel, frame, notice: await frame.locator('.notice').textContent() };
}

test('a renamed group without an alias: the Code preset stops, naming what the form lacks', LIMIT, async () => {
  const ext = await launch(null);
  const { page, frame, notice } = await gitRead(ext);
  assert.equal(await frame.locator('.notice .error').count(), 1, notice);
  assert.match(notice, /vso\.code/);
  await page.close();
  await ext.close();
});

test('labelAliases {"en": {"Repos": "vso.code"}} in the managed policy: the same preset submits exactly vso.code', LIMIT, async () => {
  const ext = await launch({ labelAliases: { en: { [T('renamed_code_group')]: 'vso.code' } } });
  // Chromium hands the policy to the extension asynchronously: wait until it is there.
  await ext.sw.evaluate(async () => {
    for (;;) {
      const got = await chrome.storage.managed.get();
      if (got.labelAliases) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  const { page, panel, frame, notice } = await gitRead(ext);
  assert.equal(await frame.locator('.notice .error').count(), 0, notice);
  await panel.getByRole('textbox', { name: T('name') }).fill('aliases-e2e');
  await panel.getByRole('button', { name: T('create'), exact: true }).click();
  await page.waitForFunction(() => window.__replica?.lastSubmit);
  assert.deepEqual((await replicaState(page)).lastSubmit.scopes, ['vso.code']);
  await page.close();
  await ext.close();
});
