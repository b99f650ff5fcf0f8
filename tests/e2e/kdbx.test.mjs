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
import { PAGE, dialog, replicaState } from '../support/replica-page.mjs';

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
  await frame.locator('[data-preset-id="artifacts-read"]').click();
  await frame.locator('.notice .success').waitFor();
  await panel.getByRole('textbox', { name: 'Name' }).fill(name);
  await panel.getByRole('button', { name: 'Create', exact: true }).click();
  await page.waitForFunction(() => window.__replica?.lastToken);
  return (await replicaState(page)).lastToken;
}

test('save-kdbx: an encrypted KeePass file that keepassxc-cli opens with the token, URL and expiry', async () => {
  const page = await ext.context.newPage();
  const token = await createToken(page, 'feed-restore');
  const frame = await assistantFrame(page);
  await frame.locator('[data-action="save-kdbx"]').click();
  await frame.locator('input[data-field="kdbx-password"]').fill(MASTER);
  await frame.locator('input[data-field="kdbx-password-confirm"]').fill(MASTER);
  const started = Date.now();
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    frame.locator('[data-action="kdbx-download"]').click(),
  ]);
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  console.log(`# kdbx export + download: ${Date.now() - started} ms`);
  assert.match(download.suggestedFilename(), /^azure-devops-pat-contoso-\d{4}-\d{2}-\d{2}\.kdbx$/);
  assert.ok(!download.suggestedFilename().includes(token));

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
  await frame.locator('.notice .success').waitFor();
  await page.close();
});

test('save-kdbx refuses mismatched or short master passwords without writing anything', async () => {
  const page = await ext.context.newPage();
  await createToken(page, 'mismatch');
  const frame = await assistantFrame(page);
  let downloads = 0;
  page.on('download', () => downloads++);
  await frame.locator('[data-action="save-kdbx"]').click();
  await frame.locator('input[data-field="kdbx-password"]').fill('long enough one');
  await frame.locator('input[data-field="kdbx-password-confirm"]').fill('long enough two');
  await frame.locator('[data-action="kdbx-download"]').click();
  await frame.locator('.notice .error').waitFor();
  await frame.locator('input[data-field="kdbx-password"]').fill('short');
  await frame.locator('input[data-field="kdbx-password-confirm"]').fill('short');
  await frame.locator('[data-action="kdbx-download"]').click();
  assert.match(await frame.locator('.notice .error').textContent(), /at least 8/);
  await page.waitForTimeout(500);
  assert.equal(downloads, 0);
  await page.close();
});
