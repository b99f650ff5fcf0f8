// The assistant's side of the password-manager hand-offs (the encrypted KeePass file and the
// import files). The assistant frame lives inside the web page, which can hide it and draw a
// look-alike prompt, so it never asks for the master password, never asks to confirm an
// unencrypted file and never builds a file: it hands the entry to the background over a port
// of its own (only the background listens to runtime.onConnect), the background opens PAT
// Guard's own vault window (vault.html, see vault/broker.js) and passes the entry on to that
// window alone, and the window's result comes back here.
export const VAULT_REQUEST_PORT = 'patguard-vault-request';

/** The files the vault window makes, by the ids the assistant's HandoffFormat uses. */
export const VAULT_FORMATS = ['kdbx', 'bitwarden-json', '1password-csv', 'keepass-xml'];

/** Resolves once the window saved the file; rejects with the reason it did not. */
export function openVault(api, format, entryJson, filename) {
  return new Promise((resolve, reject) => {
    const port = api.runtime.connect({ name: VAULT_REQUEST_PORT });
    // A Chromium service worker is stopped after 30 s without events, and its ports with it;
    // choosing a master password or confirming a file can take longer.
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
      finish(() => (msg.ok ? resolve() : reject(new Error(String(msg.error ?? "PAT Guard's window failed")))));
    });
    port.onDisconnect.addListener(() =>
      finish(() => reject(new Error("PAT Guard's background stopped before its window reported back."))),
    );
    port.postMessage({ type: 'vault.start', format, entry: entryJson, filename });
  });
}
