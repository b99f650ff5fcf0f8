//! Actions the core asks the page agent to perform. Each names a handle from the
//! snapshot it was planned on and what the element must still look like; the agent
//! refuses an action whose element changed, so a re-rendered page is never clicked blind.

use crate::snapshot::Handle;
use serde::{Deserialize, Serialize};

/// The agent's form (extension/agent/actions.js): `{op, ...fields}`; `mark` always
/// carries `h` (null clears). `h` keeps the snapshot's name for a handle, as `Node::h`
/// does, so plans and snapshots read alike.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "camelCase")]
pub enum Action {
    /// Click the element. `expect` is checked by the agent first.
    Click {
        h: Handle,
        expect: Expect,
    },
    /// Set an input's value the way React notices (native setter + bubbling input event).
    SetValue {
        h: Handle,
        value: String,
        expect: Expect,
    },
    /// Outline a control on the page with a tooltip (findings), or clear all marks when `h` is None.
    Mark {
        h: Option<Handle>,
        severity: String,
        title: String,
    },
    ClearMarks,
    /// Hide the one-time token in its field on the page once it is safely handed off.
    Mask {
        h: Handle,
        expect: Expect,
    },
}

/// What the agent compares before acting: role, `aria-checked` and accessible name.
/// Only the known parts are sent; the agent skips a check whose key is absent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Expect {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<String>,
    /// The accessible name the element had in the snapshot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}
