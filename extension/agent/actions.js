// Page agent, part 2: perform what the core decided, on elements from the latest
// snapshot only, after re-checking that each still is what the core saw.
'use strict';

function pgTextOf(el) {
  // Mirrors Node::text() in the core: each element's own text, joined by spaces.
  const parts = [];
  const walk = (node) => {
    if (PG_SKIP_TAGS.has(node.tagName.toUpperCase()) || node.hasAttribute('data-patguard')) return;
    let own = '';
    for (const child of node.childNodes) if (child.nodeType === 3) own += child.nodeValue;
    own = pgCollapse(own);
    if (own) parts.push(own);
    for (const child of node.children) walk(child);
  };
  walk(el);
  return parts.join(' ');
}

function pgNameOf(el) {
  const label = pgLabelOf(el);
  return label && label.trim() ? pgCollapse(label) : pgTextOf(el);
}

function pgStillMatches(el, expect) {
  if (!el || !el.isConnected) return 'the element is gone';
  if (!expect) return null;
  if (expect.role !== undefined && el.getAttribute('role') !== expect.role) return 'its role changed';
  if (expect.checked !== undefined && el.getAttribute('aria-checked') !== expect.checked) return 'its checked state changed';
  if (expect.name !== undefined && pgNameOf(el) !== expect.name) return 'its label changed';
  return null;
}

function pgSetValue(el, value) {
  const proto = el.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  // React tracks the last value it set; the native setter bypasses its tracker so the
  // input event below is seen as a real edit.
  Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

const pgMarked = new Map();

function pgClearMarks() {
  for (const [el, oldTitle] of pgMarked) {
    el.removeAttribute('data-patguard-mark');
    if (oldTitle === null) el.removeAttribute('title');
    else el.setAttribute('title', oldTitle);
  }
  pgMarked.clear();
}

function pgMark(el, severity, title) {
  if (!pgMarked.has(el)) pgMarked.set(el, el.getAttribute('title'));
  el.setAttribute('data-patguard-mark', severity === 'critical' ? 'critical' : 'warning');
  el.setAttribute('title', `PAT Guard: ${title}`);
}

// Runs actions in order and stops at the first refusal, so a page that changed
// mid-plan is left as it was from that point on.
function pgPerform(actions, handles) {
  const results = [];
  for (const a of actions) {
    if (a.op === 'clearMarks') {
      pgClearMarks();
      results.push({ ok: true });
      continue;
    }
    const el = handles.get(a.h);
    const problem = pgStillMatches(el, a.expect);
    if (problem) {
      results.push({ ok: false, error: `refused ${a.op} on element ${a.h}: ${problem}` });
      break;
    }
    if (a.op === 'click') el.click();
    else if (a.op === 'setValue') pgSetValue(el, a.value);
    else if (a.op === 'mark') pgMark(el, a.severity, a.title);
    else if (a.op === 'mask') el.setAttribute('data-patguard-mask', '');
    else {
      results.push({ ok: false, error: `unknown action ${a.op}` });
      break;
    }
    results.push({ ok: true });
  }
  return results;
}
