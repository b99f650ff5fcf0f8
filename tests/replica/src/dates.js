// Date arithmetic in UTC days: the panel's expiry is labelled "(UTC)", so local time zones must not shift it.
const DAY_MS = 86_400_000;

export function todayUtc(now = new Date()) {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export function addDays(date, days) {
  return new Date(date.getTime() + days * DAY_MS);
}

export function daysBetween(from, to) {
  return Math.round((to.getTime() - from.getTime()) / DAY_MS);
}

/** "2026/9/10" — the display format seen in the live panel (no zero padding). */
export function formatSlash(date) {
  return `${date.getUTCFullYear()}/${date.getUTCMonth() + 1}/${date.getUTCDate()}`;
}

/** "2026-09-10" — the machine format reported to tests in window.__replica. */
export function formatIso(date) {
  return date.toISOString().slice(0, 10);
}

/** Parses "2026/9/10" (also "2026-09-10"); returns null for anything that is not a real date. */
export function parseSlash(text) {
  const m = /^\s*(\d{4})[/-](\d{1,2})[/-](\d{1,2})\s*$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? date : null;
}
