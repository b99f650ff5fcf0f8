// Security suite, issue #17: a page that has learned a frame's nonce and greets with it first.
// The nonce sits in the assistant frame's URL. hostile-claims shows a page script cannot find
// it; this test assumes the worst anyway: the test itself hands the page the nonce of a frame
// that has not greeted yet (the mounted frame's, then the spare's), the page loads its own
// assistant.html with it, and that copy's hello reaches the agent before the genuine frame's.
// The agent must still give the page's port to the genuine frame alone: the hello only names
// a frame, and the port speaks for the page once it echoes the proof the agent posted to that
// frame's own window (agent/frames.js pgOfferProof).
//
// To order the two hellos without timing, an init script in every assistant frame holds the
// frame's outgoing port messages until the test releases them; it forwards them unchanged and
// records what the frame receives (the port's message types, its disconnect, proof offers).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension } from '../support/extension.mjs';
import { PAGE, dialog, replicaState } from '../support/replica-page.mjs';
import { T, settled } from '../support/guard-page.mjs';

let ext;
before(async () => {
  ext = await launchWithExtension();
  await ext.context.addInitScript(() => {
    if (location.protocol !== 'chrome-extension:' || !location.pathname.endsWith('/assistant.html')) return;
    const hook = { connected: false, released: false, queue: [], received: [], disconnected: false, offers: 0 };
    globalThis.__pgHook = hook;
    addEventListener('message', (event) => {
      if (typeof event.data?.patguardProof === 'string') hook.offers += 1;
    });
    const connect = chrome.tabs.connect.bind(chrome.tabs);
    chrome.tabs.connect = (...args) => {
      const port = connect(...args);
      const send = port.postMessage.bind(port);
      port.postMessage = (msg) => (hook.released ? send(msg) : hook.queue.push(msg));
      hook.release = () => {
        hook.released = true;
        hook.queue.splice(0).forEach(send);
      };
      port.onMessage.addListener((msg) => hook.received.push(msg?.type));
      port.onDisconnect.addListener(() => {
        hook.disconnected = true;
      });
      hook.connected = true;
      return port;
    };
  });
});
after(async () => {
  await ext?.close();
});

const hookOf = (frame) => frame.evaluate(() => {
  const { connected, released, queue, received, disconnected, offers } = globalThis.__pgHook ?? {};
  return { connected, released, held: queue?.map((m) => m?.type) ?? [], received, disconnected, offers };
}).catch(() => null);

/** How the frame's element sits in the page: 'rogue' (the page's own iframe) or the agent's host kind. */
const placeOf = (frame) => frame.frameElement()
  .then((el) => el.evaluate((e) => (e.hasAttribute('data-rogue') ? 'rogue' : e.getRootNode().host?.getAttribute('data-patguard') ?? null)))
  .catch(() => null);

/** Polls until `probe()` returns a value; a deadline only for a broken build, sized for a loaded machine. */
async function until(page, what, probe) {
  for (const deadline = Date.now() + 30_000; ;) {
    const got = await probe();
    if (got) return got;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(50);
  }
}

/** An assistant frame at `place` whose hello is held by the hook. */
function heldFrame(page, place) {
  return until(page, `a held assistant frame (${place})`, async () => {
    for (const f of page.frames()) {
      if (!f.url().includes('/assistant.html') || f.isDetached() || (await placeOf(f)) !== place) continue;
      const hook = await hookOf(f);
      if (hook?.connected && !hook.released && hook.held.includes('hello')) return f;
    }
    return null;
  });
}

/**
 * The page claims `genuine`'s nonce with its own frame, whose hello reaches the agent first;
 * then the genuine frame greets. Returns the page's frame once the agent has decided.
 */
async function claimFirst(page, genuine) {
  // The agent offers a frame its proof once the frame has loaded.
  await until(page, 'the proof offered to the genuine frame', async () => (await hookOf(genuine))?.offers >= 1);
  const offered = (await hookOf(genuine)).offers;
  await page.evaluate((src) => {
    const rogue = document.createElement('iframe');
    rogue.src = src; // the genuine frame's URL, nonce and all
    rogue.setAttribute('data-rogue', '');
    document.body.append(rogue);
  }, genuine.url());
  const rogue = await heldFrame(page, 'rogue');
  await rogue.evaluate(() => globalThis.__pgHook.release());
  // The agent has read the page's hello: it offered the proof to the genuine frame again
  // (to its window, which the page's frame is not), or it answered the page's port.
  await until(page, "the agent's answer to the page's hello", async () => {
    const r = await hookOf(rogue);
    return (await hookOf(genuine)).offers > offered || r.received.length > 0 || r.disconnected;
  });
  assert.deepEqual((await hookOf(rogue)).received, [], "the page's frame was answered as the assistant");
  // The page posts forged proofs to every frame window it can reach: they change nothing.
  await page.evaluate(() => {
    for (let i = 0; i < window.frames.length; i++) window.frames[i].postMessage({ patguardProof: crypto.randomUUID() }, '*');
  });
  await genuine.evaluate(() => globalThis.__pgHook.release());
  await until(page, 'the genuine frame welcomed', async () => {
    const g = await hookOf(genuine);
    assert.equal(g.disconnected, false, 'the genuine frame was turned away');
    return g.received.includes('welcome');
  });
  await until(page, "the page's frame turned away", async () => (await hookOf(rogue)).disconnected);
  assert.deepEqual((await hookOf(rogue)).received, [], "the page's frame got a message meant for the assistant");
  return rogue;
}

test("a nonce claimed before the frame's own greeting: the mounted frame's, then the spare's", async () => {
  const page = await ext.context.newPage();
  await page.goto(PAGE('contoso', 'csp=strict'));
  // The list's frame: the page greets with its nonce first.
  const genuine = await heldFrame(page, 'host');
  const rogue = await claimFirst(page, genuine);
  await rogue.locator('.notice .error').waitFor();
  await genuine.locator('[data-patguard="assistant"][data-view="list"]').waitFor();

  // The same frame moves into the panel; the spare loads once the page is quiet.
  await page.getByRole('menuitem', { name: T('new_token', 'en') }).click();
  const panel = dialog(page, T('create_title', 'en'));
  await panel.waitFor();
  await genuine.locator('[data-patguard="assistant"][data-view="form"]').waitFor();
  const spare = await heldFrame(page, 'spare');
  await claimFirst(page, spare);

  // Both genuine frames work: a preset applies, and the success view is the spare's.
  await genuine.locator('[data-preset-id="git-read"]').click();
  await genuine.locator('.notice .success').waitFor();
  await panel.getByRole('textbox', { name: T('name', 'en') }).fill('nonce-race-2026-12');
  await settled(page);
  await panel.getByRole('button', { name: T('create', 'en'), exact: true }).click();
  await page.waitForFunction(() => window.__replica?.lastSubmit);
  assert.deepEqual((await replicaState(page)).lastSubmit.scopes, ['vso.code']);
  await spare.locator('[data-patguard="assistant"][data-view="success"]').waitFor();
  assert.ok((await hookOf(spare)).received.includes('snapshot'), 'the spare speaks for the page');
  await page.close();
});
