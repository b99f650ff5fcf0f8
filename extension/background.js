// Background: answers the assistant frame's "which tab am I in?" so it can open its
// port to the page agent of that tab. Later: clipboard clearing and reminders.
const api = globalThis.browser ?? globalThis.chrome;

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (sender.id !== api.runtime.id) return false;
  if (msg?.type === 'whoami' && sender.tab) {
    sendResponse({ tabId: sender.tab.id, frameId: sender.frameId });
  }
  return false;
});
