// Instantiates an optimised module in node: a broken optimiser output fails here,
// at build time, instead of silently in the browser.
import fs from 'node:fs';

const [glue, wasm] = process.argv.slice(2);
const m = await import(`file://${glue}`);
try {
  m.initSync({ module: fs.readFileSync(wasm) });
  console.log(`init ok: ${wasm}`);
} catch (e) {
  console.error(`init FAILED: ${wasm}: ${String(e).slice(0, 200)}`);
  process.exitCode = 1;
}
