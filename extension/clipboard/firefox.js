// Clipboard backend for Firefox: the background is an event page with a DOM, so
// navigator.clipboard works here directly (clipboardWrite / clipboardRead permissions).
// There is no offscreen API in Firefox.
import { sha256Hex, errorText } from './common.js';

export function createFirefoxBackend(onResult) {
  let pending = null; // {hash, timer}

  async function clearIfStillOurs(hash) {
    try {
      const now = await navigator.clipboard.readText();
      if ((await sha256Hex(now)) !== hash) return { outcome: 'kept' };
      await navigator.clipboard.writeText('');
      return { outcome: 'cleared' };
    } catch (e) {
      return { outcome: 'failed', error: `clipboard clear failed: ${errorText(e)}` };
    }
  }

  return {
    async copy(text, seconds) {
      this.cancel();
      const hash = await sha256Hex(text);
      await navigator.clipboard.writeText(text);
      const clearAt = Date.now() + seconds * 1000;
      const entry = { hash };
      entry.timer = setTimeout(async () => {
        const result = await clearIfStillOurs(entry.hash);
        if (pending === entry) pending = null;
        onResult(result);
      }, seconds * 1000);
      pending = entry;
      return clearAt;
    },
    cancel() {
      if (pending) clearTimeout(pending.timer);
      pending = null;
    },
  };
}
