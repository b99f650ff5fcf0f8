// "Cannot be fingerprinted" (threat model), exactly as far as it is true. assistant.html is
// web-accessible twice: to dev.azure.com / *.visualstudio.com at its static URL (PAT Guard
// runs there and shows itself anyway), and to every https host only behind a per-session
// dynamic URL (use_dynamic_url), for Azure DevOps Server. So a page on any other https site
// cannot detect PAT Guard by loading its static URL. Control: the same probe on dev.azure.com
// does load it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchWithExtension } from '../support/extension.mjs';

const OTHER = 'https://ado.contoso.test';
let ext;
before(async () => {
  ext = await launchWithExtension({ extraOrigins: [OTHER] });
});
after(async () => {
  await ext?.close();
});

// Loads a URL in an iframe and reports whether an extension document arrived. A blocked
// web-accessible resource ends in Chromium's error page, which is cross-origin too; the
// difference is seen from the test side (Playwright sees every frame's real URL).
async function probe(page, url) {
  await page.evaluate((u) => {
    const f = document.createElement('iframe');
    f.id = 'probe';
    f.src = u;
    document.body.append(f);
    return new Promise((r) => f.addEventListener('load', r, { once: true }));
  }, url);
  const frame = await (await page.$('#probe')).contentFrame();
  const title = await frame.title().catch(() => null);
  const root = await frame.locator('#root').count().catch(() => 0);
  return { url: frame.url(), title, root };
}

test('another https site cannot detect PAT Guard at its static URL', async () => {
  const staticUrl = `chrome-extension://${ext.extensionId}/assistant.html`;
  const home = await ext.context.newPage();
  await home.goto('https://dev.azure.com/contoso/_usersSettings/tokens');
  const control = await probe(home, staticUrl);
  assert.equal(control.root, 1, `control: the static URL loads on dev.azure.com (${JSON.stringify(control)})`);

  const other = await ext.context.newPage();
  await other.goto(`${OTHER}/DefaultCollection/_usersSettings/tokens`);
  const blocked = await probe(other, staticUrl);
  assert.equal(blocked.root, 0, `the static URL loaded on ${OTHER}: ${JSON.stringify(blocked)}`);

  await home.close();
  await other.close();
});
