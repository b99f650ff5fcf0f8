// The page agent as shipped: one script, its sources in extension/agent/ one after the other
// (extension/tools/bundle-agent.mjs) with their comments stripped (strip-comments.mjs) and
// nothing else. Checked token by token against the sources, in every built package, so a
// stripping bug (a `//` inside a string or regex taken for a comment, a lost line break that
// changes automatic semicolon insertion), a source left out or a changed order cannot ship
// unnoticed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AGENT_SOURCES } from '../../extension/tools/bundle-agent.mjs';
import { stripComments } from '../../extension/tools/strip-comments.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = path.resolve(process.env.DIST_DIR ?? path.join(ROOT, 'dist'));
const acorn = createRequire(import.meta.url)('acorn');
const SOURCE = path.join(ROOT, 'extension', 'agent');

// Tokens with the line breaks between them: a removed comment may not join two lines.
function tokens(code) {
  const out = [];
  let comments = 0;
  let last = 0;
  for (const t of acorn.tokenizer(code, { ecmaVersion: 'latest', onComment: () => comments++ })) {
    const newLine = out.length > 0 && /\n/.test(code.slice(last, t.start));
    out.push(`${newLine ? '⏎' : ''}${code.slice(t.start, t.end)}`);
    last = t.end;
  }
  return { out, comments };
}

test('every agent source is bundled', () => {
  const files = fs.readdirSync(SOURCE).filter((f) => f.endsWith('.js'));
  assert.ok(files.length >= 4);
  assert.deepEqual([...AGENT_SOURCES].sort(), files.sort());
});

for (const browser of ['chrome', 'edge', 'firefox']) {
  test(`${browser}: the shipped agent is its sources without comments, in order`, () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(DIST, browser, 'manifest.json'), 'utf8'));
    assert.deepEqual(manifest.content_scripts.map((c) => c.js), [['agent.js']]);
    assert.ok(!fs.existsSync(path.join(DIST, browser, 'agent')), 'the sources are shipped beside the bundle');
    const shipped = tokens(fs.readFileSync(path.join(DIST, browser, 'agent.js'), 'utf8'));
    assert.equal(shipped.comments, 0, 'comments left');
    const sources = AGENT_SOURCES.map((file) => ({ file, ...tokens(fs.readFileSync(path.join(SOURCE, file), 'utf8')) }));
    for (const { file, comments } of sources) assert.ok(comments > 0, `${file}: the source has comments (the check would be empty)`);
    // Each source starts on a line of its own.
    const expected = sources.flatMap(({ out }, i) => (i > 0 ? [`⏎${out[0]}`, ...out.slice(1)] : out));
    assert.deepEqual(shipped.out, expected, 'code differs from its sources');
  });
}

test('stripping keeps strings, regexes and templates that look like comments', () => {
  const code = [
    "const a = 'x // not a comment'; // gone",
    'const b = /\\/\\/ not either/; /* gone */',
    'const c = `/* kept */ ${a} // kept`;',
    '  // a line of its own: goes with its line',
    'const d = 1',
    '/* between */ (function () {})();',
  ].join('\n');
  const stripped = stripComments(code);
  assert.equal(
    stripped,
    ["const a = 'x // not a comment';", 'const b = /\\/\\/ not either/;', 'const c = `/* kept */ ${a} // kept`;', 'const d = 1', ' (function () {})();'].join('\n'),
  );
});
