//! The vault window's module: writes one freshly created Azure DevOps token into a new,
//! encrypted KeePass KDBX 4 file, or into an unencrypted import file for Bitwarden,
//! 1Password or KeePass (`import`). It is a separate wasm module, loaded only by PAT Guard's
//! own vault window (`vault.html`), so the panel frame inside the web page neither pays for
//! Argon2, AES and the file writers nor ever holds a file with the token.
//!
//! Everything except `wasm.rs` is plain Rust and is tested natively, including
//! a round trip through the real `keepassxc-cli` (see `tests/keepassxc_cli.rs`).

mod entry;
mod error;
pub mod import;
mod json;
mod kdf;
mod password;
mod wasm;
mod writer;

pub use entry::{KdbxEntry, DEFAULT_TAG};
pub use error::KdbxError;
pub use import::{import_file, import_file_json, ImportFormat};
pub use json::{export_json, known_words_json};
pub use kdf::KdfSettings;
pub use password::{password_strength, Strength, MIN_PASSWORD_CHARS, MIN_SCORE};
pub use writer::{build_kdbx, GROUP_NAME};
