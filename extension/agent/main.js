// Page agent, part 4: lifecycle. Off the token path it only waits for a navigation
// (the portal is a single-page app); on it, it watches the DOM, mounts the assistant
// frame (frames.js) in an open panel, before the page region the core named (a new token
// shown outside any panel) or above the token list, and talks to it over an extension
// port that page scripts cannot open, read or forge.
'use strict';

const PG_TOKENS_PATH = /\/_usersSettings\/tokens\/?$/;
const pg = {
  // The mounted assistant frame, {host, frame, nonce, proof, nonceSpent, claimants, port}
  // (frames.js): `host` is our element in the page; the nonce and the proof bind the one port
  // it opens to it.
  mounted: null,
  get host() {
    return this.mounted?.host ?? null;
  },
  get port() {
    return this.mounted?.port ?? null;
  },
  dialog: null, // the dialog the assistant is mounted in
  anchor: null, // or, with no dialog open, the region or grid (token table) it is mounted before
  // The page element the core last named as the assistant's place (a `mount` message: the
  // region showing a new token outside any panel); only ever an element of a snapshot.
  region: null,
  scouting: false, // the frame is hidden, reading the page for the core to name a place (frames.js)
  spare: null, // a loaded, hidden frame for the next view that needs a new one (frames.js)
  spareSoon: false,
  lastActivity: 0, // when the page last changed or took input (the spare waits for quiet)
  gen: 0,
  // handle maps of the last few generations: a plan names the generation it was made on
  history: new Map(),
  scheduled: false, // a check waits for the next frame
  snapshotDue: false, // a snapshot waits for the page's paint
  afterPaint: null, // the channel that runs it as the first task after the paint
  observer: null, // the DOM observer, only while on the token path
  listening: false, // for ports (from the first activation on)
  gated: null, // the form's submit button, as the core last named it
  gateArmed: false, // the core's verdict: hold every click on it
  judgedGen: 0, // the snapshot that verdict was on
  inputAt: -1, // the last snapshot before the user's latest input: a verdict must be newer
  passNextClick: false,
  // What the assistant asked to keep (form metadata, the list's selected row, a rotation in
  // progress; never the token), handed to the next assistant frame when the list opens a
  // dialog or the panel re-renders into a new view. The list assistant resets it; it is
  // dropped when the page shows neither a panel, nor a named region, nor a token list while no
  // frame is mounted (a hidden frame keeps it: frames.js pgScout), or leaves the token page.
  memory: null,
  // the frame's last height above the list and in a panel, for a frame moved between them
  heights: { list: 0, dialog: 0, region: 0 },
};

function pgActive() {
  return PG_TOKENS_PATH.test(location.pathname);
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

function pgSendSnapshot() {
  if (!pg.port) return;
  const { snap, handles } = pgTakeSnapshot(document, ++pg.gen);
  pg.history.set(pg.gen, handles);
  pg.history.delete(pg.gen - 4);
  pg.port.postMessage({ type: 'snapshot', snap });
}

// After a change inside the view (a tick, a typed character) the snapshot is taken after
// the page's paint, not in the frame callback: there it would delay the frame that shows
// the user's click by its own time. A message posted from the frame callback runs as the
// first task after that frame. When the check has just mounted or moved the frame (a panel
// opened, the success view), the snapshot goes at once: the core then starts its new view
// in its own process while the page paints the re-rendered panel, instead of after it.
function pgSnapshotAfterPaint() {
  if (pg.snapshotDue) return;
  pg.snapshotDue = true;
  if (!pg.afterPaint) {
    pg.afterPaint = new MessageChannel();
    pg.afterPaint.port1.onmessage = () => {
      if (pg.snapshotDue) pgSnapshotNow();
    };
  }
  pg.afterPaint.port2.postMessage(null);
}

function pgSnapshotNow() {
  pg.snapshotDue = false;
  pgSendSnapshot();
}

function pgCheck() {
  pg.scheduled = false;
  if (!pgActive()) {
    pg.memory = null;
    pg.region = null;
    if (pg.host) pgUnmount();
    pgDropSpare();
    pgDeactivate();
    return;
  }
  const dialog = [...document.querySelectorAll('[role="dialog"]')].find((d) => !d.closest('[data-patguard]'));
  if (!dialog) {
    // No panel open. The assistant goes just before the region the core named (a new token
    // shown in the page), else just above the first grid (the table: the list audit).
    if (pg.region && (!pg.region.isConnected || pg.region.closest('[data-patguard]'))) pg.region = null;
    const anchor = pg.region ?? [...document.querySelectorAll('[role="grid"]')].find((g) => !g.closest('[data-patguard]'));
    if (!anchor) {
      if (pg.mounted) {
        if (!pg.scouting || !pg.host?.isConnected) {
          pgScout();
          pgSnapshotNow();
        } else pgSnapshotAfterPaint();
        return;
      }
      pg.memory = null;
      return;
    }
    const stale = !pg.host || !pg.host.isConnected || pg.scouting || pg.dialog || pg.anchor !== anchor || pg.host.nextElementSibling !== anchor;
    if (stale) {
      pgMount(null, anchor);
      pgSnapshotNow();
    } else pgSnapshotAfterPaint();
    return;
  }
  if (!pg.host || !pg.host.isConnected || pg.dialog !== dialog || !dialog.contains(pg.host)) {
    pgMount(dialog);
    pgSnapshotNow();
  } else pgSnapshotAfterPaint();
}

function pgSchedule() {
  pg.lastActivity = performance.now();
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
      if (!pg.scouting) pg.heights[pgPlaceKind(pg.anchor)] = height;
      break;
    }
    case 'mount': {
      // The core names where the assistant belongs, by a handle of one of the last
      // snapshots; null gives the place back to the agent's own rules. A handle no longer
      // known names nothing, so the place is kept.
      let region = null;
      if (Number.isInteger(msg.h)) {
        region = pg.history.get(msg.gen)?.get(msg.h);
        if (!region?.isConnected) break;
      }
      if (region === pg.region) break;
      pg.region = region;
      pgSchedule();
      break;
    }
    case 'remember':
      pg.memory = msg.data ?? null;
      break;
    case 'gate':
      pg.gated = Number.isInteger(msg.h) ? pg.history.get(msg.gen)?.get(msg.h) ?? null : null;
      pg.gateArmed = msg.armed === true;
      pg.judgedGen = Number.isInteger(msg.gen) ? msg.gen : 0;
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
    default:
      break;
  }
}

// The user's input (a click, a typed or picked value) may change the form within this very
// task, before our observer hears of it: until a verdict on a snapshot taken after it is
// in, a click on Create waits for it. The page's own repaints (focus, hover) do not count.
function pgNoteInput() {
  pg.inputAt = pg.gen;
  pgSchedule();
}

function pgOnClickCapture(event) {
  const gated = pg.gated;
  if (pg.passNextClick || !gated || !pg.port) return;
  if (!gated.isConnected || !gated.contains(event.target)) {
    pgNoteInput();
    return;
  }
  const unjudged = pg.judgedGen <= pg.inputAt;
  if (!pg.gateArmed && !unjudged) return;
  // Stop the page from seeing the click; the assistant judges it: it asks the user when
  // the form is risky and lets it through at once when it is safe.
  event.preventDefault();
  event.stopImmediatePropagation();
  // The assistant judges the click on the page as it is now: input not yet in a snapshot
  // goes first, on the same port.
  if (pg.gen <= pg.inputAt || pg.snapshotDue) pgSnapshotNow();
  pg.port.postMessage({ type: 'gateClick' });
  if (pg.gateArmed) pg.host?.scrollIntoView({ block: 'nearest' });
}

function pgOnKeyCapture(event) {
  if (event.key === 'Enter' || event.key === ' ') pgOnClickCapture(event);
}

// Registered on the first activation: only frames the agent created connect, and a page
// that never shows the token path never touches the extension API.
function pgListenForPorts() {
  if (pg.listening) return;
  pg.listening = true;
  chrome.runtime.onConnect.addListener(pgOnConnect);
}

function pgOnConnect(port) {
  // Only this extension can open this port (the assistant frame, or on Firefox the
  // background relaying for it); the nonce and the proof then bind it to the frame we created.
  const fromOurFrame =
    port.name === 'patguard-assistant' &&
    port.sender?.id === chrome.runtime.id &&
    typeof port.sender?.url === 'string' &&
    port.sender.url.startsWith(chrome.runtime.getURL(''));
  if (!fromOurFrame) {
    port.disconnect();
    return;
  }
  // The frame whose nonce this port's hello named; it speaks for the page once it proves it
  // is that frame.
  let claimed = null;
  port.onMessage.addListener((msg) => {
    if (claimed?.port === port) {
      // Only the mounted frame speaks for the page; the spare waits until it is mounted.
      if (port === pg.port) pgOnPortMessage(msg);
      return;
    }
    if (!claimed) {
      // A nonce is good for one port: a frame loaded again with it is turned away.
      claimed = [pg.mounted, pg.spare].find((r) => r && msg?.type === 'hello' && msg.nonce === r.nonce && !r.nonceSpent) ?? null;
      if (!claimed) {
        port.disconnect();
        return;
      }
      claimed.claimants.add(port);
      pgOfferProof(claimed);
      return;
    }
    // The nonce sits in the frame's URL; a page that learned it and loaded its own
    // assistant.html with it, even before our frame's hello, never gets the proof (posted to
    // our frame's window alone), so its port waits here until the genuine frame proves itself.
    // A wrong proof (any window may post one to the frame) is no reason to drop the port.
    if (msg?.type !== 'proof' || msg.proof !== claimed.proof || claimed.nonceSpent) return;
    if (claimed !== pg.mounted && claimed !== pg.spare) {
      port.disconnect();
      return;
    }
    claimed.nonceSpent = true;
    claimed.port = port;
    for (const other of claimed.claimants) if (other !== port) other.disconnect();
    claimed.claimants.clear();
    port.postMessage({ type: 'welcome' });
    // The spare gets its memory and first snapshot when it is mounted.
    if (claimed !== pg.mounted) return;
    if (pg.memory) port.postMessage({ type: 'memory', data: pg.memory });
    pgSendSnapshot();
  });
  port.onDisconnect.addListener(() => {
    claimed?.claimants.delete(port);
    if (pg.mounted?.port === port) pg.mounted.port = null;
    if (pg.spare?.port === port) pgDropSpare();
  });
}

// On the token path: every DOM change and input schedules a check, and clicks are seen
// first for the gate.
function pgActivate() {
  if (pg.observer) return;
  pgListenForPorts();
  pg.observer = new MutationObserver(pgSchedule);
  pg.observer.observe(document.documentElement, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['aria-checked', 'aria-disabled', 'aria-expanded', 'aria-selected', 'class', 'disabled', 'hidden', 'aria-hidden', 'role', 'value', 'readonly'],
  });
  // A text field's change fires when it loses focus, e.g. on the way to Create, and
  // changes nothing its input events did not already report: it is no new input.
  document.addEventListener('input', pgNoteInput, true);
  document.addEventListener('change', pgSchedule, true);
  window.addEventListener('click', pgOnClickCapture, true);
  window.addEventListener('keydown', pgOnKeyCapture, true);
  pgSchedule();
}

function pgDeactivate() {
  if (!pg.observer) return;
  pg.observer.disconnect();
  pg.observer = null;
  document.removeEventListener('input', pgNoteInput, true);
  document.removeEventListener('change', pgSchedule, true);
  window.removeEventListener('click', pgOnClickCapture, true);
  window.removeEventListener('keydown', pgOnKeyCapture, true);
}

// A same-document navigation: arriving on the token path activates the agent; leaving it
// is seen by the next check (which unmounts and deactivates).
function pgOnNavigation() {
  if (pg.observer) pgSchedule();
  else if (pgActive()) pgActivate();
}

// Off the token path the portal's DOM is not watched at all. The Navigation API reports
// every same-document navigation (the page's history.pushState and replaceState, back and
// forward), which an isolated world cannot otherwise see: patched history methods would
// patch only our world's copy. Where a browser lacks it, a childList-only observer
// compares the path when the DOM changes (a router renders after it navigates), and
// popstate covers back and forward.
// This runs on every portal page load, so it touches as little as it can: the current
// entry's URL, which the Navigation API has at hand. Reading `location` and running the
// path's regex cost about 0.1 ms of each page load (issue #19), so only a URL that names
// the token path pays for them.
if (globalThis.navigation?.addEventListener) {
  navigation.addEventListener('currententrychange', pgOnNavigation);
  if ((navigation.currentEntry?.url ?? location.href).includes('/_usersSettings/tokens') && pgActive()) pgActivate();
} else {
  let path = location.pathname;
  new MutationObserver(() => {
    if (location.pathname === path) return;
    path = location.pathname;
    pgOnNavigation();
  }).observe(document, { subtree: true, childList: true });
  window.addEventListener('popstate', pgOnNavigation);
  if (pgActive()) pgActivate();
}
