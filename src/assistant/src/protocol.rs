//! Messages between the assistant and the page agent over their extension port, and
//! between the assistant and the background. Documented in docs/ARCHITECTURE.md; the
//! agent side is extension/agent/main.js, the background side extension/background.js.

use patguard_core::action::{Action, Expect};
use patguard_core::snapshot::{Handle, Snapshot};
use serde::{Deserialize, Serialize};

/// From the agent, or (for `Clipboard*`) from the background.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Incoming {
    Snapshot {
        snap: Box<Snapshot>,
    },
    ActResult {
        id: u32,
        results: Vec<ActOutcome>,
    },
    /// The user clicked the gated submit button; the page has not seen the click.
    GateClick,
    /// What an earlier assistant frame of this panel asked the agent to keep.
    Memory {
        data: crate::app::Memory,
    },
    CredentialResult {
        id: u32,
        ok: bool,
        #[serde(default)]
        error: Option<String>,
    },
}

#[derive(Debug, Deserialize)]
pub struct ActOutcome {
    pub ok: bool,
    #[serde(default)]
    pub error: Option<String>,
}

/// To the agent. Handles are only meaningful with the generation they came from.
#[derive(Debug, Serialize, PartialEq)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Outgoing {
    Act {
        id: u32,
        gen: u32,
        actions: Vec<Action>,
    },
    Resize {
        height: u32,
    },
    /// Intercept clicks on this submit button (`h: None`: stop intercepting).
    Gate {
        gen: u32,
        h: Option<Handle>,
    },
    /// Keep this for the next assistant frame of the same panel (no secrets).
    Remember {
        data: crate::app::Memory,
    },
    /// Let one click through to the gated button, if it still is what the core saw.
    ReleaseGate {
        id: u32,
        expect: Expect,
    },
    /// Store the token in the browser's password manager (top-level page context only).
    StoreCredential {
        id: u32,
        name: String,
        password: SecretField,
    },
}

/// The token on its way to the agent: serialised for the port, never shown by `Debug`.
#[derive(Serialize, PartialEq)]
#[serde(transparent)]
pub struct SecretField(pub String);

impl std::fmt::Debug for SecretField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretField(***)")
    }
}

impl Drop for SecretField {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}
