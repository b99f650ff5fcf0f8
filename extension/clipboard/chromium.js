// Clipboard backend for Chrome and Edge: a service worker has no clipboard (and may be
// suspended at any time), so an offscreen document does the copy, holds the timer and
// does the compare-before-clear. It is created on demand and closed once it has no work.
// Messages to it carry target:'patguard-offscreen'; its report comes back as
// {type:'offscreen.result'} and is accepted only from offscreen.html.
import { errorText } from './common.js';
import { isOurPage } from '../sender.js';

const OFFSCREEN_PATH = 'offscreen.html';

export function createChromiumBackend(api, onResult) {
  let creating = null;
  const offscreenUrl = api.runtime.getURL(OFFSCREEN_PATH);

  async function hasDocument() {
    const contexts = await api.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [offscreenUrl] });
    return contexts.length > 0;
  }

  async function ensureDocument() {
    if (await hasDocument()) return;
    creating ??= api.offscreen
      .createDocument({
        url: OFFSCREEN_PATH,
        reasons: ['CLIPBOARD'],
        justification: 'Copy a new access token to the clipboard and clear it again after the chosen delay if it is still there.',
      })
      .finally(() => {
        creating = null;
      });
    await creating;
  }

  async function closeDocument() {
    try {
      if (await hasDocument()) await api.offscreen.closeDocument();
    } catch {
      // Already closed (another result or cancel raced us): nothing to do.
    }
  }

  const send = (msg) => api.runtime.sendMessage({ target: 'patguard-offscreen', ...msg });

  return {
    async copy(text, seconds) {
      await ensureDocument();
      const reply = await send({ op: 'copy', text, seconds });
      if (!reply?.ok) throw new Error(reply?.error ?? 'the offscreen document did not answer');
      return reply.clearAt;
    },
    async cancel() {
      if (!(await hasDocument())) return;
      await send({ op: 'cancel' }).catch(() => {});
      await closeDocument();
    },
    /** Handles the offscreen document's report; true if msg was one. */
    onInternalMessage(msg, sender) {
      if (msg?.type !== 'offscreen.result' || !isOurPage(api, sender, [OFFSCREEN_PATH])) return false;
      const { outcome, error } = msg;
      const result = error ? { outcome, error: errorText(error) } : { outcome };
      // idle: no newer copy is waiting in the document, so it can go.
      (msg.idle ? closeDocument() : Promise.resolve()).finally(() => onResult(result));
      return true;
    },
  };
}
