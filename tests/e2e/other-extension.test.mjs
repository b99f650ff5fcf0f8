// "Another extension cannot connect" (threat model): a second extension, loaded beside PAT
// Guard, tries every way in — runtime.sendMessage / runtime.connect to PAT Guard's id from its
// service worker and from its own content script on the token page, and tabs.connect /
// tabs.sendMessage to the token page's tab with PAT Guard's port name. Each fails, and the
// assistant keeps working. As a control, the same calls reach the other extension's own
// content script, so a failure means "refused", not "the probe is broken".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH } from '../support/chromium.mjs';
import { EXT_DIR, assistantFrame } from '../support/extension.mjs';
import { routeReplica } from '../support/replica-server.mjs';
import { PAGE, dialog } from '../support/replica-page.mjs';
import { T } from '../support/guard-page.mjs';

const OTHER_MANIFEST = {
  manifest_version: 3,
  name: 'Other extension (PAT Guard test)',
  version: '1.0',
  permissions: ['tabs'], // a hostile extension may well hold it: it finds the token page's tab
  background: { service_worker: 'sw.js' },
  content_scripts: [{ matches: ['https://dev.azure.com/*'], js: ['cs.js'], run_at: 'document_start' }],
};
// Its content script answers its own extension (the control) and probes PAT Guard.
const OTHER_CS = `
chrome.runtime.onMessage.addListener((m, s, reply) => { if (m === 'own-ping') reply('own-pong'); });
chrome.runtime.onConnect.addListener((port) => port.postMessage('own-port'));
globalThis.addEventListener('patguard-probe', async (e) => {
  const id = e.detail;
  const out = {};
  try { out.send = await chrome.runtime.sendMessage(id, { type: 'whoami' }); } catch (err) { out.send = 'error: ' + err.message; }
  out.connect = await new Promise((resolve) => {
    const port = chrome.runtime.connect(id, { name: 'patguard-relay' });
    port.onMessage.addListener((m) => resolve('message: ' + JSON.stringify(m)));
    port.onDisconnect.addListener(() => resolve('disconnected: ' + (chrome.runtime.lastError?.message ?? '')));
    port.postMessage({ type: 'hello', nonce: 'x' });
  });
  document.documentElement.dataset.otherProbe = JSON.stringify(out);
});
`;

let context;
let userDataDir;
let otherDir;
before(async () => {
  otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'patguard-other-ext-'));
  fs.writeFileSync(path.join(otherDir, 'manifest.json'), JSON.stringify(OTHER_MANIFEST));
  fs.writeFileSync(path.join(otherDir, 'sw.js'), '// probes run from the test through evaluate\n');
  fs.writeFileSync(path.join(otherDir, 'cs.js'), OTHER_CS);
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'patguard-e2e-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      `--disable-extensions-except=${EXT_DIR},${otherDir}`, `--load-extension=${EXT_DIR},${otherDir}`,
    ],
  });
  await routeReplica(context);
});
after(async () => {
  await context?.close();
  for (const d of [userDataDir, otherDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

async function workers() {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const sws = context.serviceWorkers();
    const ours = sws.find((w) => w.url().endsWith('/background.js'));
    const other = sws.find((w) => w.url().endsWith('/sw.js'));
    if (ours && other) return { ours, other, ourId: new URL(ours.url()).host };
    if (Date.now() > deadline) throw new Error(`service workers: ${sws.map((w) => w.url()).join(', ')}`);
    await context.waitForEvent('serviceworker', { timeout: 10_000 }).catch(() => {});
  }
}

test('a second extension cannot reach PAT Guard\'s background or page agent', async () => {
  const { other, ourId } = await workers();
  const page = await context.newPage();
  await page.goto(PAGE('contoso', ''));
  await page.getByRole('menuitem', { name: T('new_token', 'en') }).click();
  await dialog(page, T('create_title', 'en')).waitFor();
  const frame = await assistantFrame(page);

  const fromWorker = await other.evaluate(async (id) => {
    const [tab] = await chrome.tabs.query({ url: 'https://dev.azure.com/*' });
    const tabId = tab.id;
    const attempt = async (fn) => {
      try {
        return `answer: ${JSON.stringify(await fn())}`;
      } catch (e) {
        return `error: ${e.message}`;
      }
    };
    const portTo = (open) => new Promise((resolve) => {
      const port = open();
      port.onMessage.addListener((m) => resolve(`message: ${JSON.stringify(m)}`));
      port.onDisconnect.addListener(() => resolve(`disconnected: ${chrome.runtime.lastError?.message ?? ''}`));
      port.postMessage({ type: 'hello', nonce: 'guess' });
    });
    return {
      send: await attempt(() => chrome.runtime.sendMessage(id, { type: 'whoami' })),
      connect: await portTo(() => chrome.runtime.connect(id, { name: 'patguard-relay' })),
      tabConnect: await portTo(() => chrome.tabs.connect(tabId, { name: 'patguard-assistant', frameId: 0 })),
      tabSend: await attempt(() => chrome.tabs.sendMessage(tabId, { type: 'act', id: 1, gen: 1, actions: [] }, { frameId: 0 })),
      ownSend: await attempt(() => chrome.tabs.sendMessage(tabId, 'own-ping', { frameId: 0 })),
    };
  }, ourId);
  // Control: the other extension does reach its own content script in that tab.
  assert.equal(fromWorker.ownSend, 'answer: "own-pong"');
  assert.match(fromWorker.send, /^error: /, `runtime.sendMessage to PAT Guard: ${fromWorker.send}`);
  assert.match(fromWorker.connect, /^disconnected: /, `runtime.connect to PAT Guard: ${fromWorker.connect}`);
  // tabs.connect reaches only the caller's own content script, which answers as itself.
  assert.equal(fromWorker.tabConnect, 'message: "own-port"');
  assert.match(fromWorker.tabSend, /^answer: undefined$|^error: The message port closed/, `only its own content script heard it: ${fromWorker.tabSend}`);

  // From its content script on the token page.
  await page.evaluate((id) => globalThis.dispatchEvent(new CustomEvent('patguard-probe', { detail: id })), ourId);
  await page.waitForFunction(() => document.documentElement.dataset.otherProbe);
  const fromPage = JSON.parse(await page.evaluate(() => document.documentElement.dataset.otherProbe));
  assert.match(String(fromPage.send), /^error: /, `content script sendMessage: ${fromPage.send}`);
  assert.match(fromPage.connect, /^disconnected: /, `content script connect: ${fromPage.connect}`);

  // PAT Guard's assistant still has its port and follows the page.
  assert.equal(await frame.locator('[data-patguard="assistant"]').getAttribute('data-state'), 'ready');
  await frame.locator('[data-preset-id="git-read"]').click();
  await frame.locator('.notice .success').waitFor();
  await page.close();
});
