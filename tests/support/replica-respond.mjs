// Pure request -> response mapping for the replica page, shared by Playwright routing and the https server.
// Any path ending in /_usersSettings/tokens serves the page; /_replica/* serves built assets; the rest is 404.
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join, normalize, extname, sep } from 'node:path';
import { DIST_DIR, ASSET_PREFIX } from '../replica/build.mjs';
import { orgFromLocation } from '../replica/src/variants.js';

export const STRICT_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** A stable per-organization host id, like the real page-data hostId (a GUID). */
export function hostIdFor(org) {
  const h = createHash('sha1').update(`replica-host:${org.toLowerCase()}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

async function pageResponse(url) {
  const html = await readFile(join(DIST_DIR, 'index.html'), 'utf8');
  const org = orgFromLocation(url);
  const dark = url.searchParams.get('theme') === 'dark';
  const lang = url.searchParams.get('lang') === 'de' ? 'de' : 'en';
  // Per-request page data, as the live server renders it (the island is JSON, never executed).
  const body = html
    .replace('<html lang="en">', `<html lang="${lang}">`)
    .replace(/"hostId":"[^"]*"/, `"hostId":"${hostIdFor(org)}"`)
    .replace('"requestedThemeId":"ms.vss-web.vsts-theme"', `"requestedThemeId":"${dark ? 'ms.vss-web.vsts-theme-dark' : 'ms.vss-web.vsts-theme'}"`);
  const headers = { 'content-type': TYPES['.html'], 'cache-control': 'no-store' };
  if (url.searchParams.get('csp') === 'strict') headers['content-security-policy'] = STRICT_CSP;
  return { status: 200, headers, body: Buffer.from(body) };
}

async function assetResponse(path) {
  const rel = normalize(decodeURIComponent(path.slice(ASSET_PREFIX.length)));
  if (rel.startsWith('..') || rel.includes(`${sep}..`)) return notFound();
  try {
    const body = await readFile(join(DIST_DIR, rel));
    return { status: 200, headers: { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream' }, body };
  } catch {
    return notFound();
  }
}

function notFound() {
  return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from('Not found') };
}

/** @param {string} href absolute URL of the request */
export async function respondReplica(href) {
  const url = new URL(href);
  if (url.pathname.replace(/\/+$/, '').endsWith('/_usersSettings/tokens')) return pageResponse(url);
  if (url.pathname.startsWith(ASSET_PREFIX)) return assetResponse(url.pathname);
  return notFound();
}
