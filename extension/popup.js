// The toolbar popup: the token inventory sorted by expiry, with days left, a link to each
// token's page, "Forget", and export/import as JSON (validated in full before anything is
// applied). Built with DOM methods only: entry texts can never become markup.
import { validateInventory, exportFile, tokenPageUrl, daysLeft, byExpiry } from './inventory/schema.js';

const api = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);

function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') el.textContent = v;
    else if (k === 'on') for (const [type, fn] of Object.entries(v)) el.addEventListener(type, fn);
    else el.setAttribute(k, v);
  }
  el.append(...children.filter(Boolean));
  return el;
}

function say(text, kind) {
  const m = $('message');
  m.textContent = text;
  m.className = kind;
}

function daysText(days) {
  if (days === null) return 'no expiry known';
  if (days < 0) return `expired ${-days === 1 ? 'yesterday' : `${-days} days ago`}`;
  if (days === 0) return 'expires today';
  if (days === 1) return 'expires tomorrow';
  return `${days} days left`;
}

async function load() {
  const got = await api.storage.local.get('inventory');
  return (validateInventory(Array.isArray(got.inventory) ? got.inventory : []).entries ?? []).sort(byExpiry);
}

async function render() {
  const entries = await load();
  const list = $('entries');
  list.replaceChildren();
  $('empty').hidden = entries.length > 0;
  for (const e of entries) {
    const days = daysLeft(e);
    const url = tokenPageUrl(e);
    const urgency = days === null ? 'unknown' : days < 0 ? 'expired' : days <= 7 ? 'soon' : 'ok';
    const meta = [e.organization, e.preset ? `preset ${e.preset}` : null, e.expiryDate ? `expires ${e.expiryDate}` : null]
      .filter(Boolean)
      .join(' · ');
    list.append(
      h(
        'li',
        { 'data-entry': e.name, 'data-urgency': urgency, 'data-days': days === null ? '' : String(days) },
        h('span', {}, h('span', { class: 'name', text: e.name }), ' ', h('span', { class: 'days', text: daysText(days) })),
        h('button', { type: 'button', 'data-action': 'forget', text: 'Forget', title: 'Remove from this list (the token itself stays valid)', on: { click: () => forget(e) } }),
        h(
          'span',
          { class: 'meta' },
          meta,
          url ? ' · ' : null,
          url ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', 'data-link': 'token-page', text: 'token page' }) : null,
        ),
      ),
    );
  }
}

async function forget(e) {
  const r = await api.runtime.sendMessage({ type: 'inventory.forget', name: e.name, organization: e.organization });
  if (r?.ok) say(`Forgot "${e.name}". The token itself still works until it expires or you revoke it.`, 'ok');
  else say(r?.error ?? 'Could not forget the entry.', 'error');
}

async function exportInventory() {
  const entries = await load();
  const blob = new Blob([`${JSON.stringify(exportFile(entries), null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: `patguard-inventory-${new Date().toISOString().slice(0, 10)}.json` });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  say(`Exported ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'} (no token values).`, 'ok');
}

/** Validates the whole file first; nothing is applied unless every entry is valid. */
export async function importText(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `Import failed: the file is not JSON (${e.message}). Nothing was changed.` };
  }
  const v = validateInventory(data);
  if (v.error) return { ok: false, error: `Import failed: ${v.error}. Nothing was changed.` };
  const r = await api.runtime.sendMessage({ type: 'inventory.import', entries: v.entries });
  if (!r?.ok) return { ok: false, error: `Import failed: ${r?.error ?? 'no answer'}. Nothing was changed.` };
  return { ok: true, message: `Imported ${r.count} ${r.count === 1 ? 'entry' : 'entries'}.` };
}

async function importFile(event) {
  const file = event.target.files?.[0];
  event.target.value = '';
  if (!file) return;
  if (file.size > 1_000_000) {
    say('Import failed: the file is larger than 1 MB. Nothing was changed.', 'error');
    return;
  }
  const r = await importText(await file.text());
  say(r.ok ? r.message : r.error, r.ok ? 'ok' : 'error');
}

$('export').addEventListener('click', exportInventory);
$('import').addEventListener('change', importFile);
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes.inventory) render();
});
globalThis.patguardPopup = { importText, render };
render();
