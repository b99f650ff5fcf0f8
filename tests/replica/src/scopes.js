// The scope groups exactly as the PAT panel lists them, from the replica's own page data.
import pageData from './page-data.json';
import { readVariant } from './variants.js';

// The live panel shows these five first, in this order (reference ado-pat-page.md §5.1).
const DEFAULT_ORDER = ['Work Items', 'Code', 'Build', 'Release', 'Test Management'];

// The shape the components use (as in ado-scopes.json): group, ui_label, levels[{scope_id, ui_level}].
const uiGroups = pageData.groups.map((g) => ({
  group: g.key,
  ui_label: g.en,
  label_de: g.de,
  ui_group_description: g.description_en,
  description_de: g.description_de,
  shown_by_default: g.shown_by_default,
  levels: g.levels.map((l) => ({ scope_id: l.scope, ui_level: l.en, label_de: l.de })),
}));

export const defaultGroups = DEFAULT_ORDER.map((label) => {
  const group = uiGroups.find((g) => g.ui_label === label && g.shown_by_default);
  if (!group) throw new Error(`default scope group ${label} missing from page-data.json`);
  return group;
});

// A scope group PAT Guard cannot know (?drift=newgroup / newgroup-ticked): two levels with
// scope ids no catalog has. It sits among the hidden groups, as a new group would.
export const NEW_GROUP = {
  group: 'secretVaults',
  ui_label: pageData.texts.new_group_title.en,
  label_de: pageData.texts.new_group_title.de,
  ui_group_description: null,
  description_de: null,
  shown_by_default: false,
  levels: [
    { scope_id: 'vso.secretvaults', ui_level: 'Read', label_de: 'Lesen' },
    { scope_id: 'vso.secretvaults_write', ui_level: 'Read & write', label_de: 'Lesen und schreiben' },
  ],
};

const drift = typeof window !== 'undefined' ? readVariant().drift : null;

// The rest, alphabetically by English label (locale-independent order, as the data is keyed in English).
export const moreGroups = [...uiGroups.filter((g) => !defaultGroups.includes(g)), ...(drift ? [NEW_GROUP] : [])]
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
