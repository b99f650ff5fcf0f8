// Builds the shipped page agent, one content script, from its sources in extension/agent/:
// each source with its comments removed (strip-comments.mjs), in the order below, one after
// the other. The agent runs on every Azure DevOps page; the browser compiles and runs one
// script for less than four (issue #19: ~0.25 ms of a non-token page load). Nothing is
// renamed or reformatted, so what store reviewers read is the sources minus comments.
// Usage: node bundle-agent.mjs <sources dir> <out file>
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripComments } from './strip-comments.mjs';

// The order the four were loaded in when they were four content scripts; main.js, last, starts the agent.
export const AGENT_SOURCES = ['snapshot.js', 'actions.js', 'frames.js', 'main.js'];

export function bundleAgent(dir) {
  return AGENT_SOURCES.map((file) => stripComments(fs.readFileSync(path.join(dir, file), 'utf8'))).join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, out] = process.argv.slice(2);
  const found = fs.readdirSync(dir).filter((f) => f.endsWith('.js')).sort();
  const missing = found.filter((f) => !AGENT_SOURCES.includes(f));
  if (missing.length) throw new Error(`agent sources not in AGENT_SOURCES: ${missing.join(', ')}`);
  fs.writeFileSync(out, bundleAgent(dir));
}
