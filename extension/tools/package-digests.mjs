// The SHA-256 of each zip and of every file in each package, written into docs/BUILDING.md
// so that a store reviewer holds the digests of the very source they rebuild (issue #15).
// The build never writes the doc (a build that rewrote it would make its own check pass);
// after a change to what ships, run:
//   ./build.sh package && node extension/tools/package-digests.mjs
// tests/shipping/reproducible.test.mjs fails while the doc and dist/ disagree.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUILDING = path.join(ROOT, 'docs', 'BUILDING.md');
const BEGIN = '<!-- package-digests: begin (written by extension/tools/package-digests.mjs) -->';
const END = '<!-- package-digests: end -->';

/** The doc's digest section as the packages in `dist` give it. */
export function digestSection(dist) {
  const sums = fs.readFileSync(path.join(dist, 'SHA256SUMS'), 'utf8').trim().split('\n');
  const out = [BEGIN, '', '```', ...sums, '```'];
  for (const line of sums) {
    const zip = line.split(/\s+/)[1];
    const files = fs.readFileSync(path.join(dist, zip.replace(/\.zip$/, '.files.sha256')), 'utf8').trim();
    out.push('', `<details><summary>Every file in <code>${zip}</code></summary>`, '', '```', files, '```', '', '</details>');
  }
  out.push('', END);
  return out.join('\n');
}

/** The digest section docs/BUILDING.md holds now (markers included), or null. */
export function documentedSection(doc = fs.readFileSync(BUILDING, 'utf8')) {
  const a = doc.indexOf(BEGIN);
  const b = doc.indexOf(END);
  return a < 0 || b < a ? null : doc.slice(a, b + END.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = path.resolve(process.argv[2] ?? path.join(ROOT, 'dist'));
  const doc = fs.readFileSync(BUILDING, 'utf8');
  const current = documentedSection(doc);
  if (current === null) throw new Error(`${BUILDING} has no digest section (${BEGIN} … ${END})`);
  fs.writeFileSync(BUILDING, doc.replace(current, digestSection(dist)));
  console.log(`${path.relative(ROOT, BUILDING)}: digests of ${dist}`);
}
