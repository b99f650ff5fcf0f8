// The assistant frame's browser glue: loads the Rust core, opens the port to the page
// agent of this tab, and gives the core the few browser functions it needs. All logic
// and rendering is in Rust (src/assistant).
import init, { Assistant } from './pkg/patguard_assistant.js';
import { api, readJson, download } from './page-glue.js';
import { copyOverPort } from './clipboard/client.js';
import { openVault } from './vault/handoff.js';


// Chromium lets the frame connect to the agent of its tab directly; Firefox gives
// frames in web pages no tabs API, so the background relays (relay.js).
async function openAgentPort() {
  if (!api.tabs?.connect) return api.runtime.connect({ name: 'patguard-relay' });
  const me = await api.runtime.sendMessage({ type: 'whoami' });
  if (!me || typeof me.tabId !== 'number') return null;
  return api.tabs.connect(me.tabId, { name: 'patguard-assistant', frameId: 0 });
}

// The scope calculator's REST tables live in their own wasm module (src/calculator), fetched
// when "Which scopes do I need?" is first opened or used, never on panel open. A failed load
// is forgotten, so the next use tries again.
let calculatorModule = null;
function loadCalculator() {
  calculatorModule ??= import('./pkg/patguard_calculator.js').then(async (m) => {
    await m.default({ module_or_path: new URL('./pkg/patguard_calculator_bg.wasm', import.meta.url) });
    return m;
  });
  calculatorModule.catch(() => (calculatorModule = null));
  return calculatorModule;
}

async function start() {
  // Everything the core needs is asked for at once, so the wasm compile, the port's
  // handshake and the storage reads overlap instead of queueing (issue #7: panel → ready).
  const ready = init({ module_or_path: new URL('./pkg/patguard_assistant_bg.wasm', import.meta.url) });
  const portOpened = openAgentPort();
  // The enterprise policy decides what the gate lets through (blockFullAccess, criticalAction
  // "block", …), so the assistant does not start before it has been read: a form shown ready
  // under a policy not yet applied would offer a blocked token as a mere warning. The
  // background reads storage.managed at its own start, so the read is usually done by now.
  const managedRead = readJson('managed');
  const stored = Promise.all([readJson('local', 'settings'), readJson('local', 'teamPresets'), readJson('local', 'inventory')]);
  const root = document.getElementById('root');
  const nonce = location.hash.slice(1);
  // The agent gives this window a proof that the port's hello must be followed by
  // (agent/frames.js pgOfferProof); it may come before the port is open. The page can post
  // to this window too, so every candidate is passed on until the agent welcomes the port.
  const proofs = [];
  let passProof = (proof) => proofs.push(proof);
  let welcomed = false;
  addEventListener('message', (event) => {
    const proof = event.data?.patguardProof;
    if (event.source === parent && typeof proof === 'string' && !welcomed) passProof(proof);
  });
  const port = await portOpened;
  if (!port) {
    root.dataset.state = 'unrecognized';
    root.textContent = 'PAT Guard could not find the tab it runs in.';
    return;
  }
  // Snapshots may arrive before the core exists: keep them until it does.
  const early = [];
  let assistant = null;
  // Port messages cross into the wasm as the objects themselves (serde-wasm-bindgen), except
  // snapshots: for those JSON text read by serde_json is about twice as fast (./build.sh bench).
  const deliver = (msg) => (msg?.type === 'snapshot' ? assistant.on_snapshot_text(JSON.stringify(msg)) : assistant.on_message(msg));
  port.onMessage.addListener((msg) => {
    if (msg?.type === 'welcome') welcomed = true;
    else if (assistant) deliver(msg);
    else early.push(msg);
  });
  let disconnected = false;
  port.onDisconnect.addListener(() => {
    disconnected = true;
    assistant?.on_disconnect();
  });
  // The agent drops a port whose first message is not this hello.
  port.postMessage({ type: 'hello', nonce });
  passProof = (proof) => port.postMessage({ type: 'proof', proof });
  proofs.splice(0).forEach(passProof);
  const glue = {
    send: (msg) => port.postMessage(msg),
    copy: (text, clearAfterSeconds) => copyOverPort(api, text, clearAfterSeconds),
    openVault: (format, entryJson, filename) => openVault(api, format, entryJson, filename),
    // The page report holds no secret; without clipboard access it is saved as a file.
    copyReport: (text) =>
      navigator.clipboard.writeText(text).catch(() => download('patguard-page-report.json', 'application/json', text)),
    storeTeamPresets: (file) => api.storage.local.set({ teamPresets: JSON.parse(file) }),
    // Token metadata (name, organization, preset, scopes, dates; never the token) for the
    // background's inventory, which schedules the expiry reminders.
    recordInventory: (entryJson) =>
      Promise.resolve(api.runtime.sendMessage({ type: 'inventory.record', entry: JSON.parse(entryJson) }))
        .then((r) => r?.ok || console.warn('PAT Guard: inventory not updated:', r?.error))
        .catch((e) => console.warn('PAT Guard: inventory not updated:', e?.message)),
    loadCalculator: () => loadCalculator().then(() => undefined),
    // The answer as AnswerView JSON text, read by serde_json in the panel module.
    calculate: (text, lang) => loadCalculator().then((m) => m.calculate(text, lang)),
  };
  const [, [settings, teamPresets, inventory]] = await Promise.all([ready, stored]);
  root.dataset.waiting = 'policy';
  const managed = await managedRead;
  delete root.dataset.waiting;
  assistant = new Assistant(root, glue, navigator.language, settings, managed);
  // The frame follows the assistant's laid-out height, measured after the browser's own
  // layout: the root's box, since the document's never drops below the frame's height.
  new ResizeObserver(() => assistant.on_content_height(Math.max(0, Math.ceil(root.getBoundingClientRect().bottom + 2)))).observe(root);
  // Team presets: the user's own file and the one the enterprise policy pushes.
  assistant.set_team_presets(teamPresets, JSON.stringify(JSON.parse(managed)?.teamPresets ?? null));
  // The list audit knows the scopes of tokens in the inventory.
  assistant.set_inventory(inventory);
  early.splice(0).forEach(deliver);
  if (disconnected) assistant.on_disconnect();
  api.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes.inventory) assistant.set_inventory(JSON.stringify(changes.inventory.newValue ?? null));
  });
  api.runtime.onMessage.addListener((msg, sender) => {
    if (sender.id === api.runtime.id && msg?.type === 'clipboard.result') assistant.on_background(msg);
  });
}

start();
