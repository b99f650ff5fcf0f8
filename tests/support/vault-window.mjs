// PAT Guard's vault window (vault.html) in the e2e tests: the assistant's hand-off buttons
// open it, and it builds the KeePass file or an import file there.
import assert from 'node:assert/strict';

/** Every download started in any page of `context` (the vault windows included), by file name, in order. */
export function recordDownloads(context) {
  const names = [];
  const watch = (page) => page.on('download', (d) => names.push(d.suggestedFilename()));
  context.pages().forEach(watch);
  context.on('page', watch);
  return names;
}

/**
 * Clicks the success view's button for import file `format` (opening the import section
 * first) and returns PAT Guard's vault window once it shows the confirmation, named `title`,
 * which must say that the file is not encrypted.
 */
export async function askForImportFile(context, frame, format, title) {
  const imports = frame.locator('details.imports');
  if (!(await imports.evaluate((d) => d.open))) await imports.locator('summary').click();
  const [vault] = await Promise.all([
    context.waitForEvent('page', { predicate: (p) => p.url().includes('/vault.html') }),
    frame.locator(`[data-action="save-file"][data-format="${format}"]`).click(),
  ]);
  await vault.locator('#root[data-state="ready"]').waitFor();
  // The panel frame waits for the window and shows no confirmation of its own.
  await frame.locator(`[data-vault="waiting"][data-format="${format}"]`).waitFor();
  assert.equal(await frame.getByRole('alertdialog').count(), 0, 'a confirmation in the panel frame');
  const confirm = vault.getByRole('alertdialog', { name: title });
  await confirm.waitFor();
  assert.match(await confirm.textContent(), /This file is NOT encrypted: anyone who reads it has the token/);
  return { vault, confirm };
}

/** "I understand, download" in the vault window: resolves with the download once the window reports it saved. */
export async function confirmImportFile(vault, confirm) {
  const [file] = await Promise.all([
    vault.waitForEvent('download', { timeout: 30_000 }),
    confirm.getByRole('button', { name: 'I understand, download' }).click(),
  ]);
  await confirm.waitFor({ state: 'hidden' });
  await vault.locator('#root[data-state="saved"]').waitFor();
  return file;
}

/** Cancel in the vault window: it closes, and the assistant says that no file was written. */
export async function cancelImportFile(vault, confirm, frame) {
  const closed = vault.waitForEvent('close');
  // The window closes itself from the click's handler, which can end the click's own wait.
  await confirm.getByRole('button', { name: 'Cancel' }).click().catch((e) => {
    if (!vault.isClosed()) throw e;
  });
  await closed;
  await frame.locator('.notice .error').filter({ hasText: /no file was written/ }).waitFor();
}
