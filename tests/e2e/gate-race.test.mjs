// The create gate holds even when Create is clicked before the assistant has judged the
// latest change: Full access ticked and Create clicked in the same task (a fast user, a
// keyboard macro, a script), before any snapshot could reach the assistant. The page must
// not see that click; the gate opens on the form as it is now.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension } from '../support/extension.mjs';
import { replicaState } from '../support/replica-page.mjs';
import { T, openPanel, finding, settled } from '../support/guard-page.mjs';

const DEADLINE = { timeout: 30_000 };
const LIMIT = { timeout: 90_000 };

let ext;
before(async () => {
  ext = await launchWithExtension();
});
after(async () => {
  await ext?.close();
});

/** Clicks the page's controls named `labels`, in order, inside one task of the page. */
function clickInOneTask(page, labels) {
  return page.evaluate((names) => {
    const byName = (name) => [...document.querySelectorAll('[role="dialog"] [role="radio"], [role="dialog"] button')]
      .find((el) => el.textContent.trim() === name || el.getAttribute('aria-label') === name);
    for (const name of names) {
      const el = byName(name);
      if (!el) throw new Error(`no control named ${name}`);
      el.click();
    }
  }, labels);
}

test('Full access ticked and Create clicked in the same task: the gate opens, nothing is created', LIMIT, async (t) => {
  const { page, panel, frame } = await openPanel(ext.context);
  t.after(() => page.close().catch(() => {}));
  const before = await replicaState(page);
  await panel.getByRole('textbox', { name: T('name', 'en') }).fill('race-2026-12');
  await settled(page);
  await finding(frame, 'no-scopes').waitFor(DEADLINE);
  assert.equal(await frame.locator('[data-patguard="gate"]').count(), 0, 'no gate yet: nothing risky is ticked');

  await clickInOneTask(page, [T('full_access', 'en'), T('create', 'en')]);
  const gate = frame.locator('[data-patguard="gate"]');
  await gate.waitFor(DEADLINE);
  assert.match(await gate.textContent(), /Full access|full access/);
  let state = await replicaState(page);
  assert.equal(state.lastSubmit, null, 'the page saw the click before the gate');
  assert.equal(state.tokens.length, before.tokens.length);

  await frame.locator('[data-action="cancel-create"]').click();
  await gate.waitFor({ state: 'detached' });
  state = await replicaState(page);
  assert.equal(state.submits.length, 0, 'cancel created nothing');
});

test('a safe form clicked before its last change was judged: the click is held, then reaches the page once', LIMIT, async (t) => {
  const { page, panel, frame } = await openPanel(ext.context);
  t.after(() => page.close().catch(() => {}));
  const code = panel.locator('[role="checkbox"]').first();
  await code.click();
  await panel.getByRole('textbox', { name: T('name', 'en') }).fill('held-2026-12');
  await settled(page);
  await finding(frame, 'no-scopes').waitFor({ state: 'detached', ...DEADLINE });
  // The name changes and Create is clicked in the same task: the assistant has not seen the
  // new name yet, so the click waits for its verdict, then goes through exactly once.
  await page.evaluate(() => {
    const name = document.querySelector('[role="dialog"] input[type="text"], [role="dialog"] input:not([type])');
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    setter.call(name, 'held-2026-12-b');
    name.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await clickInOneTask(page, [T('create', 'en')]);
  await page.waitForFunction(() => window.__replica?.lastSubmit, null, DEADLINE);
  const state = await replicaState(page);
  assert.equal(state.submits.length, 1, 'exactly one submit');
  assert.equal(state.lastSubmit.name, 'held-2026-12-b');
  assert.equal(state.lastSubmit.fullAccess, false);
});
