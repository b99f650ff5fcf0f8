//! The master password rule: long enough, and not guessable by zxcvbn's estimate
//! (dictionary words, names, keyboard patterns, dates, repeats, l33t spellings and the
//! entry's own words). The on-demand module shows this estimate while the user types and
//! refuses a weak password before any key derivation runs.

use serde::Serialize;

use crate::KdbxError;

/// NIST SP 800-63B's floor for user-chosen secrets. Argon2id makes each guess
/// expensive, but only a reasonably long password makes the file worth that.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// zxcvbn's scale is 0 (too guessable) to 4 (very unguessable); its authors call
/// anything below 3 too weak. The file may end up in a cloud folder, where an
/// attacker can guess offline for as long as they like.
pub const MIN_SCORE: u8 = 3;

/// zxcvbn's matching grows quickly with length; beyond this many characters only the
/// start is scored, which never makes a password look weaker than that start.
const SCORED_CHARS: usize = 100;

/// How guessable a candidate master password is, as the KeePass window shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Strength {
    /// 0..=4, zxcvbn's score.
    pub score: u8,
    /// `log10` of the estimated guesses.
    pub guesses_log10: f64,
    /// Long enough and at least [`MIN_SCORE`]: the export will accept it.
    pub acceptable: bool,
    /// Why it is weak, when zxcvbn knows (e.g. "This is a very common password.").
    pub warning: Option<String>,
    pub suggestions: Vec<String>,
}

/// Scores `password`; `context` holds words an attacker would try first (the entry's
/// title, organization, user name), which count as known words.
pub fn password_strength(password: &str, context: &[&str]) -> Strength {
    let scored: String = password.chars().take(SCORED_CHARS).collect();
    let estimate = zxcvbn::zxcvbn(&scored, context);
    let score = u8::from(estimate.score());
    let (warning, suggestions) = match estimate.feedback() {
        Some(f) => (
            f.warning().map(|w| w.to_string()),
            f.suggestions().iter().map(|s| s.to_string()).collect(),
        ),
        None => (None, Vec::new()),
    };
    let long_enough = password.chars().count() >= MIN_PASSWORD_CHARS;
    Strength {
        score,
        guesses_log10: estimate.guesses_log10(),
        acceptable: long_enough && score >= MIN_SCORE && !password.trim().is_empty(),
        warning,
        suggestions,
    }
}

pub(crate) fn check_master_password(password: &str, context: &[&str]) -> Result<(), KdbxError> {
    // Whitespace-only counts as empty: it is almost always a slip, not a choice.
    if password.trim().is_empty() {
        return Err(KdbxError::PasswordEmpty);
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(KdbxError::PasswordTooShort {
            min_chars: MIN_PASSWORD_CHARS,
        });
    }
    let strength = password_strength(password, context);
    if strength.score < MIN_SCORE {
        let hint = strength
            .warning
            .into_iter()
            .chain(strength.suggestions)
            .collect::<Vec<_>>()
            .join(" ");
        return Err(KdbxError::PasswordWeak {
            score: strength.score,
            hint,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_blank_passwords_are_rejected() {
        assert_eq!(
            check_master_password("", &[]),
            Err(KdbxError::PasswordEmpty)
        );
        assert_eq!(
            check_master_password("   \t", &[]),
            Err(KdbxError::PasswordEmpty)
        );
    }

    #[test]
    fn short_password_is_rejected_with_the_minimum_in_the_message() {
        let err = check_master_password("short", &[]).unwrap_err();
        assert!(err.to_string().contains(&MIN_PASSWORD_CHARS.to_string()));
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        // Seven umlauts are 14 bytes but still too short.
        assert!(matches!(
            check_master_password("äöüäöüä", &[]),
            Err(KdbxError::PasswordTooShort { .. })
        ));
    }

    #[test]
    fn long_but_guessable_passwords_are_refused_with_zxcvbn_feedback() {
        for weak in ["password123", "qwertyuiop", "aaaaaaaaaaaa", "Password2026!"] {
            let err = check_master_password(weak, &[]).unwrap_err();
            let KdbxError::PasswordWeak { score, hint } = &err else {
                panic!("{weak}: {err:?}")
            };
            assert!(*score < MIN_SCORE, "{weak}");
            assert!(!hint.is_empty(), "{weak}: no advice");
            assert!(err.to_string().contains("guess"), "{err}");
            assert!(!password_strength(weak, &[]).acceptable);
        }
    }

    #[test]
    fn the_entrys_own_words_count_as_known() {
        // Strong as far as dictionaries go, but made of the token's name and organization.
        let candidate = "mismatchcontoso";
        assert!(password_strength(candidate, &[]).acceptable);
        let known = password_strength(candidate, &["mismatch", "Azure", "DevOps", "contoso"]);
        assert!(!known.acceptable, "{known:?}");
    }

    #[test]
    fn strong_passwords_pass() {
        for strong in [
            "correct horse battery staple",
            "vq7#Lm2!xZ9@pR",
            "Tulpen-Regal-Orgel-83",
        ] {
            let s = password_strength(strong, &["contoso"]);
            assert!(s.acceptable, "{strong}: {s:?}");
            assert_eq!(check_master_password(strong, &["contoso"]), Ok(()));
        }
    }

    #[test]
    fn very_long_passwords_are_scored_on_their_start() {
        let long = "vq7#Lm2!xZ9@pR".repeat(50);
        assert!(password_strength(&long, &[]).acceptable);
    }
}
