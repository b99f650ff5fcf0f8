// Page agent, part 1: serialise the DOM the core needs into a compact tree.
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
  let count = 0;
  let truncated = false;
  const walk = (el) => {
    if (PG_SKIP_TAGS.has(el.tagName.toUpperCase()) || el.hasAttribute('data-patguard')) return null;
    if (count >= PG_NODE_BUDGET) {
      truncated = true;
      return null;
    }
    const h = ++count;
    handles.set(h, el);
    const n = { h, t: el.tagName.toLowerCase() };
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
      else if (child.nodeType === 1) {
        const k = walk(child);
        if (k) kids.push(k);
      }
    }
    text = pgCollapse(text);
    if (text) n.x = text;
    if (kids.length) n.k = kids;
    return n;
  };
  const roots = pgSnapshotRoots(doc).map(walk).filter(Boolean);
  const snap = {
    v: 1,
    gen,
    url: doc.location.href,
    lang: doc.documentElement.lang || '',
    theme: pgIsDark(doc) ? 'dark' : 'light',
    roots,
    truncated,
  };
  return { snap, handles };
}
