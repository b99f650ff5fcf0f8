//! Actions the core asks the page agent to perform. Each names a handle from the
//! snapshot it was planned on and what the element must still look like; the agent
//! refuses an action whose element changed, so a re-rendered page is never clicked blind.

use crate::json::{Json, Map};
use crate::snapshot::Handle;

#[derive(Clone, Debug, PartialEq)]
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
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Expect {
    pub role: Option<String>,
    pub checked: Option<String>,
    /// The accessible name the element had in the snapshot.
    pub name: Option<String>,
}

impl Action {
    /// The agent's form (extension/agent/actions.js): `op` first, then the fields;
    /// `mark` always carries `h` (null clears), as the former serde derive wrote it.
    pub fn to_json(&self) -> Json {
        let op = |name: &str| Map::new().with("op", name);
        match self {
            Action::Click { h, expect } => {
                op("click").with("h", *h).with("expect", expect.to_json())
            }
            Action::SetValue { h, value, expect } => op("setValue")
                .with("h", *h)
                .with("value", value)
                .with("expect", expect.to_json()),
            Action::Mark { h, severity, title } => op("mark")
                .with("h", *h)
                .with("severity", severity)
                .with("title", title),
            Action::ClearMarks => op("clearMarks"),
            Action::Mask { h, expect } => op("mask").with("h", *h).with("expect", expect.to_json()),
        }
        .into()
    }
}

impl Expect {
    /// Only the parts that are known; the agent skips a check whose key is absent.
    pub fn to_json(&self) -> Json {
        Map::new()
            .with_some("role", self.role.as_ref())
            .with_some("checked", self.checked.as_ref())
            .with_some("name", self.name.as_ref())
            .into()
    }
}
