use crate::KdbxError;

/// NIST SP 800-63B's floor for user-chosen secrets. Argon2id makes each guess
/// expensive, but only a reasonably long password makes the file worth that.
pub const MIN_PASSWORD_CHARS: usize = 8;

pub(crate) fn check_master_password(password: &str) -> Result<(), KdbxError> {
    // Whitespace-only counts as empty: it is almost always a slip, not a choice.
    if password.trim().is_empty() {
        return Err(KdbxError::PasswordEmpty);
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(KdbxError::PasswordTooShort {
            min_chars: MIN_PASSWORD_CHARS,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_blank_passwords_are_rejected() {
        assert_eq!(check_master_password(""), Err(KdbxError::PasswordEmpty));
        assert_eq!(
            check_master_password("   \t"),
            Err(KdbxError::PasswordEmpty)
        );
    }

    #[test]
    fn short_password_is_rejected_with_the_minimum_in_the_message() {
        let err = check_master_password("short").unwrap_err();
        assert!(err.to_string().contains(&MIN_PASSWORD_CHARS.to_string()));
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        // Seven umlauts are 14 bytes but still too short.
        assert!(check_master_password("äöüäöüä").is_err());
        assert!(check_master_password("äöüäöüäö").is_ok());
    }
}
