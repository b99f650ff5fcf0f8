// The token inventory's shape, shared by the background (which stores it) and the popup
// (which exports and imports it). An entry is metadata only: a field that is not listed
// here — a token value above all — is refused, never stored.
//   {name, organization, allOrganizations?, preset?, scopes, createdDate, expiryDate?,
//    tokenPage?, savedTo, rotatedTo?, rotatedOn?}  (rotatedTo/rotatedOn only on a rotated entry)
import { allowedTokenPage, linkProblem } from './links.js';

export const EXPORT_FORMAT = 'patguard-inventory';
export const EXPORT_VERSION = 1;

const FIELDS = new Set(['name', 'organization', 'allOrganizations', 'preset', 'scopes', 'createdDate', 'expiryDate', 'tokenPage', 'savedTo', 'rotatedTo', 'rotatedOn']);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SCOPE = /^[A-Za-z0-9_.]{1,80}$/;
const SAVED_TO = /^[a-z0-9-]{1,32}$/;
const TOKEN_PAGE = /^https:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[^?#\s]*)?\/_usersSettings\/tokens$/i;
const ORG_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,49}$/;

export function isIsoDate(s) {
  const m = typeof s === 'string' && ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

const isText = (v, max) => typeof v === 'string' && v.length <= max;

/** {entry} (a clean copy with defaults) or {error} naming the first problem. */
export function validateEntry(raw) {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { error: 'is not an object' };
  for (const k of Object.keys(raw)) if (!FIELDS.has(k)) return { error: `has the unknown field "${k}" (an entry holds metadata only)` };
  const { name, organization, allOrganizations = false, preset = null, scopes = [], createdDate, expiryDate = null, tokenPage = null, savedTo = [], rotatedTo = null, rotatedOn = null } = raw;
  if (!isText(name, 256) || !name.trim()) return { error: 'has no name' };
  if (!isText(organization, 256)) return { error: `"${name}": organization must be text` };
  if (typeof allOrganizations !== 'boolean') return { error: `"${name}": allOrganizations must be true or false` };
  if (preset !== null && !isText(preset, 100)) return { error: `"${name}": preset must be text or null` };
  if (!Array.isArray(scopes) || scopes.length > 300 || !scopes.every((s) => typeof s === 'string' && SCOPE.test(s))) {
    return { error: `"${name}": scopes must be a list of scope ids` };
  }
  if (!isIsoDate(createdDate)) return { error: `"${name}": createdDate must be a date YYYY-MM-DD` };
  if (expiryDate !== null && !isIsoDate(expiryDate)) return { error: `"${name}": expiryDate must be a date YYYY-MM-DD or null` };
  if (tokenPage !== null && !(isText(tokenPage, 512) && TOKEN_PAGE.test(tokenPage))) {
    return { error: `"${name}": tokenPage must be an https …/_usersSettings/tokens address or null` };
  }
  if (!Array.isArray(savedTo) || savedTo.length > 20 || !savedTo.every((s) => typeof s === 'string' && SAVED_TO.test(s))) {
    return { error: `"${name}": savedTo must be a list of hand-off ids` };
  }
  if (rotatedTo !== null && !(isText(rotatedTo, 256) && rotatedTo.trim())) return { error: `"${name}": rotatedTo must be a token name or null` };
  if (rotatedOn !== null && !isIsoDate(rotatedOn)) return { error: `"${name}": rotatedOn must be a date YYYY-MM-DD or null` };
  const rotated = rotatedTo !== null ? { rotatedTo, rotatedOn } : {};
  return {
    entry: { name, organization, allOrganizations, preset, scopes: [...scopes], createdDate, expiryDate, tokenPage, savedTo: [...new Set(savedTo)], ...rotated },
  };
}

export const keyOf = (e) => JSON.stringify([e.name, e.organization]);

/**
 * A whole inventory (array, or an export file): {entries} or {error}; all or nothing.
 * With `servers` (an import), every tokenPage must also be a link PAT Guard may open
 * (links.js); the stored inventory is read without it, and links are checked where used.
 */
export function validateInventory(raw, { servers } = {}) {
  let list = raw;
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    if (raw.format !== EXPORT_FORMAT) return { error: `not a PAT Guard inventory file (format is not "${EXPORT_FORMAT}")` };
    if (raw.version !== EXPORT_VERSION) return { error: `inventory file version ${JSON.stringify(raw.version)} is not supported (expected ${EXPORT_VERSION})` };
    list = raw.entries;
  }
  if (!Array.isArray(list)) return { error: 'the file holds no list of entries' };
  if (list.length > 1000) return { error: `too many entries (${list.length}; at most 1000)` };
  const seen = new Set();
  const entries = [];
  for (const [i, item] of list.entries()) {
    const r = validateEntry(item);
    if (r.error) return { error: `entry ${i + 1} ${r.error}` };
    const key = keyOf(r.entry);
    if (seen.has(key)) return { error: `entry ${i + 1}: "${r.entry.name}" (${r.entry.organization}) appears twice` };
    seen.add(key);
    entries.push(r.entry);
  }
  if (servers) {
    const problem = linkProblem(entries, servers);
    if (problem) return { error: problem };
  }
  return { entries };
}

export function exportFile(entries, now = new Date()) {
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, exported: now.toISOString(), entries };
}

/**
 * Where the user manages this token: the page it was made on, else dev.azure.com/<org>;
 * null when the entry names a page that is not an Azure DevOps token page (links.js) —
 * never a guess in its place. `servers`: the registered Azure DevOps Server origins.
 */
export function tokenPageUrl(entry, servers = []) {
  if (entry?.tokenPage != null) return allowedTokenPage(entry.tokenPage, servers);
  if (!entry?.allOrganizations && ORG_NAME.test(entry?.organization ?? '')) {
    return allowedTokenPage(`https://dev.azure.com/${entry.organization}/_usersSettings/tokens`);
  }
  return null;
}

/** The token page with the row to rotate named in the fragment, for a reminder's click. */
export function rotateUrl(entry, servers = []) {
  const page = tokenPageUrl(entry, servers);
  return page && entry?.name ? `${page}#patguard-rotate=${encodeURIComponent(entry.name)}` : page;
}

/** Whole days from today (UTC) to the entry's expiry, or null. */
export function daysLeft(entry, nowMs = Date.now()) {
  if (!isIsoDate(entry?.expiryDate)) return null;
  const today = Math.floor(nowMs / 86_400_000);
  return Math.round(Date.parse(`${entry.expiryDate}T00:00:00Z`) / 86_400_000) - today;
}

/** Sorted by expiry, soonest first; entries without an expiry last. */
export function byExpiry(a, b) {
  const x = a.expiryDate ?? '9999-99-99';
  const y = b.expiryDate ?? '9999-99-99';
  return x < y ? -1 : x > y ? 1 : a.name.localeCompare(b.name);
}
