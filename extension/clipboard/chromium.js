// Clipboard backend for Chrome and Edge: a service worker has no clipboard (and may be
// suspended at any time), so an offscreen document does the copy, holds the timer and
// does the compare-before-clear. It is created on demand and closed once no clear is
// pending.
//
// The text goes to the document over the port the document opened to this background
// (a message posted by a port's receiving end reaches only the port's opener), never by
// runtime.sendMessage, which every open extension page receives. The document reports
// {type:'offscreen.result', seq} by runtime.sendMessage (no secret in it; it wakes a
// suspended worker), accepted only from offscreen.html and only for the latest copy.
import { errorText, sha256Hex } from './common.js';
import { isOurPage } from '../sender.js';

const OFFSCREEN_PATH = 'offscreen.html';
export const OFFSCREEN_PORT = 'patguard-offscreen';

export function createChromiumBackend(api, pending, onResult) {
  let creating = null;
  let port = null;
  const portWaiters = [];
  const replies = new Map();
  let nextId = 1;
  const offscreenUrl = api.runtime.getURL(OFFSCREEN_PATH);

  api.runtime.onConnect.addListener((p) => {
    if (p.name !== OFFSCREEN_PORT || !isOurPage(api, p.sender, [OFFSCREEN_PATH])) return;
    port = p;
    p.onMessage.addListener((msg) => {
      const reply = replies.get(msg?.id);
      replies.delete(msg?.id);
      reply?.(msg);
    });
    p.onDisconnect.addListener(() => {
      if (port === p) port = null;
      for (const reply of replies.values()) reply({ ok: false, error: 'the offscreen document went away' });
      replies.clear();
    });
    portWaiters.splice(0).forEach((resolve) => resolve(p));
  });

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
      // Already closed: nothing to do.
    }
  }

  // The document connects as soon as it loads; one that outlived a restart of this worker
  // is asked to connect again (the request carries nothing).
  async function documentPort() {
    await ensureDocument();
    if (port) return port;
    const connected = new Promise((resolve, reject) => {
      portWaiters.push(resolve);
      setTimeout(() => reject(new Error('the offscreen document did not connect')), 10_000);
    });
    api.runtime.sendMessage({ target: 'patguard-offscreen', op: 'connect' }).catch(() => {});
    return connected;
  }

  async function request(msg) {
    const p = await documentPort();
    const id = nextId++;
    return new Promise((resolve) => {
      replies.set(id, resolve);
      p.postMessage({ ...msg, id });
    });
  }

  return {
    async copy(text, seconds) {
      const hash = await sha256Hex(text);
      return pending.serial(async () => {
        const entry = await pending.begin(hash, Date.now() + seconds * 1000);
        const reply = await request({ op: 'copy', text, seq: entry.seq, hash, clearAt: entry.clearAt });
        if (!reply?.ok) {
          await pending.settle(entry.seq);
          throw new Error(reply?.error ?? 'the offscreen document did not answer');
        }
        return entry.clearAt;
      });
    },
    cancel() {
      return pending.serial(async () => {
        await pending.drop();
        if (!(await hasDocument())) return;
        await request({ op: 'cancel' }).catch(() => {});
        await closeDocument();
      });
    },
    /** A clear that was pending when this worker started: re-armed unless its document still holds it. */
    resume() {
      return pending.serial(async () => {
        const entry = await pending.read();
        if (!entry || (await hasDocument())) return;
        const reply = await request({ op: 'arm', seq: entry.seq, hash: entry.hash, clearAt: entry.clearAt });
        if (!reply?.ok) throw new Error(reply?.error ?? 'the offscreen document did not answer');
      });
    },
    /** Handles the offscreen document's report; true if msg was one. */
    onInternalMessage(msg, sender) {
      if (msg?.type !== 'offscreen.result' || !isOurPage(api, sender, [OFFSCREEN_PATH])) return false;
      const { outcome, error } = msg;
      pending.serial(async () => {
        // A clear that a newer copy or a cancel replaced neither reports nor closes.
        if (!(await pending.settle(msg.seq))) return;
        await closeDocument();
        onResult(error ? { outcome, error: errorText(error) } : { outcome });
      });
      return true;
    },
  };
}
