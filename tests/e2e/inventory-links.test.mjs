// A phishing link in an imported inventory (issue #17): an inventory file is input from
// anywhere, and its `tokenPage` becomes the popup's link and a reminder's click. Only Azure
// DevOps token pages (dev.azure.com/<org>, <org>.visualstudio.com, a registered server) may
// be linked: the import is refused whole with a message naming the entry, the background
// refuses it again, and an entry already stored with such a link yields no link and opens
// nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension } from '../support/extension.mjs';

const PHISH = 'https://dev.azure.com.login-verify.example/contoso/_usersSettings/tokens';
const GOOD = 'https://dev.azure.com/contoso/_usersSettings/tokens';
const SERVER = 'https://ado.contoso.test';
const entry = (name, tokenPage, extra = {}) => ({
  name, organization: 'contoso', allOrganizations: false, preset: null, scopes: ['vso.code'],
  createdDate: '2026-11-01', expiryDate: '2027-01-01', tokenPage, savedTo: [], ...extra,
});
const file = (entries) => JSON.stringify({ format: 'patguard-inventory', version: 1, exported: new Date().toISOString(), entries });

let ext;
let popup;
before(async () => {
  ext = await launchWithExtension();
  popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
});
after(async () => {
  await ext?.close();
});

const stored = () => ext.sw.evaluate(() => chrome.storage.local.get(['inventory']));

test('an inventory file with a look-alike token page is refused whole, by the popup and by the background', async () => {
  const text = file([entry('fine', GOOD), entry('phish', PHISH)]);
  const r = await popup.evaluate((t) => globalThis.patguardPopup.importText(t), text);
  assert.equal(r.ok, false);
  assert.match(r.error, /entry 2 "phish": tokenPage "https:\/\/dev\.azure\.com\.login-verify\.example\/contoso\/_usersSettings\/tokens" is not an Azure DevOps token page/);
  assert.match(r.error, /Nothing was changed/);
  assert.equal((await stored()).inventory, undefined, 'nothing applied, not even the valid entry');
  // The background checks again: a message that skipped the popup's validation is refused too.
  const direct = await popup.evaluate((e) => chrome.runtime.sendMessage({ type: 'inventory.import', entries: e }), [entry('phish', PHISH)]);
  assert.equal(direct.ok, false);
  assert.match(direct.error, /not an Azure DevOps token page/);
  assert.equal((await stored()).inventory, undefined);
  // A server's token page is accepted once, and only while, the server is registered.
  const serverPage = `${SERVER}/DefaultCollection/_usersSettings/tokens`;
  const refused = await popup.evaluate((t) => globalThis.patguardPopup.importText(t), file([entry('on-server', serverPage)]));
  assert.equal(refused.ok, false);
  await ext.sw.evaluate((s) => chrome.storage.local.set({ servers: [s] }), SERVER);
  const ok = await popup.evaluate((t) => globalThis.patguardPopup.importText(t), file([entry('on-server', serverPage), entry('fine', GOOD)]));
  assert.deepEqual(ok, { ok: true, message: 'Imported 2 entries.' });
  await popup.locator('[data-entry="on-server"] [data-link="token-page"]').waitFor();
  assert.equal(await popup.locator('[data-entry="on-server"] [data-link="token-page"]').getAttribute('href'), serverPage);
  assert.equal(await popup.locator('[data-entry="fine"] [data-link="token-page"]').getAttribute('href'), GOOD);
  // Removing the server removes the link (checked where it is used).
  await ext.sw.evaluate(() => chrome.storage.local.set({ servers: [] }));
  await popup.locator('[data-entry="on-server"] [data-link="token-page"]').waitFor({ state: 'detached' });
});

test('an entry already stored with a phishing link gets no popup link, and its reminder opens nothing', async () => {
  await ext.sw.evaluate((e) => chrome.storage.local.set({ inventory: [e] }), entry('stored-phish', PHISH));
  const item = popup.locator('[data-entry="stored-phish"]');
  await item.waitFor();
  assert.equal(await item.locator('a').count(), 0, 'no link at all');
  assert.equal(await popup.locator(`a[href^="https://dev.azure.com.login-verify"]`).count(), 0);

  const alarm = 'patguard-reminder|7|stored-phish|contoso';
  const pagesBefore = ext.context.pages().length;
  const url = await ext.sw.evaluate((n) => globalThis.patguardInventory.onNotificationClicked(n), alarm);
  assert.equal(url, null, 'no address for the click');
  // onNotificationClicked has finished: a tab it created would be in the context by now.
  assert.equal(ext.context.pages().length, pagesBefore, 'no tab opened');
  const tabs = await ext.sw.evaluate(() => chrome.tabs.query({}));
  assert.equal(tabs.filter((t) => (t.pendingUrl ?? t.url ?? '').includes('login-verify')).length, 0);
});
