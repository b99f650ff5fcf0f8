// labelAliases from the enterprise policy fix a renamed scope group without a release
// (issue #14): on ?labels=renamed the Code group reads "Repos". Without the alias the Code
// levels are an unknown group and a Code preset stops; with {"en": {"Repos": "vso.code"}}
// pushed as managed policy, the preset submits exactly its scopes. The same alias in an
// imported team preset file does the same; the options page lists every alias in force
// with its scope, group and level, and its source, and a team file's alias of a label the
// policy maps is shown as overruled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assistantFrame } from '../support/extension.mjs';
import { managedPolicyLauncher } from '../support/managed-policy.mjs';
import { PAGE, replicaState, dialog } from '../support/replica-page.mjs';
import pageData from '../replica/src/page-data.json' with { type: 'json' };

const T = (key, lang = 'en') => pageData.texts[key][lang];
const LIMIT = { timeout: 90_000 };

let launcher;
before(() => {
  launcher = managedPolicyLauncher('e2e-aliases');
});
// Always: the policy file would govern every later Chromium run on this machine.
after(() => launcher?.close());

const launch = (policy) => launcher.launch({ policy: policy ?? undefined });

async function openOptions(ext) {
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/options.html`);
  await page.locator('[data-patguard="options"][data-state="ready"]').waitFor();
  return page;
}

/** The options page's alias rows of page language `lang`, as text. */
async function aliasRows(options, lang = 'en') {
  const rows = options.locator(`[data-section="label-aliases"] table[data-alias-lang="${lang}"] tbody tr`);
  return Promise.all(
    (await rows.all()).map(async (r) => ({
      label: await r.getAttribute('data-alias'),
      source: await r.getAttribute('data-source'),
      overruled: (await r.getAttribute('data-overruled')) === 'true',
      text: (await r.textContent()).replace(/\s+/g, ' ').trim(),
    })),
  );
}

function teamFileWithAlias(dir, aliases, id = 'repo-reader') {
  const file = path.join(dir, `${id}.json`);
  fs.writeFileSync(file, JSON.stringify({
    version: 1,
    presets: [{
      id, title: 'Repo reader', purpose_group: 'Team', task: 'Reads code.',
      scopes: ['vso.code'], recommended_days: 7, source: { title: 'Team wiki', url: 'https://wiki.contoso.test/pat' },
    }],
    labelAliases: aliases,
  }));
  return file;
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

  // The options page shows the alias with its scope, group and level, and where it comes from;
  // a team file mapping the same label elsewhere is listed as overruled by the policy.
  const options = await openOptions(ext);
  const label = T('renamed_code_group');
  let rows = await aliasRows(options);
  assert.equal(rows.length, 1, JSON.stringify(rows));
  assert.equal(rows[0].label, label);
  assert.equal(rows[0].source, 'enterprise');
  assert.match(rows[0].text, /vso\.code \(Code – Read\).*enterprise policy/);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'patguard-aliases-'));
  await options.locator('[data-field="import-file"]').setInputFiles(teamFileWithAlias(tmp, { en: { [label.toUpperCase()]: 'vso.build' } }));
  await options.locator('[data-status="team"]', { hasText: 'Imported 1 preset(s).' }).waitFor();
  rows = await aliasRows(options);
  assert.deepEqual(rows.map((r) => [r.source, r.overruled]), [['enterprise', false], ['team-presets', true]]);
  assert.match(rows[1].text, /vso\.build \(Build – Read\).*not used: overruled by enterprise policy/);
  await options.close();
  await ext.close();
});

test('labelAliases in an imported team preset file: listed in the options page, and the renamed group is recognised', LIMIT, async () => {
  const ext = await launch(null);
  const options = await openOptions(ext);
  assert.equal(await options.locator('[data-patguard="no-aliases"]').count(), 1);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'patguard-aliases-'));
  const label = T('renamed_code_group');
  await options.locator('[data-field="import-file"]').setInputFiles(teamFileWithAlias(tmp, { en: { [label]: 'vso.code' } }));
  await options.locator('[data-status="team"]', { hasText: 'Imported 1 preset(s).' }).waitFor();
  const stored = await ext.sw.evaluate(() => chrome.storage.local.get('teamPresets').then((r) => r.teamPresets));
  assert.deepEqual(stored.labelAliases, { en: { [label]: 'vso.code' } });
  const rows = await aliasRows(options);
  assert.equal(rows.length, 1, JSON.stringify(rows));
  assert.equal(rows[0].source, 'team-presets');
  assert.match(rows[0].text, /vso\.code \(Code – Read\).*your team presets/);
  // A file with a bad alias is refused whole, naming the field; nothing changes.
  await options.locator('[data-field="import-file"]').setInputFiles(teamFileWithAlias(tmp, { en: { Other: 'vso.cod' } }, 'other-reader'));
  await options.locator('[data-errors="team"] li').first().waitFor();
  const errors = await options.locator('[data-errors="team"] li').allTextContents();
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.match(errors[0], /^labelAliases: en: "Other" maps to vso\.cod/);
  assert.deepEqual(await ext.sw.evaluate(() => chrome.storage.local.get('teamPresets').then((r) => r.teamPresets)), stored);
  await options.close();

  const { page, panel, frame, notice } = await gitRead(ext);
  assert.equal(await frame.locator('.notice .error').count(), 0, notice);
  await panel.getByRole('textbox', { name: T('name') }).fill('team-aliases-e2e');
  await panel.getByRole('button', { name: T('create'), exact: true }).click();
  await page.waitForFunction(() => window.__replica?.lastSubmit);
  assert.deepEqual((await replicaState(page)).lastSubmit.scopes, ['vso.code']);
  await page.close();
  await ext.close();
});
