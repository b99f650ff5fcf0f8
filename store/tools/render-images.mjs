// Renders the store images into store/images/ (./build.sh store builds first):
//   screenshot-N-<what>-<lang>-<theme>.png  1280×800, the built extension on the replica token
//                                           page (strict CSP), English and German, light and dark
//   promo-tile-<lang>.png                   440×280, Chrome's small promotional tile
//   node store/tools/render-images.mjs dist/chrome
// The same machinery as the demo (tests/demo/demo.mjs): launchWithExtension and the replica.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchWithExtension, assistantFrame } from '../../tests/support/extension.mjs';
import { launchChromium } from '../../tests/support/chromium.mjs';
import { PAGE, dialog } from '../../tests/support/replica-page.mjs';
import { T, settled } from '../../tests/support/guard-page.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = path.join(ROOT, 'store', 'images');
const SIZE = { width: 1280, height: 800 };
const extDir = path.resolve(process.argv[2] ?? path.join(ROOT, 'dist', 'chrome'));
const listing = (lang) => JSON.parse(fs.readFileSync(path.join(ROOT, 'store', lang, 'listing.json'), 'utf8'));

/** Every animation on the page and in the assistant frame has finished, and the frame's height holds. */
async function still(page, frame) {
  await settled(page);
  for (const target of [page, frame].filter(Boolean)) {
    await target.evaluate(async () => {
      await document.fonts.ready;
      await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {})));
    });
  }
}

async function openCreatePanel(context, lang, theme) {
  const page = await context.newPage();
  await page.setViewportSize(SIZE);
  await page.goto(PAGE('contoso', `csp=strict&lang=${lang}&theme=${theme}`));
  await page.getByRole('menuitem', { name: T('new_token', lang) }).click();
  const panel = dialog(page, T('create_title', lang));
  await panel.waitFor();
  const frame = await assistantFrame(page, { state: 'ready' });
  return { page, panel, frame };
}

/** The assistant at the top of the panel's visible part, so the shot shows it with the form below. */
async function showAssistant(page) {
  await page.locator('[role="dialog"] [data-patguard="host"]').evaluate((host) => host.scrollIntoView({ block: 'start' }));
}

const SHOTS = [
  ['1-presets', async (context, lang, theme) => {
    const { page, panel, frame } = await openCreatePanel(context, lang, theme);
    await frame.locator('[data-preset-id="git-push"]').click();
    await frame.locator('.notice .success, .notice .error').first().waitFor();
    if (await frame.locator('.notice .error').count()) throw new Error(`preset failed: ${await frame.locator('.notice').textContent()}`);
    await panel.getByRole('textbox', { name: T('name', lang) }).fill('ci-git-push');
    await showAssistant(page);
    return { page, frame };
  }],
  ['2-warnings', async (context, lang, theme) => {
    const { page, panel, frame } = await openCreatePanel(context, lang, theme);
    await panel.getByRole('textbox', { name: T('name', lang) }).fill('deploy-script');
    await settled(page);
    await panel.getByRole('radio', { name: T('full_access', lang) }).click();
    await frame.locator('[data-finding="full-access"]').waitFor();
    await showAssistant(page);
    return { page, frame };
  }],
  ['3-list', async (context, lang, theme) => {
    const page = await context.newPage();
    await page.setViewportSize(SIZE);
    await page.goto(PAGE('contoso', `csp=strict&lang=${lang}&theme=${theme}`));
    await page.getByRole('grid').waitFor();
    const frame = await assistantFrame(page, { state: /ready/ });
    return { page, frame };
  }],
];

async function screenshots(lang) {
  const ext = await launchWithExtension({ extDir, locale: lang === 'de' ? 'de-DE' : 'en-US' });
  try {
    for (const theme of ['light', 'dark']) {
      for (const [name, make] of SHOTS) {
        const { page, frame } = await make(ext.context, lang, theme);
        await still(page, frame);
        const file = path.join(OUT, `screenshot-${name}-${lang}-${theme}.png`);
        await page.screenshot({ path: file });
        console.log(file);
        await page.close();
      }
    }
  } finally {
    await ext.close();
  }
}

const TILE_TEXT = {
  en: 'Least-privilege Azure DevOps tokens, copied safely',
  de: 'Azure DevOps-Token mit minimalen Rechten, sicher kopiert',
};

async function promoTiles() {
  const icon = fs.readFileSync(path.join(ROOT, 'extension', 'icons', '128.png')).toString('base64');
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 440, height: 280 } });
    for (const lang of ['en', 'de']) {
      await page.setContent(`<!doctype html><html lang="${lang}"><body style="margin:0;width:440px;height:280px;
        display:flex;align-items:center;gap:20px;padding:0 28px;box-sizing:border-box;
        background:linear-gradient(135deg,#0b3d73,#0063b1);color:#fff;
        font-family:'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif">
        <div style="flex:none;width:112px;height:112px;border-radius:24px;background:#fff;display:flex;
          align-items:center;justify-content:center"><img src="data:image/png;base64,${icon}" width="128" height="128" alt=""></div>
        <div><div style="font-size:34px;font-weight:700;line-height:1.1">PAT Guard</div>
        <div style="font-size:17px;line-height:1.35;margin-top:10px">${TILE_TEXT[lang]}</div></div></body></html>`);
      await page.evaluate(() => document.fonts.ready);
      const file = path.join(OUT, `promo-tile-${lang}.png`);
      await page.screenshot({ path: file });
      console.log(file);
    }
  } finally {
    await browser.close();
  }
}

fs.mkdirSync(OUT, { recursive: true });
for (const lang of ['en', 'de']) {
  listing(lang); // a broken listing stops here, before minutes of rendering
  await screenshots(lang);
}
await promoTiles();
