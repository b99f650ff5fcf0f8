// The unencrypted import files (Bitwarden JSON, 1Password CSV, KeePass XML) are written only
// after a confirmation that says so (threat model). For each format: the click opens the
// confirmation, which names the risk; Cancel closes it and nothing is downloaded; "I
// understand, download" downloads one file. (The files' contents: tests/e2e/kdbx.test.mjs and
// the core's vault tests.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension, assistantFrame } from '../support/extension.mjs';
import { PAGE, dialog, replicaState } from '../support/replica-page.mjs';

let ext;
before(async () => {
  ext = await launchWithExtension();
});
after(async () => {
  await ext?.close();
});

const FORMATS = ['bitwarden-json', '1password-csv', 'keepass-xml'];

test('each import file asks first, says it is not encrypted, and downloads only after "I understand"', async () => {
  const page = await ext.context.newPage();
  await page.goto(PAGE('contoso', 'csp=strict'));
  await page.getByRole('menuitem', { name: 'New Token' }).click();
  const panel = dialog(page, 'Create a new personal access token');
  await panel.waitFor();
  let frame = await assistantFrame(page);
  await frame.locator('[data-preset-id="artifacts-read"]').click();
  await frame.locator('.notice .success').waitFor();
  await panel.getByRole('textbox', { name: 'Name' }).fill('import-files-2026-11');
  await panel.getByRole('button', { name: 'Create', exact: true }).click();
  await page.waitForFunction(() => window.__replica?.lastToken);
  const token = (await replicaState(page)).lastToken;
  frame = await assistantFrame(page);
  await frame.locator('[data-patguard="assistant"][data-view="success"]').waitFor();

  const downloads = [];
  page.on('download', (d) => downloads.push(d));
  // The list of files is a <details>: opened by its summary, re-rendered closed after a choice.
  const open = async () => {
    if (!(await frame.locator('details.imports').evaluate((d) => d.open))) await frame.locator('details.imports summary').click();
  };
  for (const format of FORMATS) {
    const button = frame.locator(`[data-action="save-file"][data-format="${format}"]`);
    await open();
    await button.click();
    const confirm = frame.getByRole('alertdialog');
    await confirm.waitFor();
    assert.match(await confirm.textContent(), /This file is NOT encrypted: anyone who reads it has the token/);
    assert.equal(downloads.length, 0, `${format}: downloaded before the confirmation`);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'detached' });
    assert.equal(downloads.length, 0, `${format}: downloaded after Cancel`);

    await open();
    await button.click();
    await frame.getByRole('alertdialog').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      frame.getByRole('alertdialog').getByRole('button', { name: 'I understand, download' }).click(),
    ]);
    assert.ok(!download.suggestedFilename().includes(token), `${format}: the token in the file name`);
    await frame.getByRole('alertdialog').waitFor({ state: 'detached' });
    assert.equal(downloads.length, 1, `${format}: one download`);
    downloads.length = 0;
  }
  await page.close();
});
