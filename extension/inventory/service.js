// Inventory and reminders of the background (issue #8). Contract:
//   {type:'inventory.record', entry}  from assistant.html only -> {ok:true} | {ok:false, error}
//   {type:'inventory.forget', name, organization}  from the popup -> {ok:true}
//   {type:'inventory.import', entries}             from the popup -> {ok:true, count} | {ok:false, error}
// The inventory lives in storage.local `inventory` (metadata only; schema.js refuses any
// other field). Reminders are alarms N days before each expiry (settings.reminderDays,
// default 7 and 1); they are re-derived from storage whenever it changes and on startup,
// so they survive the background being suspended. A reminder's notification opens the
// token page of its organization with `#patguard-rotate=<name>`, so the list highlights the row.
import { validateEntry, validateInventory, keyOf, rotateUrl } from './schema.js';
import { serverOrigins } from './links.js';
import { isOurPage } from '../sender.js';

const ALARM_PREFIX = 'patguard-reminder|';
const DEFAULT_REMINDER_DAYS = [7, 1];
const DAY_MS = 86_400_000;

export function reminderDaysOf(settings) {
  const days = Array.isArray(settings?.reminderDays)
    ? settings.reminderDays.filter((d) => Number.isInteger(d) && d >= 1 && d <= 365)
    : [];
  return days.length ? [...new Set(days)] : DEFAULT_REMINDER_DAYS;
}

export const alarmName = (days, entry) => `${ALARM_PREFIX}${days}|${encodeURIComponent(entry.name)}|${encodeURIComponent(entry.organization)}`;

function parseAlarmName(name) {
  if (typeof name !== 'string' || !name.startsWith(ALARM_PREFIX)) return null;
  const [days, n, o] = name.slice(ALARM_PREFIX.length).split('|');
  try {
    return { days: Number(days), name: decodeURIComponent(n), organization: decodeURIComponent(o) };
  } catch {
    return null;
  }
}

export function createInventoryService(api) {
  const fromPage = (sender, page) => Boolean(page) && isOurPage(api, sender, [page]);
  const fromAssistant = (sender) => fromPage(sender, 'assistant.html');
  const fromPopup = (sender) => fromPage(sender, api.runtime.getManifest().action?.default_popup);

  async function load() {
    const got = await api.storage.local.get(['inventory', 'settings']);
    const r = validateInventory(Array.isArray(got.inventory) ? got.inventory : []);
    return { entries: r.entries ?? [], settings: got.settings ?? {} };
  }

  const servers = async () => serverOrigins((await api.storage.local.get('servers')).servers);

  // Writes are serialised so two quick records never lose one another.
  let queue = Promise.resolve();
  const update = (fn) => {
    const run = queue.then(async () => {
      const { entries } = await load();
      const next = await fn(entries);
      await api.storage.local.set({ inventory: next });
      return next;
    });
    queue = run.catch(() => {});
    return run;
  };

  async function reschedule() {
    const { entries, settings } = await load();
    const days = reminderDaysOf(settings);
    const now = Date.now();
    const wanted = new Map();
    for (const e of entries) {
      if (!e.expiryDate || e.rotatedTo) continue; // a rotated token's successor has its own
      const expiry = Date.parse(`${e.expiryDate}T00:00:00Z`);
      for (const d of days) {
        const when = expiry - d * DAY_MS;
        if (when > now) wanted.set(alarmName(d, e), when);
      }
    }
    const existing = await api.alarms.getAll();
    for (const a of existing) {
      if (a.name.startsWith(ALARM_PREFIX) && wanted.get(a.name) !== a.scheduledTime) await api.alarms.clear(a.name);
    }
    const have = new Set(existing.filter((a) => wanted.get(a.name) === a.scheduledTime).map((a) => a.name));
    for (const [name, when] of wanted) if (!have.has(name)) await api.alarms.create(name, { when });
    return wanted.size;
  }

  async function onAlarm(alarm) {
    const ref = parseAlarmName(alarm?.name);
    if (!ref) return null;
    const { entries } = await load();
    const entry = entries.find((e) => e.name === ref.name && e.organization === ref.organization);
    if (!entry || entry.rotatedTo) return null; // forgotten or rotated meanwhile
    const id = alarm.name;
    // In the browser's UI language (extension/_locales); English if a key is missing.
    const text = (key, subs, english) => api.i18n?.getMessage?.(key, subs.map(String)) || english;
    await api.notifications.create(id, {
      type: 'basic',
      iconUrl: api.runtime.getURL('icons/128.png'),
      title: ref.days === 1
        ? text('reminderTitleTomorrow', [], 'Azure DevOps token expires tomorrow')
        : text('reminderTitleDays', [ref.days], `Azure DevOps token expires in ${ref.days} days`),
      message: text('reminderMessage', [entry.name, entry.organization, entry.expiryDate],
        `"${entry.name}" (${entry.organization}) expires on ${entry.expiryDate}. Still needed? Regenerate it. Not needed? Revoke it.`),
    });
    return id;
  }

  async function onNotificationClicked(id) {
    const ref = parseAlarmName(id);
    if (!ref) return null;
    const { entries } = await load();
    const entry = entries.find((e) => e.name === ref.name && e.organization === ref.organization) ?? { name: ref.name, organization: ref.organization };
    // The list assistant highlights the row named in the fragment, with its Rotate action.
    // Only an Azure DevOps token page is opened (links.js); anything else opens nothing.
    const url = rotateUrl(entry, await servers());
    await api.notifications.clear(id);
    if (url) await api.tabs.create({ url });
    return url;
  }

  async function handle(msg) {
    if (msg.type === 'inventory.record') {
      const r = validateEntry(msg.entry);
      if (r.error) return { ok: false, error: `inventory.record refused: the entry ${r.error}` };
      await update((entries) => {
        const i = entries.findIndex((e) => keyOf(e) === keyOf(r.entry));
        if (i < 0) return [...entries, r.entry];
        // A later record of the same token (e.g. a hand-off) keeps earlier hand-offs.
        const savedTo = [...new Set([...entries[i].savedTo, ...r.entry.savedTo])];
        return entries.map((e, j) => (j === i ? { ...r.entry, savedTo } : e));
      });
      return { ok: true };
    }
    if (msg.type === 'inventory.forget') {
      const key = keyOf({ name: msg.name, organization: msg.organization });
      await update((entries) => entries.filter((e) => keyOf(e) !== key));
      return { ok: true };
    }
    if (msg.type === 'inventory.import') {
      const r = validateInventory(msg.entries, { servers: await servers() });
      if (r.error) return { ok: false, error: r.error };
      await update((entries) => {
        const byKey = new Map(entries.map((e) => [keyOf(e), e]));
        for (const e of r.entries) byKey.set(keyOf(e), e);
        return [...byKey.values()];
      });
      return { ok: true, count: r.entries.length };
    }
    return { ok: false, error: `unknown message ${msg.type}` };
  }

  // Listeners are registered synchronously so a woken service worker sees the event.
  api.alarms.onAlarm.addListener((a) => void onAlarm(a).catch((e) => console.warn('PAT Guard reminder:', e?.message)));
  api.notifications.onClicked.addListener((id) => void onNotificationClicked(id).catch(() => {}));
  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && (changes.inventory || changes.settings)) void reschedule().catch(() => {});
  });
  api.runtime.onStartup?.addListener(() => void reschedule().catch(() => {}));
  api.runtime.onInstalled?.addListener(() => void reschedule().catch(() => {}));

  /** runtime.onMessage listener part; returns true when it will answer asynchronously. */
  function onMessage(msg, sender, sendResponse) {
    const type = msg?.type;
    if (type !== 'inventory.record' && type !== 'inventory.forget' && type !== 'inventory.import') return false;
    const allowed = type === 'inventory.record' ? fromAssistant(sender) : fromPopup(sender);
    if (!allowed) {
      sendResponse({ ok: false, error: `${type} refused: only PAT Guard's ${type === 'inventory.record' ? 'assistant' : 'popup'} may change the inventory` });
      return false;
    }
    handle(msg).then(sendResponse, (e) => sendResponse({ ok: false, error: `${type} failed: ${e?.message ?? e}` }));
    return true;
  }
  // Handlers reachable from the service worker's console and the e2e tests (extension-only scope).
  return { onMessage, reschedule, onAlarm, onNotificationClicked };
}
