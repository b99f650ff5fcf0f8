// The scope groups exactly as the PAT panel lists them, derived from the shared scope data.
import scopeData from '../../../src/core/data/ado-scopes.json';

// The live panel shows these five first, in this order (reference ado-pat-page.md §5.1).
const DEFAULT_ORDER = ['Work Items', 'Code', 'Build', 'Release', 'Test Management'];

const uiGroups = scopeData.filter((g) => g.in_pat_ui);

export const defaultGroups = DEFAULT_ORDER.map((label) => {
  const group = uiGroups.find((g) => g.ui_label === label && g.shown_by_default);
  if (!group) throw new Error(`default scope group ${label} missing from ado-scopes.json`);
  return group;
});

// The rest, alphabetically by English label (locale-independent order, as the data is keyed in English).
export const moreGroups = uiGroups
  .filter((g) => !defaultGroups.includes(g))
  .sort((a, b) => a.ui_label.localeCompare(b.ui_label, 'en'));

export const allGroups = [...defaultGroups, ...moreGroups];

const groupByScope = new Map();
for (const g of allGroups) for (const l of g.levels) groupByScope.set(l.scope_id, g);

/** Full access is stored as the pseudo scope "app_token" (reference ado-scopes.md). */
export const FULL_ACCESS_SCOPE = 'app_token';

export function scopeString(fullAccess, scopeIds) {
  return fullAccess ? FULL_ACCESS_SCOPE : [...scopeIds].sort().join(' ');
}

export function parseScopeString(str) {
  if (str === FULL_ACCESS_SCOPE) return { fullAccess: true, scopes: [] };
  return { fullAccess: false, scopes: str.split(/\s+/).filter((id) => groupByScope.has(id)) };
}
