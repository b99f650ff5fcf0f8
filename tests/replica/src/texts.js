// Visible texts from the replica's own statement of the page (page-data.json), written
// from the shared evidence and kept apart from the core's data: a wrong label in the core
// must be able to fail an end-to-end test. texts-diff.test.mjs lists every difference.
// Never hard-code a visible string elsewhere: look it up here.
import pageData from './page-data.json';
import { readVariant } from './variants.js';

export const LANGS = ['en', 'de'];

const variantLabels = () => typeof window !== 'undefined' && readVariant().labels === 'variant';

/** t('show_all', 'de', { n: 31 }) -> "Alle Bereiche anzeigen (31 weitere)" */
export function t(key, lang, vars = {}) {
  const entry = pageData.texts[key];
  if (!entry) throw new Error(`unknown text key ${key}`);
  const variant = variantLabels() ? pageData.variant_texts[lang]?.[key] : undefined;
  const text = variant ?? entry[lang] ?? entry.en;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? `{${name}}`));
}

export function groupLabel(group, lang) {
  // ?labels=renamed: the Code group under a new name (what labelAliases is for).
  if (typeof window !== 'undefined' && readVariant().labels === 'renamed' && group.group === 'code') {
    return t('renamed_code_group', lang);
  }
  const variant = variantLabels() ? pageData.variant_groups[lang]?.[group.group] : undefined;
  return variant ?? (lang === 'de' ? group.label_de ?? group.ui_label : group.ui_label);
}

export function groupDescription(group, lang) {
  if (lang === 'de') return group.description_de ?? null;
  return group.ui_group_description ?? null;
}

export function levelLabel(level, lang) {
  const variant = variantLabels() ? pageData.variant_levels[lang]?.[level.scope_id] : undefined;
  return variant ?? (lang === 'de' ? level.label_de ?? level.ui_level : level.ui_level);
}
