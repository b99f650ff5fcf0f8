// Background (service worker on Chrome/Edge, event page on Firefox): answers the assistant
// frame's "which tab am I in?" so it can open its port to the page agent of that tab, and
// runs the clipboard service (clipboard/service.js). Later: reminders.
import { createClipboardService } from './clipboard/service.js';
import { installRelay } from './relay.js';

const api = globalThis.browser ?? globalThis.chrome;
const clipboard = createClipboardService(api);
installRelay(api);

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (sender.id !== api.runtime.id) return false;
  if (msg?.type === 'whoami' && sender.tab) {
    sendResponse({ tabId: sender.tab.id, frameId: sender.frameId });
    return false;
  }
  return clipboard(msg, sender, sendResponse);
});
