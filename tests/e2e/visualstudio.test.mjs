// The older address of the token page, https://{org}.visualstudio.com/_usersSettings/tokens
// (README), where the organization is in the host name, not in the path: the list audit, the
// assistant in the New Token panel, a preset that the page receives, and the organization
// named from the host in the success view's files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension, assistantFrame } from '../support/extension.mjs';
import { dialog, replicaState } from '../support/replica-page.mjs';
import { T } from '../support/guard-page.mjs';
import { askForImportFile, confirmImportFile } from '../support/vault-window.mjs';

const ORG = 'fabrikam';
const PAGE_URL = `https://${ORG}.visualstudio.com/_usersSettings/tokens?csp=strict`;

let ext;
before(async () => {
  ext = await launchWithExtension();
});
after(async () => {
  await ext?.close();
});

test(`${ORG}.visualstudio.com: list audit, a preset in the panel reaches the page, and the success view names the organization`, { timeout: 120_000 }, async (t) => {
  const page = await ext.context.newPage();
  t.after(() => page.close().catch(() => {}));
  const response = await page.goto(PAGE_URL);
  assert.match(response.headers()['content-security-policy'] ?? '', /script-src 'self'/, 'strict CSP not in effect');
  await page.getByRole('grid').waitFor();

  // The list: the assistant above the table audits the tokens the page shows.
  const list = await assistantFrame(page, { state: 'ready' });
  assert.equal(await list.locator('[data-patguard="assistant"]').getAttribute('data-view'), 'list');
  const audit = list.locator('[data-patguard="audit"]');
  await audit.waitFor();
  assert.equal(await audit.getAttribute('data-count'), '3');

  // The panel: a preset ticks exactly its scopes on this page too.
  await page.getByRole('menuitem', { name: T('new_token', 'en') }).click();
  const panel = dialog(page, T('create_title', 'en'));
  await panel.waitFor();
  const form = await assistantFrame(page, { state: 'ready' });
  assert.equal(await form.locator('[data-patguard="assistant"]').getAttribute('data-view'), 'form');
  await form.locator('[data-preset-id="git-push"]').click();
  await form.locator('.notice .success, .notice .error').first().waitFor();
  assert.equal(await form.locator('.notice .error').count(), 0, await form.locator('.notice').textContent());
  await panel.getByRole('textbox', { name: T('name', 'en') }).fill('vs-git-push');
  await panel.getByRole('button', { name: T('create', 'en'), exact: true }).click();
  await page.waitForFunction(() => window.__replica?.lastToken);
  const { lastSubmit: submit, lastToken: token } = await replicaState(page);
  assert.deepEqual(submit.scopes, ['vso.code_write']);
  assert.equal(submit.organization, ORG);
  assert.equal(submit.fullAccess, false);

  // The success view knows the token and the organization from the host name.
  const success = await assistantFrame(page, { state: 'ready' });
  assert.equal(await success.locator('[data-patguard="assistant"]').getAttribute('data-view'), 'success');
  assert.equal(await success.locator('[data-token-format]').getAttribute('data-token-format'), 'current');
  const { vault, confirm } = await askForImportFile(ext.context, success, 'bitwarden-json', 'Bitwarden (.json)');
  t.after(() => vault.close().catch(() => {}));
  const download = await confirmImportFile(vault, confirm);
  assert.match(download.suggestedFilename(), new RegExp(`^azure-devops-pat-${ORG}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
  const item = JSON.parse(await streamText(await download.createReadStream())).items[0];
  assert.equal(item.name, `vs-git-push (Azure DevOps ${ORG})`);
  assert.ok(item.login.password === token, 'the login password is the token');
});

async function streamText(stream) {
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}
