// Serves the heavy non-token portal page (tests/bench/portal/) at
// https://dev.azure.com/{org}/_build/results inside a Playwright context, beside the replica.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { STRICT_CSP } from '../support/replica-server.mjs';

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'portal');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

export const PORTAL_PAGE = (org = 'contoso', host = 'dev.azure.com') => `https://${host}/${org}/_build/results?buildId=1`;
// The same page on a host the agent is not injected into: the extension browser's own cost.
export const CONTROL_HOST = 'portal.example.test';

/** Call after routeReplica: Playwright runs the route registered last first. */
export async function routePortal(context) {
  await context.route(
    (url) => (url.hostname === 'dev.azure.com' || url.hostname === CONTROL_HOST) && (url.pathname.startsWith('/_portal-bench/') || /^\/[^/]+\/_build\//.test(url.pathname)),
    async (route) => {
      const url = new URL(route.request().url());
      const file = url.pathname.startsWith('/_portal-bench/') ? path.basename(url.pathname) : 'portal.html';
      const body = await fs.readFile(path.join(DIR, file)).catch(() => null);
      if (!body) return route.fulfill({ status: 404, body: 'Not found' });
      const headers = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
      if (file === 'portal.html') headers['content-security-policy'] = STRICT_CSP;
      return route.fulfill({ status: 200, headers, body });
    },
  );
}

/**
 * Resolves once the page agent has been injected into `page` (its isolated world exists and
 * its scripts have run): the agent shows nothing on a non-token page.
 */
export async function waitForAgent(context, page) {
  const cdp = await context.newCDPSession(page);
  const created = new Promise((resolve) => {
    cdp.on('Runtime.executionContextCreated', ({ context: c }) => {
      if (c.auxData?.type === 'isolated' && /PAT Guard/.test(c.name)) resolve();
    });
  });
  await cdp.send('Runtime.enable');
  await created;
  await cdp.detach().catch(() => {});
}
