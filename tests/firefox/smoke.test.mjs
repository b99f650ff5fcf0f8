// Firefox smoke test: the built Firefox package, installed as a temporary add-on in Debian's
// firefox-esr (driven by puppeteer-core over WebDriver BiDi — no geckodriver on Debian), shows
// a working assistant inside the "New Token" panel of the replica under the strict CSP.
// A missing browser or build FAILS: a skipped smoke test would read as "works in Firefox".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { startReplicaServer } from '../support/replica-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/lib/firefox-esr/firefox-esr';
const EXT_DIR = path.resolve(process.env.FIREFOX_EXT_DIR ?? path.join(ROOT, 'dist', 'firefox'));

/** Polls fn until it returns a truthy value; the error names what was awaited and the last value seen. */
async function until(what, fn, timeout) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn().catch((e) => `(error: ${e.message})`);
    if (last && typeof last !== 'string') return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('Firefox: the assistant appears in the New Token panel and becomes ready (strict CSP)', { timeout: 180_000 }, async (t) => {
  assert.ok(fs.existsSync(FIREFOX), `Firefox not found at ${FIREFOX} (apt-get install firefox-esr, or set FIREFOX_PATH)`);
  const manifest = path.join(EXT_DIR, 'manifest.json');
  assert.ok(fs.existsSync(manifest), `no Firefox build at ${EXT_DIR}: run ./build.sh first`);
  assert.ok(JSON.parse(fs.readFileSync(manifest, 'utf8')).background?.scripts, `${EXT_DIR} is not a Firefox build`);

  const server = await startReplicaServer({ tls: true });
  t.after(() => server.close());
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true, // the replica's certificate is self-signed
    extraPrefsFirefox: {
      'network.dns.forceResolve': '127.0.0.1', // dev.azure.com -> the replica server; no real network
      // Mirror every console message, including the extension frame's, to stderr: BiDi does not
      // report errors from moz-extension frames, and they are what explains a failure here.
      'devtools.console.stdout.content': true,
    },
  });
  t.after(() => browser.close());
  const extensionErrors = [];
  browser.process()?.stderr?.on('data', (chunk) => {
    for (const line of String(chunk).split('\n')) if (/moz-extension:\/\//.test(line) && /error/i.test(line)) extensionErrors.push(line.trim());
  });
  const why = () => (extensionErrors.length ? `\nextension errors:\n  ${extensionErrors.join('\n  ')}` : '');

  const id = await browser.installExtension(EXT_DIR); // temporary add-on, like about:debugging
  assert.equal(id, JSON.parse(fs.readFileSync(manifest, 'utf8')).browser_specific_settings.gecko.id);

  const page = await browser.newPage();
  const response = await page.goto(server.url('contoso', 'csp=strict'));
  assert.match(response.headers()['content-security-policy'] ?? '', /script-src 'self'/, 'strict CSP not in effect');
  await page.locator('::-p-aria(New Token[role="menuitem"])').click();
  await page.waitForSelector('[role="dialog"]');

  // The agent mounts our frame inside a closed shadow root in the panel, so the page side
  // cannot see its src. Firefox's BiDi keeps reporting the extension frame as about:blank, so
  // frame.url() is useless too: ask every child frame where it really is. On Firefox the list's
  // frame is replaced (not moved) when the panel opens, so one assistant frame is left.
  await until('the PAT Guard host inside the open panel', () => page.evaluate(() => !!document.querySelector('[role="dialog"] [data-patguard="host"]')), 30_000);
  let src = null;
  const frame = await until('the assistant document to load', async () => {
    for (const f of page.frames().filter((f) => f !== page.mainFrame())) {
      const href = await f.evaluate(() => location.href).catch(() => null);
      if (/\/assistant\.html#/.test(href ?? '') && !f.detached) {
        src = href;
        return f;
      }
    }
    return null;
  }, 30_000);
  assert.match(src, /^moz-extension:\/\/[0-9a-f-]+\/assistant\.html#[0-9a-f-]{36}$/, 'iframe src');

  // data-state=ready is written by the Rust core after wasm init and the first page snapshot
  // arrived over the agent port: it proves the whole Firefox path, not just the iframe.
  const state = () => frame.evaluate(() => document.querySelector('[data-patguard="assistant"]')?.dataset.state ?? null);
  let last = null;
  try {
    await until('data-state=ready', async () => {
      last = await state();
      return last === 'ready' ? true : last;
    }, 30_000);
  } catch (e) {
    assert.fail(`assistant stuck in data-state=${last}: ${e.message}${why()}`);
  }
  // Ready means rendered: the core asks the agent to grow the frame to its laid-out content
  // (48 px at mount) once the frame's ResizeObserver has seen it.
  // The frame's own viewport is its height (the iframe is in a closed shadow root).
  const frameHeight = () => frame.evaluate(() => innerHeight);
  let height = 0;
  await until('the frame to grow past its mount height', async () => {
    height = await frameHeight();
    return height > 48 ? true : `${height}px`;
  }, 30_000).catch((e) => assert.fail(`${e.message}${why()}`));

  // Secure copy on Firefox: the background page copies, then clears after the delay only if
  // the clipboard still holds the text (asked from the assistant frame, the only allowed sender).
  const copied = await frame.evaluate(async () => {
    // A copy request carries a secret, so it goes over a port to the background alone.
    const reply = await new Promise((resolve) => { const p = browser.runtime.connect({ name: 'patguard-clipboard' }); p.onMessage.addListener((r) => { p.disconnect(); resolve(r); }); p.postMessage({ id: 1, type: 'clipboard.copy', text: 'patguard-firefox-probe', clearAfterSeconds: 5 }); });
    return { reply, now: await navigator.clipboard.readText() };
  });
  assert.equal(copied.reply?.ok, true, `clipboard.copy: ${JSON.stringify(copied.reply)}${why()}`);
  assert.equal(copied.now, 'patguard-firefox-probe');
  // Watch the clipboard itself change, however late a loaded machine runs the clear, and
  // note when: the clear must not come before the delay.
  const cleared = await until('the clipboard to be cleared', () => frame.evaluate(async () => {
    const now = await navigator.clipboard.readText();
    return now === '' ? { at: Date.now() } : now;
  }), 60_000).catch((e) => assert.fail(`${e.message}${why()}`));
  assert.ok(cleared.at >= copied.reply.clearAt, `cleared ${copied.reply.clearAt - cleared.at} ms before the delay`);
  assert.deepEqual(extensionErrors, [], 'errors from the extension');
});
