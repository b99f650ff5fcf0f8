// Every difference between what the replica shows (its own page-data.json, written from
// the shared evidence) and what the core recognises (src/core/data), each marked as a
// known variant (the core must accept it) or a replica-only test text. A difference that
// is neither fails: either the core's data or the replica's is wrong.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pageData from './src/page-data.json' with { type: 'json' };
import coreTexts from '../../src/core/data/ado-page-texts.json' with { type: 'json' };
import coreScopes from '../../src/core/data/ado-scopes.json' with { type: 'json' };
import coreVariants from '../../src/core/data/ado-label-variants.json' with { type: 'json' };

/** The core's normalisation (catalog::text_match::normalize), for comparing labels. */
export function normalize(text) {
  const words = [];
  let word = '';
  const chars = [...text];
  chars.forEach((c, i) => {
    if (/[\p{L}\p{N}]/u.test(c)) {
      word += c.toLowerCase();
      return;
    }
    const joins = c === '-' && i > 0 && /[\p{L}\p{N}]/u.test(chars[i - 1]) && /[\p{L}\p{N}]/u.test(chars[i + 1] ?? '');
    if (joins) return;
    if (word) words.push(word);
    word = '';
  });
  if (word) words.push(word);
  return words.filter((w) => !['and', 'und', 'u'].includes(w)).join(' ');
}

/** Texts the replica shows only to build its test variants; the core never needs them. */
const REPLICA_ONLY = {
  success_text_short: 'the third-party wording of the success message (howtorotate.com); shown by no variant yet',
  new_group_title: 'the title of the made-up new scope group of ?drift=newgroup',
  renamed_code_group: 'the made-up new name of the Code group of ?labels=renamed (fixed by labelAliases)',
};

const coreGroups = coreScopes.filter((g) => g.in_pat_ui);
const coreGroupDe = (key) => coreTexts.group_labels_de[key];
const coreLevelDe = (en) => coreTexts.level_labels_de[en];
const coreAccepts = (kind, id, lang, label) =>
  coreVariants[kind].some(
    (v) => (v.key ?? v.group ?? v.scope_id) === id && v.lang === lang && normalize(v.label) === normalize(label),
  );

function differences() {
  const out = [];
  for (const [key, entry] of Object.entries(pageData.texts)) {
    const core = coreTexts.texts[key];
    if (!core) {
      out.push({ what: `text ${key}`, kind: REPLICA_ONLY[key] ? 'replica-only' : 'defect', note: REPLICA_ONLY[key] ?? 'unknown to the core' });
      continue;
    }
    for (const lang of ['en', 'de']) {
      if (normalize(entry[lang]) !== normalize(core[lang])) {
        const known = coreAccepts('texts', key, lang, entry[lang]);
        out.push({ what: `text ${key} (${lang}): "${entry[lang]}" vs "${core[lang]}"`, kind: known ? 'known variant' : 'defect' });
      }
    }
  }
  for (const g of pageData.groups) {
    const core = coreGroups.find((c) => c.group === g.key);
    if (!core) {
      out.push({ what: `group ${g.key}`, kind: 'defect', note: 'not in the core catalog' });
      continue;
    }
    for (const [lang, mine, theirs] of [['en', g.en, core.ui_label], ['de', g.de, coreGroupDe(g.key)]]) {
      if (normalize(mine) !== normalize(theirs ?? '')) {
        out.push({ what: `group ${g.key} (${lang}): "${mine}" vs "${theirs}"`, kind: coreAccepts('groups', g.key, lang, mine) ? 'known variant' : 'defect' });
      }
    }
    for (const l of g.levels) {
      const cl = core.levels.find((c) => c.scope_id === l.scope);
      if (!cl) {
        out.push({ what: `level ${l.scope} in ${g.key}`, kind: 'defect', note: 'scope id not in the core catalog' });
        continue;
      }
      for (const [lang, mine, theirs] of [['en', l.en, cl.ui_level], ['de', l.de, coreLevelDe(cl.ui_level)]]) {
        if (normalize(mine) !== normalize(theirs ?? '')) {
          out.push({ what: `level ${l.scope} (${lang}): "${mine}" vs "${theirs}"`, kind: coreAccepts('levels', l.scope, lang, mine) ? 'known variant' : 'defect' });
        }
      }
    }
  }
  for (const c of coreGroups) {
    if (!pageData.groups.some((g) => g.key === c.group)) out.push({ what: `group ${c.group}`, kind: 'defect', note: 'the replica does not show it' });
  }
  // The variant spellings the replica shows with ?labels=variant.
  for (const [lang, texts] of Object.entries(pageData.variant_texts)) {
    for (const [key, label] of Object.entries(texts)) {
      const same = normalize(label) === normalize(coreTexts.texts[key][lang]);
      if (!same) out.push({ what: `variant text ${key} (${lang}): "${label}"`, kind: coreAccepts('texts', key, lang, label) ? 'known variant' : 'defect' });
    }
  }
  for (const [lang, groups] of Object.entries(pageData.variant_groups)) {
    for (const [key, label] of Object.entries(groups)) {
      const same = normalize(label) === normalize(coreGroupDe(key));
      if (!same) out.push({ what: `variant group ${key} (${lang}): "${label}"`, kind: coreAccepts('groups', key, lang, label) ? 'known variant' : 'defect' });
    }
  }
  for (const [lang, levels] of Object.entries(pageData.variant_levels)) {
    for (const [scope, label] of Object.entries(levels)) {
      const en = coreGroups.flatMap((g) => g.levels).find((l) => l.scope_id === scope).ui_level;
      const same = normalize(label) === normalize(lang === 'de' ? coreLevelDe(en) : en);
      if (!same) out.push({ what: `variant level ${scope} (${lang}): "${label}"`, kind: coreAccepts('levels', scope, lang, label) ? 'known variant' : 'defect' });
    }
  }
  return out;
}

test('every difference between the replica texts and the core is a known variant or replica-only', () => {
  const diffs = differences();
  for (const d of diffs) console.log(`  ${d.kind.padEnd(13)} ${d.what}${d.note ? ` — ${d.note}` : ''}`);
  const defects = diffs.filter((d) => d.kind === 'defect');
  assert.deepEqual(defects, [], 'differences the core does not accept');
  // The variants of the evidence really differ from the main labels (else the test is empty).
  assert.ok(diffs.filter((d) => d.kind === 'known variant').length >= 3, JSON.stringify(diffs));
});

test('the normalisation matches the core on the evidence examples', () => {
  assert.equal(normalize('Lesen u. Verwalten'), normalize('lesen, verwalten'));
  assert.equal(normalize('Agent-Pools'), normalize('Agentpools'));
  assert.equal(normalize('Erfolg!'), 'erfolg');
  assert.notEqual(normalize('Read'), normalize('Read & write'));
});

test('the replica imports nothing from src/core/data', async () => {
  const { readdir, readFile } = await import('node:fs/promises');
  const dir = new URL('./src/', import.meta.url);
  for (const f of await readdir(dir)) {
    if (!/\.(js|jsx|mjs)$/.test(f)) continue;
    const text = await readFile(new URL(f, dir), 'utf8');
    assert.ok(!text.includes('core/data'), `${f} reads the core's data`);
  }
});
