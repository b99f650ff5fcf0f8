#!/usr/bin/env node
// web-ext lint (Mozilla's addons-linter) on the Firefox package, with a stricter bar than
// web-ext's own exit code: web-ext exits 0 on warnings, but AMO reviewers read warnings too,
// so ANY error or warning fails here. Every message is printed, notices included.
//
//   node tests/tools/lint-firefox.mjs dist/firefox
//
// Exemptions are per rule AND per file, each with a reason that is printed on every run, so
// a silenced rule can never hide a new finding in another file. Add one only when a rule
// genuinely does not apply; fix the file otherwise.
import path from 'node:path';
import fs from 'node:fs';
import webExt from 'web-ext';

/** @type {{code: string, file: string, reason: string}[]} */
const EXEMPTIONS = [];

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node tests/tools/lint-firefox.mjs <extension dir>');
  process.exit(2);
}
const sourceDir = path.resolve(dir);
if (!fs.existsSync(path.join(sourceDir, 'manifest.json'))) {
  console.error(`no manifest.json in ${sourceDir}: run ./build.sh first`);
  process.exit(2);
}

// shouldExitProgram:false returns the linter's result object instead of exiting the process;
// output:'none' keeps addons-linter from printing its own report (we print ours below).
const result = await webExt.cmd.lint(
  { sourceDir, output: 'none', boring: true, pretty: false, metadata: false, selfHosted: false, warningsAsErrors: false },
  { shouldExitProgram: false },
);

const exempt = (m) => EXEMPTIONS.find((e) => e.code === m.code && e.file === m.file);
const line = (kind, m) => {
  const where = m.file ? `${m.file}${m.line ? `:${m.line}${m.column ? `:${m.column}` : ''}` : ''}` : '(package)';
  return `${kind.padEnd(7)} ${m.code}  ${where}\n        ${m.message}${m.description ? `\n        ${String(m.description).replace(/\s+/g, ' ')}` : ''}`;
};

let failing = 0;
for (const [kind, list] of [['error', result.errors], ['warning', result.warnings], ['notice', result.notices]]) {
  for (const m of list ?? []) {
    const e = kind === 'notice' ? null : exempt(m);
    if (e) console.log(`${line(`${kind}*`, m)}\n        exempted: ${e.reason}`);
    else console.log(line(kind, m));
    if (kind !== 'notice' && !e) failing += 1;
  }
}
for (const e of EXEMPTIONS) console.log(`exemption in force: ${e.code} in ${e.file} — ${e.reason}`);

const s = result.summary ?? {};
console.log(`\nweb-ext lint ${sourceDir}: ${s.errors ?? 0} errors, ${s.warnings ?? 0} warnings, ${s.notices ?? 0} notices; ${failing} failing`);
process.exit(failing === 0 ? 0 : 1);
