// The password-manager hand-off end to end: Create on the replica, then the assistant's
// "Save to KeePass" writes an encrypted KDBX 4 file that the real keepassxc-cli opens
// with the master password, showing the token, the URL and the expiry.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchWithExtension, assistantFrame } from '../support/extension.mjs';
import { PAGE, dialog, createWithPreset } from '../support/replica-page.mjs';

const MASTER = 'correct horse battery staple';
let ext;
let dir;
before(async () => {
  execFileSync('keepassxc-cli', ['--version']); // fails loudly when the tool is missing
  ext = await launchWithExtension();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patguard-kdbx-'));
});
after(async () => {
  await ext?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const cli = (args, input = `${MASTER}\n`) =>
  execFileSync('keepassxc-cli', args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });

async function createToken(page, name) {
  await page.goto(PAGE('contoso', 'csp=strict'));
  await page.getByRole('menuitem', { name: 'New Token' }).click();
  const panel = dialog(page, 'Create a new personal access token');
  await panel.waitFor();
  const frame = await assistantFrame(page);
  return createWithPreset(page, panel, frame, { preset: 'artifacts-read', name });
}

/** Clicks the assistant's KeePass button and returns PAT Guard's own window, once it holds the entry. */
async function openVault(frame) {
  const [vault] = await Promise.all([
    ext.context.waitForEvent('page', { predicate: (p) => p.url().includes('/vault.html') }),
    frame.locator('[data-action="save-kdbx"]').click(),
  ]);
  await vault.locator('#root[data-state="ready"]').waitFor();
  return vault;
}

/** Counts key presses that reach the web page or the assistant frame (capture phase, every world they run in). */
async function countKeys(target) {
  await target.evaluate(() => {
    window.__pgKeys = 0;
    addEventListener('keydown', () => window.__pgKeys++, true);
    addEventListener('input', () => window.__pgKeys++, true);
  });
}

test('save-kdbx: the master password is asked in PAT Guard\'s own window, never in the page\'s frame; keepassxc-cli opens the file', async () => {
  const page = await ext.context.newPage();
  const token = await createToken(page, 'feed-restore');
  const frame = await assistantFrame(page);
  await countKeys(page);
  await countKeys(frame);
  const vault = await openVault(frame);
  // An extension page in a window of its own, not a frame of dev.azure.com.
  assert.ok(vault.url().startsWith(`chrome-extension://${ext.extensionId}/vault.html#`), vault.url());
  assert.ok(!page.frames().some((f) => f.url().includes('/vault.html')), 'the vault is not inside the web page');
  assert.equal(await frame.locator('input[type="password"]').count(), 0, 'the assistant frame has no password field');
  await frame.locator('[data-vault="waiting"][data-format="kdbx"]').waitFor();
  // The web page cannot load the vault page (it is not web-accessible).
  const loaded = await page.evaluate((url) => fetch(url).then(() => 'loaded', () => 'blocked'), vault.url().split('#')[0]);
  assert.equal(loaded, 'blocked');
  assert.match(await vault.locator('#entry-title').textContent(), /feed-restore \(Azure DevOps contoso\)/);

  await vault.locator('#password').pressSequentially(MASTER);
  await vault.locator('[data-strength="strong"]').waitFor();
  await vault.locator('#confirm').fill(MASTER);
  const started = Date.now();
  const [download] = await Promise.all([vault.waitForEvent('download', { timeout: 30_000 }), vault.locator('#save').click()]);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  console.log(`# kdbx export + download: ${Date.now() - started} ms`);
  assert.match(download.suggestedFilename(), /^azure-devops-pat-contoso-\d{4}-\d{2}-\d{2}\.kdbx$/);
  assert.ok(!download.suggestedFilename().includes(token));
  await vault.locator('#root[data-state="saved"]').waitFor();
  assert.equal(await vault.locator('#password').inputValue(), '', 'the window drops the password once done');
  // The assistant reports the window's result.
  await frame.locator('.notice .success').waitFor();
  assert.deepEqual([await page.evaluate(() => window.__pgKeys), await frame.evaluate(() => window.__pgKeys)], [0, 0], 'a key press reached the page or its frame');

  const listing = cli(['ls', '-R', '-f', file]);
  const title = 'feed-restore (Azure DevOps contoso)';
  assert.match(listing, new RegExp(`Azure DevOps/\\s*\\n?.*${title.replace(/[()]/g, '\\$&')}`, 's'));
  const entry = `Azure DevOps/${title}`;
  const password = cli(['show', '-q', '-s', '-a', 'Password', file, entry]).trim();
  assert.equal(password === token, true, 'the stored password is the token');
  assert.equal(cli(['show', '-q', '-a', 'URL', file, entry]).trim(), 'https://dev.azure.com/contoso');
  const xml = cli(['export', '-q', '-f', 'xml', file]);
  assert.match(xml, /<Expires>True<\/Expires>/);
  assert.match(xml, /<ExpiryTime>/);
  assert.match(xml, /azure-devops-pat/);
  assert.throws(() => cli(['show', '-q', file, entry], 'wrong password\n'));
  await vault.close();
  await page.close();
});

test('save-kdbx refuses weak, short or mismatched master passwords without writing anything, and says so', async () => {
  const page = await ext.context.newPage();
  await createToken(page, 'mismatch');
  const frame = await assistantFrame(page);
  const vault = await openVault(frame);
  // The window's nonce was good once: a second copy of the same URL gets nothing.
  const replay = await ext.context.newPage();
  await replay.goto(vault.url());
  await replay.locator('#root[data-state="expired"]').waitFor();
  assert.equal(await replay.locator('#form').isHidden(), true);
  await replay.close();
  let downloads = 0;
  vault.on('download', () => downloads++);
  const attempt = async (password, confirm) => {
    await vault.locator('#password').fill(password);
    await vault.locator('#confirm').fill(confirm);
    await vault.locator('#save').click();
    const error = await vault.waitForFunction(() => {
      const e = document.getElementById('error');
      const text = e.textContent;
      e.textContent = '';
      return text || false;
    });
    return error.jsonValue();
  };
  // Long enough but guessable: zxcvbn's score and advice are shown, and the save is refused.
  assert.match(await attempt('password1234', 'password1234'), /easy to guess/);
  assert.equal(await vault.locator('#strength-text').getAttribute('data-strength'), 'weak');
  assert.ok(Number(await vault.locator('#strength-text').getAttribute('data-score')) < 3);
  assert.ok((await vault.locator('#advice li').count()) > 0, 'zxcvbn advice is shown');
  // The token's own organization and name count as known words.
  assert.match(await attempt('mismatchcontoso', 'mismatchcontoso'), /easy to guess/);
  assert.match(await attempt('short', 'short'), /at least 8 characters/);
  assert.match(await attempt('long enough one 83!', 'long enough two 83!'), /differ/);
  assert.equal(downloads, 0);
  // Cancelling closes the hand-off; the assistant says no file was written.
  await vault.locator('#cancel').click();
  assert.match(await frame.locator('.notice .error').textContent(), /no file was written/);
  assert.equal(downloads, 0);
  await page.close();
});
