// The toolbar popup: the token inventory sorted by expiry, with days left, a link to each
// token's page, "Forget", and export/import as JSON (validated in full before anything is
// applied). Built with DOM methods only: entry texts can never become markup.
import { validateInventory, exportFile, tokenPageUrl, daysLeft, byExpiry } from './inventory/schema.js';
import { serverOrigins } from './inventory/links.js';

const api = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);

/** The browser UI language's text (extension/_locales; English when a key is missing, e.g. in a unit test). */
function msg(key, ...subs) {
  return api.i18n?.getMessage?.(key, subs.map(String)) || key;
}

/** The static texts of popup.html, in the browser's UI language. */
function localize() {
  const lang = (api.i18n?.getUILanguage?.() ?? 'en').toLowerCase().startsWith('de') ? 'de' : 'en';
  document.documentElement.lang = lang;
  document.title = msg('actionTitle');
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = msg(el.dataset.i18n);
}

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
  if (days === null) return msg('daysUnknown');
  if (days === -1) return msg('daysExpiredYesterday');
  if (days < 0) return msg('daysExpiredAgo', -days);
  if (days === 0) return msg('daysToday');
  if (days === 1) return msg('daysTomorrow');
  return msg('daysLeft', days);
}

async function load() {
  const got = await api.storage.local.get('inventory');
  return (validateInventory(Array.isArray(got.inventory) ? got.inventory : []).entries ?? []).sort(byExpiry);
}

/** The Azure DevOps Server origins added in the options: their token pages may be linked. */
async function servers() {
  return serverOrigins((await api.storage.local.get('servers')).servers);
}

async function render() {
  const entries = await load();
  const known = await servers();
  const list = $('entries');
  list.replaceChildren();
  $('empty').hidden = entries.length > 0;
  for (const e of entries) {
    const days = daysLeft(e);
    const url = tokenPageUrl(e, known);
    const urgency = days === null ? 'unknown' : days < 0 ? 'expired' : days <= 7 ? 'soon' : 'ok';
    const rotated = e.rotatedTo ? msg('metaRotated', e.rotatedTo, e.rotatedOn ?? '?') : null;
    const meta = [e.organization, e.preset ? msg('metaPreset', e.preset) : null, e.expiryDate ? msg('metaExpires', e.expiryDate) : null, rotated]
      .filter(Boolean)
      .join(' · ');
    list.append(
      h(
        'li',
        { 'data-entry': e.name, ...(e.rotatedTo ? { 'data-rotated': e.rotatedTo } : {}), 'data-urgency': urgency, 'data-days': days === null ? '' : String(days) },
        h('span', {}, h('span', { class: 'name', text: e.name }), ' ', h('span', { class: 'days', text: daysText(days) })),
        h('button', { type: 'button', 'data-action': 'forget', text: msg('forget'), title: msg('forgetTitle'), 'aria-label': msg('forgetLabel', e.name), on: { click: () => forget(e) } }),
        h(
          'span',
          { class: 'meta' },
          meta,
          url ? ' · ' : null,
          url ? h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', 'data-link': 'token-page', text: msg('tokenPageLink') }) : null,
        ),
      ),
    );
  }
}

async function forget(e) {
  const r = await api.runtime.sendMessage({ type: 'inventory.forget', name: e.name, organization: e.organization });
  if (r?.ok) say(msg('forgot', e.name), 'ok');
  else say(r?.error ?? msg('forgetFailed'), 'error');
}

async function exportInventory() {
  const entries = await load();
  const blob = new Blob([`${JSON.stringify(exportFile(entries), null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: `patguard-inventory-${new Date().toISOString().slice(0, 10)}.json` });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  say(entries.length === 1 ? msg('exportedOne') : msg('exportedMany', entries.length), 'ok');
}

/** Validates the whole file first; nothing is applied unless every entry is valid. */
export async function importText(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: msg('importNotJson', e.message) };
  }
  const v = validateInventory(data, { servers: await servers() });
  if (v.error) return { ok: false, error: msg('importInvalid', v.error) };
  const r = await api.runtime.sendMessage({ type: 'inventory.import', entries: v.entries });
  if (!r?.ok) return { ok: false, error: msg('importInvalid', r?.error ?? msg('importNoAnswer')) };
  return { ok: true, message: r.count === 1 ? msg('importedOne') : msg('importedMany', r.count) };
}

async function importFile(event) {
  const file = event.target.files?.[0];
  event.target.value = '';
  if (!file) return;
  if (file.size > 1_000_000) {
    say(msg('importTooLarge'), 'error');
    return;
  }
  const r = await importText(await file.text());
  say(r.ok ? r.message : r.error, r.ok ? 'ok' : 'error');
}

localize();
$('export').addEventListener('click', exportInventory);
$('import').addEventListener('change', importFile);
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && (changes.inventory || changes.servers)) render();
});
globalThis.patguardPopup = { importText, render };
render();
