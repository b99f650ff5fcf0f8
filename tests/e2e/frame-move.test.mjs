// Issue #7 (panel → assistant ready): the assistant frame above the token list is moved into
// the panel when it opens (Element.moveBefore keeps its document), so the panel's assistant is
// the same running core, ready at once; and a frame that was reloaded anyway is replaced.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension, assistantFrame } from '../support/extension.mjs';
import { PAGE, dialog } from '../support/replica-page.mjs';
import { T } from '../support/guard-page.mjs';

let ext;
before(async () => {
  ext = await launchWithExtension();
});
after(async () => {
  await ext?.close();
});

const LIMIT = { timeout: 90_000 };
const rootAttr = (frame, name) => frame.locator('[data-patguard="assistant"]').getAttribute(name);
const hosts = (page) => page.evaluate(() => document.querySelectorAll('[data-patguard="host"]').length);
const markedRows = (page) => page.evaluate(() => document.querySelectorAll('[role="grid"] [data-patguard-mark]').length);

async function listFrame(page) {
  await page.goto(PAGE('contoso', 'csp=strict'));
  await page.getByRole('grid').waitFor();
  const frame = await assistantFrame(page);
  assert.equal(await rootAttr(frame, 'data-view'), 'list');
  return frame;
}

test('the list frame moves into the opened panel with its document, and the list marks are cleared', LIMIT, async (t) => {
  const page = await ext.context.newPage();
  t.after(() => page.close().catch(() => {}));
  const before = await listFrame(page);
  await page.waitForFunction(() => document.querySelector('[role="grid"] [data-patguard-mark]'), null, { timeout: 30_000 });
  // A value only this frame's document holds: a new frame would not have it.
  await before.evaluate(() => (window.__sameDocument = 'yes'));

  await page.getByRole('menuitem', { name: T('new_token', 'en') }).click();
  const panel = dialog(page, T('create_title', 'en'));
  await panel.waitFor();
  const frame = await assistantFrame(page);
  assert.equal(await rootAttr(frame, 'data-view'), 'form');
  assert.equal(await frame.evaluate(() => window.__sameDocument ?? 'no'), 'yes', 'the panel frame is a new document');
  assert.equal(await hosts(page), 1, 'one assistant on the page');
  assert.equal(await page.evaluate(() => !!document.querySelector('[role="dialog"] [data-patguard="host"]')), true);
  await page.waitForFunction(() => !document.querySelector('[role="grid"] [data-patguard-mark]'), null, { timeout: 30_000 });
  assert.equal(await markedRows(page), 0);
  // The moved core works on the form: a preset lands on the page.
  assert.equal(await panel.locator('[role="checkbox"][aria-checked="true"]').count(), 0);
  await frame.locator('[data-preset-id="git-push"]').click();
  await panel.locator('[role="checkbox"][aria-checked="true"]').first().waitFor({ timeout: 30_000 });

  // Closing the panel removes the frame with it; the list gets a new one.
  await panel.getByRole('button', { name: T('cancel', 'en'), exact: true }).click();
  await panel.waitFor({ state: 'detached' });
  const again = await assistantFrame(page);
  assert.equal(await rootAttr(again, 'data-view'), 'list');
  assert.equal(await again.evaluate(() => window.__sameDocument ?? 'no'), 'no');
  assert.equal(await hosts(page), 1);
});

test('a frame reloaded after all (the page re-inserted our host) is replaced by a working one', LIMIT, async (t) => {
  const page = await ext.context.newPage();
  t.after(() => page.close().catch(() => {}));
  await listFrame(page);
  await page.getByRole('menuitem', { name: T('new_token', 'en') }).click();
  await dialog(page, T('create_title', 'en')).waitFor();
  const moved = await assistantFrame(page);
  await moved.evaluate(() => (window.__sameDocument = 'yes'));
  // Removing and re-inserting reloads an iframe; its hello would carry a spent nonce.
  await page.evaluate(() => {
    const host = document.querySelector('[data-patguard="host"]');
    const parent = host.parentNode;
    const next = host.nextSibling;
    host.remove();
    parent.insertBefore(host, next);
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const frame = await assistantFrame(page);
    const fresh = (await frame.evaluate(() => window.__sameDocument ?? 'no').catch(() => 'yes')) === 'no';
    if (fresh && (await rootAttr(frame, 'data-view')) === 'form') break;
    assert.ok(Date.now() < deadline, 'no working assistant after the reload');
    await page.waitForTimeout(100);
  }
  assert.equal(await hosts(page), 1);
});

/**
 * Waits until the agent's hidden spare frame exists and its document has started: the spare's
 * own assistant.html has run far enough to render its root (its timeOrigin is then fixed).
 */
async function spareStarted(page) {
  await page.waitForFunction(() => document.querySelector('[data-patguard="spare"]'), null, { timeout: 30_000 });
  const deadline = Date.now() + 30_000;
  for (;;) {
    for (const f of page.frames()) {
      if (f.isDetached() || !f.url().includes('/assistant.html')) continue;
      const isSpare = await f
        .frameElement()
        .then((el) => el.evaluate((e) => e.getRootNode().host?.getAttribute('data-patguard') === 'spare'))
        .catch(() => false);
      if (isSpare && (await f.locator('[data-patguard="assistant"]').count().catch(() => 0)) > 0) return;
    }
    assert.ok(Date.now() < deadline, 'the spare frame\'s document did not start');
    await page.waitForTimeout(50);
  }
}

test('the success view and the list after it get the spare frame that loaded while the user worked', LIMIT, async (t) => {
  const page = await ext.context.newPage();
  t.after(() => page.close().catch(() => {}));
  await listFrame(page);
  await page.getByRole('menuitem', { name: T('new_token', 'en') }).click();
  const panel = dialog(page, T('create_title', 'en'));
  await panel.waitFor();
  const form = await assistantFrame(page);
  await form.locator('[data-preset-id="git-read"]').click();
  await form.locator('.notice .success').waitFor({ timeout: 30_000 });
  await panel.getByRole('textbox', { name: T('name', 'en') }).fill('spare-frame');
  await spareStarted(page);

  const createdAt = Date.now();
  await panel.getByRole('button', { name: T('create', 'en'), exact: true }).click();
  await page.waitForFunction(() => window.__replica?.lastToken);
  const success = await assistantFrame(page);
  assert.equal(await rootAttr(success, 'data-view'), 'success');
  const started = await success.evaluate(() => performance.timeOrigin);
  assert.ok(started < createdAt, `the success frame started ${Math.round(started - createdAt)} ms after Create`);
  // It knows the form it never saw: the panel memory reached it when it was mounted.
  assert.match(await success.locator('[data-patguard="assistant"]').textContent(), /git-read|Git read|Code \(read\)/i);
  assert.equal(await hosts(page), 1);

  await spareStarted(page);
  const closedAt = Date.now();
  // The footer's Close (the header has an icon button of the same name).
  await dialog(page, T('create_title', 'en')).getByRole('button', { name: T('close', 'en'), exact: true }).last().click();
  const list = await assistantFrame(page);
  assert.equal(await rootAttr(list, 'data-view'), 'list');
  assert.ok((await list.evaluate(() => performance.timeOrigin)) < closedAt, 'the list frame was not the spare');
});
