// Secure copy's clear (issue #17), the two races a second copy can hit, forced deterministically
// in the real offscreen document rather than left to timing:
// 1. the second copy lands while the first clear is between reading the clipboard and
//    finishing its hash (offscreen.js `fire`: read(), then `await sha256Hex(seen)`);
// 2. the second copy lands while the first clear's report is on its way to the background.
// Claim under test (docs/THREAT-MODEL.md, "Clears only the token, and only the latest copy's
// clear"): only the latest copy's clear acts, reports or closes the offscreen document. Each
// race fails without its guard: (1) offscreen.js's `if (pending !== entry) return;`,
// (2) the background's sequence-number check (clipboard/chromium.js, `pending.settle(msg.seq)`).
//
// How the races are forced: the test attaches to the offscreen document over DevTools
// (tests/support/offscreen-devtools.mjs) and wraps crypto.subtle.digest and
// chrome.runtime.sendMessage there so that one call waits until the test releases it; the
// real call then runs unchanged. The hooks must be in place before the copy under test is
// made, so a placeholder copy with the longest delay opens the document first; the copy under
// test supersedes it, as any new copy supersedes an older one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension } from '../support/extension.mjs';
import { waitForClipboardText, openClipboardRig } from '../support/clipboard.mjs';
import { attachOffscreen, installClipboardHooks } from '../support/offscreen-devtools.mjs';

const DELAY = 5; // seconds: the smallest delay the service accepts
const LONGEST = 600; // seconds: the largest, for the placeholder copy whose clear must never come
const DEADLINE_MS = (DELAY + 30) * 1000; // a deadline, not a measure: a loaded machine may answer late

let ext;
let rig; // a replica page reading the clipboard, an extension page copying as the assistant does
before(async () => {
  ext = await launchWithExtension();
  rig = await openClipboardRig(ext);
});
after(async () => {
  await ext?.close();
});

const clipboard = () => rig.clipboard();
const waitForClipboard = (text) => waitForClipboardText(rig.reader, text, { timeout: DEADLINE_MS });
const reports = () => rig.reports();
const pendingRecord = () => rig.pendingRecord();
const offscreenDocuments = () => rig.offscreenDocuments();

async function copy(text, seconds = DELAY) {
  const reply = await rig.copy(text, seconds);
  assert.equal(reply.ok, true, JSON.stringify(reply));
  return reply;
}

/** Rejects with `what` if `promise` has not settled by the deadline. */
function within(promise, what, ms = DEADLINE_MS) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** The first report that arrives after `count` reports were seen. */
async function reportNumber(count) {
  const handle = await rig.sender.waitForFunction((n) => window.__results.length >= n && window.__results[n - 1], count, {
    polling: 50,
    timeout: DEADLINE_MS,
  });
  return handle.jsonValue();
}

/** Opens the offscreen document with a placeholder copy and installs the hooks in it. */
async function hookedDocument() {
  await rig.sender.evaluate(() => {
    window.__results = [];
  });
  await copy(`patguard-placeholder-${Date.now()}`, LONGEST);
  const doc = await attachOffscreen(ext.context);
  await installClipboardHooks(doc);
  return doc;
}

/** After the race: the second copy's own clear, in the same document, at its own time. */
async function secondClearIsDoneOnTime(doc, second, reply) {
  // Its clear reads and hashes in the document that was open all along (a closed document
  // would reject this wait).
  await within(doc.evaluate(`__pgHooks.when('digest', 2)`), 'the second copy\'s clear in the same document');
  const report = await reportNumber(1);
  assert.equal(report.outcome, 'cleared', JSON.stringify(report));
  assert.ok(report.at >= reply.clearAt - 50, `the second copy's clear came ${reply.clearAt - report.at} ms early`);
  assert.equal(await clipboard(), '', 'reported "cleared", but the clipboard still holds the second token');
  assert.notEqual(await clipboard(), second);
  await within(doc.closed, 'the offscreen document closing once the latest clear is done');
  assert.deepEqual(
    (await reports()).map((r) => r.outcome),
    ['cleared'],
    'exactly one report: the superseded clear reports nothing',
  );
  assert.equal(await pendingRecord(), null, 'the pending record is gone once the latest clear is done');
  assert.equal(await offscreenDocuments(), 0);
}

test('forced: a second copy lands while the first clear is between reading the clipboard and hashing it; the second token stays until its own clear', async () => {
  const doc = await hookedDocument();
  await doc.evaluate('__pgHooks.holdNextDigest = true');
  const first = `patguard-first-${Date.now()}`;
  const second = `patguard-second-${Date.now()}`;
  await copy(first);
  await waitForClipboard(first);

  // The first copy's clear has read the clipboard (the first token) and waits for its hash.
  await within(doc.evaluate(`__pgHooks.when('digestHeld', 1)`), 'the first copy\'s clear');
  assert.equal(await doc.evaluate('__pgHooks.counts.paste'), 1, 'the held clear has read the clipboard once');
  const reply = await copy(second);
  await waitForClipboard(second);

  // The first clear finishes its hash and runs to its end (releaseDigest resolves after that).
  await doc.evaluate('__pgHooks.releaseDigest()');
  assert.equal(await clipboard(), second, 'the first copy\'s clear wiped the second token');
  assert.deepEqual(await doc.evaluate('__pgHooks.results'), [], 'the superseded clear sent a report');
  assert.ok(doc.isOpen(), 'the document holding the second copy\'s clear was closed');
  assert.equal((await pendingRecord())?.clearAt, reply.clearAt, 'the second copy\'s clear is no longer pending');
  await secondClearIsDoneOnTime(doc, second, reply);
});

test('forced: a second copy lands while the first clear\'s report is on its way to the background; that late report neither closes the document nor says "cleared"', async () => {
  const doc = await hookedDocument();
  await doc.evaluate('__pgHooks.holdNextResult = true');
  const first = `patguard-first-${Date.now()}`;
  const second = `patguard-second-${Date.now()}`;
  await copy(first);
  await waitForClipboard(first);

  // The first copy's clear is done and its report waits in the document.
  await within(doc.evaluate(`__pgHooks.when('resultHeld', 1)`), 'the first copy\'s clear');
  assert.equal(await clipboard(), '', 'the first clear cleared the first token');
  assert.deepEqual((await doc.evaluate('__pgHooks.results')).map((r) => r.outcome), ['cleared']);
  const reply = await copy(second);
  await waitForClipboard(second);

  // The background gets the first clear's report only now, after the second copy.
  await doc.evaluate('__pgHooks.releaseResult()');
  assert.equal(await clipboard(), second);
  await secondClearIsDoneOnTime(doc, second, reply);
});
