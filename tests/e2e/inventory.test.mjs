// Rotation and revocation (issue #8) end to end: the list-page audit marks the replica's
// expired, expiring and global rows; a token created with a preset lands in the inventory
// (metadata only — the token value is nowhere in extension storage); the popup lists it,
// exports and imports it (all or nothing) and forgets it; a reminder alarm raises a
// notification whose click opens the organization's token page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension, assistantFrame } from '../support/extension.mjs';
import { PAGE, dialog, replicaState } from '../support/replica-page.mjs';
import pageTexts from '../../src/core/data/ado-page-texts.json' with { type: 'json' };

const T = (key, lang = 'en') => pageTexts.texts[key][lang];
const NAME = 'inventory-e2e';
const TOKENS_URL = 'https://dev.azure.com/contoso/_usersSettings/tokens';

let ext;
before(async () => {
  ext = await launchWithExtension();
});
after(async () => {
  await ext?.close();
});

const storageLocal = () => ext.sw.evaluate(() => chrome.storage.local.get(null));
const storageSession = () => ext.sw.evaluate(() => chrome.storage.session.get(null));

async function waitFor(fn, what, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

for (const lang of ['en', 'de']) {
  test(`list page (${lang}): the audit names 3 tokens and marks exactly the expired, expiring and global rows`, async () => {
    const page = await ext.context.newPage();
    await page.goto(PAGE('contoso', lang === 'de' ? 'lang=de' : ''));
    await page.getByRole('grid').waitFor();
    const frame = await assistantFrame(page, { state: 'ready' });
    // Mounted just before the table, not in a dialog.
    assert.equal(await page.evaluate(() => document.querySelector('[data-patguard="host"]')?.nextElementSibling?.getAttribute('role')), 'grid');
    const audit = frame.locator('[data-patguard="audit"]');
    await audit.waitFor();
    assert.equal(await audit.getAttribute('data-count'), '3');
    assert.equal(
      await audit.locator('.audit-summary').textContent(),
      lang === 'en' ? '3 tokens need attention' : '3 Tokens brauchen Aufmerksamkeit',
    );
    const rowOf = (name) => page.getByRole('row').filter({ hasText: name });
    await page.waitForFunction(() => document.querySelectorAll('[data-patguard-mark]').length === 3);
    const expect = {
      'build-agent-2025': { severity: 'warning', reason: lang === 'en' ? 'expired 4 days ago' : 'seit 4 Tagen abgelaufen', action: lang === 'en' ? 'Regenerate' : 'Neu generieren' },
      'nuget-publish': { severity: 'warning', reason: lang === 'en' ? 'expires in 3 days' : 'läuft in 3 Tagen ab', action: lang === 'en' ? 'Regenerate' : 'Neu generieren' },
      'vsce-marketplace': { severity: 'critical', reason: '2026-12-01', action: lang === 'en' ? 'Revoke it' : 'Widerrufen' },
    };
    for (const [name, e] of Object.entries(expect)) {
      const row = rowOf(name);
      assert.equal(await row.getAttribute('data-patguard-mark'), e.severity, name);
      const title = await row.getAttribute('title');
      assert.ok(title.startsWith('PAT Guard: '), title);
      assert.ok(title.includes(e.reason), `${name}: ${title}`);
      assert.ok(title.includes(e.action), `${name}: ${title}`);
      const item = frame.locator(`[data-audit-row="${name}"]`);
      assert.ok((await item.locator('[data-reason]').textContent()).includes(e.reason));
      assert.ok((await item.locator('[data-advice]').textContent()).includes(e.action));
    }
    assert.equal(await rowOf('git-laptop').getAttribute('data-patguard-mark'), null);
    // The agent only marks: nothing was selected, regenerated or revoked, no dialog opened.
    const state = await replicaState(page);
    assert.deepEqual(state.revoked, []);
    assert.equal(await page.getByRole('dialog').count(), 0);
    await page.close();
  });
}

test('create with a preset → inventory entry (no token value), popup, export/import, forget, reminder', async () => {
  const page = await ext.context.newPage();
  await page.goto(PAGE('contoso'));
  await page.getByRole('menuitem', { name: T('new_token') }).click();
  const panel = dialog(page, T('create_title'));
  await panel.waitFor();
  const frame = await assistantFrame(page);
  await frame.locator('[data-preset-id="git-read"]').click();
  await frame.locator('.notice .success').waitFor({ timeout: 5000 });
  await panel.getByRole('textbox', { name: T('name') }).fill(NAME);
  await panel.getByRole('button', { name: T('create'), exact: true }).click();
  await page.waitForFunction(() => window.__replica?.lastToken);
  const { lastToken, lastSubmit } = await replicaState(page);
  assert.deepEqual(lastSubmit.scopes, ['vso.code']);

  // 1. The inventory entry, with expiry, and no token anywhere in extension storage.
  const entry = await waitFor(async () => (await storageLocal()).inventory?.find((e) => e.name === NAME), 'the inventory entry');
  const today = new Date().toISOString().slice(0, 10);
  assert.deepEqual(entry, {
    name: NAME,
    organization: 'contoso',
    allOrganizations: false,
    preset: 'git-read',
    scopes: ['vso.code'],
    createdDate: today,
    expiryDate: lastSubmit.expiry,
    tokenPage: TOKENS_URL,
    savedTo: [],
  });
  const everything = JSON.stringify([await storageLocal(), await storageSession()]);
  assert.ok(lastToken.length > 40);
  assert.ok(!everything.includes(lastToken), 'the token value is in extension storage');
  assert.ok(!everything.includes(lastToken.slice(0, 20)), 'part of the token value is in extension storage');

  // A content script or web page cannot write the inventory: only assistant.html may record.
  const refused = await page.evaluate(() => typeof chrome !== 'undefined' && chrome.runtime?.sendMessage ? 'reachable' : 'unreachable');
  assert.equal(refused, 'unreachable');

  // 2. Reminders: one alarm per reminder day before the expiry.
  const alarms = await ext.sw.evaluate(() => chrome.alarms.getAll());
  const expiryMs = Date.parse(`${lastSubmit.expiry}T00:00:00Z`);
  for (const d of [7, 1]) {
    const a = alarms.find((x) => x.name === `patguard-reminder|${d}|${NAME}|contoso`);
    assert.ok(a, `no ${d}-day alarm in ${JSON.stringify(alarms.map((x) => x.name))}`);
    assert.equal(a.scheduledTime, expiryMs - d * 86_400_000);
  }

  // 3. The popup lists it with days left and a link to the token page.
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  const item = popup.locator(`[data-entry="${NAME}"]`);
  await item.waitFor();
  assert.equal(await item.getAttribute('data-days'), String(lastSubmit.days));
  assert.ok((await item.textContent()).includes(`${lastSubmit.days} days left`));
  assert.equal(await item.locator('[data-link="token-page"]').getAttribute('href'), TOKENS_URL);
  assert.equal(await popup.locator('[data-patguard="inventory"] li').count(), 1);

  // 4. Import is validated in full and never partially applied.
  const before = (await storageLocal()).inventory;
  const bad = [
    ['not json', /not JSON/],
    [JSON.stringify({ format: 'other', version: 1, entries: [] }), /not a PAT Guard inventory file/],
    [JSON.stringify([{ ...entry, name: 'ok-1' }, { ...entry, name: 'leaky', token: lastToken }]), /entry 2 has the unknown field "token"/],
    [JSON.stringify([{ ...entry, name: 'ok-2' }, { ...entry, expiryDate: '2026-02-30' }]), /entry 2 .*expiryDate/],
    [JSON.stringify([entry, entry]), /appears twice/],
  ];
  for (const [text, pattern] of bad) {
    const r = await popup.evaluate((t) => globalThis.patguardPopup.importText(t), text);
    assert.equal(r.ok, false, text);
    assert.match(r.error, pattern);
    assert.match(r.error, /Nothing was changed/);
  }
  assert.deepEqual((await storageLocal()).inventory, before, 'a rejected import changed the inventory');
  // The background refuses imports that do not come from the popup.
  const successFrame = await assistantFrame(page);
  const fromFrame = await successFrame.evaluate(() => chrome.runtime.sendMessage({ type: 'inventory.import', entries: [] }));
  assert.equal(fromFrame.ok, false);

  // Forget, then import the exported file back.
  const exported = { format: 'patguard-inventory', version: 1, exported: new Date().toISOString(), entries: before };
  await item.locator('[data-action="forget"]').click();
  await popup.locator(`[data-entry="${NAME}"]`).waitFor({ state: 'detached' });
  assert.equal((await storageLocal()).inventory.length, 0);
  await waitFor(async () => !(await ext.sw.evaluate(() => chrome.alarms.getAll())).some((a) => a.name.includes(NAME)), 'alarms cleared on forget');
  const ok = await popup.evaluate((t) => globalThis.patguardPopup.importText(t), JSON.stringify(exported));
  assert.deepEqual(ok, { ok: true, message: 'Imported 1 entry.' });
  await popup.locator(`[data-entry="${NAME}"]`).waitFor();
  await waitFor(async () => (await ext.sw.evaluate(() => chrome.alarms.getAll())).some((a) => a.name === `patguard-reminder|1|${NAME}|contoso`), 'alarms back after import');

  // 5. A reminder fires (the 7-day alarm moved to "now") → a notification; its click opens the token page.
  const alarmName = `patguard-reminder|7|${NAME}|contoso`;
  await ext.sw.evaluate((n) => chrome.alarms.create(n, { when: Date.now() + 200 }), alarmName);
  const notes = await waitFor(async () => {
    const all = await ext.sw.evaluate(() => chrome.notifications.getAll());
    return all[alarmName] ? all : null;
  }, 'the reminder notification', 15_000);
  assert.ok(notes[alarmName]);
  const pagesBefore = new Set(ext.context.pages());
  const url = await ext.sw.evaluate((n) => globalThis.patguardInventory.onNotificationClicked(n), alarmName);
  assert.equal(url, TOKENS_URL);
  await waitFor(() => ext.context.pages().find((p) => !pagesBefore.has(p) && p.url() === TOKENS_URL), 'a tab on the token page');
  const after = await ext.sw.evaluate(() => chrome.notifications.getAll());
  assert.equal(after[alarmName], undefined, 'the clicked notification stays');

  // 6. The new token on the list: 30 days, a narrow preset → not flagged; the seed rows still are.
  await page.getByRole('button', { name: /close/i }).first().click().catch(() => {});
  await page.close();
  await popup.close();
});
