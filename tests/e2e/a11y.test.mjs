// Accessibility (issue #9): axe-core on every surface PAT Guard renders — the assistant in
// the create panel (a finding and the preset list), on the success view and on the list
// page, the create gate, the options page and the popup — in light and dark theme, PAT
// Guard's vault window (the KeePass form and an import file's confirmation), and a keyboard
// walk through the assistant. Zero violations; each one is printed when failing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { launchWithExtension, assistantFrame } from '../support/extension.mjs';
import { PAGE, dialog } from '../support/replica-page.mjs';
import { askForImportFile } from '../support/vault-window.mjs';
import pageTexts from '../../src/core/data/ado-page-texts.json' with { type: 'json' };

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const T = (key, lang = 'en') => pageTexts.texts[key][lang];

let ext;
before(async () => {
  ext = await launchWithExtension();
});
after(async () => {
  await ext?.close();
});

/**
 * Runs axe in a page or frame (CDP evaluation is not bound by the extension's CSP).
 * The assistant is a frame inside Azure DevOps' panel, not a page: its title is an h2 under
 * the panel's own heading, so the page-level rule "page-has-heading-one" (which axe applies
 * to top-level documents only when run from the top) is off for frames.
 */
async function axe(target, label) {
  const isFrame = typeof target.parentFrame === 'function' && target.parentFrame() !== null;
  await target.evaluate(AXE);
  const result = await target.evaluate(async (isFrame) => {
    const rules = isFrame ? { 'page-has-heading-one': { enabled: false } } : {};
    const r = await globalThis.axe.run(document, { resultTypes: ['violations'], rules });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  }, isFrame);
  const text = result
    .map((v) => `${label}: ${v.id} (${v.impact}) ${v.help}\n${v.nodes.map((n) => `    ${n.target}\n      ${n.summary.replace(/\n/g, '\n      ')}`).join('\n')}`)
    .join('\n');
  assert.equal(result.length, 0, `axe violations\n${text}`);
}

async function openPanel({ lang = 'en', theme = 'light' } = {}) {
  const page = await ext.context.newPage();
  await page.goto(PAGE('contoso', `lang=${lang}${theme === 'dark' ? '&theme=dark' : ''}`));
  await page.getByRole('menuitem', { name: T('new_token', lang) }).click();
  const panel = dialog(page, T('create_title', lang));
  await panel.waitFor();
  const frame = await assistantFrame(page);
  return { page, panel, frame };
}

/** The success view replaces the frame; a mouse click at the button, as Playwright waits on the detaching frame. */
async function mouseClick(page, locator) {
  const box = await locator.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

for (const theme of ['light', 'dark']) {
  test(`assistant in the create panel: form with a finding and the preset list (${theme})`, async () => {
    const { page, panel, frame } = await openPanel({ theme });
    assert.equal(await frame.locator('[data-patguard="assistant"]').getAttribute('data-theme'), theme);
    await panel.getByRole('radio', { name: T('full_access') }).click();
    await frame.locator('[data-finding="full-access"]').waitFor();
    await frame.locator('[data-preset-id]').first().waitFor();
    await axe(frame, `panel/${theme}`);
    await page.close();
  });

  test(`assistant: the gate dialog open (${theme})`, async () => {
    const { page, panel, frame } = await openPanel({ theme });
    await panel.getByRole('textbox', { name: T('name') }).fill('a11y-gate');
    await panel.getByRole('radio', { name: T('full_access') }).click();
    await frame.locator('[data-finding="full-access"]').waitFor();
    await panel.getByRole('button', { name: T('create'), exact: true }).click();
    await frame.locator('[data-patguard="gate"]').waitFor();
    await axe(frame, `gate/${theme}`);
    await page.close();
  });

  test(`assistant on the success view after Create (${theme})`, async () => {
    const { page, panel, frame } = await openPanel({ theme });
    await frame.locator('[data-preset-id="build-read"]').click();
    await frame.locator('.notice .success').waitFor({ timeout: 30_000 });
    await panel.getByRole('textbox', { name: T('name') }).fill('a11y-success');
    await panel.getByRole('button', { name: T('create'), exact: true }).click();
    const success = await assistantFrame(page);
    await success.locator('[data-action="secure-copy"]').waitFor();
    await axe(success, `success/${theme}`);
    await page.close();
  });

  test(`assistant on the list page: the audit (${theme})`, async () => {
    const page = await ext.context.newPage();
    await page.goto(PAGE('contoso', `lang=en${theme === 'dark' ? '&theme=dark' : ''}`));
    const frame = await assistantFrame(page);
    await frame.locator('[data-patguard="audit"]').waitFor();
    await axe(frame, `audit/${theme}`);
    await page.close();
  });
}

test('vault window: the KeePass form and an import file\'s confirmation', async () => {
  const { page, panel, frame } = await openPanel();
  await frame.locator('[data-preset-id="build-read"]').click();
  await frame.locator('.notice .success').waitFor({ timeout: 30_000 });
  await panel.getByRole('textbox', { name: T('name') }).fill('a11y-vault');
  await panel.getByRole('button', { name: T('create'), exact: true }).click();
  const success = await assistantFrame(page);
  const [kdbx] = await Promise.all([
    ext.context.waitForEvent('page', { predicate: (p) => p.url().includes('/vault.html') }),
    success.locator('[data-action="save-kdbx"]').click(),
  ]);
  await kdbx.locator('#root[data-state="ready"]').waitFor();
  await axe(kdbx, 'vault/kdbx');
  await kdbx.close(); // the assistant hears "closed" and lets the next hand-off start
  const { vault, confirm } = await askForImportFile(ext.context, success, 'keepass-xml', 'KeePass (.xml)');
  assert.equal(await vault.evaluate(() => document.activeElement?.id), 'file', 'the confirmation has the focus');
  assert.equal(await confirm.getAttribute('aria-describedby'), 'file-warning');
  await axe(vault, 'vault/import-file');
  await vault.close();
  await page.close();
});

test('options page', async () => {
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/options.html`);
  await page.locator('[data-patguard="options"][data-state="ready"]').waitFor();
  await axe(page, 'options');
  await page.close();
});

test('popup, empty and with entries', async () => {
  await ext.sw.evaluate(() => chrome.storage.local.remove('inventory'));
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  await page.locator('#empty').waitFor();
  await axe(page, 'popup/empty');
  await ext.sw.evaluate(() => chrome.storage.local.set({ inventory: [
    { name: 'nightly', organization: 'contoso', preset: 'build-read', scopes: ['vso.build'], createdDate: '2026-11-01', expiryDate: '2026-12-01', savedTo: [] },
    { name: 'old', organization: 'contoso', scopes: ['vso.code'], createdDate: '2026-01-01', expiryDate: '2026-02-01', savedTo: [] },
  ] }));
  await page.reload();
  await page.locator('[data-entry]').first().waitFor();
  await axe(page, 'popup/entries');
  await page.close();
  await ext.sw.evaluate(() => chrome.storage.local.remove('inventory'));
});

/** Focuses `start`, then presses Tab (or Shift+Tab) until focus leaves the frame; returns each stop with its accessible name. */
async function tabWalk(page, frame, start, { reverse = false, max = 80 } = {}) {
  await frame.evaluate(AXE);
  await start.focus();
  const stops = [];
  for (let i = 0; i < max; i++) {
    const stop = await frame.evaluate(() => {
      const el = document.activeElement;
      if (!document.hasFocus() || !el || el === document.body) return null;
      globalThis.axe.setup(document);
      const name = globalThis.axe.commons.text.accessibleText(el).trim();
      globalThis.axe.teardown();
      const action = el.getAttribute('data-action');
      const id = action ?? (el.getAttribute('data-preset-id') ? `preset:${el.getAttribute('data-preset-id')}` : el.getAttribute('data-field') ?? el.tagName.toLowerCase());
      return { id, action, code: el.getAttribute('data-code'), tag: el.tagName.toLowerCase(), name, inCalculator: !!el.closest('[data-patguard="calculator"]') };
    });
    if (!stop) break;
    stops.push(stop);
    await page.keyboard.press(reverse ? 'Shift+Tab' : 'Tab');
  }
  return stops;
}

const unnamed = (stops) => stops.filter((s) => !s.name).map((s) => s.id);

test('keyboard: from the search box, Tab reaches the presets; Shift+Tab the findings\' fixes; the success actions in order; every stop is named', async () => {
  const { page, panel, frame } = await openPanel();
  await panel.getByRole('radio', { name: T('full_access') }).click();
  await frame.locator('[data-finding="full-access"] [data-action="fix"]').waitFor();
  const search = frame.locator('[data-field="preset-search"]');

  const forward = await tabWalk(page, frame, search);
  assert.equal(forward[0].id, 'preset-search');
  const presetStops = forward.filter((s) => s.id.startsWith('preset:')).map((s) => s.id.slice(7));
  const domPresets = await frame.locator('[data-preset-id]:visible').evaluateAll((els) => els.map((e) => e.getAttribute('data-preset-id')));
  assert.ok(presetStops.length >= 20, `only ${presetStops.length} preset buttons reached`);
  assert.deepEqual(presetStops, domPresets.slice(0, presetStops.length), 'presets are reached in reading order');
  assert.deepEqual(unnamed(forward), [], 'every control after the search box has an accessible name');

  // The findings sit above the scope calculator and the preset list, so only the calculator's
  // controls come between them and the search box.
  const backward = await tabWalk(page, frame, search, { reverse: true });
  const fixes = backward.filter((s) => s.action === 'fix').map((s) => s.code);
  assert.ok(fixes.includes('full-access'), `Shift+Tab from the search box reaches no fix button: ${backward.map((s) => s.id)}`);
  const fixAt = backward.findIndex((s) => s.action === 'fix');
  assert.ok(backward.slice(1, fixAt).some((s) => s.inCalculator), `the calculator lies between the fixes and the search box: ${backward.map((s) => s.id)}`);
  assert.ok(backward.slice(1, fixAt).every((s) => s.action === 'fix' || s.tag === 'a' || s.id === 'preset-search' || s.inCalculator), `only findings and the calculator lie between the fixes and the search box: ${backward.map((s) => s.id)}`);
  assert.equal(backward.at(-1).action, 'copy-report', 'the header comes first');
  assert.deepEqual(unnamed(backward), []);

  // A fix is operable from the keyboard: Enter on it removes its finding.
  await frame.locator('[data-finding="full-access"] [data-action="fix"]').focus();
  await page.keyboard.press('Enter');
  await frame.locator('[data-finding="full-access"]').waitFor({ state: 'detached', timeout: 30_000 });

  // The success view: secure copy first, then the password-manager actions; all named.
  await frame.locator('[data-preset-id="build-read"]').focus();
  await page.keyboard.press('Enter');
  await frame.locator('.notice .success').waitFor({ timeout: 30_000 });
  await panel.getByRole('textbox', { name: T('name') }).fill('a11y-keyboard');
  await panel.getByRole('button', { name: T('create'), exact: true }).click();
  const success = await assistantFrame(page);
  await success.locator('[data-action="secure-copy"]').waitFor();
  const stops = await tabWalk(page, success, success.locator('[data-action="copy-report"]'));
  const actions = stops.map((s) => s.id);
  const copyAt = actions.indexOf('secure-copy');
  assert.ok(copyAt > 0, `secure copy not reached: ${actions}`);
  const kdbxAt = actions.indexOf('kdbx-download');
  if (kdbxAt >= 0) assert.ok(copyAt < kdbxAt, `secure copy comes before the KeePass file: ${actions}`);
  assert.deepEqual(unnamed(stops), [], `unnamed controls on the success view: ${JSON.stringify(stops)}`);
  await page.close();
});
