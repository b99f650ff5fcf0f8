// Visible texts, taken word for word from the shared data file the Rust recogniser also reads.
// Never hard-code a visible string elsewhere: look it up here so en/de stay in sync with the core.
import pageTexts from '../../../src/core/data/ado-page-texts.json';

export const LANGS = ['en', 'de'];

/** t('show_all', 'de', { n: 31 }) -> "Alle Bereiche anzeigen (31 weitere)" */
export function t(key, lang, vars = {}) {
  const entry = pageTexts.texts[key];
  if (!entry) throw new Error(`unknown text key ${key}`);
  const text = entry[lang] ?? entry.en;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? `{${name}}`));
}

export function groupLabel(group, lang) {
  return lang === 'de' ? pageTexts.group_labels_de[group.group] ?? group.ui_label : group.ui_label;
}

export function groupDescription(group, lang) {
  if (lang === 'de') return pageTexts.group_descriptions_de[group.group] ?? null;
  return group.ui_group_description ?? null;
}

export function levelLabel(level, lang) {
  return lang === 'de' ? pageTexts.level_labels_de[level.ui_level] ?? level.ui_level : level.ui_level;
}
