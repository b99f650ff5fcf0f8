// Locales (issue #9): every __MSG_ key the manifest names exists in en and de with the same
// keys; the toolbar title and the popup follow the browser's UI language (German for de-DE).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launchWithExtension, EXT_DIR } from '../support/extension.mjs';

const read = (file) => JSON.parse(fs.readFileSync(path.join(EXT_DIR, file), 'utf8'));

test('the manifest\'s texts are all messages, and en and de carry the same keys', () => {
  const manifest = fs.readFileSync(path.join(EXT_DIR, 'manifest.json'), 'utf8');
  const keys = [...manifest.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(keys)].sort(), ['actionTitle', 'extDescription', 'extName']);
  const en = read('_locales/en/messages.json');
  const de = read('_locales/de/messages.json');
  assert.deepEqual(Object.keys(de).sort(), Object.keys(en).sort());
  for (const k of keys) assert.ok(en[k]?.message && de[k]?.message, k);
  for (const [k, v] of Object.entries(de)) {
    // Same substitutions in both languages.
    assert.deepEqual([...v.message.matchAll(/\$\d/g)].map(String).sort(), [...en[k].message.matchAll(/\$\d/g)].map(String).sort(), k);
  }
});

const ENTRY = (name, expiryDate) => ({
  name, organization: 'contoso', preset: 'build-read', scopes: ['vso.build'], createdDate: '2026-11-01', expiryDate, savedTo: [],
});
const inDays = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

for (const [locale, expect] of [
  ['de-DE', { lang: 'de', title: 'PAT Guard: Ihre Token', h1: 'Ihre Azure DevOps-Token', export: 'Inventar exportieren (.json)', forget: 'Vergessen', left: 'noch 10 Tage', meta: /Vorlage build-read · läuft ab am .* · Tokenseite/ }],
  ['en-US', { lang: 'en', title: 'PAT Guard: your tokens', h1: 'Your Azure DevOps tokens', export: 'Export inventory (.json)', forget: 'Forget', left: '10 days left', meta: /preset build-read · expires .* · token page/ }],
]) {
  test(`popup and toolbar title in ${locale}`, async () => {
    const ext = await launchWithExtension({ locale });
    try {
      assert.equal(await ext.sw.evaluate(() => chrome.action.getTitle({})), expect.title);
      await ext.sw.evaluate((inv) => chrome.storage.local.set({ inventory: inv }), [ENTRY('nightly', inDays(10))]);
      const page = await ext.context.newPage();
      await page.goto(`chrome-extension://${ext.extensionId}/popup.html`);
      await page.locator('[data-entry="nightly"]').waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), expect.lang);
      assert.equal(await page.title(), expect.title);
      assert.equal(await page.locator('h1').textContent(), expect.h1);
      assert.equal(await page.locator('#export').textContent(), expect.export);
      const item = page.locator('[data-entry="nightly"]');
      assert.equal(await item.locator('.days').textContent(), expect.left);
      assert.match(await item.locator('.meta').textContent(), expect.meta);
      assert.equal(await item.locator('[data-action="forget"]').textContent(), expect.forget);
      const r = await page.evaluate(() => globalThis.patguardPopup.importText('{'));
      assert.match(r.error, expect.lang === 'de' ? /^Import fehlgeschlagen: Die Datei ist kein JSON/ : /^Import failed: the file is not JSON/);
    } finally {
      await ext.close();
    }
  });
}
