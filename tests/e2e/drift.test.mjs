// Drift variants of the replica (issue #14): the page PAT Guard meets is not the page it
// was built from. Each test opens a replica variant (see tests/replica/src/variants.js)
// and checks that PAT Guard helps with what it recognised, says what it did not, and never
// clicks an unknown control. The replica's texts are its own (page-data.json).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension, assistantFrame } from '../support/extension.mjs';
import { PAGE, replicaState, levelBox, regenerateRow } from '../support/replica-page.mjs';
import { openCreatePanel } from '../support/guard-page.mjs';
import pageData from '../replica/src/page-data.json' with { type: 'json' };

const T = (key, lang = 'en') => pageData.texts[key][lang];
const VARIANT = (key, lang) => pageData.variant_texts[lang]?.[key] ?? T(key, lang);
const NEW_GROUP = T('new_group_title');

let ext;
before(async () => {
  ext = await launchWithExtension();
});
after(async () => {
  await ext?.close();
});
const storageLocal = () => ext.sw.evaluate(() => chrome.storage.local.get(null));

const openPanel = (query, lang = 'en') => openCreatePanel(ext.context, PAGE('contoso', query), { lang, text: T });

async function applyPreset(frame, id) {
  await frame.locator(`[data-preset-id="${id}"]`).click();
  await frame.locator('.notice .success, .notice .error').first().waitFor({ timeout: 10_000 });
  return frame.locator('.notice').textContent();
}

async function create(page, panel, lang, name) {
  await panel.getByRole('textbox', { name: T('name', lang) }).fill(name);
  await panel.getByRole('button', { name: T('create', lang), exact: true }).click();
  await page.waitForFunction(() => window.__replica?.lastSubmit);
  return (await replicaState(page)).lastSubmit;
}

test('a new scope group, unticked among the hidden groups: the preset submits exactly its scopes and names the group it left alone', async () => {
  const { page, panel, frame } = await openPanel('drift=newgroup');
  const notice = await applyPreset(frame, 'git-push');
  assert.equal(await frame.locator('.notice .error').count(), 0, notice);
  assert.match(notice, /new to PAT Guard/);
  assert.match(notice, new RegExp(NEW_GROUP));
  assert.equal(await levelBox(panel, NEW_GROUP, 'Read').getAttribute('aria-checked'), 'false');
  const submit = await create(page, panel, 'en', 'drift-newgroup');
  assert.deepEqual(submit.scopes, ['vso.code_write']);
  await page.close();
});

test('the same group pre-ticked: the preset stops and names it, the finding says PAT Guard cannot judge it, nothing about it changes', async () => {
  const { page, panel, frame } = await openPanel('drift=newgroup-ticked');
  await panel.getByRole('button', { name: /^Show all scopes/ }).click();
  await levelBox(panel, NEW_GROUP, 'Read').waitFor();
  await frame.locator('[data-finding="unknown-scope"], .findings-region').first().waitFor();
  await frame.getByText(/Scope PAT Guard cannot judge/).first().waitFor({ timeout: 10_000 });
  const notice = await applyPreset(frame, 'git-read');
  assert.equal(await frame.locator('.notice .error').count(), 1, notice);
  assert.match(notice, new RegExp(`${NEW_GROUP}: Read`));
  assert.equal(await levelBox(panel, NEW_GROUP, 'Read').getAttribute('aria-checked'), 'true');
  const submit = await create(page, panel, 'en', 'drift-ticked');
  assert.ok(submit.scopes.includes('vso.secretvaults'), JSON.stringify(submit));
  await page.close();
});

test('a success view without any panel title: secure copy and the inventory record work', async () => {
  const { page, panel, frame } = await openPanel('success=notitle');
  await applyPreset(frame, 'git-read');
  await create(page, panel, 'en', 'drift-notitle');
  const token = (await replicaState(page)).lastToken;
  assert.ok(token);
  const success = await assistantFrame(page, { state: 'ready' });
  await success.locator('[data-patguard="assistant"][data-view="success"]').waitFor({ timeout: 10_000 });
  await success.locator('[data-action="secure-copy"]').waitFor();
  const deadline = Date.now() + 10_000;
  let entry;
  while (!entry && Date.now() < deadline) {
    entry = (await storageLocal()).inventory?.find((e) => e.name === 'drift-notitle');
    if (!entry) await page.waitForTimeout(100);
  }
  assert.ok(entry, 'the inventory has the token');
  assert.deepEqual(entry.scopes, ['vso.code']);
  assert.ok(!JSON.stringify(await storageLocal()).includes(token));
  await page.close();
});

test('Regenerate with the create wording: still recorded as a regenerate', async () => {
  const page = await ext.context.newPage();
  await page.goto(PAGE('contoso', 'regen=create'));
  const list = await assistantFrame(page, { state: 'ready' });
  await regenerateRow(page, list, 'nuget-publish', T);
  await page.getByRole('dialog').filter({ hasText: T('success_text') }).waitFor();
  const frame = await assistantFrame(page, { state: 'ready' });
  await frame.locator('[data-patguard="assistant"][data-view="success"]').waitFor({ timeout: 10_000 });
  await frame.getByText(/regenerated: recorded in the inventory/).waitFor({ timeout: 10_000 });
  await page.close();
});

test('the list with a status filter: the audit says expired tokens are in the "Expired" view', async () => {
  const page = await ext.context.newPage();
  await page.goto(PAGE('contoso', 'filter=1'));
  const list = await assistantFrame(page, { state: 'ready' });
  const note = list.locator('[data-patguard="filter-note"]');
  await note.waitFor({ timeout: 10_000 });
  assert.match(await note.textContent(), /“Expired” view/);
  assert.match(await note.textContent(), new RegExp(T('filter_active')));
  await page.close();
});

test('the packaging-only form: a preset needing other scopes is refused with the reason, a packaging preset works', async () => {
  const { page, panel, frame } = await openPanel('policy=packaging');
  const refused = await applyPreset(frame, 'git-read');
  assert.match(refused, /your organization allows packaging scopes only/);
  const notice = await applyPreset(frame, 'artifacts-read');
  assert.equal(await frame.locator('.notice .error').count(), 0, notice);
  const submit = await create(page, panel, 'en', 'drift-packaging');
  assert.deepEqual(submit.scopes, ['vso.packaging']);
  await page.close();
});

test('German with the variant labels of the evidence: presets still submit exactly their scopes', async () => {
  for (const [id, scopes] of [['agent-pool', ['vso.agentpools_manage']], ['work-items-read', ['vso.work']]]) {
    const { page, panel, frame } = await openPanel('lang=de&labels=variant', 'de');
    assert.ok(await panel.getByText(VARIANT('expiration', 'de')).count() >= 1);
    const notice = await applyPreset(frame, id);
    assert.equal(await frame.locator('.notice .error').count(), 0, notice);
    const submit = await create(page, panel, 'de', `drift-de-${id}`);
    assert.deepEqual(submit.scopes, scopes, id);
    await page.close();
  }
});
