// PAT string generators in the two real formats (reference ado-pat-page.md §9.2).
// Plain ESM without browser-only APIs beyond crypto.getRandomValues, so node tests import it directly.
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
export const ADO_USER_PAT_SEED = 0xe0b9692d;

function randomBytes(n) {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

function randomAlnum(n) {
  // Rejection sampling keeps the characters uniform (256 is not a multiple of 62).
  let out = '';
  while (out.length < n) {
    for (const b of randomBytes(n * 2)) {
      if (b < 248 && out.length < n) out += ALNUM[b % 62];
    }
  }
  return out;
}

/** 84 chars: 52 random + JQQJ99 + year (A=2024) + month (A-L) + 12 random + AAAA + AZDO + 4 random. */
export function newFormatToken(now = new Date()) {
  const year = String.fromCharCode(65 + now.getUTCFullYear() - 2024);
  const month = String.fromCharCode(65 + now.getUTCMonth());
  return `${randomAlnum(52)}JQQJ99${year}${month}${randomAlnum(12)}AAAAAZDO${randomAlnum(4)}`;
}

let crcTable;
export function crc32(bytes) {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let c = i;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[i] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) crc = crcTable[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function base32Encode(bytes) {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/** 52 chars base32: 32 random bytes whose bytes 22, 8, 7, 2 carry crc32(other 28 bytes) ^ seed, little-endian. */
export function legacyFormatToken() {
  const bytes = randomBytes(32);
  const data = [...bytes.subarray(0, 2), ...bytes.subarray(3, 7), ...bytes.subarray(9, 22), ...bytes.subarray(23, 32)];
  const sum = (crc32(data) ^ ADO_USER_PAT_SEED) >>> 0;
  bytes[22] = sum & 0xff;
  bytes[8] = (sum >>> 8) & 0xff;
  bytes[7] = (sum >>> 16) & 0xff;
  bytes[2] = (sum >>> 24) & 0xff;
  return base32Encode(bytes);
}

export function generateToken(format) {
  return format === 'legacy' ? legacyFormatToken() : newFormatToken();
}
