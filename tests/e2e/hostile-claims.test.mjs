// Security suite, issue #17: the hostile-page claims tested with genuine messages.
// - A page script watching the DOM from before the agent starts cannot find the nonce of a
//   frame that has not greeted yet (the mounted frame's or the spare's), so it cannot claim
//   it: the frame host's shadow root is closed.
// - Window messages the agent would act on if it listened — a real `act` for a live
//   generation and a real unticked checkbox, a real `releaseGate` while the gate holds a
//   Create click — change nothing; the same `act` sent over the assistant's port does tick it.
// - The shipped agent (actions.js pgStillMatches, main.js releaseGate) refuses an element
//   that changed or was replaced since the snapshot the message names.
// The assistant frame's port is observed (not replaced) by an init script in the frame, so
// the test can read the live snapshot and speak on the genuine port.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension, assistantFrame } from '../support/extension.mjs';
import { PAGE, dialog, replicaState } from '../support/replica-page.mjs';
import { T, finding, settled } from '../support/guard-page.mjs';

let ext;
before(async () => {
  ext = await launchWithExtension();
  // In every assistant frame: keep the port, the latest snapshot and the act results.
  await ext.context.addInitScript(() => {
    if (location.protocol !== 'chrome-extension:' || !location.pathname.endsWith('/assistant.html')) return;
    const connect = chrome.tabs.connect.bind(chrome.tabs);
    chrome.tabs.connect = (...args) => {
      const port = connect(...args);
      const seen = { port, snap: null, results: {}, disconnected: false };
      globalThis.__pgSeen = seen;
      port.onMessage.addListener((m) => {
        if (m?.type === 'snapshot') seen.snap = m.snap;
        if (m?.type === 'actResult') seen.results[m.id] = m.results;
      });
      port.onDisconnect.addListener(() => {
        seen.disconnected = true;
      });
      return port;
    };
  });
  // The hostile page: from before the agent runs, it looks for an assistant frame's URL
  // everywhere a page script can look, and claims any nonce it finds with its own frame of
  // assistant.html, removing the genuine frame where it can reach it.
  await ext.context.addInitScript(() => {
    if (location.hostname !== 'dev.azure.com') return;
    const hostile = { nonces: [], places: [] };
    window.__hostile = hostile;
    const claim = (url, where) => {
      const m = /assistant\.html#([0-9a-f-]{36})/.exec(typeof url === 'string' ? url : '');
      if (!m || hostile.nonces.includes(m[1])) return;
      hostile.nonces.push(m[1]);
      hostile.places.push(where);
      const rogue = document.createElement('iframe');
      rogue.src = url;
      rogue.setAttribute('data-rogue', '');
      document.body.append(rogue);
    };
    const watched = new WeakSet();
    const look = () => {
      for (const host of document.querySelectorAll('[data-patguard]')) {
        const root = host.shadowRoot; // null for a closed shadow root
        if (root && !watched.has(root)) {
          watched.add(root);
          new MutationObserver(look).observe(root, { subtree: true, childList: true, attributes: true });
        }
        for (const f of root?.querySelectorAll('iframe') ?? []) {
          claim(f.src, 'shadowRoot');
          f.remove();
        }
        for (const f of host.querySelectorAll('iframe')) claim(f.src, 'light DOM');
      }
      for (const e of performance.getEntries()) claim(e.name, 'performance entry');
      for (let i = 0; i < window.frames.length; i++) {
        try {
          claim(window.frames[i].location.href, 'window.frames');
        } catch {
          // cross-origin
        }
      }
    };
    new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true });
    new PerformanceObserver((list) => list.getEntries().forEach((e) => claim(e.name, 'performance observer'))).observe({ type: 'resource', buffered: true });
  });
});
after(async () => {
  await ext?.close();
});

async function openPanel() {
  const page = await ext.context.newPage();
  await page.goto(PAGE('contoso', 'csp=strict'));
  await page.getByRole('menuitem', { name: T('new_token', 'en') }).click();
  const panel = dialog(page, T('create_title', 'en'));
  await panel.waitFor();
  const frame = await assistantFrame(page);
  return { page, panel, frame };
}

/** Waits for a frame's port to have delivered a snapshot of the open panel, and returns it. */
async function liveSnapshot(frame) {
  const handle = await frame.waitForFunction(() => {
    const snap = globalThis.__pgSeen?.snap;
    return snap && snap.nodes.some((n) => n.r === 'dialog') ? snap : null;
  });
  return asTree(await handle.jsonValue());
}

/** The agent's flat snapshot (each node names its parent's position, `p`) as a tree of `k` children. */
function asTree(snap) {
  const nodes = snap.nodes.map((n) => ({ ...n, k: [] }));
  const roots = [];
  for (const n of nodes) (n.p === undefined ? roots : nodes[n.p].k).push(n);
  return { ...snap, roots };
}

/** A node's accessible name as the core reads it: its ARIA label, else its texts joined. */
const textOf = (n) => [n.x, ...(n.k ?? []).map(textOf)].filter(Boolean).join(' ');
const nameOf = (n) => n.l ?? textOf(n);

/** The snapshot's checkboxes in tree order, each with its index among the page's own and its name. */
function checkboxes(snap) {
  const out = [];
  const walk = (n) => {
    if (n.r === 'checkbox') out.push({ ...n, i: out.length, l: nameOf(n) });
    (n.k ?? []).forEach(walk);
  };
  snap.roots.forEach(walk);
  return out;
}

/** aria-checked of the page's i-th checkbox in the panel (the snapshot's numbering). */
const checkedAt = (page, i) => page.evaluate((n) => document.querySelectorAll('[role=dialog] [role=checkbox]')[n]?.getAttribute('aria-checked') ?? null, i);

/** Sends a message on the genuine port and waits for the agent's actResult. */
async function overPort(frame, msg) {
  await frame.evaluate((m) => globalThis.__pgSeen.port.postMessage(m), msg);
  const got = await frame.waitForFunction((id) => globalThis.__pgSeen.results[id] ?? null, msg.id);
  return got.jsonValue();
}


test('the page finds no nonce of a frame that has not greeted yet, the spare\'s included', async () => {
  const { page, panel, frame } = await openPanel();
  // The spare loads once the page is quiet; wait until it has greeted on its own port.
  await page.locator('[data-patguard="spare"]').waitFor({ state: 'attached' });
  let spare = null;
  while (!spare) {
    for (const f of page.frames()) {
      if (f === frame || !f.url().includes('/assistant.html') || f.isDetached()) continue;
      const isSpare = await f.frameElement().then((el) => el.evaluate((e) => e.getRootNode().host?.getAttribute('data-patguard') === 'spare')).catch(() => false);
      if (isSpare && (await f.evaluate(() => Boolean(globalThis.__pgSeen?.port)).catch(() => false))) spare = f;
    }
    if (!spare) await page.waitForTimeout(50);
  }
  const hostile = await page.evaluate(() => window.__hostile);
  assert.deepEqual(hostile, { nonces: [], places: [] }, `the page found a nonce: ${JSON.stringify(hostile)}`);
  assert.equal(await page.locator('[data-rogue]').count(), 0);
  // The genuine frames work: a preset applies, and the success view is the spare, connected.
  await frame.locator('[data-preset-id="git-read"]').click();
  await frame.locator('.notice .success').waitFor();
  await panel.getByRole('textbox', { name: T('name', 'en') }).fill('hostile-claims-2026-11');
  await settled(page);
  await panel.getByRole('button', { name: T('create', 'en'), exact: true }).click();
  await page.waitForFunction(() => window.__replica?.lastSubmit);
  const success = await assistantFrame(page);
  assert.equal(success, spare, 'the success view runs in the spare');
  await success.locator('[data-patguard="assistant"][data-view="success"]').waitFor();
  assert.equal(await spare.evaluate(() => globalThis.__pgSeen.disconnected), false);
  assert.deepEqual((await page.evaluate(() => window.__hostile)).nonces, []);
  await page.close();
});

test('genuine act and releaseGate messages posted as window messages change nothing', async () => {
  const { page, panel, frame } = await openPanel();
  const snap = await liveSnapshot(frame);
  const box = checkboxes(snap).find((n) => n.ck === 'false' && n.l);
  assert.ok(box, 'an unticked, labelled checkbox in the live snapshot');
  const act = { type: 'act', id: 9101, gen: snap.gen, actions: [{ op: 'click', h: box.h, expect: { role: 'checkbox', checked: 'false', name: box.l } }] };
  assert.equal(await checkedAt(page, box.i), 'false');
  const iframe = await frame.frameElement();
  await page.evaluate(([el, m]) => {
    window.postMessage(m, '*');
    el.contentWindow.postMessage(m, '*');
    window.top.postMessage(m, '*');
  }, [iframe, act]);
  // A round trip on the port after the window messages: the agent has run its queue.
  await overPort(frame, { type: 'act', id: 9102, gen: snap.gen, actions: [] });
  assert.equal(await checkedAt(page, box.i), 'false', 'a window message ticked the box');
  // The same message on the genuine port is obeyed: the forgery was a valid one.
  const results = await overPort(frame, { ...act, id: 9103 });
  assert.deepEqual(results, [{ ok: true }]);
  await page.waitForFunction((n) => document.querySelectorAll('[role=dialog] [role=checkbox]')[n]?.getAttribute('aria-checked') === 'true', box.i);

  // The gate holds a Create click on Full access; a forged releaseGate does not let it through.
  await panel.getByRole('textbox', { name: T('name', 'en') }).fill('hostile-gate-2026-11');
  await settled(page);
  await panel.getByRole('radio', { name: T('full_access', 'en') }).click();
  await finding(frame, 'full-access').waitFor();
  await settled(page);
  await panel.getByRole('button', { name: T('create', 'en'), exact: true }).click();
  await frame.locator('[data-patguard="gate"]').waitFor();
  const release = { type: 'releaseGate', id: 9104, expect: { name: T('create', 'en') } };
  await page.evaluate(([el, m]) => {
    window.postMessage(m, '*');
    el.contentWindow.postMessage(m, '*');
  }, [iframe, release]);
  await overPort(frame, { type: 'act', id: 9105, gen: snap.gen, actions: [] });
  const state = await replicaState(page);
  assert.equal(state.lastSubmit, null, 'a forged releaseGate created the token');
  assert.equal(state.submits.length, 0);
  await page.close();
});

test('the shipped agent refuses a changed or replaced element: act (pgStillMatches) and releaseGate', async () => {
  const { page, panel, frame } = await openPanel();
  const snap = await liveSnapshot(frame);
  const [first, second] = checkboxes(snap).filter((n) => n.ck === 'false' && n.l);
  assert.ok(first && second, 'two unticked, labelled checkboxes');
  const click = (n, id) => ({ type: 'act', id, gen: snap.gen, actions: [{ op: 'click', h: n.h, expect: { role: 'checkbox', checked: 'false', name: n.l } }] });
  // Changed: the label now says something else.
  await page.evaluate(([n, l]) => document.querySelectorAll('[role=dialog] [role=checkbox]')[n].setAttribute('aria-label', `${l} (renamed)`), [first.i, first.l]);
  assert.deepEqual(await overPort(frame, click(first, 9201)), [{ ok: false, error: `refused click on element ${first.h}: its label changed` }]);
  assert.equal(await checkedAt(page, first.i), 'false');
  // Replaced: a re-render put a new element where the old one was.
  await page.evaluate((n) => {
    const old = document.querySelectorAll('[role=dialog] [role=checkbox]')[n];
    old.replaceWith(old.cloneNode(true));
  }, second.i);
  assert.deepEqual(await overPort(frame, click(second, 9202)), [{ ok: false, error: `refused click on element ${second.h}: the element is gone` }]);
  assert.equal(await checkedAt(page, second.i), 'false');

  // releaseGate: the gated Create button is renamed after the gate took the click.
  await panel.getByRole('textbox', { name: T('name', 'en') }).fill('stale-gate-2026-11');
  await settled(page);
  await panel.getByRole('radio', { name: T('full_access', 'en') }).click();
  await finding(frame, 'full-access').waitFor();
  await settled(page);
  const create = panel.getByRole('button', { name: T('create', 'en'), exact: true });
  await create.click();
  await frame.locator('[data-patguard="gate"]').waitFor();
  await create.evaluate((b) => {
    const label = [...b.querySelectorAll('*')].reverse().find((e) => e.childElementCount === 0 && e.textContent.trim()) ?? b;
    label.textContent = 'Create and share';
  });
  const refused = await overPort(frame, { type: 'releaseGate', id: 9203, expect: { name: T('create', 'en') } });
  assert.deepEqual(refused, [{ ok: false, error: 'its label changed' }]);
  const state = await replicaState(page);
  assert.equal(state.lastSubmit, null, 'the changed button was clicked');
  assert.equal(state.submits.length, 0);
  await page.close();
});
