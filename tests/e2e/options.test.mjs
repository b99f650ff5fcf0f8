// Options page end to end (issue #9): settings validation, team presets (save from the form,
// apply, export → re-import, malformed import refused), German UI, and a self-hosted
// Azure DevOps Server origin added at runtime.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchWithExtension, assistantFrame, EXT_DIR } from '../support/extension.mjs';
import { PAGE, replicaState, dialog } from '../support/replica-page.mjs';
import pageTexts from '../../src/core/data/ado-page-texts.json' with { type: 'json' };

const T = (key, lang = 'en') => pageTexts.texts[key][lang];
const SERVER = 'https://ado.contoso.test';
const SERVER_PAGE = `${SERVER}/DefaultCollection/_usersSettings/tokens`;

let ext;
before(async () => {
  ext = await launchWithExtension({ extraOrigins: [SERVER] });
});
after(async () => {
  await ext?.close();
});

const stored = (key) => ext.sw.evaluate((k) => chrome.storage.local.get(k).then((r) => r[k] ?? null), key);
const setStored = (obj) => ext.sw.evaluate((o) => chrome.storage.local.set(o), obj);
const clearStored = () => ext.sw.evaluate(() => chrome.storage.local.clear());

async function openOptions(context = ext.context, extensionId = ext.extensionId) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await page.locator('[data-patguard="options"][data-state="ready"]').waitFor();
  return page;
}

async function openForm(url = PAGE('contoso', 'lang=en')) {
  const page = await ext.context.newPage();
  await page.goto(url);
  await page.getByRole('menuitem', { name: T('new_token') }).click();
  const panel = dialog(page, T('create_title'));
  await panel.waitFor();
  const frame = await assistantFrame(page);
  return { page, panel, frame };
}

async function applyPreset(frame, id) {
  await frame.locator(`[data-preset-id="${id}"]`).click();
  await frame.locator('.notice .success, .notice .error').first().waitFor({ timeout: 30_000 });
  assert.equal(await frame.locator('.notice .error').count(), 0, await frame.locator('.notice').textContent());
}

test('settings: a half-valid form saves nothing and names every bad field; a valid one saves the whole object', async () => {
  await clearStored();
  const page = await openOptions();
  await page.getByLabel('Default expiry (days)').fill('90');
  await page.getByLabel('Maximum token lifetime (days)').fill('60');
  await page.getByLabel('Expiry reminders (days before)').fill('7, soon');
  await page.locator('[data-action="save-settings"]').click();
  await page.locator('#defaultExpiryDays-error').waitFor();
  assert.equal(await page.locator('#defaultExpiryDays-error').textContent(), '90 days is longer than your maximum lifetime of 60 days');
  assert.equal(await page.locator('#reminderDays-error').textContent(), '"soon" is not a whole number of days from 1 to 90');
  assert.equal(await page.locator('#defaultExpiryDays').getAttribute('aria-invalid'), 'true');
  assert.equal(await stored('settings'), null, 'nothing may be stored from a half-valid form');

  await page.getByLabel('Default expiry (days)').fill('30');
  await page.getByLabel('Expiry reminders (days before)').fill('1, 14');
  await page.getByLabel('Clear the clipboard after').selectOption('60');
  await page.getByLabel('On critical findings').selectOption('block');
  await page.getByLabel('Code: Full').check();
  await page.locator('[data-action="save-settings"]').click();
  await page.locator('[data-status="settings"]', { hasText: 'Settings saved.' }).waitFor();
  assert.deepEqual(await stored('settings'), {
    clipboardClearSeconds: 60, reminderDays: [14, 1], defaultExpiryDays: 30, criticalAction: 'block',
    maxLifetimeDays: 60, forbiddenScopes: ['vso.code_full'],
  });
  // The policy table names the user as the source of the rules they set.
  const row = page.locator('tr[data-key="maxLifetimeDays"]');
  assert.match(await row.textContent(), /60 days.*your PAT Guard settings/);
  // The assistant reads the same object without reporting the non-policy keys as malformed.
  const { frame, page: form } = await openForm();
  assert.equal(await frame.locator('[data-patguard="policy-error"]').count(), 0);
  await form.close();
  await page.close();
  await clearStored();
});

test('enterprise policy: shown read-only with its source, malformed keys with the exact reason', async () => {
  // storage.managed cannot be written by an extension; the page renders what the glue reads,
  // so the test feeds the same constructor the glue calls.
  const page = await openOptions();
  await page.evaluate(async () => {
    const { OptionsPage } = await import('./pkg/patguard_options.js');
    const root = document.getElementById('root');
    const managed = JSON.stringify({ maxLifetimeDays: 90, blockFullAccess: 'yes', forbiddenScopes: ['vso.cod'] });
    window.__p = new OptionsPage(root, {}, 'en-US', 'null', 'null', managed, 'null');
  });
  const row = page.locator('tr[data-key="maxLifetimeDays"]');
  assert.match(await row.textContent(), /90 days.*your organization's enterprise policy/);
  assert.equal(await row.getAttribute('data-locked'), 'true');
  const issues = await page.locator('[data-patguard="enterprise-issues"] li').allTextContents();
  assert.deepEqual(issues.sort(), [
    'blockFullAccess: expected true or false, got "yes"',
    'forbiddenScopes[0]: unknown scope id "vso.cod"',
  ]);
  await page.close();
});

test('team presets: save from the form, listed and applied; export re-imports identically; a malformed file changes nothing', async () => {
  await clearStored();
  // 1. Save as preset from the current form.
  let { page, panel, frame } = await openForm();
  await applyPreset(frame, 'build-read');
  await panel.getByRole('textbox', { name: T('name') }).fill('Nightly build reader');
  await frame.locator('[data-action="save-preset"]').waitFor({ state: 'attached' });
  await frame.locator('[data-action="save-preset"]:not([disabled])').dispatchEvent('click');
  await frame.locator('.notice .success', { hasText: 'Saved as team preset' }).waitFor();
  const file = await stored('teamPresets');
  assert.equal(file.version, 1);
  assert.equal(file.presets.length, 1);
  const saved = file.presets[0];
  assert.equal(saved.id, 'nightly-build-reader');
  assert.equal(saved.title, 'Nightly build reader');
  assert.deepEqual(saved.scopes, ['vso.build']);
  assert.equal(saved.purpose_group, 'Team');
  // Beside the presets: how it got there.
  assert.deepEqual(file.origins, { 'nightly-build-reader': { how: 'saved' } });
  // It is listed under Team in the assistant right away, as saved by the user.
  const team = frame.locator('section.preset-group[aria-label="Team"]');
  await team.locator('[data-preset-id="nightly-build-reader"]').waitFor();
  assert.equal(await team.locator('[data-preset-id="nightly-build-reader"] .preset-origin').textContent(), 'team preset saved by you');
  await page.close();

  // 2. A fresh panel lists it and applies it: the page submits exactly its scopes.
  ({ page, panel, frame } = await openForm());
  await applyPreset(frame, 'nightly-build-reader');
  await panel.getByRole('textbox', { name: T('name') }).fill('from-team-preset');
  await panel.getByRole('button', { name: T('create'), exact: true }).click();
  await page.waitForFunction(() => window.__replica?.lastSubmit);
  assert.deepEqual((await replicaState(page)).lastSubmit.scopes, ['vso.build']);
  await page.close();

  // 3. The options page lists it; export, delete, re-import → identical storage.
  const options = await openOptions();
  await options.locator('[data-team-preset="nightly-build-reader"]').waitFor();
  const [download] = await Promise.all([options.waitForEvent('download'), options.locator('[data-action="export-presets"]').click()]);
  const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  // The exported file is the presets alone: where they came from is this browser's record.
  const { origins: _savedOrigins, ...presetsFile } = file;
  assert.deepEqual(exported, presetsFile);
  await options.getByRole('button', { name: 'Delete “Nightly build reader”' }).click();
  await options.locator('[data-status="team"]', { hasText: 'deleted' }).waitFor();
  assert.deepEqual((await stored('teamPresets')).presets, []);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'patguard-presets-'));
  const good = path.join(tmp, 'team.json');
  fs.writeFileSync(good, JSON.stringify(exported));
  await options.locator('[data-field="import-file"]').setInputFiles(good);
  await options.locator('[data-status="team"]', { hasText: 'Imported 1 preset(s).' }).waitFor();
  const reimported = { ...presetsFile, origins: { 'nightly-build-reader': { how: 'imported', file: 'team.json' } } };
  assert.deepEqual(await stored('teamPresets'), reimported);
  // The assistant's list names the file beside the preset's title.
  ({ page, frame } = await openForm());
  const imported = frame.locator('[data-preset-id="nightly-build-reader"]');
  await imported.waitFor();
  assert.equal(await imported.locator('.preset-title').textContent(), 'Nightly build reader');
  assert.equal(await imported.locator('.preset-origin').getAttribute('data-origin'), 'file');
  assert.equal(await imported.locator('.preset-origin').textContent(), 'team preset from file team.json');
  await page.close();

  // 4. A malformed file: every reason, nothing applied (not even its valid preset).
  const bad = path.join(tmp, 'bad.json');
  const valid = { ...saved, id: 'another-valid-one' };
  fs.writeFileSync(bad, JSON.stringify({
    version: 1,
    presets: [
      valid,
      { ...saved, id: 'git-read' },
      { ...saved, id: 'nightly-build-reader' },
      { ...saved, id: 'broken', scopes: ['vso.bild'], recommended_days: 500 },
    ],
  }));
  await options.locator('[data-field="import-file"]').setInputFiles(bad);
  await options.locator('[data-errors="team"] li').first().waitFor();
  assert.deepEqual(await options.locator('[data-errors="team"] li').allTextContents(), [
    'presets[1].id: "git-read" is already the id of a built-in preset',
    'presets[2].id: "nightly-build-reader" is already the id of an existing team preset',
    'presets[3].recommended_days: expected a whole number from 1 to 365, got 500',
    'presets[3].scopes[0]: unknown scope id "vso.bild"',
  ]);
  assert.match(await options.locator('[data-status="team"]').textContent(), /not imported; your presets are unchanged/);
  assert.deepEqual(await stored('teamPresets'), reimported, 'a partial import is never applied');
  assert.equal(await options.locator('[data-team-preset]').count(), 1);

  // 5. Editing validates too: a bad expiry is refused with its field, a good edit is stored.
  await options.getByRole('button', { name: 'Edit “Nightly build reader”' }).click();
  await options.getByLabel('Expiry (days)', { exact: true }).fill('0');
  await options.locator('[data-action="save-preset"]').click();
  assert.equal(await options.locator('#preset-days-error').textContent(), 'recommended_days: expected a whole number from 1 to 365, got 0');
  await options.getByLabel('Expiry (days)', { exact: true }).fill('14');
  await options.locator('[data-action="save-preset"]').click();
  await options.locator('[data-status="team"]', { hasText: 'Preset saved.' }).waitFor();
  assert.equal((await stored('teamPresets')).presets[0].recommended_days, 14);
  assert.deepEqual((await stored('teamPresets')).origins, reimported.origins, 'an edited preset keeps its origin');
  await options.close();
  await clearStored();
});

test('German browser: the options page is German', async () => {
  const de = await launchWithExtension({ locale: 'de-DE' });
  try {
    const page = await openOptions(de.context, de.extensionId);
    assert.equal(await page.locator('h1').textContent(), 'PAT-Guard-Einstellungen');
    assert.equal(await page.locator('html').getAttribute('lang'), 'de');
    assert.equal(await page.locator('#h-team').textContent(), 'Team-Vorlagen');
    await page.getByRole('button', { name: 'Einstellungen speichern' }).waitFor();
    await page.getByLabel('Standard-Ablauf (Tage)').fill('x');
    await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
    assert.equal(await page.locator('#defaultExpiryDays-error').textContent(), 'erwartet eine ganze Zahl von 1 bis 365, erhalten "x"');
    assert.equal(await page.title(), 'PAT Guard – Einstellungen');
  } finally {
    await de.close();
  }
});

// Headless Chromium shows the permissions.request prompt as a browser bubble that no
// automation can answer (CDP's Browser.grantPermissions covers web permissions only, and
// chrome://extensions' developerPrivate.addHostPermission grants only withheld *required*
// hosts). So this test loads a copy of the build whose manifest also lists the server in
// host_permissions: the options page's click then runs the real path — permissions.request
// (answered at once, as the host is already granted), servers.js registerContentScripts,
// storage — and everything after it is the product unchanged. A host the manifest requires
// cannot be revoked by the extension, so the test checks unregistration, not revocation.
function serverTestBuild() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patguard-server-ext-'));
  fs.cpSync(EXT_DIR, dir, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  manifest.host_permissions = [`${SERVER}/*`];
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

const assistantFrames = (page) => page.frames().filter((f) => f.url().includes('/assistant.html') && !f.isDetached());

test('Azure DevOps Server: an added origin gets the page agent and the assistant on its token page; removing it stops both', async (t) => {
  const dir = serverTestBuild();
  const srv = await launchWithExtension({ extDir: dir, extraOrigins: [SERVER] });
  const registered = () => srv.sw.evaluate(() => chrome.scripting.getRegisteredContentScripts());
  try {
    const options = await openOptions(srv.context, srv.extensionId);
    await options.getByLabel('Server address').fill('http://ado.contoso.test');
    await options.locator('[data-action="add-server"]').click();
    assert.match(await options.locator('[data-errors="servers"]').textContent(), /enter an https:\/\/ address/);

    // Before: no agent on the server (the host permission alone runs nothing).
    let page = await srv.context.newPage();
    await page.goto(SERVER_PAGE);
    await page.getByRole('grid').waitFor();
    await page.waitForTimeout(500);
    assert.equal(assistantFrames(page).length, 0, 'an agent ran on the server before it was added');
    await page.close();

    // The click: permissions.request, then registration at runtime.
    await options.getByLabel('Server address').fill(`${SERVER}/DefaultCollection/_usersSettings/tokens`);
    await options.locator('[data-action="add-server"]').click();
    await options.locator(`[data-server="${SERVER}"]`).waitFor({ timeout: 30_000 });
    assert.deepEqual(await srv.sw.evaluate(() => chrome.storage.local.get('servers').then((r) => r.servers)), [SERVER]);
    assert.deepEqual((await registered()).map((s) => [s.id, s.matches, s.js, s.persistAcrossSessions]), [
      [`patguard-server:${SERVER}`, [`${SERVER}/*`], ['agent.js'], true],
    ]);

    // The assistant on the server's token page (the replica under that host), in the panel.
    page = await srv.context.newPage();
    await page.goto(SERVER_PAGE);
    await page.getByRole('menuitem', { name: T('new_token') }).click();
    await dialog(page, T('create_title')).waitFor();
    const frame = await assistantFrame(page);
    assert.equal(await frame.locator('[data-patguard="assistant"]').getAttribute('data-state'), 'ready');
    // Off dev.azure.com only the second web_accessible_resources entry (https://*/*,
    // use_dynamic_url) lets the page embed the frame; the agent's port check accepted it.
    const url = new URL(frame.url());
    assert.equal(url.protocol, 'chrome-extension:');
    assert.equal(url.pathname, '/assistant.html');
    t.diagnostic(`frame origin on the server: ${url.host} (${url.host === srv.extensionId ? 'static extension id' : 'dynamic id'})`);
    await applyPreset(frame, 'build-read');
    await page.getByRole('dialog').getByRole('textbox', { name: T('name') }).fill('server-build-reader');
    await page.getByRole('dialog').getByRole('button', { name: T('create'), exact: true }).click();
    await page.waitForFunction(() => window.__replica?.lastSubmit);
    assert.deepEqual((await replicaState(page)).lastSubmit.scopes, ['vso.build']);

    // Removing it unregisters the agent: after a reload the page gets no assistant.
    await options.getByRole('button', { name: `Remove ${SERVER}` }).click();
    await options.locator('[data-status="servers"]', { hasText: 'removed' }).waitFor();
    assert.deepEqual(await registered(), []);
    assert.deepEqual(await srv.sw.evaluate(() => chrome.storage.local.get('servers').then((r) => r.servers)), []);
    assert.equal(await options.locator(`[data-server="${SERVER}"]`).count(), 0);
    await page.reload();
    await page.getByRole('grid').waitFor();
    await page.waitForTimeout(800);
    assert.equal(assistantFrames(page).length, 0, 'the agent still runs on a removed server');
    await page.close();
    await options.close();
  } finally {
    await srv.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
