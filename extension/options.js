// The options page's browser glue: reads storage, hands it to the Rust page (its own wasm
// module, src/options, so the panel's module does not carry it) and gives it storage
// writes, downloads, file reading and the server permission functions, which
// src/options/src/glue.rs declares. All validation and rendering is in Rust.
import init, { OptionsPage } from './pkg/patguard_options.js';
import { api, readJson, download } from './page-glue.js';
import { addServer, removeServer } from './servers.js';

async function start() {
  await init({ module_or_path: new URL('./pkg/patguard_options_bg.wasm', import.meta.url) });
  const [settings, teamPresets, managed, servers] = await Promise.all([
    readJson('local', 'settings'), readJson('local', 'teamPresets'), readJson('managed'), readJson('local', 'servers'),
  ]);
  const glue = {
    save: (key, json) => api.storage.local.set({ [key]: JSON.parse(json) }),
    download,
    readFile: (input) => (input.files?.[0] ? input.files[0].text() : Promise.reject(new Error('no file chosen'))),
    addServer: (origin) => addServer(api, origin),
    removeServer: (origin) => removeServer(api, origin),
  };
  const page = new OptionsPage(document.getElementById('root'), glue, navigator.language, settings, teamPresets, managed, servers);
  api.storage.onChanged.addListener(async (_changes, area) => {
    if (area === 'managed') page.set_managed(await readJson('managed'));
  });
}

start();
