// Page agent, part 1: serialise the DOM the core needs into a flat list of nodes in
// document order, each naming its parent's position (protocol version 2), so that no
// DOM depth can break the walk here or the reading in the core.
// Knows no Azure DevOps labels; it only picks the subtrees worth sending:
// open dialogs and callout lists when a panel is open, else the main content.
'use strict';

const PG_SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'SVG', 'NOSCRIPT', 'TEMPLATE', 'LINK', 'META', 'IFRAME', 'CANVAS']);
const PG_NODE_BUDGET = 6000;

function pgCollapse(text) {
  return text.replace(/\s+/g, ' ').trim();
}

function pgLabelOf(el) {
  const label = el.getAttribute('aria-label');
  if (label) return label;
  const ids = el.getAttribute('aria-labelledby');
  if (!ids) return null;
  const parts = ids.split(/\s+/).map((id) => document.getElementById(id)).filter(Boolean).map((n) => pgCollapse(n.textContent));
  return parts.length ? parts.join(' ') : null;
}

function pgSnapshotRoots(doc) {
  const popups = [...doc.querySelectorAll('[role="dialog"],[role="alertdialog"],[role="listbox"],[role="menu"]')]
    .filter((el) => !el.closest('[data-patguard]'));
  const outer = popups.filter((el) => !popups.some((other) => other !== el && other.contains(el)));
  if (outer.length) return outer;
  return [doc.querySelector('[role="main"], main') || doc.body];
}

function pgIsDark(doc) {
  const bg = getComputedStyle(doc.body).backgroundColor.match(/\d+(\.\d+)?/g);
  if (!bg || (bg.length > 3 && Number(bg[3]) === 0)) return false;
  const [r, g, b] = bg.map(Number);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 110;
}

// Returns { snap, handles } where handles maps each node's h back to its element.
function pgTakeSnapshot(doc, gen) {
  const handles = new Map();
  const nodes = [];
  let truncated = false;
  // Depth first with an explicit stack: [element, position of its parent or -1].
  const stack = pgSnapshotRoots(doc)
    .reverse()
    .map((el) => [el, -1]);
  while (stack.length) {
    const [el, parent] = stack.pop();
    if (PG_SKIP_TAGS.has(el.tagName.toUpperCase()) || el.hasAttribute('data-patguard')) continue;
    if (nodes.length >= PG_NODE_BUDGET) {
      truncated = true;
      break;
    }
    const h = nodes.length + 1;
    handles.set(h, el);
    const n = { h, t: el.tagName.toLowerCase() };
    if (parent >= 0) n.p = parent;
    const attr = (name, key) => {
      const v = el.getAttribute(name);
      if (v !== null && v !== '') n[key] = v;
    };
    attr('role', 'r');
    attr('class', 'c');
    attr('id', 'id');
    attr('aria-checked', 'ck');
    attr('aria-expanded', 'ex');
    attr('aria-selected', 'sel');
    const label = pgLabelOf(el);
    if (label) n.l = pgCollapse(label);
    if (el.disabled === true || el.getAttribute('aria-disabled') === 'true') n.dis = true;
    if (el.hidden || el.getAttribute('aria-hidden') === 'true') n.hid = true;
    if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') {
      if (el.type !== 'password') n.v = el.value;
      if (el.type) n.ty = el.type;
      if (el.readOnly) n.ro = true;
    }
    let text = '';
    const kids = [];
    for (const child of el.childNodes) {
      if (child.nodeType === 3) text += child.nodeValue;
      else if (child.nodeType === 1) kids.push(child);
    }
    text = pgCollapse(text);
    if (text) n.x = text;
    nodes.push(n);
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i], h - 1]);
  }
  const snap = {
    v: 2,
    gen,
    url: doc.location.href,
    lang: doc.documentElement.lang || '',
    theme: pgIsDark(doc) ? 'dark' : 'light',
    truncated,
    nodes,
  };
  return { snap, handles };
}
