// Secure copy's clear (issue #17) when it cannot be done: the user is told, in the assistant and
// in a notification (the assistant that asked may be closed, or the browser restarted), and
// nothing says "cleared" while the token is still on the clipboard.
//
// How the clear is made to fail: the clear reads the clipboard with execCommand('paste') in the
// offscreen document, which Chromium refuses (returns false) when the extension may not read
// the clipboard. Nothing a test can do makes the real browser refuse it to an extension that
// holds clipboardRead (denying the page permission 'clipboard-read' to the extension's origin
// over DevTools does not), so the test attaches to the real offscreen document over DevTools
// (tests/support/offscreen-devtools.mjs) and wraps document.execCommand there: 'paste' returns
// false, every other command reaches the browser unchanged. The hook must be in place before
// the copy under test, so a placeholder copy with the longest delay opens the document first;
// the assistant's copy supersedes it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension, assistantFrame } from '../support/extension.mjs';
import { PAGE, dialog, createWithPreset } from '../support/replica-page.mjs';
import { waitForClipboardText, openClipboardRig } from '../support/clipboard.mjs';
import { attachOffscreen, installClipboardHooks } from '../support/offscreen-devtools.mjs';
import pageTexts from '../../src/core/data/ado-page-texts.json' with { type: 'json' };

const T = (key) => pageTexts.texts[key].en;
const DELAY = 5; // seconds: the smallest delay the service accepts
const LONGEST = 600; // seconds: the largest, for the placeholder copy whose clear must never come
const DEADLINE_MS = (DELAY + 30) * 1000; // a deadline, not a measure: a loaded machine may answer late

let ext;
let rig; // an extension page that makes the placeholder copy and collects the reports
before(async () => {
  ext = await launchWithExtension();
  rig = await openClipboardRig(ext, { reader: false });
});
after(async () => {
  await ext?.close();
});

test('a clear that cannot read the clipboard is reported as failed in the assistant and in a notification, never as "cleared"', { timeout: 180_000 }, async () => {
  // The user's delay setting, shortened for the test; the assistant reads it when it starts.
  await ext.sw.evaluate((s) => chrome.storage.local.set({ settings: s }), { clipboardClearSeconds: DELAY });
  const placeholder = await rig.copy('patguard-placeholder', LONGEST);
  assert.equal(placeholder.ok, true, JSON.stringify(placeholder));
  const doc = await attachOffscreen(ext.context);
  await installClipboardHooks(doc);
  await doc.evaluate('__pgHooks.refusePaste = true');
  assert.deepEqual(await rig.notifications(), {}, 'no notification before the clear');
  // What the document did up to its report (it is closed right after that).
  const reported = doc.evaluate(`__pgHooks.when('result', 1).then(() => ({ pastes: __pgHooks.counts.paste, results: __pgHooks.results }))`);

  const page = await ext.context.newPage();
  await page.goto(PAGE('contoso'));
  await page.getByRole('menuitem', { name: T('new_token') }).click();
  const panel = dialog(page, T('create_title'));
  await panel.waitFor();
  const token = await createWithPreset(page, panel, await assistantFrame(page), { preset: 'git-read', name: 'clear-fails-e2e' });
  const success = await assistantFrame(page);
  await success.locator('[data-action="secure-copy"]').click();
  await waitForClipboardText(page, token);
  const status = success.locator('[data-clipboard]');
  assert.equal(await status.getAttribute('data-clipboard'), 'copied');

  // The clear comes, its read is refused: the assistant says so.
  await success.locator('[data-clipboard="failed"]').waitFor({ timeout: DEADLINE_MS });
  const { pastes, results } = await reported;
  assert.equal(pastes, 1, 'the clear tried to read the clipboard once');
  assert.deepEqual(results.map((r) => r.outcome), ['failed']);
  assert.match(await status.textContent(), /^Clipboard problem: clipboard clear failed: execCommand\("paste"\) was refused/);
  assert.deepEqual(
    (await rig.reports()).map((r) => r.outcome),
    ['failed'],
    'the only report is the failure',
  );
  // ... and so does a notification, for when no assistant is open to show it.
  const shown = await rig.notifications();
  assert.deepEqual(Object.keys(shown), ['patguard-clipboard'], JSON.stringify(shown));
  // The report is true: the token is still on the clipboard.
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), token);
  await doc.closed;
  assert.equal(await rig.pendingRecord(), null, 'a failed clear is not retried behind the user\'s back');
  await ext.sw.evaluate(() => chrome.notifications.clear('patguard-clipboard'));
  await page.close();
});
