// The assistant frame's browser glue: loads the Rust core, opens the port to the page
// agent of this tab and passes messages both ways. All logic and rendering is in Rust.
import init, { Assistant } from './pkg/patguard_assistant.js';

const api = globalThis.browser ?? globalThis.chrome;

async function start() {
  await init({ module_or_path: new URL('./pkg/patguard_assistant_bg.wasm', import.meta.url) });
  const root = document.getElementById('root');
  const nonce = location.hash.slice(1);
  const me = await api.runtime.sendMessage({ type: 'whoami' });
  if (!me || typeof me.tabId !== 'number') {
    root.dataset.state = 'unrecognized';
    root.textContent = 'PAT Guard could not find the tab it runs in.';
    return;
  }
  const port = api.tabs.connect(me.tabId, { name: 'patguard-assistant', frameId: 0 });
  // The agent drops a port whose first message is not this hello.
  port.postMessage({ type: 'hello', nonce });
  const assistant = new Assistant(root, (msg) => port.postMessage(msg), navigator.language);
  port.onMessage.addListener((msg) => assistant.on_message(msg));
  port.onDisconnect.addListener(() => assistant.on_disconnect());
}

start();
