// Shows PAT Guard at work on the replica token page (strict CSP) in Chromium.
//   node tests/demo/demo.mjs dist/chrome     (./build.sh demo does the build first)
// With $DISPLAY: a visible browser on the token page with the panel open; it stays open until
// you close it. Without: headless, and the three key moments are saved as PNGs in target/demo/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchWithExtension, assistantFrame } from '../support/extension.mjs';
import { PAGE, dialog } from '../support/replica-page.mjs';
import pageTexts from '../../src/core/data/ado-page-texts.json' with { type: 'json' };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = path.join(ROOT, 'target', 'demo');
const T = (key) => pageTexts.texts[key].en;
const PRESET = 'git-push';
const TOKEN_NAME = 'ci-git-push';

/** The assistant frame is inside the open panel and at least partly on screen. */
async function assertAssistantVisible(page) {
  const where = await page.evaluate(() => {
    const dialog = document.querySelector('[role="dialog"]');
    const host = dialog?.querySelector('[data-patguard="host"]');
    // The iframe sits in the host's closed shadow root; the host's box is the frame's.
    const frame = host;
    if (!frame || !dialog) return { problem: 'no assistant frame inside the panel' };
    const f = frame.getBoundingClientRect();
    const d = dialog.getBoundingClientRect();
    const top = Math.max(f.top, d.top, 0);
    const bottom = Math.min(f.bottom, d.bottom, innerHeight);
    return { visible: bottom - top, height: f.height };
  });
  if (where.problem || where.visible < Math.min(80, where.height)) {
    throw new Error(`assistant not visible in the panel: ${JSON.stringify(where)}`);
  }
}

const extDir = path.resolve(process.argv[2] ?? path.join(ROOT, 'dist', 'chrome'));
const headed = Boolean(process.env.DISPLAY);

const ext = await launchWithExtension({ extDir, headless: !headed });
const shots = [];
try {
  const page = ext.context.pages()[0] ?? (await ext.context.newPage());
  await page.goto(PAGE('contoso', 'csp=strict'));
  await page.getByRole('grid').waitFor();
  const shoot = async (name) => {
    if (headed) return;
    await page.waitForTimeout(600); // panel slide-in animation, icon fonts
    const file = path.join(OUT, `${name}.png`);
    await page.screenshot({ path: file });
    shots.push(file);
  };
  if (!headed) fs.mkdirSync(OUT, { recursive: true });
  await shoot('1-token-list');

  await page.getByRole('menuitem', { name: T('new_token') }).click();
  const panel = dialog(page, T('create_title'));
  await panel.waitFor();
  const frame = await assistantFrame(page, { state: 'ready' });
  await frame.locator(`[data-preset-id="${PRESET}"]`).click();
  await frame.locator('.notice .success, .notice .error').first().waitFor({ timeout: 5000 });
  // A demo of a failed preset is no demo: stop with the assistant's own words.
  if (await frame.locator('.notice .error').count()) {
    throw new Error(`preset ${PRESET} failed in the assistant: ${(await frame.locator('.notice').textContent()).trim()}`);
  }
  await panel.getByRole('textbox', { name: T('name') }).fill(TOKEN_NAME);
  // A tall window for this shot, so the assistant, the typed name and the marked scope fit;
  // fill() scrolled the name field into view, and the assistant sits above it: scroll back up.
  if (!headed) await page.setViewportSize({ width: 1280, height: 1500 });
  await page.locator('[role="dialog"] [data-patguard="host"]').evaluate((host) => host.scrollIntoView({ block: 'start' }));
  await assertAssistantVisible(page);
  await shoot(`2-panel-with-assistant-${PRESET}`);
  if (!headed) await page.setViewportSize({ width: 1280, height: 900 });

  if (headed) {
    console.log('Chromium is open on the replica with the assistant in the panel; close the window to end the demo.');
    // Closing the window closes the persistent context; closing the last tab leaves no page to show.
    await new Promise((resolve) => {
      ext.context.on('close', resolve);
      ext.context.on('page', (p) => p.on('close', () => ext.context.pages().length === 0 && resolve()));
      page.on('close', () => ext.context.pages().length === 0 && resolve());
    });
  } else {
    await panel.getByRole('button', { name: T('create'), exact: true }).click();
    await panel.getByText(T('success_title'), { exact: true }).waitFor({ timeout: 10_000 });
    await assertAssistantVisible(page);
    await shoot('3-success');
    for (const file of shots) console.log(file);
  }
} finally {
  await ext.close().catch(() => {});
}
