// Security suite: a new token leaves no trace. After create → success → secure copy (and the
// clipboard clear), the token string must not be in any extension storage area, in the page's
// or the extension origin's Web Storage or IndexedDB, in cookies, or in any console message
// of the page, its frames (the assistant), the service worker or other extension pages.
// The scanner is first shown to find a planted value in every one of those places, so a pass
// is not the scanner looking in the wrong place.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension, assistantFrame } from '../support/extension.mjs';
import { PAGE, dialog, createWithPreset } from '../support/replica-page.mjs';
import pageTexts from '../../src/core/data/ado-page-texts.json' with { type: 'json' };
import { waitForClipboardText } from '../support/clipboard.mjs';
import { attachNonFlat } from '../support/offscreen-devtools.mjs';

const T = (key) => pageTexts.texts[key].en;
const DELAY = 5;

let ext;
let extPage; // an extension page (extension origin): its Web Storage / IndexedDB are the assistant's
const consoleLog = []; // every console message and page error seen anywhere: {where, text}

before(async () => {
  ext = await launchWithExtension();
  await ext.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://dev.azure.com' });
  const watchPage = (page) => {
    // A page's console events include its frames, so the assistant frame is covered too.
    page.on('console', (m) => consoleLog.push({ where: `console ${page.url()} (${m.location().url})`, text: `${m.text()} ${JSON.stringify(m.args().map(String))}` }));
    page.on('pageerror', (e) => consoleLog.push({ where: `pageerror ${page.url()}`, text: `${e.message}\n${e.stack}` }));
  };
  ext.context.on('page', watchPage);
  for (const page of ext.context.pages()) watchPage(page);
  const watchWorker = (w) => w.on('console', (m) => consoleLog.push({ where: `console ${w.url()}`, text: `${m.text()} ${JSON.stringify(m.args().map(String))}` }));
  watchWorker(ext.sw);
  ext.context.on('serviceworker', watchWorker);
  extPage = await ext.context.newPage();
  await extPage.goto(`chrome-extension://${ext.extensionId}/assistant.html`);
  await watchOffscreenDocument(extPage);
  await extPage.evaluate(() => {
    window.__results = [];
    chrome.runtime.onMessage.addListener((m) => {
      if (m?.type === 'clipboard.result') window.__results.push(m);
    });
  });
});
after(async () => {
  await ext?.close();
});

// Playwright does not expose the offscreen document (a 'background_page' target), so its console
// is read over DevTools: discover targets, attach to each offscreen document, enable Runtime.
let offscreen = null; // {send(method, params)} for the latest offscreen document
async function watchOffscreenDocument(page) {
  const cdp = await ext.context.newCDPSession(page);
  const attached = new Set();
  const onTarget = async ({ targetInfo }) => {
    // A new target is announced with an empty URL; the URL arrives with targetInfoChanged.
    if (!targetInfo.url.endsWith('/offscreen.html') || attached.has(targetInfo.targetId)) return;
    attached.add(targetInfo.targetId);
    const session = await attachNonFlat(cdp, targetInfo.targetId);
    session.onEvent((m) => {
      if (m.method === 'Runtime.consoleAPICalled') {
        consoleLog.push({ where: 'console offscreen.html', text: m.params.args.map((a) => a.value ?? a.description ?? '').join(' ') });
      } else if (m.method === 'Runtime.exceptionThrown') {
        consoleLog.push({ where: 'pageerror offscreen.html', text: JSON.stringify(m.params.exceptionDetails) });
      }
    });
    const send = (method, params) => session.send(method, params).catch(() => null);
    offscreen = { send, ready: send('Runtime.enable') };
  };
  cdp.on('Target.targetCreated', onTarget);
  cdp.on('Target.targetInfoChanged', onTarget);
  await cdp.send('Target.setDiscoverTargets', { discover: true });
}

/** Everything a Web origin keeps: localStorage, sessionStorage and every IndexedDB record. */
function dumpOrigin() {
  const text = (v) => {
    try {
      return JSON.stringify(v, (_k, x) => (x instanceof ArrayBuffer || ArrayBuffer.isView(x) ? new TextDecoder().decode(x) : x));
    } catch {
      return String(v);
    }
  };
  const req = (r) => new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  return (async () => {
    const out = { localStorage: text({ ...localStorage }), sessionStorage: text({ ...sessionStorage }), indexedDB: '' };
    for (const { name } of await indexedDB.databases()) {
      const db = await req(indexedDB.open(name));
      for (const store of db.objectStoreNames) {
        const tx = db.transaction(store, 'readonly');
        const [keys, values] = await Promise.all([req(tx.objectStore(store).getAllKeys()), req(tx.objectStore(store).getAll())]);
        out.indexedDB += `${name}/${store}: ${text(keys)} ${text(values)}\n`;
      }
      db.close();
    }
    return out;
  })();
}

/** Names of every place where `needle` was found. */
async function scan(needle, pages) {
  const places = {};
  const areas = await ext.sw.evaluate(async () => {
    const out = {};
    for (const area of ['local', 'sync', 'session']) out[area] = JSON.stringify(await chrome.storage[area].get(null));
    return out;
  });
  for (const [area, json] of Object.entries(areas)) places[`chrome.storage.${area}`] = json;
  for (const [label, page] of Object.entries(pages)) {
    for (const [kind, value] of Object.entries(await page.evaluate(dumpOrigin))) places[`${label} ${kind}`] = value;
  }
  places.cookies = JSON.stringify(await ext.context.cookies());
  for (const { where, text } of consoleLog) places[where] = `${places[where] ?? ''}\n${text}`;
  return Object.entries(places).filter(([, v]) => v.includes(needle)).map(([k]) => k);
}

async function waitForResult(timeout) {
  const handle = await extPage.waitForFunction(() => window.__results.shift() ?? false, null, { timeout, polling: 100 });
  return handle.jsonValue();
}

/** Resolves once `condition()` holds; fails naming `what` after `timeout` ms (a deadline, never a pass). */
async function until(what, condition, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('create → success → secure copy leaves the token nowhere', async () => {
  await ext.sw.evaluate((s) => chrome.storage.local.set({ settings: s }), { clipboardClearSeconds: DELAY });
  const page = await ext.context.newPage();
  await page.goto(PAGE('contoso'));
  await page.getByRole('menuitem', { name: T('new_token') }).click();
  const panel = dialog(page, T('create_title'));
  await panel.waitFor();
  const frame = await assistantFrame(page);
  const token = await createWithPreset(page, panel, frame, { preset: 'git-read', name: 'no-trace-e2e' });
  assert.ok(token?.length >= 52, 'the replica minted a token');

  const successFrame = await assistantFrame(page); // the panel re-mounts the assistant for the success view
  // The user's path: the assistant's own button. A missing button fails the test.
  await successFrame.locator('[data-action="secure-copy"]').click();
  await waitForClipboardText(page, token);
  assert.deepEqual(await waitForResult((DELAY + 30) * 1000), { type: 'clipboard.result', outcome: 'cleared' });
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), '');

  assert.ok(offscreen, 'the offscreen document\'s console was not watched');
  const found = await scan(token, { page, 'extension origin': extPage });
  assert.deepEqual(found, [], `the token was found in: ${found.join(', ')}`);
  // The replica page itself still shows the token; close it and scan again from a fresh page.
  await panel.getByRole('button', { name: T('close'), exact: true }).first().click();
  await page.close();
  const fresh = await ext.context.newPage();
  await fresh.goto(PAGE('contoso'));
  const again = await scan(token, { page: fresh, 'extension origin': extPage });
  assert.deepEqual(again, [], `after closing the page, the token was found in: ${again.join(', ')}`);
  await fresh.close();
});

test('the scanner is not vacuous: it finds a planted value in every place it checks', async () => {
  const planted = `PLANTED${'x'.repeat(20)}${Date.now()}`;
  const page = await ext.context.newPage();
  await page.goto(PAGE('contoso'));
  await ext.sw.evaluate(async (v) => {
    await chrome.storage.local.set({ throwaway: v });
    await chrome.storage.sync.set({ throwaway: v });
    await chrome.storage.session.set({ throwaway: v });
    console.log('sw', v);
  }, planted);
  const plantInOrigin = async ([p, v]) => {
    localStorage.setItem('throwaway', v);
    sessionStorage.setItem('throwaway', v);
    await new Promise((resolve, reject) => {
      const r = indexedDB.open('throwaway-db', 1);
      r.onupgradeneeded = () => r.result.createObjectStore('s');
      r.onsuccess = () => {
        const tx = r.result.transaction('s', 'readwrite');
        tx.objectStore('s').put({ nested: [new TextEncoder().encode(v).buffer] }, 'k');
        tx.oncomplete = () => { r.result.close(); resolve(); };
      };
      r.onerror = () => reject(r.error);
    });
    console.log(p, v);
  };
  await page.evaluate(plantInOrigin, ['page', planted]);
  await extPage.evaluate(plantInOrigin, ['extension page', planted]);
  const frame = await (async () => {
    await page.getByRole('menuitem', { name: T('new_token') }).click();
    return assistantFrame(page);
  })();
  await frame.evaluate((v) => console.log('assistant frame', v), planted);
  // The offscreen document exists while a clear is pending: start one, log there, cancel it.
  offscreen = null;
  // A copy request carries a secret, so it goes over a port to the background alone.
  assert.equal((await extPage.evaluate(() => new Promise((resolve) => { const p = chrome.runtime.connect({ name: 'patguard-clipboard' }); p.onMessage.addListener((r) => { p.disconnect(); resolve(r); }); p.postMessage({ id: 1, type: 'clipboard.copy', text: 'unrelated', clearAfterSeconds: 60 }); }))).ok, true);
  await until('the offscreen document to be attached', () => offscreen);
  await offscreen.ready;
  await offscreen.send('Runtime.evaluate', { expression: `console.log('offscreen ' + ${JSON.stringify(planted)})` });
  await extPage.evaluate(() => chrome.runtime.sendMessage({ type: 'clipboard.cancel' }));
  await ext.context.addCookies([{ name: 'throwaway', value: planted, url: 'https://dev.azure.com/' }]);
  // Console events arrive asynchronously: wait for each source's planted line (a source whose
  // console is not captured times out here, with its name).
  const sources = ['sw', 'page', 'extension page', 'assistant frame', 'offscreen'];
  for (const source of sources) {
    await until(`the ${source}'s console line`, () => consoleLog.some((e) => e.text.startsWith(`${source} ${planted}`)));
  }

  const found = new Set(await scan(planted, { page, 'extension origin': extPage }));
  const expected = [
    'chrome.storage.local', 'chrome.storage.sync', 'chrome.storage.session',
    'page localStorage', 'page sessionStorage', 'page indexedDB',
    'extension origin localStorage', 'extension origin sessionStorage', 'extension origin indexedDB',
    'cookies',
  ];
  for (const place of expected) assert.ok(found.has(place), `planted value not found in ${place}; found in ${[...found].join(', ')}`);
  assert.ok([...found].some((p) => p.startsWith('console ')), 'no console place found');
  // Every console source feeds the scanned log (a message logged from evaluate() has no script URL,
  // so the source is told apart by its text).
  for (const source of sources) {
    assert.ok(consoleLog.some((e) => e.text.startsWith(`${source} ${planted}`)), `console of the ${source} is not captured`);
  }
  await page.close();
});
