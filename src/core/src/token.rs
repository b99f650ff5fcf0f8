//! Recognising an Azure DevOps PAT string offline, without ever printing it.
//!
//! * Current format (since July 2024): 84 characters `[A-Za-z0-9]`, the "legacy CASK"
//!   layout of `microsoft/security-utilities` (reference `ado-pat-page.md` §9.2):
//!   `0–51` random · `52–56` `JQQJ9` · `57` kind (`9` standard, `D` derived, `H` hashed) ·
//!   `58` year (`A` = 2024) · `59` month `A`–`L` · `60–71` platform-reserved ·
//!   `72–75` `AAAA` · `76–79` `AZDO` · `80–83` checksum (not verified: whether every
//!   ADO PAT passes the CASK Marvin checksum is undocumented, gap G6).
//! * Legacy format: 52 characters `[a-z2-7]` (base32) with a CRC32 checksum
//!   (SEC101/102 `AdoLegacyPat`), verified exactly.
//!
//! Positions are 0-based. Nothing here formats the token into a message.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaskKind {
    Standard,
    Derived,
    Hashed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegacyIssuer {
    /// Checksum seed `0xE0B9692D`.
    User,
    /// Checksum seed `0x1019F92E`.
    Application,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// The 84-character format with every fixed part in place.
    Current84 {
        kind: CaskKind,
        year: u16,
        month: u8,
    },
    /// A 52-character base32 token; `issuer` says which seed matched.
    Legacy52 {
        checksum_ok: bool,
        issuer: Option<LegacyIssuer>,
    },
    /// Not a PAT; `reason` names the failed rule(s) and never quotes the input.
    Unknown { reason: String },
}

impl TokenKind {
    /// Whether the string is a well-formed PAT (current format, or legacy with a valid checksum).
    pub fn is_valid(&self) -> bool {
        matches!(
            self,
            TokenKind::Current84 { .. }
                | TokenKind::Legacy52 {
                    checksum_ok: true,
                    ..
                }
        )
    }
}

pub const CURRENT_LEN: usize = 84;
pub const LEGACY_LEN: usize = 52;
pub const USER_PAT_SEED: u32 = 0xE0B9_692D;
pub const APPLICATION_PAT_SEED: u32 = 0x1019_F92E;

/// Trimming policy: surrounding whitespace (a copied line break, a stray space) is
/// removed; whitespace inside the token is refused, since it means two things were
/// pasted or the token was wrapped.
pub fn normalize(input: &str) -> Result<&str, String> {
    let t = input.trim();
    if t.is_empty() {
        return Err("empty".to_string());
    }
    if let Some(pos) = t.chars().position(char::is_whitespace) {
        return Err(format!("whitespace inside the token at position {pos}"));
    }
    Ok(t)
}

pub fn classify(input: &str) -> TokenKind {
    let token = match normalize(input) {
        Ok(t) => t,
        Err(reason) => return TokenKind::Unknown { reason },
    };
    if !token.is_ascii() {
        let pos = token.chars().position(|c| !c.is_ascii()).unwrap_or(0);
        return TokenKind::Unknown {
            reason: format!("non-ASCII character at position {pos}"),
        };
    }
    match token.len() {
        CURRENT_LEN => classify_current(token.as_bytes()),
        LEGACY_LEN => classify_legacy(token.as_bytes()),
        n => TokenKind::Unknown {
            reason: format!(
                "{n} characters; a PAT has {CURRENT_LEN} (current format) or {LEGACY_LEN} (legacy format)"
            ),
        },
    }
}

const BASE62: &[u8; 62] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

fn classify_current(t: &[u8]) -> TokenKind {
    if let Some(pos) = t.iter().position(|b| !b.is_ascii_alphanumeric()) {
        return TokenKind::Unknown {
            reason: format!("character outside A–Z, a–z, 0–9 at position {pos}"),
        };
    }
    let mut failed = Vec::new();
    if &t[52..57] != b"JQQJ9" {
        failed.push("JQQJ9 signature missing at positions 52–56".to_string());
    }
    let kind = match t[57] {
        b'9' => Some(CaskKind::Standard),
        b'D' => Some(CaskKind::Derived),
        b'H' => Some(CaskKind::Hashed),
        _ => {
            failed.push("key kind at position 57 is not 9, D or H".to_string());
            None
        }
    };
    // Any base62 character is a year; alphanumerics were checked above.
    let year = 2024 + BASE62.iter().position(|&c| c == t[58]).unwrap_or(0) as u16;
    let month = if (b'A'..=b'L').contains(&t[59]) {
        t[59] - b'A' + 1
    } else {
        failed.push("month at position 59 is not A–L".to_string());
        0
    };
    if &t[72..76] != b"AAAA" {
        failed.push("provider-reserved AAAA missing at positions 72–75".to_string());
    }
    if &t[76..80] != b"AZDO" {
        failed.push("AZDO signature missing at positions 76–79".to_string());
    }
    match kind {
        Some(kind) if failed.is_empty() => TokenKind::Current84 { kind, year, month },
        _ => TokenKind::Unknown {
            reason: format!("84 characters but {}", failed.join("; ")),
        },
    }
}

const BASE32: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

fn base32_value(c: u8) -> Option<u8> {
    BASE32.iter().position(|&x| x == c).map(|p| p as u8)
}

/// Decodes 52 base32 characters into the 32 bytes they carry (the 4 trailing bits are padding).
fn base32_decode_52(t: &[u8]) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    let (mut buf, mut bits, mut n) = (0u32, 0u32, 0usize);
    for &c in t {
        buf = (buf << 5) | u32::from(base32_value(c)?);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            if n < 32 {
                out[n] = (buf >> bits) as u8;
                n += 1;
            }
            buf &= (1 << bits) - 1;
        }
    }
    (n == 32).then_some(out)
}

/// The 28 checksummed bytes: `[0..2) + [3..7) + [9..22) + [23..32)`.
fn legacy_data(b: &[u8; 32]) -> Vec<u8> {
    [&b[0..2], &b[3..7], &b[9..22], &b[23..32]].concat()
}

/// The stored checksum: little-endian u32 of bytes 22, 8, 7, 2.
fn legacy_stored_checksum(b: &[u8; 32]) -> u32 {
    u32::from_le_bytes([b[22], b[8], b[7], b[2]])
}

fn classify_legacy(t: &[u8]) -> TokenKind {
    let Some(bytes) = base32_decode_52(t) else {
        let pos = t
            .iter()
            .position(|&c| base32_value(c).is_none())
            .unwrap_or(0);
        return TokenKind::Unknown {
            reason: format!(
                "52 characters but character at position {pos} is outside a–z, 2–7 (legacy base32)"
            ),
        };
    };
    let crc = crc32(&legacy_data(&bytes));
    let stored = legacy_stored_checksum(&bytes);
    let issuer = if crc ^ USER_PAT_SEED == stored {
        Some(LegacyIssuer::User)
    } else if crc ^ APPLICATION_PAT_SEED == stored {
        Some(LegacyIssuer::Application)
    } else {
        None
    };
    TokenKind::Legacy52 {
        checksum_ok: issuer.is_some(),
        issuer,
    }
}

const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// CRC-32 (IEEE 802.3, reflected, as zlib / .NET `System.IO.Hashing.Crc32`).
pub fn crc32(data: &[u8]) -> u32 {
    let mut c = 0xFFFF_FFFFu32;
    for &b in data {
        c = CRC_TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8);
    }
    !c
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deterministic xorshift so the generated tokens are reproducible.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn byte(&mut self) -> u8 {
            self.next() as u8
        }
        fn alnum(&mut self) -> char {
            BASE62[(self.next() % 62) as usize] as char
        }
    }

    fn base32_encode(bytes: &[u8; 32]) -> String {
        let (mut buf, mut bits, mut out) = (0u32, 0u32, String::new());
        for &b in bytes {
            buf = (buf << 8) | u32::from(b);
            bits += 8;
            while bits >= 5 {
                bits -= 5;
                out.push(BASE32[((buf >> bits) & 31) as usize] as char);
            }
            buf &= (1 << bits) - 1;
        }
        if bits > 0 {
            out.push(BASE32[((buf << (5 - bits)) & 31) as usize] as char);
        }
        out
    }

    /// The inverse of the check: random bytes, then the checksum bytes set from the CRC.
    fn legacy_token(seed: u32, rng: &mut Rng) -> String {
        let mut b = [0u8; 32];
        b.iter_mut().for_each(|x| *x = rng.byte());
        let le = (crc32(&legacy_data(&b)) ^ seed).to_le_bytes();
        b[22] = le[0];
        b[8] = le[1];
        b[7] = le[2];
        b[2] = le[3];
        base32_encode(&b)
    }

    fn current_token(rng: &mut Rng, kind: char, year: char, month: char) -> String {
        let mut s: String = (0..52).map(|_| rng.alnum()).collect();
        s.push_str("JQQJ9");
        s.push(kind);
        s.push(year);
        s.push(month);
        s.extend((0..12).map(|_| rng.alnum()));
        s.push_str("AAAAAZDO");
        s.extend((0..4).map(|_| rng.alnum()));
        s
    }

    fn replace_at(s: &str, pos: usize, with: &str) -> String {
        format!("{}{}{}", &s[..pos], with, &s[pos + with.len()..])
    }

    fn reason(k: &TokenKind) -> &str {
        match k {
            TokenKind::Unknown { reason } => reason,
            _ => "",
        }
    }

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn base32_round_trips() {
        let mut rng = Rng(7);
        for _ in 0..50 {
            let mut b = [0u8; 32];
            b.iter_mut().for_each(|x| *x = rng.byte());
            let s = base32_encode(&b);
            assert_eq!(s.len(), 52);
            assert!(base32_decode_52(s.as_bytes()) == Some(b));
        }
    }

    #[test]
    fn generated_legacy_tokens_validate_with_their_seed() {
        let mut rng = Rng(0x5EED_1234_ABCD_0001);
        for _ in 0..200 {
            let t = legacy_token(USER_PAT_SEED, &mut rng);
            assert!(
                classify(&t)
                    == TokenKind::Legacy52 {
                        checksum_ok: true,
                        issuer: Some(LegacyIssuer::User)
                    }
            );
            let a = legacy_token(APPLICATION_PAT_SEED, &mut rng);
            assert!(
                classify(&a)
                    == TokenKind::Legacy52 {
                        checksum_ok: true,
                        issuer: Some(LegacyIssuer::Application)
                    }
            );
        }
    }

    #[test]
    fn one_flipped_character_breaks_the_legacy_checksum() {
        let mut rng = Rng(42);
        let t = legacy_token(USER_PAT_SEED, &mut rng);
        // Every position but the last, which also carries 4 padding bits.
        for pos in 0..51 {
            let c = t.as_bytes()[pos];
            let other = if c == b'a' { "b" } else { "a" };
            let flipped = replace_at(&t, pos, other);
            let k = classify(&flipped);
            assert!(
                k == TokenKind::Legacy52 {
                    checksum_ok: false,
                    issuer: None
                },
                "flip at position {pos} still validated"
            );
            assert!(!k.is_valid());
        }
        // A wrong seed does not validate either.
        let other_seed = legacy_token(0x1234_5678, &mut rng);
        assert!(!classify(&other_seed).is_valid());
    }

    #[test]
    fn legacy_charset_is_enforced() {
        let mut rng = Rng(3);
        let t = legacy_token(USER_PAT_SEED, &mut rng);
        for bad in ["A", "1", "8", "0", "9", "_"] {
            let k = classify(&replace_at(&t, 10, bad));
            assert!(
                reason(&k).contains("position 10 is outside a–z, 2–7"),
                "{bad}: {}",
                reason(&k)
            );
        }
    }

    #[test]
    fn current_format_is_recognised() {
        let mut rng = Rng(99);
        let t = current_token(&mut rng, '9', 'C', 'K');
        assert!(
            classify(&t)
                == TokenKind::Current84 {
                    kind: CaskKind::Standard,
                    year: 2026,
                    month: 11
                }
        );
        let d = current_token(&mut rng, 'D', 'A', 'A');
        assert!(
            classify(&d)
                == TokenKind::Current84 {
                    kind: CaskKind::Derived,
                    year: 2024,
                    month: 1
                }
        );
        let h = current_token(&mut rng, 'H', 'B', 'L');
        assert!(
            classify(&h)
                == TokenKind::Current84 {
                    kind: CaskKind::Hashed,
                    year: 2025,
                    month: 12
                }
        );
        assert!(classify(&h).is_valid());
    }

    #[test]
    fn current_format_near_misses_name_the_rule() {
        let mut rng = Rng(5);
        let t = current_token(&mut rng, '9', 'C', 'K');
        let cases = [
            (
                replace_at(&t, 76, "AZDX"),
                "AZDO signature missing at positions 76–79",
            ),
            (
                replace_at(&t, 72, "AAAB"),
                "AAAA missing at positions 72–75",
            ),
            (
                replace_at(&t, 52, "JQQK9"),
                "JQQJ9 signature missing at positions 52–56",
            ),
            (replace_at(&t, 57, "X"), "position 57 is not 9, D or H"),
            (replace_at(&t, 59, "M"), "month at position 59 is not A–L"),
            (
                replace_at(&t, 20, "-"),
                "character outside A–Z, a–z, 0–9 at position 20",
            ),
        ];
        for (i, (bad, want)) in cases.iter().enumerate() {
            let k = classify(bad);
            assert!(reason(&k).contains(want), "case {i}: got {:?}", reason(&k));
            assert!(!k.is_valid());
        }
        // Several failures are all reported.
        let two = replace_at(&replace_at(&t, 76, "ZZZZ"), 59, "Z");
        let r = classify(&two);
        assert!(reason(&r).contains("AZDO") && reason(&r).contains("month"));
    }

    #[test]
    fn lengths_and_whitespace() {
        let mut rng = Rng(11);
        let t = current_token(&mut rng, '9', 'C', 'K');
        // Surrounding whitespace is trimmed.
        for wrapped in [format!("  {t}\n"), format!("\t{t}\r\n"), format!("{t} ")] {
            assert!(classify(&wrapped).is_valid());
        }
        let l = legacy_token(USER_PAT_SEED, &mut rng);
        assert!(classify(&format!("\n{l}\n")).is_valid());
        // Inner whitespace is refused.
        let inner = format!("{} {}", &t[..40], &t[40..]);
        assert!(reason(&classify(&inner)).contains("whitespace inside the token at position 40"));
        assert_eq!(reason(&classify("   ")), "empty");
        assert!(reason(&classify(&t[..83])).starts_with("83 characters"));
        assert!(reason(&classify(&format!("{t}x"))).starts_with("85 characters"));
        assert!(reason(&classify("ä")).contains("non-ASCII"));
    }

    #[test]
    fn unknown_reasons_never_quote_the_token() {
        let mut rng = Rng(13);
        let t = current_token(&mut rng, '9', 'C', 'K');
        let bad = replace_at(&t, 76, "XXXX");
        let r = reason(&classify(&bad)).to_string();
        assert!(!r.contains(&bad[..20]));
        let debug = format!("{:?}", classify(&bad));
        assert!(!debug.contains(&bad[..20]));
    }
}
