use std::fmt;

/// Why no database was written. Every message is meant to be shown to the
/// user as is, and none of them ever contains the token or the password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KdbxError {
    PasswordEmpty,
    PasswordTooShort {
        min_chars: usize,
    },
    /// zxcvbn's score (0..=4) and its advice, in English.
    PasswordWeak {
        score: u8,
        hint: String,
    },
    MissingField(&'static str),
    TokenHasWhitespace,
    BadExpiry(String),
    BadJson(String),
    /// An import format the vault window does not make (its id, shortened).
    UnknownFormat(String),
    BadKdf(String),
    Write(String),
}

impl fmt::Display for KdbxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KdbxError::PasswordEmpty => {
                f.write_str("Choose a master password for the KeePass file; it cannot be empty.")
            }
            KdbxError::PasswordTooShort { min_chars } => write!(
                f,
                "The master password is too short: use at least {min_chars} characters."
            ),
            KdbxError::PasswordWeak { score, hint } => write!(
                f,
                "The master password is too easy to guess (strength {score} of 4; at least {} is needed). {hint}",
                crate::password::MIN_SCORE
            ),
            KdbxError::MissingField(field) => {
                write!(f, "The entry has no {field}; it is required.")
            }
            KdbxError::TokenHasWhitespace => f.write_str(
                "The token starts or ends with whitespace; copy it again without spaces or line breaks.",
            ),
            KdbxError::BadExpiry(value) => write!(
                f,
                "The expiry date \"{value}\" is neither yyyy-mm-dd nor an RFC 3339 timestamp."
            ),
            KdbxError::BadJson(detail) => write!(f, "The entry is not valid JSON: {detail}."),
            KdbxError::UnknownFormat(id) => {
                write!(f, "\"{id}\" is not an import file PAT Guard makes.")
            }
            KdbxError::BadKdf(detail) => write!(f, "Invalid key-derivation settings: {detail}."),
            KdbxError::Write(detail) => write!(f, "Could not write the KeePass file: {detail}."),
        }
    }
}

impl std::error::Error for KdbxError {}
