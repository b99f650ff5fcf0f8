//! Messages between the assistant and the page agent over their extension port.
//! Documented in docs/ARCHITECTURE.md; the agent side is extension/agent/main.js.

use patguard_core::action::{Action, Expect};
use patguard_core::snapshot::{Handle, Snapshot};
use serde::{Deserialize, Serialize};

/// From the agent.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Incoming {
    Snapshot { snap: Box<Snapshot> },
    ActResult { id: u32, results: Vec<ActOutcome> },
    /// The user clicked the gated submit button; the page has not seen the click.
    GateClick,
}

#[derive(Debug, Deserialize)]
pub struct ActOutcome {
    pub ok: bool,
    #[serde(default)]
    pub error: Option<String>,
}

/// To the agent.
#[derive(Debug, Serialize, PartialEq)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Outgoing {
    Act { id: u32, actions: Vec<Action> },
    Resize { height: u32 },
    /// Intercept clicks on this submit button (None: stop intercepting).
    Gate { h: Option<Handle> },
    /// Let one click through to the gated button, if it still is what the core saw.
    ReleaseGate { id: u32, expect: Expect },
    SnapshotNow,
}
