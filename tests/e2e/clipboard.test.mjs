// Secure copy (issue #6), browser side: the background's clipboard service, driven the way the
// assistant glue drives it (chrome.runtime.sendMessage from the assistant frame), through the
// real sender check. The page reads the clipboard with the clipboard-read grant.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension, assistantFrame } from '../support/extension.mjs';
import { PAGE, dialog, createWithPreset } from '../support/replica-page.mjs';
import pageTexts from '../../src/core/data/ado-page-texts.json' with { type: 'json' };
import { waitForClipboardText } from '../support/clipboard.mjs';

const T = (key) => pageTexts.texts[key].en;
const DELAY = 5; // seconds: the smallest delay the service accepts

let ext;
let results; // an extension page collecting the {type:'clipboard.result'} broadcasts

before(async () => {
  ext = await launchWithExtension();
  await ext.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://dev.azure.com' });
  results = await ext.context.newPage();
  await results.goto(`chrome-extension://${ext.extensionId}/assistant.html`);
  await results.evaluate(() => {
    window.__results = [];
    chrome.runtime.onMessage.addListener((m) => {
      if (m?.type === 'clipboard.result') window.__results.push(m);
    });
  });
});
after(async () => {
  await ext?.close();
});

/** A replica page, used to read and write the clipboard as a web page would. */
async function replicaPage() {
  const page = await ext.context.newPage();
  await page.goto(PAGE('contoso'));
  await page.getByRole('grid').waitFor();
  return page;
}

const readClipboard = (page) => page.evaluate(() => navigator.clipboard.readText());
// A copy request carries a secret, so it goes over a port to the background alone
// (extension/clipboard/client.js); everything else by runtime.sendMessage.
const send = (where, msg) =>
  where.evaluate((m) => {
    if (m.type !== 'clipboard.copy') return chrome.runtime.sendMessage(m);
    return new Promise((resolve) => {
      const port = chrome.runtime.connect({ name: 'patguard-clipboard' });
      port.onMessage.addListener(({ id, ...reply }) => {
        port.disconnect();
        resolve(reply);
      });
      port.postMessage({ ...m, id: 1 });
    });
  }, msg);

// A deadline, not a measure: the clear is due after DELAY s; a loaded machine may answer late.
const RESULT_DEADLINE_S = DELAY + 30;

async function nextResult(timeout = RESULT_DEADLINE_S * 1000) {
  const handle = await results.waitForFunction(() => window.__results.shift() ?? false, null, { timeout, polling: 50 });
  return handle.jsonValue();
}

async function offscreenDocuments() {
  return ext.sw.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length);
}

async function openPanelFrame() {
  const page = await ext.context.newPage();
  await page.goto(PAGE('contoso'));
  await page.getByRole('menuitem', { name: T('new_token') }).click();
  const panel = dialog(page, T('create_title'));
  await panel.waitFor();
  return { page, panel, frame: await assistantFrame(page) };
}

test('copy from the assistant frame: the page reads exactly the text, and it is cleared after the delay even though the tab was closed', async () => {
  const { page, frame } = await openPanelFrame();
  const text = `patguard-secret-${Date.now()}`;
  const started = Date.now();
  const reply = await send(frame, { type: 'clipboard.copy', text, clearAfterSeconds: DELAY });
  const answered = Date.now();
  assert.equal(reply.ok, true, JSON.stringify(reply));
  // The service sets clearAt while handling the request: between sending it and the answer.
  assert.ok(reply.clearAt >= started + DELAY * 1000 && reply.clearAt <= answered + DELAY * 1000, `clearAt ${reply.clearAt} is not ${DELAY} s after the request (${started}..${answered})`);
  assert.equal(await readClipboard(page), text);
  await page.close(); // the panel and its tab are gone; the clear must still happen

  assert.deepEqual(await nextResult(), { type: 'clipboard.result', outcome: 'cleared' });
  assert.ok(Date.now() - started >= DELAY * 1000 - 100, 'cleared before the delay');
  const reader = await replicaPage();
  assert.equal(await readClipboard(reader), '');
  await reader.close();
  assert.equal(await offscreenDocuments(), 0, 'the offscreen document is closed once it is idle');
});

test('compare-before-clear: text copied by someone else after ours is kept', async () => {
  const page = await replicaPage();
  const reply = await send(results, { type: 'clipboard.copy', text: 'patguard-secret-kept', clearAfterSeconds: DELAY });
  assert.equal(reply.ok, true, JSON.stringify(reply));
  assert.equal(await readClipboard(page), 'patguard-secret-kept');
  await page.evaluate(() => navigator.clipboard.writeText('the user copied this'));
  assert.deepEqual(await nextResult(), { type: 'clipboard.result', outcome: 'kept' });
  assert.equal(await readClipboard(page), 'the user copied this');
  await page.close();
});

test('clipboard.cancel: the pending clear does not happen', async () => {
  const page = await replicaPage();
  assert.equal((await send(results, { type: 'clipboard.copy', text: 'patguard-cancelled', clearAfterSeconds: DELAY })).ok, true);
  assert.deepEqual(await send(results, { type: 'clipboard.cancel' }), { ok: true });
  assert.equal(await offscreenDocuments(), 0, 'cancel closes the idle offscreen document');
  await page.waitForTimeout(DELAY * 1000 + 800);
  assert.equal(await readClipboard(page), 'patguard-cancelled');
  assert.deepEqual(await results.evaluate(() => window.__results), [], 'no result after a cancel');
  await page.close();
});

test('requests are validated with specific errors', async () => {
  const cases = [
    [{ type: 'clipboard.copy', text: '', clearAfterSeconds: 30 }, /text must be a non-empty string/],
    [{ type: 'clipboard.copy', text: 42 }, /text must be a non-empty string/],
    [{ type: 'clipboard.copy', text: 'x', clearAfterSeconds: 4 }, /clearAfterSeconds must be a whole number from 5 to 600/],
    [{ type: 'clipboard.copy', text: 'x', clearAfterSeconds: 601 }, /clearAfterSeconds/],
    [{ type: 'clipboard.copy', text: 'x', clearAfterSeconds: '30' }, /clearAfterSeconds/],
    [{ type: 'clipboard.copy', text: 'x'.repeat(5000) }, /longer than 4096/],
  ];
  for (const [msg, error] of cases) {
    const reply = await send(results, msg);
    assert.equal(reply.ok, false, JSON.stringify(msg).slice(0, 80));
    assert.match(reply.error, error);
  }
  // The default delay is 30 s; cancel right away so nothing is left pending.
  const sent = Date.now();
  const reply = await send(results, { type: 'clipboard.copy', text: 'patguard-default-delay' });
  const answered = Date.now();
  assert.equal(reply.ok, true);
  assert.ok(reply.clearAt >= sent + 30_000 && reply.clearAt <= answered + 30_000, 'default delay is 30 s');
  assert.deepEqual(await send(results, { type: 'clipboard.cancel' }), { ok: true });
});

test('a content script (a page-influenced code path) cannot use the clipboard service', async () => {
  const page = await replicaPage();
  await page.evaluate(() => navigator.clipboard.writeText('before'));
  // Evaluate inside PAT Guard's own content-script world of the page, via DevTools.
  const cdp = await ext.context.newCDPSession(page);
  const worlds = [];
  cdp.on('Runtime.executionContextCreated', (e) => worlds.push(e.context));
  await cdp.send('Runtime.enable');
  const world = worlds.find((c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${ext.extensionId}`);
  assert.ok(world, `no content-script world of the extension: ${JSON.stringify(worlds.map((w) => [w.name, w.origin, w.auxData?.type]))}`);
  const evalInContentScript = async (expression) => {
    const r = await cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true });
    assert.equal(r.exceptionDetails, undefined, JSON.stringify(r.exceptionDetails));
    return r.result.value;
  };
  assert.equal(await evalInContentScript('typeof pgOnPortMessage'), 'function', 'this is the agent\'s world');
  const copy = await evalInContentScript(
    `chrome.runtime.sendMessage({type:'clipboard.copy', text:'from-a-content-script', clearAfterSeconds: 5})`,
  );
  assert.equal(copy.ok, false);
  assert.match(copy.error, /refused: only PAT Guard's own pages/);
  const cancel = await evalInContentScript(`chrome.runtime.sendMessage({type:'clipboard.cancel'})`);
  assert.equal(cancel.ok, false);
  assert.equal(await readClipboard(page), 'before');
  await cdp.detach();
  await page.close();
});

test('full flow: Create, then the assistant\'s secure copy; the clipboard holds the token, then is empty', async () => {
  // The user's delay setting (clipboardClearSeconds, 5..600, default 30), shortened for the test.
  await ext.sw.evaluate((s) => chrome.storage.local.set({ settings: s }), { clipboardClearSeconds: DELAY });
  const { page, panel, frame } = await openPanelFrame();
  const token = await createWithPreset(page, panel, frame, { preset: 'git-read', name: 'secure-copy-e2e' });
  // The panel re-renders into the success view, so the assistant is mounted afresh there.
  const successFrame = await assistantFrame(page);
  const button = successFrame.locator('[data-action="secure-copy"]');
  await button.waitFor();
  await button.click();
  await waitForClipboardText(page, token);
  const result = await nextResult().catch(() => null);
  assert.ok(result, `no clipboard.result within ${RESULT_DEADLINE_S} s: does the assistant read clipboardClearSeconds from storage?`);
  assert.deepEqual(result, { type: 'clipboard.result', outcome: 'cleared' });
  assert.equal(await readClipboard(page), '');
  await page.close();
});
