// Checks both PAT generators against the published formats (reference ado-pat-page.md §9.2),
// re-verifying the legacy checksum with a decoder written independently of the generator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newFormatToken, legacyFormatToken } from './src/tokens.js';

const CASK_PAT = /^[A-Za-z0-9]{52}JQQJ99[A-Za-z0-9][A-L][A-Za-z0-9]{12}AAAAAZDO[A-Za-z0-9]{4}$/;

// Independent bit-by-bit CRC-32 (IEEE, reflected), deliberately not table-driven like the generator's.
function crc32Bitwise(bytes) {
  let crc = ~0 >>> 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let i = 0; i < 8; i++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function base32Decode(text) {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let bits = '';
  for (const ch of text.toLowerCase()) {
    const v = alphabet.indexOf(ch);
    assert.ok(v >= 0, `not base32: ${ch}`);
    bits += v.toString(2).padStart(5, '0');
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return bytes;
}

/** SEC101/102 AdoLegacyPat validation, written from the reference text. */
function legacyChecksumValid(token, seed = 0xe0b9692d) {
  const b = base32Decode(token);
  if (b.length !== 32) return false;
  const data = [...b.slice(0, 2), ...b.slice(3, 7), ...b.slice(9, 22), ...b.slice(23, 32)];
  const expected = (crc32Bitwise(data) ^ seed) >>> 0;
  const stored = (b[22] | (b[8] << 8) | (b[7] << 16) | (b[2] << 24)) >>> 0;
  return expected === stored;
}

test('crc32 matches the standard check value', () => {
  assert.equal(crc32Bitwise(new TextEncoder().encode('123456789')), 0xcbf43926);
});

test('current format: 84 chars, JQQJ99 signature, year/month chars, AAAAAZDO', () => {
  const now = new Date();
  for (let i = 0; i < 200; i++) {
    const tk = newFormatToken(now);
    assert.equal(tk.length, 84);
    assert.match(tk, CASK_PAT);
    assert.equal(tk[58], String.fromCharCode(65 + now.getUTCFullYear() - 2024));
    assert.equal(tk[59], 'ABCDEFGHIJKL'[now.getUTCMonth()]);
    assert.equal(tk.slice(76, 80), 'AZDO');
  }
  assert.equal(newFormatToken(new Date(Date.UTC(2026, 10, 28)))[58], 'C');
  assert.equal(newFormatToken(new Date(Date.UTC(2026, 10, 28)))[59], 'K');
});

test('current format: random parts differ between tokens', () => {
  const seen = new Set(Array.from({ length: 50 }, () => newFormatToken().slice(0, 52)));
  assert.equal(seen.size, 50);
});

test('legacy format: 52 lowercase base32 chars whose checksum validates', () => {
  for (let i = 0; i < 500; i++) {
    const tk = legacyFormatToken();
    assert.match(tk, /^[a-z2-7]{52}$/);
    assert.ok(legacyChecksumValid(tk), `checksum fails for ${tk}`);
    // The application seed must not validate: the generator really used the user seed.
    assert.ok(!legacyChecksumValid(tk, 0x1019f92e));
  }
});

test('legacy checksum validator rejects a corrupted token', () => {
  const tk = legacyFormatToken();
  const flipped = tk.slice(0, 10) + (tk[10] === 'a' ? 'b' : 'a') + tk.slice(11);
  assert.ok(!legacyChecksumValid(flipped));
});
