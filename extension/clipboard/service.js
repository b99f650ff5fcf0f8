// Clipboard service of the background ("secure copy", issue #6). Contract, over a port named
// 'patguard-clipboard' that the assistant opens to the background (a secret is never sent by
// runtime.sendMessage, which every open extension page receives):
//   {id, type:'clipboard.copy', text, clearAfterSeconds?} -> {id, ok:true, clearAt} | {id, ok:false, error}
//   {id, type:'clipboard.cancel'}                         -> {id, ok:true}
// clipboard.cancel is also accepted by runtime.sendMessage (it carries nothing).
//   broadcast when the delay has passed: {type:'clipboard.result', outcome:'cleared'|'kept'|'failed', error?};
//   a 'failed' one is also shown as a notification.
// Only extension pages we ship (the assistant frame, options, popup) may call it — never a
// content script, whose code path the web page can influence. The copied text is never
// stored, logged or kept: only its SHA-256 is, to clear the clipboard only if it still holds
// it. Each copy gets a sequence number and only the latest one's clear acts; a clear still
// pending when the background starts (after a restart of the browser or the extension) is
// done then, or reported as not done.
import { parseCopyRequest, errorText } from './common.js';
import { createChromiumBackend } from './chromium.js';
import { createFirefoxBackend } from './firefox.js';
import { createPendingStore } from './pending.js';
import { isOurPage } from '../sender.js';

import { CLIPBOARD_PORT } from './client.js';

export function createClipboardService(api) {
  // The assistant that asked may be gone (its tab closed, the browser or the extension
  // restarted): a clear that cannot be done is also said in a notification, so the user knows
  // the token may still be on the clipboard.
  const notifyNotCleared = (why) =>
    Promise.resolve(
      api.notifications?.create('patguard-clipboard', {
        type: 'basic',
        iconUrl: api.runtime.getURL('icons/128.png'),
        title: 'PAT Guard could not clear the clipboard',
        message: `A token you copied may still be on the clipboard (${why}). Copy something else over it.`,
      }),
    ).catch(() => {});
  const report = (result) => {
    // "Receiving end does not exist" just means no assistant is open to show it.
    Promise.resolve(api.runtime.sendMessage({ type: 'clipboard.result', ...result })).catch(() => {});
    if (result.outcome === 'failed') notifyNotCleared(result.error);
  };
  const pending = createPendingStore(api);
  // Feature detection, not user-agent sniffing: only Chromium has the offscreen API.
  const backend = api.offscreen?.createDocument
    ? createChromiumBackend(api, pending, report)
    : createFirefoxBackend(api, pending, report);

  // A clear still pending from before a restart is resumed when this background starts. The
  // listener makes the browser start it at browser start, not at some later event, so a clear
  // that fell due while the browser was closed is done (or reported) right then.
  api.runtime.onStartup?.addListener(() => {});
  Promise.resolve()
    .then(() => backend.resume())
    .catch((e) => notifyNotCleared(errorText(e)));

  const fromOurPage = (sender) => {
    const m = api.runtime.getManifest();
    const pages = ['assistant.html', m.options_ui?.page, m.options_page, m.action?.default_popup].filter(Boolean);
    return isOurPage(api, sender, pages);
  };

  async function handle(msg) {
    if (msg?.type === 'clipboard.cancel') {
      await backend.cancel();
      return { ok: true };
    }
    if (msg?.type !== 'clipboard.copy') return { ok: false, error: `unknown clipboard request ${JSON.stringify(String(msg?.type))}` };
    const req = parseCopyRequest(msg);
    if (req.error) return { ok: false, error: req.error };
    try {
      return { ok: true, clearAt: await backend.copy(req.text, req.seconds) };
    } catch (e) {
      return { ok: false, error: `clipboard.copy failed: ${errorText(e)}` };
    }
  }

  api.runtime.onConnect.addListener((port) => {
    if (port.name !== CLIPBOARD_PORT) return;
    if (!fromOurPage(port.sender)) {
      port.postMessage({ ok: false, error: `${CLIPBOARD_PORT} refused: only PAT Guard's own pages may use the clipboard service` });
      port.disconnect();
      return;
    }
    port.onMessage.addListener((msg) => {
      handle(msg).then((reply) => port.postMessage({ id: msg?.id, ...reply }));
    });
  });

  /** runtime.onMessage listener part; returns true when it will answer asynchronously. */
  return function onMessage(msg, sender, sendResponse) {
    if (backend.onInternalMessage?.(msg, sender)) return false;
    if (msg?.type !== 'clipboard.copy' && msg?.type !== 'clipboard.cancel') return false;
    if (!fromOurPage(sender)) {
      sendResponse({ ok: false, error: `${msg.type} refused: only PAT Guard's own pages may use the clipboard service` });
      return false;
    }
    if (msg.type === 'clipboard.copy') {
      sendResponse({ ok: false, error: `clipboard.copy refused: a secret is accepted only over a '${CLIPBOARD_PORT}' port` });
      return false;
    }
    handle(msg).then(sendResponse);
    return true;
  };
}
