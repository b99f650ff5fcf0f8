// Page agent, part 3: the assistant frames. Creates the frame the core runs in, moves it
// with the page (list → panel → a page region the core named) rather than recreating it,
// and keeps one spare frame loaded, so a view that needs a new frame (the success view,
// the list after the panel closes) gets one whose core has already started. Knows no
// Azure DevOps text.
'use strict';

// A moved frame keeps its document, its loaded wasm and its port (Element.moveBefore), so
// the assistant is ready within a frame instead of after a new frame's navigation and
// module start (about 200 ms, issue #7). Firefox (153) reloads an iframe inside a shadow
// root on moveBefore (measured), and a reloaded frame cannot greet (its nonce is spent):
// there every view gets a new frame, as before, and no spare is kept. Asked when needed:
// the extension API is set up on first use, which a non-token page never needs.
function pgMoveKeepsFrame() {
  return !chrome.runtime.getURL('').startsWith('moz-extension:') && typeof Element.prototype.moveBefore === 'function';
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

// A new frame starts loading once the page is idle (at most this much later): a new frame
// is needed right after the page re-rendered (the success view after Create, a panel
// opened by URL), and the page's own update should paint before our frame's start
// competes with it for the CPU. Its place is held meanwhile, so nothing moves.
const PG_NEW_FRAME_IDLE_MS = 150;

// One frame: the host element in the page (a closed shadow root holding the iframe), the
// nonce in the frame's URL that its port's hello names, and the proof that port must then
// echo, which only the frame's own window is given (pgOfferProof).
function pgCreateFrame(height, { atIdle = false } = {}) {
  const nonce = crypto.randomUUID();
  const host = document.createElement('div');
  host.setAttribute('data-patguard', 'host');
  const frame = document.createElement('iframe');
  frame.src = `${chrome.runtime.getURL('assistant.html')}#${nonce}`;
  frame.title = 'PAT Guard';
  frame.setAttribute('allow', 'clipboard-write');
  frame.style.cssText = `all:initial;display:block;border:0;width:100%;height:${height}px;margin:0 0 12px;color-scheme:normal`;
  const rec = { host, frame, nonce, proof: crypto.randomUUID(), nonceSpent: false, claimants: new Set(), port: null };
  // The frame loads once. A second load means something reloaded it (a browser whose
  // moveBefore does not keep frames, the page re-inserting our host): that document
  // cannot greet, so it is replaced.
  let loads = 0;
  frame.addEventListener('load', () => {
    loads += 1;
    if (loads < 2) {
      pgOfferProof(rec);
      return;
    }
    if (pg.mounted === rec && pg.scouting) pgScout({ fresh: true });
    else if (pg.mounted === rec) pgMount(pg.dialog, pg.anchor, { fresh: true });
    else if (pg.spare === rec) pgDropSpare();
  });
  // Closed: page scripts cannot reach the iframe through host.shadowRoot, so they cannot
  // read its URL (the nonce), restyle it or replace it; only this content script holds it.
  const shadow = host.attachShadow({ mode: 'closed' });
  if (!atIdle) {
    shadow.append(frame);
    return rec;
  }
  host.style.setProperty('min-height', `${height + 12}px`);
  requestIdleCallback(
    () => {
      host.style.removeProperty('min-height');
      shadow.append(frame);
    },
    { timeout: PG_NEW_FRAME_IDLE_MS },
  );
  return rec;
}

// The proof goes to the window of the iframe element this script created, and only while it
// shows one of this extension's pages: a URL can be learned and loaded again in another
// frame, this window cannot. Offered when the frame has loaded (its listener is set by then)
// and again at each hello naming its nonce (a hello may come first).
function pgOfferProof(rec) {
  rec.frame.contentWindow?.postMessage({ patguardProof: rec.proof }, chrome.runtime.getURL(''));
}

function pgFrame() {
  return pg.mounted?.frame ?? null;
}

// Which remembered height applies: beside a page region the core named, above the token
// list, or in a panel.
function pgPlaceKind(anchor) {
  if (anchor && anchor === pg.region) return 'region';
  return anchor ? 'list' : 'dialog';
}

// Puts `host` at the assistant's place: just before `anchor` (the page region the core
// named, else the token list), or at the top of the panel's form column. With `move`, a
// frame already in the page keeps its document (moveBefore); false when it cannot be
// moved there.
function pgPlace(host, dialog, anchor, { move = false } = {}) {
  const parent = anchor ? anchor.parentNode : pgMountPoint(dialog);
  if (!parent) return false;
  const before = anchor ?? parent.firstChild;
  if (!move) {
    parent.insertBefore(host, before);
    return true;
  }
  try {
    parent.moveBefore(host, before);
    return true;
  } catch {
    return false; // another document, a detached parent
  }
}

// Puts the assistant in the open panel (`dialog`) or just before `anchor` (the region the
// core named, else the token list): the current frame moved there, else the spare, else
// a new frame.
function pgMount(dialog, anchor = null, { fresh = false } = {}) {
  if (!fresh && pgMoveHost(dialog, anchor)) return;
  pgUnmount();
  pg.dialog = dialog;
  pg.anchor = anchor;
  const height = pg.heights[pgPlaceKind(anchor)] || 48;
  const spare = fresh ? null : pgTakeSpare();
  const rec = spare ?? pgCreateFrame(height, { atIdle: !fresh });
  pg.mounted = rec;
  if (spare) {
    rec.frame.style.height = `${height}px`;
    rec.host.setAttribute('data-patguard', 'host');
    rec.host.style.removeProperty('display');
    // Inserted instead, it reloads, and the load handler replaces it.
    if (!pgPlace(rec.host, dialog, anchor, { move: true })) pgPlace(rec.host, dialog, anchor);
    // A greeted spare got no memory at its hello: it was not the panel's frame yet.
    if (pg.port && pg.memory) pg.port.postMessage({ type: 'memory', data: pg.memory });
  } else pgPlace(rec.host, dialog, anchor);
  pgInstallStyle();
  if (dialog) pgSoonSpare();
}

function pgMoveHost(dialog, anchor) {
  const host = pg.host;
  if (!pgMoveKeepsFrame() || !host?.isConnected) return false;
  if (!pgPlace(host, dialog, anchor, { move: true })) return false; // start afresh
  pg.dialog = dialog;
  pg.anchor = anchor;
  if (pg.scouting) pgShow(host);
  // The height it last had in this kind of place, so the form below moves at most once.
  const height = pg.heights[pgPlaceKind(anchor)];
  const frame = pgFrame();
  if (frame && height) frame.style.height = `${height}px`;
  if (dialog) pgSoonSpare();
  return true;
}

function pgShow(host) {
  pg.scouting = false;
  host.setAttribute('data-patguard', 'host');
  host.style.removeProperty('display');
}

function pgUnmount() {
  pgClearMarks();
  pgDisconnectAll(pg.mounted);
  pg.host?.remove();
  pg.mounted = null;
  pg.scouting = false;
  pg.dialog = null;
  pg.anchor = null;
  pg.gated = null;
  pg.history = new Map();
}

// The page shows neither a panel, nor a region the core named, nor the token list, right
// after it showed the assistant: a panel may have given way to the new token shown in the
// page itself. The agent cannot tell (it knows no token and no page layout), so the frame
// stays, hidden, and keeps reading the page: its core names the region holding the token
// (a `mount` message), and the frame is shown there. Nothing is shown or clicked meanwhile.
function pgScout({ fresh = false } = {}) {
  if (fresh || !pg.host?.isConnected) {
    pgUnmount();
    const rec = (fresh ? null : pgTakeSpare()) ?? pgCreateFrame(48);
    pg.mounted = rec;
    // The spare is already there (inserted again, it would reload).
    if (!rec.host.isConnected) document.documentElement.append(rec.host);
    // A greeted spare got no memory at its hello; a new frame gets it at its own.
    if (rec.port && pg.memory) rec.port.postMessage({ type: 'memory', data: pg.memory });
  } else {
    pgClearMarks();
    pg.gated = null;
  }
  pg.host.setAttribute('data-patguard', 'scout');
  pg.host.style.setProperty('display', 'none', 'important');
  pg.dialog = null;
  pg.anchor = null;
  pg.scouting = true;
}

// The spare loads while a panel is open (the success view and the list after the panel
// will need a new frame), hidden, once the page has been quiet for a while (no DOM change,
// no input: the user is reading, not clicking) and is idle, so its start competes neither
// with the page nor with the user's next click; it greets like any frame but gets no
// snapshot until it is mounted.
const PG_SPARE_QUIET_MS = 1000;

function pgSoonSpare() {
  if (!pgMoveKeepsFrame() || pg.spare || pg.spareSoon) return;
  pg.spareSoon = true;
  const load = () => {
    pg.spareSoon = false;
    if (pg.spare || !pg.host || !pgActive()) return;
    const rec = pgCreateFrame(48);
    rec.host.setAttribute('data-patguard', 'spare');
    rec.host.style.setProperty('display', 'none', 'important');
    document.documentElement.append(rec.host);
    pg.spare = rec;
  };
  const whenQuiet = () => {
    const quietFor = performance.now() - pg.lastActivity;
    if (quietFor >= PG_SPARE_QUIET_MS) requestIdleCallback(load, { timeout: 2000 });
    else setTimeout(whenQuiet, PG_SPARE_QUIET_MS - quietFor);
  };
  whenQuiet();
}

// A frame leaves: its port and any port still claiming its nonce.
function pgDisconnectAll(rec) {
  rec?.port?.disconnect();
  rec?.claimants.forEach((port) => port.disconnect());
  rec?.claimants.clear();
}

function pgTakeSpare() {
  const spare = pg.spare;
  pg.spare = null;
  if (!spare) return null;
  if (spare.host.isConnected) return spare;
  pgDisconnectAll(spare);
  return null;
}

function pgDropSpare() {
  pgDisconnectAll(pg.spare);
  pg.spare?.host.remove();
  pg.spare = null;
}
