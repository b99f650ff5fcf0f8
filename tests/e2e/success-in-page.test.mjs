// A new token shown by the page itself, with no panel or dialog at all (issue #14): the
// replica's ?success=inline (a card above the token list) and ?success=page (a section
// that replaces the list). The core recognises the success view by the token alone and
// names the region holding it; the agent mounts the assistant there. Secure copy, the
// KeePass hand-off and the inventory record then work as in the panel.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchWithExtension, assistantFrame } from '../support/extension.mjs';
import { PAGE, dialog, createWithPreset, replicaState, regenerateRow } from '../support/replica-page.mjs';
import pageData from '../replica/src/page-data.json' with { type: 'json' };

const T = (key) => pageData.texts[key].en;
const MASTER = 'correct horse battery staple';

let ext;
let dir;
before(async () => {
  execFileSync('keepassxc-cli', ['--version']); // fails loudly when the tool is missing
  ext = await launchWithExtension();
  await ext.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://dev.azure.com' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patguard-inpage-'));
});
after(async () => {
  await ext?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const storageLocal = () => ext.sw.evaluate(() => chrome.storage.local.get(null));

/** The inventory entry named `name`, once the background has written it (storage.onChanged). */
const inventoryEntry = (name) =>
  ext.sw.evaluate(
    (wanted) =>
      new Promise((resolve) => {
        const check = async () => {
          const got = (await chrome.storage.local.get('inventory')).inventory?.find((e) => e.name === wanted);
          if (!got) return;
          chrome.storage.onChanged.removeListener(onChange);
          resolve(got);
        };
        const onChange = (changes, area) => {
          if (area === 'local' && changes.inventory) check();
        };
        chrome.storage.onChanged.addListener(onChange);
        check();
      }),
    name,
  );

/** Opens the variant, creates a token through a preset, and returns it with the page. */
async function createShownInPage(variant, name) {
  const page = await ext.context.newPage();
  await page.goto(PAGE('contoso', `success=${variant}&csp=strict`));
  await page.getByRole('menuitem', { name: T('new_token') }).click();
  const panel = dialog(page, T('create_title'));
  await panel.waitFor();
  const frame = await assistantFrame(page);
  const token = await createWithPreset(page, panel, frame, { preset: 'git-read', name });
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  return { page, token };
}

/**
 * Waits until the agent has put the assistant just before the page element holding the
 * token's read-only field and its copy button, and returns that frame once it shows the
 * success view.
 */
async function frameBesideToken(page, token) {
  await page.waitForFunction(
    (t) => {
      const host = document.querySelector('[data-patguard="host"]');
      const region = host?.nextElementSibling;
      return !!region && [...region.querySelectorAll('input[readonly]')].some((i) => i.value === t) && !!region.querySelector('[aria-label="Copy to clipboard"]');
    },
    token,
    { polling: 'raf' },
  );
  let frame = null;
  for (const f of page.frames()) {
    if (!f.url().includes('/assistant.html') || f.isDetached()) continue;
    const mounted = await f
      .frameElement()
      .then((el) => el.evaluate((e) => e.getRootNode().host?.getAttribute('data-patguard') === 'host'))
      .catch(() => false);
    if (mounted) frame = f;
  }
  assert.ok(frame, 'no assistant frame in the mounted host');
  await frame.locator('[data-patguard="assistant"][data-view="success"][data-state="ready"]').waitFor({ timeout: 30_000 });
  return frame;
}

async function secureCopy(page, frame, token) {
  await frame.locator('[data-action="secure-copy"]').click();
  // The assistant says "copied" once the background has written the clipboard.
  await frame.locator('[data-clipboard="copied"]').waitFor({ timeout: 30_000 });
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), token, 'the clipboard holds exactly the token');
}

test('a token shown in a card above the list: the assistant mounts beside it; secure copy, KeePass and the inventory work', async () => {
  const name = 'inpage-inline';
  const { page, token } = await createShownInPage('inline', name);
  const frame = await frameBesideToken(page, token);
  assert.equal(await page.getByRole('dialog').count(), 0, 'no panel or dialog is open');
  assert.equal(await page.getByRole('grid').count(), 1, 'the list is still shown below');
  assert.equal(
    await page.evaluate(() => !!document.querySelector('[data-patguard="host"]').closest('.pat-inpage-success')),
    true,
    'mounted inside the card that shows the token, not above the list',
  );
  // The same extension frame as in a panel: the page cannot reach it through the host.
  assert.equal(await page.evaluate(() => document.querySelector('[data-patguard="host"]').shadowRoot), null);

  // The inventory record: metadata of the form the preset filled, never the token.
  const { lastSubmit } = await replicaState(page);
  const entry = await inventoryEntry(name);
  assert.deepEqual(
    { name: entry.name, organization: entry.organization, preset: entry.preset, scopes: entry.scopes, expiryDate: entry.expiryDate },
    { name, organization: 'contoso', preset: 'git-read', scopes: ['vso.code'], expiryDate: lastSubmit.expiry },
  );
  assert.ok(!JSON.stringify(await storageLocal()).includes(token.slice(0, 20)), 'the token is in extension storage');

  await secureCopy(page, frame, token);

  // The KeePass hand-off: PAT Guard's own window opens with the entry, and the file it
  // writes holds the token (read back with the real keepassxc-cli).
  const [vault] = await Promise.all([
    ext.context.waitForEvent('page', { predicate: (p) => p.url().includes('/vault.html') }),
    frame.locator('[data-action="save-kdbx"]').click(),
  ]);
  await vault.locator('#root[data-state="ready"]').waitFor();
  assert.ok(vault.url().startsWith(`chrome-extension://${ext.extensionId}/vault.html#`), vault.url());
  const title = `${name} (Azure DevOps contoso)`;
  assert.equal((await vault.locator('#entry-title').textContent()).trim(), title);
  await vault.locator('#password').fill(MASTER);
  await vault.locator('#confirm').fill(MASTER);
  const [download] = await Promise.all([vault.waitForEvent('download', { timeout: 60_000 }), vault.locator('#save').click()]);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  await vault.locator('#root[data-state="saved"]').waitFor();
  const stored = execFileSync('keepassxc-cli', ['show', '-q', '-s', '-a', 'Password', file, `Azure DevOps/${title}`], {
    input: `${MASTER}\n`,
    encoding: 'utf8',
  }).trim();
  assert.equal(stored === token, true, 'the KeePass entry holds the token');
  await frame.locator('.notice .success').waitFor();
  await vault.close();
  await page.close();
});

test('a token shown in a section that replaces the list: the hidden frame finds it, and the assistant goes back above the list after Close', async () => {
  const name = 'inpage-page';
  const { page, token } = await createShownInPage('page', name);
  const frame = await frameBesideToken(page, token);
  assert.equal(await page.getByRole('dialog').count(), 0, 'no panel or dialog is open');
  assert.equal(await page.getByRole('grid').count(), 0, 'the list is not shown');
  assert.equal(await page.locator('[data-patguard="scout"]').count(), 0, 'no hidden frame is left');

  const entry = await inventoryEntry(name);
  assert.deepEqual(entry.scopes, ['vso.code']);
  await secureCopy(page, frame, token);

  // The page puts the list back: the core names no region any more, and the assistant
  // goes back above the table.
  await page.locator('.pat-inpage-success').getByRole('button', { name: T('close'), exact: true }).click();
  await page.waitForFunction(() => document.querySelector('[data-patguard="host"]')?.nextElementSibling?.getAttribute('role') === 'grid', null, {
    polling: 'raf',
  });
  const list = await assistantFrame(page, { state: 'ready' });
  await list.locator('[data-patguard="assistant"][data-view="list"]').waitFor({ timeout: 30_000 });
  await page.close();
});

test('Regenerate with the new token shown in the page: the assistant beside it records the regenerate', async () => {
  const page = await ext.context.newPage();
  await page.goto(PAGE('contoso', 'success=inline'));
  const list = await assistantFrame(page, { state: 'ready' });
  await regenerateRow(page, list, 'nuget-publish', T);
  await page.waitForFunction(() => window.__replica?.lastToken);
  const token = (await replicaState(page)).lastToken;
  const frame = await frameBesideToken(page, token);
  assert.equal(await page.getByRole('dialog').count(), 0, 'no panel or dialog is open');
  await frame.getByText(/regenerated: recorded in the inventory/).waitFor({ timeout: 30_000 });
  await secureCopy(page, frame, token);
  await page.close();
});
