// Page agent, part 3: lifecycle. Active only on token pages (the portal is a
// single-page app, so it re-checks on every DOM change), mounts the assistant
// frame in an open panel, and talks to it over an extension port that page
// scripts cannot open, read or forge.
'use strict';

const PG_TOKENS_PATH = /\/_usersSettings\/tokens\/?$/;
const pg = {
  host: null, // our element in the page, holding the assistant frame
  dialog: null, // the dialog the assistant is mounted in
  anchor: null, // or, with no dialog open, the grid (token table) it is mounted above
  nonce: null, // binds the one frame we created to the port it opens
  port: null,
  gen: 0,
  // handle maps of the last few generations: a plan names the generation it was made on
  history: new Map(),
  scheduled: false,
  gated: null, // the submit button whose clicks the core wants to see first
  passNextClick: false,
  // What the assistant asked to keep (form metadata, the list's selected row, a rotation in
  // progress; never the token), handed to the next assistant frame when the list opens a
  // dialog or the panel re-renders into a new view. The list assistant resets it; it is
  // dropped when the page shows neither a panel nor a token list, or leaves the token page.
  memory: null,
  // the frame's last height above the list and in a panel, for a frame moved between them
  heights: { list: 0, dialog: 0 },
};

function pgActive() {
  return PG_TOKENS_PATH.test(location.pathname);
}

// Where the assistant goes: at the top of the column that holds the form fields, inside
// the panel's scrolling body, so it scrolls with the form and never covers the header.
function pgMountPoint(dialog) {
  const field = dialog.querySelector('input, [role="radio"], [role="checkbox"]');
  if (!field) return dialog;
  let scroller = null;
  for (let el = field.parentElement; el && el !== dialog.parentElement; el = el.parentElement) {
    const oy = getComputedStyle(el).overflowY;
    if (oy === 'auto' || oy === 'scroll') {
      scroller = el;
      break;
    }
  }
  if (!scroller) return dialog;
  const stacksVertically = (el) => {
    const cs = getComputedStyle(el);
    return !cs.display.endsWith('flex') || cs.flexDirection.startsWith('column');
  };
  const column = [...scroller.children].find((c) => c.contains(field));
  if (column && stacksVertically(column)) return column;
  return stacksVertically(scroller) ? scroller : dialog;
}

function pgInstallStyle() {
  if (document.getElementById('patguard-style')) return;
  const style = document.createElement('style');
  style.id = 'patguard-style';
  style.setAttribute('data-patguard', 'style');
  style.textContent =
    '[data-patguard-mark="critical"]{outline:2px solid #d13438!important;outline-offset:2px}' +
    '[data-patguard-mark="warning"]{outline:2px dashed #c87d0a!important;outline-offset:2px}' +
    '[data-patguard-mask]{-webkit-text-security:disc!important;filter:blur(5px)!important}';
  (document.head || document.documentElement).append(style);
}

function pgMount(dialog, grid = null, { fresh = false } = {}) {
  if (!fresh && pgMoveHost(dialog, grid)) return;
  pgUnmount();
  pg.nonce = crypto.randomUUID();
  pg.nonceSpent = false;
  pg.dialog = dialog;
  pg.anchor = grid;
  const host = document.createElement('div');
  host.setAttribute('data-patguard', 'host');
  const shadow = host.attachShadow({ mode: 'open' });
  const frame = document.createElement('iframe');
  frame.src = `${chrome.runtime.getURL('assistant.html')}#${pg.nonce}`;
  frame.title = 'PAT Guard';
  frame.setAttribute('allow', 'clipboard-write');
  // The frame loads once. A second load means something reloaded it (a browser whose
  // moveBefore does not keep frames): that document cannot greet, so start a new frame.
  let loads = 0;
  frame.addEventListener('load', () => {
    loads += 1;
    if (loads > 1 && pg.host === host) pgMount(pg.dialog, pg.anchor, { fresh: true });
  });
  const height = pg.heights[grid ? 'list' : 'dialog'] || 48;
  frame.style.cssText = `all:initial;display:block;border:0;width:100%;height:${height}px;margin:0 0 12px;color-scheme:normal`;
  shadow.append(frame);
  pg.host = host;
  if (grid) grid.before(host);
  else pgMountPoint(dialog).prepend(host);
  pgInstallStyle();
}

// A frame that already runs the core is moved, not recreated: moveBefore keeps its
// document, its loaded wasm and its port alive, so a panel opened from the token list
// shows a ready assistant at once instead of after a new frame's navigation and start
// (about 200 ms). The core follows the page view by itself (list → form), and the frame
// gets the height it last had in this kind of place, so the form does not jump twice.
// Firefox (153) reloads an iframe inside a shadow root on moveBefore (measured), and a
// reloaded frame's hello is refused (its nonce is spent), so there the frame is recreated.
const PG_MOVE_KEEPS_FRAME = !chrome.runtime.getURL('').startsWith('moz-extension:');

function pgMoveHost(dialog, grid) {
  const host = pg.host;
  if (!PG_MOVE_KEEPS_FRAME || !host?.isConnected || typeof host.moveBefore !== 'function') return false;
  const parent = grid ? grid.parentNode : pgMountPoint(dialog);
  if (!parent) return false;
  try {
    parent.moveBefore(host, grid ?? parent.firstChild);
  } catch {
    return false; // not movable here (another document, a detached parent): start afresh
  }
  pg.dialog = dialog;
  pg.anchor = grid;
  const height = pg.heights[grid ? 'list' : 'dialog'];
  const frame = pgFrame();
  if (frame && height) frame.style.height = `${height}px`;
  return true;
}

function pgUnmount() {
  pgClearMarks();
  pg.port?.disconnect();
  pg.port = null;
  pg.host?.remove();
  pg.host = null;
  pg.dialog = null;
  pg.anchor = null;
  pg.gated = null;
  pg.history = new Map();
}

function pgFrame() {
  return pg.host?.shadowRoot?.querySelector('iframe') ?? null;
}

function pgSendSnapshot() {
  if (!pg.port) return;
  const { snap, handles } = pgTakeSnapshot(document, ++pg.gen);
  pg.history.set(pg.gen, handles);
  pg.history.delete(pg.gen - 4);
  pg.port.postMessage({ type: 'snapshot', snap });
}

function pgCheck() {
  pg.scheduled = false;
  if (!pgActive()) {
    pg.memory = null;
    if (pg.host) pgUnmount();
    return;
  }
  const dialog = [...document.querySelectorAll('[role="dialog"]')].find((d) => !d.closest('[data-patguard]'));
  if (!dialog) {
    // No panel open: the list audit. The assistant goes just above the first grid (the table).
    const grid = [...document.querySelectorAll('[role="grid"]')].find((g) => !g.closest('[data-patguard]'));
    if (!grid) {
      pg.memory = null;
      if (pg.host) pgUnmount();
      return;
    }
    const stale = !pg.host || !pg.host.isConnected || pg.dialog || pg.anchor !== grid || pg.host.nextElementSibling !== grid;
    if (stale) pgMount(null, grid);
    pgSendSnapshot();
    return;
  }
  if (!pg.host || !pg.host.isConnected || pg.dialog !== dialog || !dialog.contains(pg.host)) pgMount(dialog);
  pgSendSnapshot();
}

function pgSchedule() {
  if (pg.scheduled) return;
  pg.scheduled = true;
  requestAnimationFrame(pgCheck);
}

function pgOnPortMessage(msg) {
  switch (msg?.type) {
    case 'act': {
      const handles = pg.history.get(msg.gen) ?? new Map();
      const results = pgPerform(msg.actions ?? [], handles);
      pg.port?.postMessage({ type: 'actResult', id: msg.id, results });
      // The core waits for the page after a click or a typed value, even one that changed
      // nothing it observes; outlines change nothing it reads, so they cost no snapshot.
      if ((msg.actions ?? []).some((a) => a?.op !== 'mark' && a?.op !== 'clearMarks')) pgSchedule();
      break;
    }
    case 'resize': {
      const frame = pgFrame();
      const height = Math.max(0, Math.min(4000, Number(msg.height) || 0));
      if (frame) frame.style.height = `${height}px`;
      pg.heights[pg.anchor ? 'list' : 'dialog'] = height;
      break;
    }
    case 'remember':
      pg.memory = msg.data ?? null;
      break;
    case 'gate':
      pg.gated = Number.isInteger(msg.h) ? pg.history.get(msg.gen)?.get(msg.h) ?? null : null;
      break;
    case 'releaseGate': {
      // The user confirmed in the assistant: let exactly one click through.
      const el = pg.gated;
      const problem = pgStillMatches(el, msg.expect);
      if (problem) {
        pg.port?.postMessage({ type: 'actResult', id: msg.id, results: [{ ok: false, error: problem }] });
        break;
      }
      pg.passNextClick = true;
      el.click();
      pg.passNextClick = false;
      pg.port?.postMessage({ type: 'actResult', id: msg.id, results: [{ ok: true }] });
      break;
    }
    case 'storeCredential':
      pgStoreCredential(msg);
      break;
    default:
      break;
  }
}

// Offer the new token to the browser's password manager. Only the top-level page can
// (the API does nothing in frames), and only Chromium has PasswordCredential.
async function pgStoreCredential({ id, name, password }) {
  const reply = (r) => pg.port?.postMessage({ type: 'credentialResult', id, ...r });
  if (!window.PasswordCredential || !navigator.credentials?.store) {
    reply({ ok: false, error: 'unsupported: this browser has no PasswordCredential (Credential Management API)' });
    return;
  }
  try {
    await navigator.credentials.store(new PasswordCredential({ id: name, password, name }));
    reply({ ok: true });
  } catch (e) {
    reply({ ok: false, error: `credentials.store failed: ${e?.name ?? 'Error'}: ${e?.message ?? ''}` });
  }
}

function pgOnClickCapture(event) {
  const gated = pg.gated;
  if (pg.passNextClick || !gated || !pg.port) return;
  if (!gated.isConnected || !gated.contains(event.target)) return;
  // Stop the page from seeing the click; the assistant asks the user first.
  event.preventDefault();
  event.stopImmediatePropagation();
  pg.port.postMessage({ type: 'gateClick' });
  pg.host?.scrollIntoView({ block: 'nearest' });
}

function pgOnKeyCapture(event) {
  if (event.key === 'Enter' || event.key === ' ') pgOnClickCapture(event);
}

chrome.runtime.onConnect.addListener((port) => {
  // Only this extension can open this port (the assistant frame, or on Firefox the
  // background relaying for it); the nonce then binds it to the frame we created.
  const fromOurFrame =
    port.name === 'patguard-assistant' &&
    port.sender?.id === chrome.runtime.id &&
    typeof port.sender?.url === 'string' &&
    port.sender.url.startsWith(chrome.runtime.getURL(''));
  if (!fromOurFrame) {
    port.disconnect();
    return;
  }
  let greeted = false;
  port.onMessage.addListener((msg) => {
    if (!greeted) {
      // The nonce is readable in the frame's URL by page scripts, so it is good for one
      // port only: a second frame loaded with it by the page is turned away.
      if (msg?.type !== 'hello' || !pg.nonce || msg.nonce !== pg.nonce || pg.nonceSpent) {
        port.disconnect();
        return;
      }
      greeted = true;
      pg.nonceSpent = true;
      pg.port?.disconnect();
      pg.port = port;
      if (pg.memory) port.postMessage({ type: 'memory', data: pg.memory });
      pgSendSnapshot();
      return;
    }
    pgOnPortMessage(msg);
  });
  port.onDisconnect.addListener(() => {
    if (pg.port === port) pg.port = null;
  });
});

new MutationObserver(pgSchedule).observe(document.documentElement, {
  subtree: true,
  childList: true,
  characterData: true,
  attributes: true,
  attributeFilter: ['aria-checked', 'aria-disabled', 'aria-expanded', 'aria-selected', 'class', 'disabled', 'hidden', 'aria-hidden', 'role', 'value', 'readonly'],
});
for (const type of ['input', 'change']) document.addEventListener(type, pgSchedule, true);
window.addEventListener('click', pgOnClickCapture, true);
window.addEventListener('keydown', pgOnKeyCapture, true);
window.addEventListener('popstate', pgSchedule);
pgSchedule();
