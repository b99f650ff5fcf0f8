//! Writes one freshly created Azure DevOps token into a new, encrypted KeePass
//! KDBX 4 file. This is a separate wasm module so the assistant only pays for
//! Argon2, AES and the XML writer when the user actually asks for a `.kdbx`.
//!
//! Everything except `wasm.rs` is plain Rust and is tested natively, including
//! a round trip through the real `keepassxc-cli` (see `tests/keepassxc_cli.rs`).

mod entry;
mod error;
mod json;
mod kdf;
mod password;
mod wasm;
mod writer;

pub use entry::{KdbxEntry, DEFAULT_TAG};
pub use error::KdbxError;
pub use json::{export_json, known_words_json};
pub use kdf::KdfSettings;
pub use password::{password_strength, Strength, MIN_PASSWORD_CHARS, MIN_SCORE};
pub use writer::{build_kdbx, GROUP_NAME};
