// Security suite (issue #7), dynamic half: PAT Guard makes no network request at all.
// Every extension context — service worker, assistant frame, offscreen document, any worker,
// and the content scripts inside the page — is watched over CDP from before it runs; a full
// create flow must produce zero requests from them to anything but the extension's own files,
// and so must PAT Guard's own secret paths: Secure copy, the clear in the offscreen document,
// and the KeePass export and an import file in the extension's vault window.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { launchWithExtension, assistantFrame } from '../support/extension.mjs';
import { PAGE, dialog } from '../support/replica-page.mjs';
import { askForImportFile, confirmImportFile } from '../support/vault-window.mjs';
import pageTexts from '../../src/core/data/ado-page-texts.json' with { type: 'json' };

const T = (key) => pageTexts.texts[key].en;

/**
 * Records network activity of every target in the browser. Uses CDP's non-flattened target
 * protocol (Target.sendMessageToTarget / receivedMessageFromTarget) because Playwright drops
 * messages of flattened child sessions it did not create itself. New targets are held at
 * start (waitForDebuggerOnStart) until Network.enable is on, so early requests are seen too.
 */
const TOP_LEVEL = new Set(['page', 'background_page', 'service_worker', 'shared_worker', 'worker', 'other']);

class NetworkRecorder {
  constructor(browserSession) {
    this.cdp = browserSession;
    this.events = []; // { target: {type,url} at attach time, kind, url, initiator, documentURL }
    this.targets = new Map(); // sessionId -> targetInfo
    this.errors = [];
    this.nextId = 1;
    this.attaching = new Set(); // targetIds we asked to attach to
    this.pending = 0; // top-level attaches not yet recording
    this.routes = new Map(); // sessionId -> [top-level sessionId, ..., sessionId]
    this.answers = new Map(); // command id -> resolve(answer)
    this.cdp.on('Target.attachedToTarget', (e) => this.#attached(e));
    this.cdp.on('Target.receivedMessageFromTarget', (e) => this.#message(e));
  }

  async start() {
    // Browser-level auto-attach is flatten-only, so top-level targets (pages, the service worker
    // and its restarts, offscreen documents) are attached on discovery instead; their children
    // (the assistant iframe, workers) are auto-attached and held at start below. Residual gap:
    // a brand-new top-level target could run for the few ms between creation and our attach.
    this.cdp.on('Target.targetCreated', ({ targetInfo }) => this.#discovered(targetInfo));
    await this.cdp.send('Target.setDiscoverTargets', { discover: true }); // replays existing targets
  }

  #discovered(info) {
    if (!TOP_LEVEL.has(info.type) || this.attaching.has(info.targetId)) return;
    this.attaching.add(info.targetId);
    this.pending += 1;
    this.cdp.send('Target.attachToTarget', { targetId: info.targetId, flatten: false }).catch((e) => {
      this.pending -= 1;
      if (!/No target with given id/i.test(e.message)) this.errors.push(`attach ${info.type} ${info.url}: ${e.message}`);
    });
  }

  /** Resolves once every target discovered so far records its network traffic. */
  async settled() {
    while (this.pending > 0) await new Promise((r) => setTimeout(r, 20));
  }

  /**
   * Sends a command to a target (nested through its parents) and resolves with the target's
   * answer, not just the delivery: Network.enable must be in effect before the target runs on.
   */
  #send(route, method, params = {}) {
    const id = this.nextId++;
    let message = JSON.stringify({ id, method, params });
    for (let i = route.length - 1; i > 0; i--) {
      message = JSON.stringify({ id: this.nextId++, method: 'Target.sendMessageToTarget', params: { sessionId: route[i], message } });
    }
    const answered = new Promise((resolve) => this.answers.set(id, resolve));
    return this.cdp.send('Target.sendMessageToTarget', { sessionId: route[0], message })
      .then(() => answered)
      .then((answer) => { if (answer.error) this.errors.push(`${method}: ${answer.error.message}`); })
      .catch((e) => { if (!/No session with given id|Target closed/i.test(e.message)) this.errors.push(`${method}: ${e.message}`); });
  }

  /** A target attached directly (route [sessionId]) or through its parent (route [..., parent, sessionId]). */
  async #attached({ sessionId, targetInfo }, parentRoute = []) {
    const route = [...parentRoute, sessionId];
    this.targets.set(sessionId, targetInfo);
    this.routes.set(sessionId, route);
    await this.#send(route, 'Network.enable');
    // Children (out-of-process iframes such as the assistant, workers) are held at start until
    // we have done the same for them.
    await this.#send(route, 'Target.setAutoAttach', { autoAttach: true, flatten: false, waitForDebuggerOnStart: true });
    await this.#send(route, 'Runtime.runIfWaitingForDebugger');
    if (parentRoute.length === 0) this.pending -= 1;
  }

  #message({ sessionId, message }) {
    const m = JSON.parse(message);
    if (m.id !== undefined && this.answers.has(m.id)) {
      this.answers.get(m.id)(m);
      this.answers.delete(m.id);
      return;
    }
    const target = this.targets.get(sessionId) ?? { type: '?', url: '?' };
    if (m.method === 'Target.attachedToTarget') {
      this.#attached(m.params, this.routes.get(sessionId));
      return;
    }
    if (m.method === 'Target.receivedMessageFromTarget') {
      // A grandchild's message, wrapped by its parent.
      this.#message({ sessionId: m.params.sessionId, message: m.params.message });
      return;
    }
    const record = (kind, url, initiator, documentURL) =>
      this.events.push({ target: { type: target.type, url: target.url }, kind, url, initiator, documentURL });
    if (m.method === 'Network.requestWillBeSent') record('request', m.params.request.url, m.params.initiator, m.params.documentURL);
    else if (m.method === 'Network.webSocketCreated') record('websocket', m.params.url, m.params.initiator);
  }
}

/** Every URL in an initiator, including the async stack parents (a content script's fetch shows here). */
function initiatorUrls(initiator) {
  const urls = [];
  if (initiator?.url) urls.push(initiator.url);
  for (let s = initiator?.stack; s; s = s.parent) for (const f of s.callFrames ?? []) urls.push(f.url);
  return urls;
}

const extensionOrigin = (id) => `chrome-extension://${id}/`;
// Any chrome-extension:// origin counts as the extension's: with use_dynamic_url the assistant
// frame lives at chrome-extension://<per-session GUID>/, not at the extension id, and it is
// the only extension loaded. Loads of chrome-extension:// files are packaged resources, not network.
const EXTENSION_URL = /^chrome-extension:\/\//;
// Whose request is it? The document it was made for (Chromium sometimes reports a page's
// lazy font load on the assistant iframe's session, and an iframe's targetInfo.url is still
// empty when we attach, so the target alone cannot tell), the target when there is no
// document (service worker), or the script that started it (content scripts run inside the
// page's documents, so only their chrome-extension:// stack frames give them away).
const fromExtension = (e) =>
  EXTENSION_URL.test(e.documentURL ?? '') ||
  (!e.documentURL && EXTENSION_URL.test(e.target.url)) ||
  initiatorUrls(e.initiator).some((u) => EXTENSION_URL.test(u));
const leavesExtension = (e) => !EXTENSION_URL.test(e.url);
const show = (list) =>
  list.map((e) => `${e.kind} ${e.url} (for ${e.documentURL ?? '?'} in ${e.target.type} ${e.target.url}, initiator ${initiatorUrls(e.initiator).join(' < ') || e.initiator?.type})`).join('\n  ');

let ext;
let recorder;
let swStatuses;
before(async () => {
  ext = await launchWithExtension();
  recorder = new NetworkRecorder(await ext.context.browser().newBrowserCDPSession());
  await recorder.start();
  await recorder.settled();
  // The service worker started with the browser, before anyone watched it. Stop it, so the
  // flow below starts it again (the assistant's first message does) under observation, top-level
  // code included: Chromium keeps the worker's target, and our session on it, across restarts.
  swStatuses = await stopServiceWorker();
});
after(async () => {
  await ext?.close();
});

/**
 * Stops the extension's worker; returns the live list of its running statuses from then on.
 * Any `stopped` seen here comes after the recorder was attached, so every start after it runs
 * under observation. The worker may start again at once (a pending event wakes it:
 * `stopping > stopped > starting`), so this waits for the stop to be reported, not for it to
 * last; the test then checks that a start followed it.
 */
async function stopServiceWorker() {
  const page = await ext.context.newPage(); // stays open: its CDP session reports the worker's status
  const cdp = await ext.context.newCDPSession(page);
  const statuses = [];
  let sawStop;
  const stopped = new Promise((resolve) => { sawStop = resolve; });
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) {
      if (!v.scriptURL.startsWith(extensionOrigin(ext.extensionId))) continue;
      statuses.push(v.runningStatus);
      if (v.runningStatus === 'stopped') sawStop();
    }
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  let timer;
  const noStop = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the service worker was never reported stopped: ${statuses.join(' > ')}`)), 60_000);
  });
  await Promise.race([stopped, noStop]).finally(() => clearTimeout(timer));
  return statuses;
}

/** Resolves once `condition()` holds; fails naming `what` after `timeout` ms (a deadline, never a pass). */
async function until(what, condition, timeout) {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The extension's current service worker, starting it if needed (any runtime message does). */
async function serviceWorker() {
  const live = ext.context.serviceWorkers().find((w) => w.url().startsWith(extensionOrigin(ext.extensionId)));
  return live ?? ext.context.waitForEvent('serviceworker', { timeout: 30_000 });
}
test('a full create flow makes no network request from any extension context', { timeout: 180_000 }, async (t) => {
  const page = await ext.context.newPage();
  await recorder.settled(); // the new tab records before it navigates
  await page.goto(PAGE('contoso', 'csp=strict'));
  await page.getByRole('menuitem', { name: T('new_token') }).click();
  const panel = dialog(page, T('create_title'));
  await panel.waitFor();
  const frame = await assistantFrame(page, { state: 'ready' });
  await frame.locator('[data-preset-id="git-push"]').click();
  await frame.locator('.notice .success, .notice .error').first().waitFor({ timeout: 30_000 });
  await panel.getByRole('textbox', { name: T('name') }).fill('no-network-check');
  await panel.getByRole('button', { name: T('create'), exact: true }).click();
  await panel.getByText(T('success_title'), { exact: true }).waitFor({ timeout: 30_000 });
  // Copy the token too: the clipboard path may wake the service worker or an offscreen document.
  await panel.getByRole('button', { name: T('copy') }).click();
  await page.waitForTimeout(1500); // anything deferred (timers, idle callbacks) gets a chance to fire

  const { events, targets } = recorder;
  // Not vacuous: the recorder saw the page's own traffic and the extension's contexts.
  const replica = events.filter((e) => e.target.type === 'page' && /^https:\/\/dev\.azure\.com\/(contoso\/_usersSettings\/tokens|_replica\/)/.test(e.url));
  assert.ok(replica.some((e) => e.url.includes('/_usersSettings/tokens')), 'the replica page request was not recorded');
  assert.ok(replica.some((e) => e.url.includes('/_replica/replica.js')), 'the replica script request was not recorded');
  const seen = [...targets.values()].map((t) => `${t.type} ${t.url}`);
  assert.ok(seen.some((s) => s.startsWith(`service_worker ${extensionOrigin(ext.extensionId)}`)), `service worker not watched: ${seen.join(', ')}`);
  // Started again after a reported stop, i.e. while the recorder watched it.
  t.diagnostic(`service worker: ${swStatuses.join(' > ')}`);
  assert.ok(swStatuses.slice(swStatuses.indexOf('stopped')).includes('running'), `the service worker did not restart under observation: ${swStatuses.join(' > ')}`);
  // The assistant frame's own session (not the page's) saw it load its wasm: the frame is watched.
  assert.ok(
    events.some((e) => e.target.type === 'iframe' && /^chrome-extension:\/\/[^/]+\/assistant\.html/.test(e.documentURL ?? '') && e.url.endsWith('_bg.wasm')),
    `the assistant frame was not watched: ${seen.join(', ')}`,
  );

  const leaks = events.filter((e) => fromExtension(e) && leavesExtension(e));
  assert.deepEqual(leaks, [], `the extension made network requests:\n  ${show(leaks)}`);
  assert.deepEqual(recorder.errors, [], 'recorder errors');
  await page.close();
});

const CLEAR_SECONDS = 5; // the smallest delay the clipboard service accepts
const MASTER = 'correct horse battery staple';

test('PAT Guard\'s own clipboard and KeePass paths make no network request: Secure copy, its clear, the KeePass export and an import file in the vault window', { timeout: 240_000 }, async () => {
  const sw = await serviceWorker();
  await sw.evaluate((s) => chrome.storage.local.set({ settings: s }), { clipboardClearSeconds: CLEAR_SECONDS });
  await ext.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://dev.azure.com' });
  const page = await ext.context.newPage();
  await recorder.settled();
  const from = recorder.events.length;
  await page.goto(PAGE('contoso', 'csp=strict'));
  await page.getByRole('menuitem', { name: T('new_token') }).click();
  const panel = dialog(page, T('create_title'));
  await panel.waitFor();
  const frame = await assistantFrame(page, { state: 'ready' });
  await frame.locator('[data-preset-id="artifacts-read"]').click();
  await frame.locator('.notice .success').waitFor({ timeout: 30_000 });
  await panel.getByRole('textbox', { name: T('name') }).fill('no-network-secrets');
  await panel.getByRole('button', { name: T('create'), exact: true }).click();
  await page.waitForFunction(() => window.__replica?.lastToken);
  const success = await assistantFrame(page); // the panel mounts the assistant afresh for the success view

  // Secure copy through the assistant's own button: the background, the offscreen document
  // that writes and later clears the clipboard, and the assistant's report of the clear.
  await success.locator('[data-action="secure-copy"]').click();
  await success.locator('[data-clipboard="copied"]').waitFor({ timeout: 30_000 });
  await success.locator('[data-clipboard="cleared"]').waitFor({ timeout: (CLEAR_SECONDS + 60) * 1000 });
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), '', 'the clear really happened');

  // The KeePass export, in PAT Guard's own window, with a strong master password.
  const [vault] = await Promise.all([
    ext.context.waitForEvent('page', { predicate: (p) => p.url().includes('/vault.html') }),
    success.locator('[data-action="save-kdbx"]').click(),
  ]);
  await recorder.settled(); // the window records before the export runs
  await vault.locator('#root[data-state="ready"]').waitFor();
  await vault.locator('#password').fill(MASTER);
  await vault.locator('[data-strength="strong"]').waitFor();
  await vault.locator('#confirm').fill(MASTER);
  const [download] = await Promise.all([vault.waitForEvent('download', { timeout: 60_000 }), vault.locator('#save').click()]);
  assert.match(download.suggestedFilename(), /\.kdbx$/);
  assert.ok((await fs.promises.stat(await download.path())).size > 0, 'the export wrote a file');
  await vault.locator('#root[data-state="saved"]').waitFor();
  await success.locator('.notice .success').waitFor(); // the assistant got the window's result
  await vault.close();

  // An unencrypted import file, confirmed and built in a second vault window.
  const asked = await askForImportFile(ext.context, success, '1password-csv', '1Password (.csv)');
  await recorder.settled();
  const csv = await confirmImportFile(asked.vault, asked.confirm);
  assert.match(csv.suggestedFilename(), /\.csv$/);
  assert.ok((await fs.promises.stat(await csv.path())).size > 0, 'the import file was written');
  await success.locator('.notice .success').filter({ hasText: /NOT encrypted/ }).waitFor();

  // Not vacuous: each context of these paths was watched while they ran.
  const seen = [...recorder.targets.values()].map((t) => `${t.type} ${t.url}`);
  for (const file of ['offscreen', 'vault']) {
    assert.ok(seen.some((s) => s.includes(`${extensionOrigin(ext.extensionId)}${file}/`) || s.includes(`${extensionOrigin(ext.extensionId)}${file}.html`)), `the ${file} document was not watched: ${seen.join(', ')}`);
  }
  assert.ok(seen.some((s) => s.startsWith(`service_worker ${extensionOrigin(ext.extensionId)}`)), `service worker not watched: ${seen.join(', ')}`);
  const events = recorder.events.slice(from);
  assert.ok(
    events.some((e) => e.target.type === 'iframe' && /^chrome-extension:\/\/[^/]+\/assistant\.html/.test(e.documentURL ?? '') && e.url.endsWith('_bg.wasm')),
    'the success view\'s assistant frame was not watched',
  );

  const leaks = events.filter((e) => fromExtension(e) && leavesExtension(e));
  assert.deepEqual(leaks, [], `the extension made network requests:\n  ${show(leaks)}`);
  assert.deepEqual(recorder.errors, [], 'recorder errors');
  await asked.vault.close();
  await page.close();
});

test('the recorder flags requests from the service worker, the assistant frame and a content script', { timeout: 120_000 }, async () => {
  // Probes prove the classification above would flag a real leak from each extension context.
  const page = await ext.context.newPage();
  await recorder.settled();
  await page.goto(PAGE('contoso'));
  await page.getByRole('menuitem', { name: T('new_token') }).click();
  const frame = await assistantFrame(page);
  const before = recorder.events.length;
  // The extension pages' CSP (default-src 'self', so connect-src too) refuses a fetch to any
  // other origin in the service worker and the assistant frame before a request exists; the
  // content script below runs under the page's rules, so the recorder is proven there.
  const probe = (url) => fetch(url).then(() => 'sent', (e) => `refused: ${e.message}`);
  assert.match(await (await serviceWorker()).evaluate(probe, 'https://probe.invalid/from-service-worker'), /^refused/);
  assert.match(await frame.evaluate(probe, 'https://probe.invalid/from-assistant'), /^refused/);
  // The content scripts' isolated world: Playwright cannot evaluate there, CDP can. The
  // sourceURL gives the probe the same chrome-extension:// stack frame a real agent file has.
  const cdp = await ext.context.newCDPSession(page);
  const worlds = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
  await cdp.send('Runtime.enable'); // replays the existing execution contexts
  const world = worlds.find((c) => c.origin === `chrome-extension://${ext.extensionId}` || c.name === 'PAT Guard');
  assert.ok(world, `no content-script world in the page: ${worlds.map((c) => `${c.name} ${c.origin}`).join(', ')}`);
  await cdp.send('Runtime.evaluate', {
    contextId: world.id,
    expression: `fetch('https://probe.invalid/from-content-script').catch(() => {});\n//# sourceURL=${extensionOrigin(ext.extensionId)}agent/probe.js`,
  });
  // The content script's probe request, however late its event arrives; then exactly it is flagged
  // (the other two never became requests).
  const probes = () => recorder.events.slice(before).filter((e) => e.url.startsWith('https://probe.invalid/'));
  await until('the content script\'s probe request to be recorded', () => probes().length >= 1, 30_000);
  const flagged = recorder.events.slice(before).filter((e) => fromExtension(e) && leavesExtension(e)).map((e) => e.url);
  assert.deepEqual(flagged.sort(), ['https://probe.invalid/from-content-script']);
  // …while the page's own requests in the same tab are not attributed to the extension.
  assert.ok(recorder.events.some((e) => e.url.includes('/_replica/replica.js') && !fromExtension(e)));
  await page.close();
});
