// Secure copy's clear (issue #17): each copy has a sequence number and only the latest
// copy's clear acts or closes the offscreen document, even when a new copy lands right at
// the old one's clear moment; and a clear still pending when the extension is reloaded is
// done at its next start (the pending record — sequence number, SHA-256, deadline, never
// the text — is in storage.local, which a reload keeps; storage.session does not).
// Secrets reach the background only over a port: runtime.sendMessage copy requests are refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension } from '../support/extension.mjs';
import { waitForClipboardText, openClipboardRig, reportingExtensionPage } from '../support/clipboard.mjs';

const DELAY = 5; // seconds: the smallest delay the service accepts

let ext;
let rig; // a replica page reading the clipboard, an extension page talking to the service
before(async () => {
  ext = await launchWithExtension();
  rig = await openClipboardRig(ext);
});
after(async () => {
  await ext?.close();
});

const clipboard = () => rig.clipboard();
const waitForClipboard = (text) => waitForClipboardText(rig.reader, text, { timeout: (DELAY + 20) * 1000 });
const copy = (text) => rig.copy(text, DELAY);
const offscreenDocuments = () => rig.offscreenDocuments();
const pendingRecord = () => rig.pendingRecord();
const untilMs = (at) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));

test('a copy request by runtime.sendMessage is refused: secrets go over a port to the background alone', async () => {
  const reply = await rig.sender.evaluate(() => chrome.runtime.sendMessage({ type: 'clipboard.copy', text: 'by-broadcast', clearAfterSeconds: 5 }));
  assert.equal(reply.ok, false);
  assert.match(reply.error, /only over a 'patguard-clipboard' port/);
  assert.notEqual(await clipboard(), 'by-broadcast');
});

test('two copies around the clear moment: only the latest copy\'s clear acts, and it clears the second token on time', async () => {
  // The second copy lands just before, at and just after the first one's clear moment.
  for (const offsetMs of [-40, 0, 40]) {
    await rig.sender.evaluate(() => {
      window.__results = [];
    });
    const first = `patguard-first-${offsetMs}-${Date.now()}`;
    const second = `patguard-second-${offsetMs}-${Date.now()}`;
    const a = await copy(first);
    assert.equal(a.ok, true, JSON.stringify(a));
    assert.equal(a.id, 1, 'the reply answers the request it belongs to');
    await untilMs(a.clearAt + offsetMs);
    const b = await copy(second);
    assert.equal(b.ok, true, JSON.stringify(b));
    const copiedAt = Date.now();
    // The second token stays on the clipboard until its own clear time: an older clear that
    // was still reading the clipboard must not wipe it, nor close the document holding its timer.
    await waitForClipboard(second);
    await untilMs(Math.max(copiedAt, b.clearAt - 1000));
    assert.equal(await clipboard(), second, `offset ${offsetMs} ms: the second token was cleared early`);
    const results = await rig.sender.waitForFunction(
      (clearAt) => {
        const late = window.__results.filter((r) => r.at >= clearAt - 50);
        return late.length > 0 && window.__results;
      },
      b.clearAt,
      { polling: 50, timeout: (DELAY + 20) * 1000 },
    );
    const all = await results.jsonValue();
    const last = all.at(-1);
    assert.equal(last.outcome, 'cleared', `offset ${offsetMs} ms: ${JSON.stringify(all)}`);
    assert.equal(await clipboard(), '', `offset ${offsetMs} ms: the clipboard still holds the second token`);
    // At most the first clear (if it ran before the second copy) and the second one report.
    assert.ok(all.length <= 2, JSON.stringify(all));
    assert.equal(await pendingRecord(), null, 'the pending record is gone once the latest clear is done');
    assert.equal(await offscreenDocuments(), 0, 'the offscreen document is closed once the latest clear is done');
  }
});

test('a clear due across an extension reload is done at the next start', async () => {
  const token = `patguard-reload-${Date.now()}`;
  const reply = await copy(token);
  assert.equal(reply.ok, true, JSON.stringify(reply));
  await waitForClipboard(token);
  const record = await pendingRecord();
  assert.equal(record.clearAt, reply.clearAt);
  assert.match(record.hash, /^[0-9a-f]{64}$/);
  assert.ok(!JSON.stringify(record).includes(token), 'the record holds no text');

  await reloadExtension();
  // Nothing of the old extension is left: the offscreen document went with the reload.
  rig.sender = await reportingExtensionPage(ext);
  assert.equal(await clipboard(), token, 'the reload itself does not clear');
  // Done means both: the clipboard is empty and the record is gone. (Right after a reload, a
  // fresh page's first storage read can briefly miss the record, so one channel alone is not
  // trusted.)
  const settledAt = await until(async () => (await clipboard()) === '' && (await pendingRecord()) === null);
  assert.ok(settledAt >= reply.clearAt - 100, `cleared ${reply.clearAt - settledAt} ms before its time`);
  assert.equal(await clipboard(), '', 'the token is still on the clipboard after the reload');
  assert.equal(await pendingRecord(), null);
});

test('after a reload, text the user copied over the token is kept', async () => {
  const token = `patguard-reload-kept-${Date.now()}`;
  const reply = await copy(token);
  assert.equal(reply.ok, true, JSON.stringify(reply));
  await waitForClipboard(token);
  await rig.reader.evaluate(() => navigator.clipboard.writeText('the user copied this'));
  await reloadExtension();
  rig.sender = await reportingExtensionPage(ext);
  await untilMs(reply.clearAt);
  await until(async () => (await pendingRecord()) === null);
  assert.equal(await clipboard(), 'the user copied this');
});

/** Polls `condition` until it holds (bounded); returns when it first held. */
async function until(condition) {
  for (let attempt = 0; attempt < 400; attempt++) {
    if (await condition()) return Date.now();
    await rig.reader.waitForTimeout(50);
  }
  assert.fail('the clear was not done');
}

/** Reloads PAT Guard as the extensions page's Reload button does (developer mode allows it for an unpacked extension). */
async function reloadExtension() {
  const page = await ext.context.newPage();
  await page.goto('chrome://extensions');
  await page.evaluate(() => new Promise((resolve) => chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }, resolve)));
  const error = await page.evaluate(
    (id) => new Promise((resolve) => chrome.developerPrivate.reload(id, { failQuietly: false }, () => resolve(chrome.runtime.lastError?.message ?? null))),
    ext.extensionId,
  );
  assert.equal(error, null);
  await page.close();
  // The extension is back once its pages load again.
  for (let attempt = 0; ; attempt++) {
    assert.ok(attempt < 300, 'the extension did not come back after the reload');
    const probe = await ext.context.newPage();
    const ok = await probe
      .goto(`chrome-extension://${ext.extensionId}/popup.html`)
      .then(() => probe.evaluate(() => typeof chrome.runtime?.id === 'string'))
      .catch(() => false);
    await probe.close();
    if (ok) return;
  }
}
