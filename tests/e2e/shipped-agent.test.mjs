// The page agent as shipped: build.sh strips its comments (extension/tools/strip-comments.mjs)
// and nothing else. Checked token by token against the source, in every built package, so a
// stripping bug (a `//` inside a string or regex taken for a comment, a lost line break that
// changes automatic semicolon insertion) cannot ship unnoticed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

for (const browser of ['chrome', 'edge', 'firefox']) {
  test(`${browser}: the shipped agent is its source without comments`, () => {
    const files = fs.readdirSync(SOURCE).filter((f) => f.endsWith('.js'));
    assert.ok(files.length >= 4);
    for (const file of files) {
      const shipped = fs.readFileSync(path.join(DIST, browser, 'agent', file), 'utf8');
      const source = fs.readFileSync(path.join(SOURCE, file), 'utf8');
      const s = tokens(shipped);
      const o = tokens(source);
      assert.equal(s.comments, 0, `${file}: comments left`);
      assert.ok(o.comments > 0, `${file}: the source has comments (the check would be empty)`);
      assert.deepEqual(s.out, o.out, `${file}: code differs from its source`);
    }
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
