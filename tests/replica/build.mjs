// Builds the replica token page into tests/replica/dist/ with esbuild, fully offline.
// Runnable (`node tests/replica/build.mjs`) and importable (`buildReplica()`), so the
// serving helper can rebuild on demand without spawning a process.
import * as esbuild from 'esbuild';
import { mkdir, rm, copyFile, readdir, stat } from 'node:fs/promises';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPLICA_DIR = dirname(fileURLToPath(import.meta.url));
export const DIST_DIR = join(REPLICA_DIR, 'dist');
export const SRC_DIR = join(REPLICA_DIR, 'src');
// Every asset URL in the page points below this path; the serving helper maps it to DIST_DIR.
export const ASSET_PREFIX = '/_replica/';

export async function buildReplica({ quiet = false } = {}) {
  const started = Date.now();
  await rm(DIST_DIR, { recursive: true, force: true });
  await mkdir(DIST_DIR, { recursive: true });
  await esbuild.build({
    entryPoints: { replica: join(SRC_DIR, 'main.jsx') },
    outdir: DIST_DIR,
    bundle: true,
    format: 'iife', // a classic script: no module loader, nothing for CSP to object to
    target: ['chrome120', 'firefox128'],
    jsx: 'automatic', // React 16.14 ships react/jsx-runtime
    minify: true,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    // azure-devops-ui components import their own CSS; esbuild collects it into replica.css.
    // The icon fonts are copied (not inlined) so the CSS stays small and fonts load lazily.
    loader: { '.woff': 'file', '.woff2': 'file' },
    assetNames: 'fonts/[name]',
    publicPath: ASSET_PREFIX,
    // Resolve packages from tests/node_modules even though the sources live in tests/replica/src.
    nodePaths: [join(REPLICA_DIR, '..', 'node_modules')],
    logLevel: quiet ? 'error' : 'warning',
  });
  await copyFile(join(SRC_DIR, 'index.html'), join(DIST_DIR, 'index.html'));
  const sizes = await listSizes(DIST_DIR);
  if (!quiet) {
    for (const [file, size] of sizes) console.log(`${file.padEnd(44)} ${(size / 1024).toFixed(1).padStart(8)} KiB`);
    console.log(`replica built in ${Date.now() - started} ms -> ${relative(process.cwd(), DIST_DIR) || '.'}`);
  }
  return sizes;
}

async function listSizes(dir, base = dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listSizes(full, base)));
    else out.push([relative(base, full), (await stat(full)).size]);
  }
  return out.sort();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildReplica().catch((err) => { console.error(err); process.exit(1); });
}
