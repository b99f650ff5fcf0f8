// Background (service worker on Chrome/Edge, event page on Firefox): answers the assistant
// frame's "which tab am I in?" so it can open its port to the page agent of that tab, and
// runs the clipboard service (clipboard/service.js) and the token inventory with its expiry
// reminders (inventory/service.js), and brokers the KeePass hand-off to PAT Guard's own
// window (vault/broker.js). It is the only context that listens to runtime.onConnect, so a
// port an extension page opens reaches the background alone.
import { createClipboardService } from './clipboard/service.js';
import { installRelay } from './relay.js';
import { installServerSync } from './servers.js';
import { createInventoryService } from './inventory/service.js';
import { installVaultBroker } from './vault/broker.js';

const api = globalThis.browser ?? globalThis.chrome;
const clipboard = createClipboardService(api);
installRelay(api);
installVaultBroker(api);
// The first storage.managed read in a profile can take seconds; doing it here, at start,
// means the assistant's own read finds it ready.
Promise.resolve(api.storage.managed?.get?.()).catch(() => {});
// Azure DevOps Server hosts revoked in the browser's UI: unregister the agent there.
installServerSync(api);
const inventory = createInventoryService(api);
// The reminder handlers, for the service worker's console and the e2e tests.
globalThis.patguardInventory = inventory;

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (sender.id !== api.runtime.id) return false;
  if (msg?.type === 'whoami' && sender.tab) {
    sendResponse({ tabId: sender.tab.id, frameId: sender.frameId });
    return false;
  }
  if (String(msg?.type).startsWith('inventory.')) return inventory.onMessage(msg, sender, sendResponse);
  return clipboard(msg, sender, sendResponse);
});
