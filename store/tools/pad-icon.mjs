// Fits the 128 px icon's artwork into the centre 96×96 with 16 px of transparent padding on
// every side, as the Chrome Web Store asks of the 128 px icon (the store draws its own
// frame around it). Decoding and resampling are Chromium's.
//   node store/tools/pad-icon.mjs extension/icons/128.png
import fs from 'node:fs';
import { launchChromium } from '../../tests/support/chromium.mjs';
import { artworkBox } from './artwork-box.mjs';

const file = process.argv[2];
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  const b64 = fs.readFileSync(file).toString('base64');
  const box = await page.evaluate(artworkBox, b64);
  const png = await page.evaluate(async ([b64, { minX, minY, maxX, maxY }]) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const w = maxX - minX + 1;
    const h = maxY - minY + 1;
    const scale = Math.min(96 / w, 96 / h);
    const out = new OffscreenCanvas(128, 128);
    const ctx = out.getContext('2d');
    ctx.imageSmoothingQuality = 'high';
    const dw = w * scale;
    const dh = h * scale;
    ctx.drawImage(img, minX, minY, w, h, 16 + (96 - dw) / 2, 16 + (96 - dh) / 2, dw, dh);
    const blob = await out.convertToBlob({ type: 'image/png' });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  }, [b64, box]);
  fs.writeFileSync(file, Buffer.from(png, 'base64'));
  console.log(`${file}: artwork fitted into 96×96 with 16 px padding`);
} finally {
  await browser.close();
}
