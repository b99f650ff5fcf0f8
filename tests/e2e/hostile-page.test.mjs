// Security suite: what a hostile page script can and cannot do to the assistant.
// Handed the assistant's iframe element and the nonce in its URL, the page can load more
// frames of assistant.html; that must not let it take over the agent's port or read the
// frame. (Window messages, forged as the genuine act and releaseGate:
// tests/e2e/hostile-claims.test.mjs.)
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

async function openPanel() {
  const page = await ext.context.newPage();
  await page.goto(PAGE('contoso', ''));
  await page.getByRole('menuitem', { name: 'New Token' }).click();
  const panel = dialog(page, 'Create a new personal access token');
  await panel.waitFor();
  const frame = await assistantFrame(page);
  return { page, panel, frame };
}

test('a second assistant frame loaded by the page with the stolen nonce is refused', async () => {
  const { page, frame } = await openPanel();
  // The closed shadow root hides the frame's URL from the page; the test hands it the spent
  // nonce anyway (tests/e2e/hostile-claims.test.mjs shows it cannot find one itself).
  await page.evaluate((src) => {
    const rogue = document.createElement('iframe');
    rogue.src = src; // same nonce
    rogue.id = 'rogue';
    document.body.append(rogue);
  }, frame.url());
  const rogue = await (async () => {
    // A deadline for a broken build, sized for a loaded machine.
    for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
      // Besides the rogue, the agent's hidden spare frame is an assistant.html child too.
      const others = page.frames().filter((fr) => fr !== frame && fr.url().includes('/assistant.html') && fr.parentFrame() === page.mainFrame());
      for (const f of others) if (await f.locator('.notice .error').count()) return f;
      await page.waitForTimeout(50);
    }
    return null;
  })();
  assert.ok(rogue, 'the rogue frame reports that it has no connection');
  // The genuine assistant still works: a preset applies and the page submits it.
  await frame.locator('[data-preset-id="git-read"]').click();
  await frame.locator('.notice .success').waitFor();
  const panel = dialog(page, 'Create a new personal access token');
  await panel.getByRole('textbox', { name: 'Name' }).fill('hostile-page');
  await panel.getByRole('button', { name: 'Create', exact: true }).click();
  await page.waitForFunction(() => window.__replica?.lastSubmit);
  assert.deepEqual((await replicaState(page)).lastSubmit.scopes, ['vso.code']);
  await page.close();
});

test('the page cannot read the assistant frame', async () => {
  const { page, frame } = await openPanel();
  const readable = await page.evaluate((iframe) => {
    try {
      return Boolean(iframe.contentDocument?.body);
    } catch {
      return false;
    }
  }, await frame.frameElement());
  assert.equal(readable, false);
  await page.close();
});
