// The assistant never shows a ready form before the enterprise policy has been read
// (issue #17): a policy that blocks (here blockFullAccess from /etc/chromium/policies/managed)
// must be in force from the first moment the form is offered. The assistant frame's
// storage.managed read is held back (an init script in the frame wraps the real call; the
// answer is Chromium's own), so the test sees the frame with everything else ready.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assistantFrame } from '../support/extension.mjs';
import { managedPolicyLauncher } from '../support/managed-policy.mjs';
import { PAGE, dialog } from '../support/replica-page.mjs';
import { T, finding, settled } from '../support/guard-page.mjs';

let launcher;
let ext;
before(async () => {
  launcher = managedPolicyLauncher('e2e-first');
  ext = await launcher.launch({ policy: { blockFullAccess: true } });
  await ext.context.addInitScript(() => {
    if (location.protocol !== 'chrome-extension:' || !location.pathname.endsWith('/assistant.html')) return;
    const area = chrome.storage.managed;
    const get = area.get.bind(area);
    let release;
    const held = new Promise((r) => {
      release = r;
    });
    globalThis.__pgReleasePolicy = release;
    area.get = (...args) => held.then(() => get(...args));
  });
});
// Always: the policy file would govern every later Chromium run on this machine.
after(() => launcher?.close());

test('no ready form before the enterprise policy is read; then the blocking policy is in force', { timeout: 90_000 }, async () => {
  const page = await ext.context.newPage();
  await page.goto(PAGE('contoso', 'csp=strict'));
  await page.getByRole('menuitem', { name: T('new_token', 'en') }).click();
  const panel = dialog(page, T('create_title', 'en'));
  await panel.waitFor();
  const frame = await assistantFrame(page, { state: 'loading' });
  const root = frame.locator('[data-patguard="assistant"]');
  // Wasm, port and local storage are ready; only the policy is outstanding.
  await frame.locator('[data-patguard="assistant"][data-waiting="policy"]').waitFor();
  assert.equal(await root.getAttribute('data-state'), 'loading');
  assert.equal(await frame.locator('[data-preset-id]').count(), 0, 'no preset offered');
  assert.equal(await frame.locator('[data-finding]').count(), 0, 'no findings offered');

  await frame.evaluate(() => globalThis.__pgReleasePolicy());
  await frame.locator('[data-patguard="assistant"][data-state="ready"]').waitFor();
  assert.equal(await root.getAttribute('data-waiting'), null);
  await settled(page);
  await panel.getByRole('radio', { name: T('full_access', 'en') }).click();
  await finding(frame, 'policy-violation').waitFor();
  assert.match(await finding(frame, 'policy-violation').textContent(), /blockFullAccess/);
  await page.close();
});
