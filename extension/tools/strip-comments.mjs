// Removes comments from the page agent's scripts in a built extension: they run on every
// token page load, and their comments were a third of the bytes shipped (issue #7). The
// code itself is left exactly as written (no renaming, no reformatting), so what store
// reviewers read is the source minus comments. Usage: node strip-comments.mjs <file>...
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// acorn is pinned with the rest of the JS tooling in tests/package.json.
const require = createRequire(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'package.json'));
const acorn = require('acorn');

export function stripComments(source) {
  const cuts = [];
  acorn.parse(source, {
    ecmaVersion: 'latest',
    sourceType: 'script',
    onComment(_block, _text, start, end) {
      const lineStart = source.lastIndexOf('\n', start - 1) + 1;
      const lineEnd = source.indexOf('\n', end);
      const after = lineEnd < 0 ? source.length : lineEnd;
      const ownLines = !source.slice(lineStart, start).trim() && !source.slice(end, after).trim();
      // A comment on lines of its own goes with its lines; one after code, with the
      // spaces before it.
      if (ownLines) cuts.push([lineStart, lineEnd < 0 ? after : lineEnd + 1]);
      else cuts.push([start - /[ \t]*$/.exec(source.slice(lineStart, start))[0].length, end]);
    },
  });
  let out = '';
  let at = 0;
  for (const [start, end] of cuts) {
    out += source.slice(at, Math.max(at, start));
    at = Math.max(at, end);
  }
  return out + source.slice(at);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const file of process.argv.slice(2)) fs.writeFileSync(file, stripComments(fs.readFileSync(file, 'utf8')));
}
