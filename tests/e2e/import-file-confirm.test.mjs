// The unencrypted import files (Bitwarden JSON, 1Password CSV, KeePass XML) are written only
// after a confirmation that says so (threat model), shown in PAT Guard's own vault window, not
// in the frame inside the web page. For each format: the click opens the window with the
// confirmation, which names the risk; Cancel closes it and nothing is downloaded; "I
// understand, download" downloads one file. (The files' contents: tests/e2e/import-files.test.mjs
// and the kdbx module's import tests.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension, assistantFrame } from '../support/extension.mjs';
import { PAGE, dialog, replicaState } from '../support/replica-page.mjs';
import { askForImportFile, cancelImportFile, confirmImportFile, recordDownloads } from '../support/vault-window.mjs';

let ext;
before(async () => {
  ext = await launchWithExtension();
});
after(async () => {
  await ext?.close();
});

const FORMATS = [
  ['bitwarden-json', 'Bitwarden (.json)'],
  ['1password-csv', '1Password (.csv)'],
  ['keepass-xml', 'KeePass (.xml)'],
];

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

  const downloads = recordDownloads(ext.context); // in the web page and in every vault window
  for (const [format, title] of FORMATS) {
    const asked = await askForImportFile(ext.context, frame, format, title);
    assert.equal(downloads.length, 0, `${format}: downloaded before the confirmation`);
    await cancelImportFile(asked.vault, asked.confirm, frame);
    assert.equal(downloads.length, 0, `${format}: downloaded after Cancel`);

    const { vault, confirm } = await askForImportFile(ext.context, frame, format, title);
    const download = await confirmImportFile(vault, confirm);
    assert.ok(!download.suggestedFilename().includes(token), `${format}: the token in the file name`);
    await frame.locator(`[data-vault="waiting"][data-format="${format}"]`).waitFor({ state: 'detached' });
    assert.deepEqual(downloads, [download.suggestedFilename()], `${format}: one download`);
    downloads.length = 0;
    await vault.close();
  }
  await page.close();
});
