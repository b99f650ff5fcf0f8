// Rotation and revocation (issue #8) end to end: the list-page audit marks the replica's
// expired, expiring and global rows; a token created with a preset lands in the inventory
// (metadata only — the token value is nowhere in extension storage); the popup lists it,
// exports and imports it (all or nothing) and forgets it; a reminder alarm raises a
// notification whose click opens the organization's token page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension, assistantFrame } from '../support/extension.mjs';
import { PAGE, dialog, replicaState, regenerateRow } from '../support/replica-page.mjs';
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

async function waitFor(fn, what, timeout = 30_000) {
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
  await frame.locator('.notice .success').waitFor({ timeout: 30_000 });
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
  // Days left as of the popup's today: the token was created moments ago, possibly before
  // midnight UTC, when the replica counted one day more.
  const daysLeftNow = Math.round(expiryMs / 86_400_000) - Math.floor(Date.now() / 86_400_000);
  assert.ok([lastSubmit.days, lastSubmit.days - 1].includes(daysLeftNow));
  assert.equal(await item.getAttribute('data-days'), String(daysLeftNow));
  assert.ok((await item.textContent()).includes(`${daysLeftNow} days left`));
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
  // The token page, with the row to rotate named for the list assistant.
  const rotateUrl = `${TOKENS_URL}#patguard-rotate=${NAME}`;
  assert.equal(url, rotateUrl);
  await waitFor(() => ext.context.pages().find((p) => !pagesBefore.has(p) && p.url() === rotateUrl), 'a tab on the token page');
  const after = await ext.sw.evaluate(() => chrome.notifications.getAll());
  assert.equal(after[alarmName], undefined, 'the clicked notification stays');

  // 6. The new token on the list: 30 days, a narrow preset → not flagged; the seed rows still are.
  await page.getByRole('button', { name: /close/i }).first().click().catch(() => {});
  await page.close();
  await popup.close();
});

// Regenerate and rotate (issue #8 leftovers). The replica's regenerate keeps the token's
// lifetime; seeded rows are put in the inventory by hand where a test needs what it knows.
const DAY = 86_400_000;
const isoDay = (offset = 0) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
const seedEntry = (name, fromDays, toDays, extra = {}) => ({
  name,
  organization: 'contoso',
  allOrganizations: false,
  preset: 'artifacts-publish',
  scopes: ['vso.packaging_write'],
  createdDate: isoDay(fromDays),
  expiryDate: isoDay(toDays),
  tokenPage: TOKENS_URL,
  savedTo: [],
  ...extra,
});
const setInventory = (entries) => ext.sw.evaluate((e) => chrome.storage.local.set({ inventory: e }), entries);

async function regenerate(page, name) {
  await page.goto(PAGE('contoso'));
  const list = await assistantFrame(page, { state: 'ready' });
  await regenerateRow(page, list, name, T);
  await page.getByRole('dialog').filter({ hasText: T('regenerated_text') }).waitFor();
  await page.waitForFunction(() => window.__replica?.lastToken);
  return replicaState(page);
}

test('regenerate a seeded token → its inventory entry gets the new dates (same lifetime), no token value stored', async () => {
  await setInventory([seedEntry('nuget-publish', -27, 3, { savedTo: [] })]);
  const page = await ext.context.newPage();
  const state = await regenerate(page, 'nuget-publish');
  const listed = state.tokens.find((t) => t.name === 'nuget-publish');
  assert.equal(listed.expiry, isoDay(30), 'the replica keeps the 30-day lifetime');
  const entry = await waitFor(async () => (await storageLocal()).inventory?.find((e) => e.name === 'nuget-publish' && e.createdDate === isoDay(0)), 'the updated entry');
  assert.deepEqual(entry, seedEntry('nuget-publish', 0, 30));
  assert.equal((await storageLocal()).inventory.length, 1, 'updated, not added');
  const everything = JSON.stringify([await storageLocal(), await storageSession()]);
  assert.ok(!everything.includes(state.lastToken), 'the token value is in extension storage');
  const frame = await assistantFrame(page);
  assert.match(await frame.locator('.notice').textContent(), /30-day lifetime/);
  await page.close();
});

test('regenerate a token the inventory does not know → recorded with today, expiry unknown and said so', async () => {
  await setInventory([]);
  const page = await ext.context.newPage();
  const state = await regenerate(page, 'build-agent-2025');
  const entry = await waitFor(async () => (await storageLocal()).inventory?.find((e) => e.name === 'build-agent-2025'), 'the new entry');
  assert.equal(entry.createdDate, isoDay(0));
  assert.equal(entry.expiryDate, null);
  assert.equal(entry.organization, 'contoso');
  const frame = await assistantFrame(page);
  assert.match(await frame.locator('.notice').textContent(), /expiry date is unknown/);
  assert.ok(!JSON.stringify(await storageLocal()).includes(state.lastToken));
  await page.close();
  await setInventory([]);
});

test('rotate the expiring row: the create panel gets the preset and <name>-<yyyy-mm>; Create → new entry, old one marked rotated', async () => {
  await setInventory([seedEntry('nuget-publish', -27, 3)]);
  const page = await ext.context.newPage();
  // As a reminder's click opens it: the row named in the fragment is highlighted.
  await page.goto(`${PAGE('contoso')}#patguard-rotate=nuget-publish`);
  const list = await assistantFrame(page, { state: 'ready' });
  await list.locator('[data-audit-row="nuget-publish"][data-highlight="true"]').waitFor();
  assert.equal(await list.locator('[data-highlight]').count(), 1);
  const newName = `nuget-publish-${isoDay(0).slice(0, 7)}`;
  await list.locator('[data-action="rotate"][data-name="nuget-publish"]').click();

  const panel = dialog(page, T('create_title'));
  await panel.waitFor();
  const frame = await assistantFrame(page);
  await frame.locator('.notice .success').filter({ hasText: 'Rotate' }).waitFor({ timeout: 30_000 });
  assert.equal(await panel.getByRole('textbox', { name: T('name') }).inputValue(), newName);
  // Nothing but New Token was clicked on the list: nothing revoked, no token minted yet.
  let state = await replicaState(page);
  assert.deepEqual(state.revoked, []);
  assert.equal(state.lastToken, null);
  await panel.getByRole('button', { name: T('create'), exact: true }).click();
  await page.waitForFunction(() => window.__replica?.lastToken);
  state = await replicaState(page);
  assert.equal(state.lastSubmit.name, newName);
  assert.deepEqual(state.lastSubmit.scopes, ['vso.packaging_write']);
  assert.equal(state.lastSubmit.days, 30);

  const inv = await waitFor(async () => {
    const all = (await storageLocal()).inventory ?? [];
    return all.some((e) => e.name === newName) && all.some((e) => e.name === 'nuget-publish' && e.rotatedTo) ? all : null;
  }, 'the new entry and the rotated mark');
  const fresh = inv.find((e) => e.name === newName);
  assert.equal(fresh.preset, 'artifacts-publish');
  assert.deepEqual(fresh.scopes, ['vso.packaging_write']);
  assert.equal(fresh.createdDate, isoDay(0));
  assert.equal(fresh.expiryDate, state.lastSubmit.expiry);
  assert.equal(fresh.rotatedTo, undefined);
  const old = inv.find((e) => e.name === 'nuget-publish');
  assert.deepEqual(old, seedEntry('nuget-publish', -27, 3, { rotatedTo: newName, rotatedOn: isoDay(0) }));
  assert.equal(inv.length, 2, 'the old entry is kept');
  assert.ok(!JSON.stringify(inv).includes(state.lastToken));
  // A rotated entry gets no more reminders; its successor does.
  await ext.sw.evaluate(() => globalThis.patguardInventory.reschedule());
  const alarms = (await ext.sw.evaluate(() => chrome.alarms.getAll())).map((a) => a.name);
  assert.ok(!alarms.some((n) => n.includes('|nuget-publish|')), JSON.stringify(alarms));
  assert.ok(alarms.some((n) => n.includes(`|${newName}|`)), JSON.stringify(alarms));
  await page.close();
  await setInventory([]);
});
