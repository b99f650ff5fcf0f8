// The page side of the clipboard service (clipboard/service.js): the assistant hands the
// token to the background over a port of its own, which only the background listens to, so
// no other extension page sees it (runtime.sendMessage would reach every one of them).
export const CLIPBOARD_PORT = 'patguard-clipboard';

/** One copy request; resolves with the service's reply `{ok, clearAt}` or `{ok:false, error}`. */
export function copyOverPort(api, text, clearAfterSeconds) {
  return new Promise((resolve) => {
    const port = api.runtime.connect({ name: CLIPBOARD_PORT });
    port.onMessage.addListener((reply) => {
      port.disconnect();
      resolve(reply);
    });
    port.onDisconnect.addListener(() => resolve({ ok: false, error: 'the clipboard service went away' }));
    port.postMessage({ id: 1, type: 'clipboard.copy', text, clearAfterSeconds });
  });
}
