// The assistant's side of the KeePass hand-off. The assistant frame lives inside the web
// page, which can hide it and draw a look-alike prompt, so it never asks for the master
// password: it hands the entry to the background over a port of its own (only the
// background listens to runtime.onConnect), the background opens PAT Guard's own window
// (vault.html, see vault/broker.js) and passes the entry on to that window alone, and the
// window's result comes back here.
export const VAULT_REQUEST_PORT = 'patguard-vault-request';

/** Resolves once the window saved the file; rejects with the reason it did not. */
export function openVault(api, entryJson, filename) {
  return new Promise((resolve, reject) => {
    const port = api.runtime.connect({ name: VAULT_REQUEST_PORT });
    // A Chromium service worker is stopped after 30 s without events, and its ports with it;
    // choosing a master password can take longer.
    const keepAlive = setInterval(() => port.postMessage({ type: 'vault.ping' }), 20_000);
    let settled = false;
    const finish = (settle) => {
      if (settled) return;
      settled = true;
      clearInterval(keepAlive);
      port.disconnect();
      settle();
    };
    port.onMessage.addListener((msg) => {
      if (msg?.type !== 'vault.result') return;
      finish(() => (msg.ok ? resolve() : reject(new Error(String(msg.error ?? 'the KeePass window failed')))));
    });
    port.onDisconnect.addListener(() =>
      finish(() => reject(new Error("PAT Guard's background stopped before the KeePass window reported back."))),
    );
    port.postMessage({ type: 'vault.start', entry: entryJson, filename });
  });
}
