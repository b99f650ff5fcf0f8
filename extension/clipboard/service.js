// Clipboard service of the background ("secure copy", issue #6). Contract:
//   {type:'clipboard.copy', text, clearAfterSeconds?}  -> {ok:true, clearAt} | {ok:false, error}
//   {type:'clipboard.cancel'}                          -> {ok:true}
//   broadcast when the delay has passed: {type:'clipboard.result', outcome:'cleared'|'kept'|'failed', error?}
// Only extension pages we ship (the assistant frame, options, popup) may call it — never a
// content script, whose code path the web page can influence. The copied text is never
// stored, logged or kept: only its SHA-256 is, to clear the clipboard only if it still holds it.
import { parseCopyRequest, errorText } from './common.js';
import { createChromiumBackend } from './chromium.js';
import { createFirefoxBackend } from './firefox.js';
import { isOurPage } from '../sender.js';

export function createClipboardService(api) {
  const broadcast = (result) => {
    // "Receiving end does not exist" just means no assistant is open to show it.
    Promise.resolve(api.runtime.sendMessage({ type: 'clipboard.result', ...result })).catch(() => {});
  };
  // Feature detection, not user-agent sniffing: only Chromium has the offscreen API.
  const backend = api.offscreen?.createDocument ? createChromiumBackend(api, broadcast) : createFirefoxBackend(broadcast, api);

  const fromOurPage = (sender) => {
    const m = api.runtime.getManifest();
    const pages = ['assistant.html', m.options_ui?.page, m.options_page, m.action?.default_popup].filter(Boolean);
    return isOurPage(api, sender, pages);
  };

  async function handle(msg) {
    if (msg.type === 'clipboard.cancel') {
      await backend.cancel();
      return { ok: true };
    }
    const req = parseCopyRequest(msg);
    if (req.error) return { ok: false, error: req.error };
    try {
      return { ok: true, clearAt: await backend.copy(req.text, req.seconds) };
    } catch (e) {
      return { ok: false, error: `clipboard.copy failed: ${errorText(e)}` };
    }
  }

  /** runtime.onMessage listener part; returns true when it will answer asynchronously. */
  return function onMessage(msg, sender, sendResponse) {
    if (backend.onInternalMessage?.(msg, sender)) return false;
    if (msg?.type !== 'clipboard.copy' && msg?.type !== 'clipboard.cancel') return false;
    if (!fromOurPage(sender)) {
      sendResponse({ ok: false, error: `${msg.type} refused: only PAT Guard's own pages may use the clipboard service` });
      return false;
    }
    handle(msg).then(sendResponse);
    return true;
  };
}
