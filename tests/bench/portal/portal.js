// A heavy Azure DevOps portal page that is not the token page, for the bench and the
// navigation e2e test: a live pipeline log beside a board, which can churn its DOM at a
// fixed rate (rows added and removed, attributes toggled, text changed) and navigate
// client-side (history.pushState) to the token page, rendering the replica there as the
// portal's router would.
'use strict';

const LOG_ROWS = 300;
const CARDS = 150;
const portal = document.getElementById('portal');
const log = document.createElement('div');
log.className = 'log';
log.setAttribute('role', 'log');
const board = document.createElement('div');
board.className = 'board';
portal.append(log, board);

// Deterministic text, so that every run does the same work.
let seed = 1;
const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
const words = ['Downloading', 'artifact', 'Restoring', 'packages', 'Compiling', 'crate', 'test', 'passed', 'warning:', 'unused', 'variable', 'Uploading', 'results', 'step', 'finished'];
const sentence = () => Array.from({ length: 6 + Math.floor(rand() * 8) }, () => words[Math.floor(rand() * words.length)]).join(' ');

let lineNo = 0;
function logLine() {
  const row = document.createElement('div');
  row.className = 'log-line';
  const ts = document.createElement('span');
  ts.className = 'ts';
  ts.textContent = `2026-12-06T08:${String(lineNo % 60).padStart(2, '0')}:00.${String(lineNo % 1000).padStart(3, '0')}Z`;
  const msg = document.createElement('span');
  msg.className = 'msg';
  msg.textContent = sentence();
  row.append(ts, msg);
  lineNo += 1;
  return row;
}
// The live rows, oldest first (the page's own list, as a virtualised log keeps one).
const rows = [];
for (let i = 0; i < LOG_ROWS; i++) rows.push(log.appendChild(logLine()));
const cards = [];
for (let i = 0; i < CARDS; i++) {
  const card = document.createElement('div');
  card.className = 'card';
  card.setAttribute('aria-expanded', 'false');
  card.textContent = `Work item ${1000 + i}: ${sentence()}`;
  const details = document.createElement('div');
  details.className = 'details';
  details.textContent = sentence();
  card.append(details);
  cards.push(board.appendChild(card));
}

// One DOM mutation of each kind in turn, as a live log and a board produce them.
let turn = 0;
function mutate() {
  const k = turn++ % 6;
  const anyRow = () => rows[Math.floor(rand() * rows.length)];
  if (k === 0) rows.push(log.appendChild(logLine())); // a row added
  else if (k === 1) rows.shift().remove(); // a row removed
  else if (k === 2) anyRow().classList.toggle(rand() < 0.5 ? 'warn' : 'error');
  else if (k === 3) {
    const row = anyRow();
    row.setAttribute('aria-selected', row.getAttribute('aria-selected') === 'true' ? 'false' : 'true');
  } else if (k === 4) {
    const card = cards[Math.floor(rand() * cards.length)];
    card.setAttribute('aria-expanded', card.getAttribute('aria-expanded') === 'true' ? 'false' : 'true');
  } else anyRow().lastChild.firstChild.data = sentence(); // character data changed
}

// Applies perSecond × seconds mutations, a 60th of a second's worth in each animation frame
// (so perSecond at 60 frames per second). Paced by frames, not by the clock: a loaded
// machine that renders fewer frames per second stretches the run instead of rendering fewer,
// bigger frames, so every run — with the extension or without — does the same work and
// renders the same frames. Resolves after the frame that follows the last mutation.
function churn({ perSecond = 20_000, seconds = 10 } = {}) {
  const frames = Math.round(seconds * 60);
  const perFrame = Math.round(perSecond / 60);
  let frame = 0;
  let scriptMs = 0;
  const start = performance.now();
  return new Promise((resolve) => {
    const step = () => {
      const t = performance.now();
      for (let i = 0; i < perFrame; i++) mutate();
      scriptMs += performance.now() - t;
      if (++frame < frames) requestAnimationFrame(step);
      else requestAnimationFrame(() => setTimeout(() => resolve({ mutations: frames * perFrame, frames, wallMs: performance.now() - start, scriptMs })));
    };
    requestAnimationFrame(step);
  });
}

// Client-side navigation to the token page of `org`: the URL changes first, then the
// portal's content is replaced by the token page (the replica's bundle renders it).
function openTokens(org = 'contoso') {
  history.pushState(null, '', `/${org}/_usersSettings/tokens`);
  const at = performance.now();
  portal.remove();
  if (!document.querySelector('link[href="/_replica/replica.css"]')) {
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = '/_replica/replica.css';
    document.head.append(css);
  }
  const script = document.createElement('script');
  script.src = '/_replica/replica.js';
  document.head.append(script);
  return at;
}

// Client-side navigation away from the token page (its DOM stays, as a cached route would).
function leaveTokens(org = 'contoso') {
  history.pushState(null, '', `/${org}/_build/results?buildId=1`);
  return performance.now();
}

window.__portal = { churn, openTokens, leaveTokens };
