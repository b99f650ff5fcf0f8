// Password-manager hand-offs, background side. The assistant frame sends {type:'vault.start',
// format, entry, filename} over its 'patguard-vault-request' port; this opens
// vault.html#<nonce> in a window of its own (a tab where windows cannot be made) and keeps the
// entry only until that window greets over its 'patguard-vault' port with the nonce: each
// nonce is good once. The entry then goes to that window alone — a message posted by a port's
// receiving end reaches only the port's opener — which builds the KeePass file or the import
// file there, and the window's {type:'result'} goes back to the assistant.
// vault.html is not web-accessible, so no web page can load, frame or imitate it.
import { isOurPage } from '../sender.js';
import { VAULT_FORMATS, VAULT_REQUEST_PORT } from './handoff.js';

const VAULT_PAGE = 'vault.html';
export const VAULT_PORT = 'patguard-vault';
const CLOSED = "PAT Guard's window was closed before the file was saved.";

export function installVaultBroker(api) {
  const waiting = new Map(); // nonce -> job

  const report = (job, ok, error) => {
    if (job.reported) return;
    job.reported = true;
    job.assistant?.postMessage({ type: 'vault.result', ok, ...(ok ? {} : { error }) });
  };

  async function open(job) {
    const nonce = crypto.randomUUID();
    waiting.set(nonce, job);
    const url = api.runtime.getURL(`${VAULT_PAGE}#${nonce}`);
    try {
      if (api.windows?.create) {
        const win = await api.windows.create({ url, type: 'popup', width: 520, height: 640, focused: true });
        job.tabId = win.tabs?.[0]?.id;
      } else {
        job.tabId = (await api.tabs.create({ url })).id;
      }
    } catch (e) {
      waiting.delete(nonce);
      report(job, false, `PAT Guard's window could not be opened: ${e?.message ?? e}`);
    }
  }

  function fromAssistant(port) {
    let job = null;
    port.onMessage.addListener((msg) => {
      if (job || msg?.type !== 'vault.start') return;
      if (!VAULT_FORMATS.includes(msg.format) || typeof msg.entry !== 'string' || typeof msg.filename !== 'string') {
        port.postMessage({ type: 'vault.result', ok: false, error: 'vault.start needs a known format, entry and filename' });
        return;
      }
      job = { format: msg.format, entry: msg.entry, filename: msg.filename, assistant: port, reported: false };
      open(job);
    });
    port.onDisconnect.addListener(() => {
      if (job) job.assistant = null;
    });
  }

  function fromVault(port) {
    let job = null;
    port.onMessage.addListener((msg) => {
      if (!job) {
        job = msg?.type === 'hello' ? waiting.get(msg.nonce) : undefined;
        if (!job) {
          port.postMessage({ type: 'expired' });
          port.disconnect();
          return;
        }
        waiting.delete(msg.nonce);
        port.postMessage({ type: 'entry', format: job.format, entry: job.entry, filename: job.filename });
        job.entry = null;
        return;
      }
      if (msg?.type === 'result') report(job, msg.ok === true, String(msg.error ?? "PAT Guard's window failed"));
    });
    port.onDisconnect.addListener(() => job && report(job, false, CLOSED));
  }

  api.runtime.onConnect.addListener((port) => {
    if (port.name === VAULT_REQUEST_PORT && isOurPage(api, port.sender, ['assistant.html'])) fromAssistant(port);
    else if (port.name === VAULT_PORT && isOurPage(api, port.sender, [VAULT_PAGE])) fromVault(port);
  });

  // A window closed before it greeted: drop its entry and tell the assistant.
  api.tabs?.onRemoved.addListener((tabId) => {
    for (const [nonce, job] of waiting) {
      if (job.tabId !== tabId) continue;
      waiting.delete(nonce);
      job.entry = null;
      report(job, false, CLOSED);
    }
  });
}
