// A real enterprise policy for the extension: Chromium reads /etc/chromium/policies/managed/*.json
// at start and hands the extension its `3rdparty.extensions.<id>` part as chrome.storage.managed
// (validated against managed_schema.json). An unpacked extension's id comes from its folder's
// absolute path, so a copy of dist/chrome in a temp folder gets an id the policy file can name.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchWithExtension, EXT_DIR } from './extension.mjs';

const POLICY_DIR = '/etc/chromium/policies/managed';

/** Chromium's id for an unpacked extension: SHA-256 of the absolute path, 32 hex digits mapped 0-f → a-p. */
export function unpackedExtensionId(dir) {
  const hex = crypto.createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/**
 * Launches the extension under a managed policy of this process's own file name; `close()`
 * removes the file (it would govern every later Chromium run on this machine), the browsers
 * and the extension copy.
 */
// Another test run on the same machine may remove the (then empty) policy directory between our
// mkdir and our write, so the directory is made again right before each write.
function writePolicyFile(file, text) {
  for (let attempt = 0; ; attempt++) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, text);
      return;
    } catch (err) {
      if (err.code !== 'ENOENT' || attempt >= 5) throw err;
    }
  }
}

export function managedPolicyLauncher(name) {
  const policyFile = path.join(POLICY_DIR, `patguard-${name}-${process.pid}.json`);
  const copyDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'patguard-policy-ext-')));
  fs.cpSync(EXT_DIR, copyDir, { recursive: true });
  const extId = unpackedExtensionId(copyDir);
  let createdPolicyDir = false;
  if (!fs.existsSync(POLICY_DIR)) {
    fs.mkdirSync(POLICY_DIR, { recursive: true });
    createdPolicyDir = true;
  }
  const open = [];
  return {
    extId,
    async launch({ policy, settings } = {}) {
      fs.rmSync(policyFile, { force: true });
      if (policy !== undefined) {
        writePolicyFile(policyFile, JSON.stringify({ '3rdparty': { extensions: { [extId]: policy } } }));
      }
      const ext = await launchWithExtension({ extDir: copyDir });
      open.push(ext);
      assert.equal(ext.extensionId, extId, 'the computed unpacked extension id');
      if (settings !== undefined) await ext.sw.evaluate((s) => chrome.storage.local.set({ settings: s }), settings);
      return ext;
    },
    async close() {
      fs.rmSync(policyFile, { force: true });
      if (createdPolicyDir) {
        try {
          fs.rmdirSync(POLICY_DIR);
          fs.rmdirSync(path.dirname(POLICY_DIR));
        } catch {
          // not empty: someone else's policies live there
        }
      }
      for (const ext of open) await ext.close().catch(() => {});
      fs.rmSync(copyDir, { recursive: true, force: true });
    },
  };
}

/** Polls chrome.storage.managed in the service worker until it is non-empty (or the deadline). */
export async function managedIn(ext, timeout = 30_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const got = await ext.sw.evaluate(() => chrome.storage.managed.get());
    if (Object.keys(got).length || Date.now() > deadline) return got;
    await new Promise((r) => setTimeout(r, 200));
  }
}
