// Serving helper for e2e tests, demo and benchmarks: Playwright routing, an https server, and build-on-demand.
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createHttpServer } from 'node:http';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, readFile, rm, readdir, stat, mkdir, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReplica, DIST_DIR, SRC_DIR, REPLICA_DIR } from '../replica/build.mjs';
import { respondReplica, STRICT_CSP } from './replica-respond.mjs';

export { STRICT_CSP };
const run = promisify(execFile);

/**
 * Serves the replica for every dev.azure.com / *.visualstudio.com URL (plus opts.extraOrigins, e.g.
 * 'https://ado.contoso.test') inside a Playwright BrowserContext. Unless opts.blockOthers === false,
 * every other request is aborted so a test can never reach the network.
 */
export async function routeReplica(context, opts = {}) {
  await ensureReplicaBuilt();
  const handler = async (route) => {
    const res = await respondReplica(route.request().url());
    await route.fulfill({ status: res.status, headers: res.headers, body: res.body });
  };
  // Playwright runs the most recently registered matching route first, so the catch-all goes first.
  // The extension's own files (the assistant frame's scripts and wasm) are not network
  // requests and must load; everything else off the replica is refused.
  const offReplica = (url) => url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:' || url.protocol === 'wss:';
  if (opts.blockOthers !== false) await context.route(offReplica, (route) => route.abort('blockedbyclient'));
  await context.route('https://dev.azure.com/**', handler);
  await context.route('https://*.visualstudio.com/**', handler);
  for (const origin of opts.extraOrigins ?? []) await context.route(`${origin.replace(/\/+$/, '')}/**`, handler);
}

/** A self-signed certificate for dev.azure.com, *.visualstudio.com, localhost (Firefox + forceResolve). */
async function makeCert(dir) {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  await run('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '7', '-subj', '/CN=dev.azure.com',
    '-addext', 'subjectAltName=DNS:dev.azure.com,DNS:*.visualstudio.com,DNS:ado.contoso.test,DNS:localhost,IP:127.0.0.1',
  ]);
  return { key: await readFile(key), cert: await readFile(cert), certPath: cert };
}

/**
 * Starts a local server with the same routing. Point the browser at https://dev.azure.com:PORT/...
 * with DNS forced to 127.0.0.1. Returns { port, url(org, query), certPath, close() }.
 */
export async function startReplicaServer({ port = 0, tls = true, host = '127.0.0.1' } = {}) {
  await ensureReplicaBuilt();
  const handler = async (req, res) => {
    const proto = tls ? 'https' : 'http';
    const out = await respondReplica(`${proto}://${req.headers.host ?? 'dev.azure.com'}${req.url}`);
    res.writeHead(out.status, out.headers);
    res.end(out.body);
  };
  let certDir = null;
  let server;
  let certPath = null;
  if (tls) {
    certDir = await mkdtemp(join(tmpdir(), 'replica-cert-'));
    const { key, cert, certPath: p } = await makeCert(certDir);
    certPath = p;
    server = createHttpsServer({ key, cert }, handler);
  } else {
    server = createHttpServer(handler);
  }
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  const actualPort = server.address().port;
  return {
    port: actualPort,
    certPath,
    url(org = 'contoso', query = '') {
      const qs = typeof query === 'string' ? query.replace(/^\?/, '') : new URLSearchParams(query).toString();
      return `${tls ? 'https' : 'http'}://dev.azure.com:${actualPort}/${encodeURIComponent(org)}/_usersSettings/tokens${qs ? `?${qs}` : ''}`;
    },
    async close() {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
      if (certDir) await rm(certDir, { recursive: true, force: true });
    },
  };
}

async function newestMtime(paths) {
  let newest = 0;
  for (const p of paths) {
    const s = await stat(p).catch(() => null);
    if (!s) continue;
    if (s.isDirectory()) {
      const children = (await readdir(p)).map((c) => join(p, c));
      newest = Math.max(newest, await newestMtime(children));
    } else newest = Math.max(newest, s.mtimeMs);
  }
  return newest;
}

async function isStale() {
  const built = await stat(join(DIST_DIR, 'replica.js')).catch(() => null);
  const page = await stat(join(DIST_DIR, 'index.html')).catch(() => null);
  if (!built || !page) return true;
  const inputs = [SRC_DIR, join(REPLICA_DIR, 'build.mjs'), join(REPLICA_DIR, '..', '..', 'src', 'core', 'data')];
  return (await newestMtime(inputs)) > Math.min(built.mtimeMs, page.mtimeMs);
}

let pending = null;
/** Builds tests/replica/dist if missing or older than its sources. Safe across parallel test processes. */
export function ensureReplicaBuilt() {
  pending ??= (async () => {
    if (!(await isStale())) return;
    // node --test runs files in parallel processes: a mkdir lock keeps two builds from clobbering dist/.
    const lock = join(REPLICA_DIR, '.build-lock');
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await mkdir(lock);
        break;
      } catch {
        if (Date.now() > deadline) await rmdir(lock).catch(() => {}); // stale lock from a crashed run
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    try {
      if (await isStale()) await buildReplica({ quiet: true });
    } finally {
      await rmdir(lock).catch(() => {});
    }
  })().finally(() => { pending = null; });
  return pending;
}
