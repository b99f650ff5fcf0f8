//! The page agent's snapshot of the DOM: a compact tree of the elements that carry
//! meaning (roles, ARIA state, text, input values), each with a handle the agent can
//! resolve back to the live element. The agent knows nothing about Azure DevOps; it
//! serialises what it sees and this crate decides what it is.

use serde::{Deserialize, Serialize};

/// Handle of a live element, valid for one snapshot generation.
pub type Handle = u32;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Protocol version; the core refuses versions it does not know.
    pub v: u32,
    /// Generation: every handle below belongs to this generation only.
    pub gen: u32,
    pub url: String,
    /// `<html lang>` of the page.
    #[serde(default)]
    pub lang: String,
    /// `light` or `dark`, from the page background, so the assistant can match it.
    #[serde(default)]
    pub theme: String,
    /// Roots: every open `[role=dialog]`, every open listbox/menu callout, and the main content.
    pub roots: Vec<Node>,
    /// Set when the agent stopped at its node budget.
    #[serde(default)]
    pub truncated: bool,
}

// The short field names are the wire names the agent writes (extension/agent/snapshot.js):
// a snapshot crosses the port on every DOM change, so its keys are kept small.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Node {
    pub h: Handle,
    /// Lower-case tag name.
    pub t: String,
    /// `role` attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r: Option<String>,
    /// `class` attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub c: Option<String>,
    /// `id` attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Own text: the node's direct text children, whitespace collapsed and trimmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<String>,
    /// `aria-label`, or the text of the elements named by `aria-labelledby`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub l: Option<String>,
    /// `aria-checked`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ck: Option<String>,
    /// Disabled: the `disabled` property or `aria-disabled="true"`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub dis: bool,
    /// `aria-expanded`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ex: Option<String>,
    /// `aria-selected`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sel: Option<String>,
    /// Value of an input or textarea.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub v: Option<String>,
    /// `type` of an input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ty: Option<String>,
    /// Read-only input.
    #[serde(default, skip_serializing_if = "is_false")]
    pub ro: bool,
    /// Hidden: the `hidden` attribute or `aria-hidden="true"`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub hid: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub k: Vec<Node>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

pub const PROTOCOL_VERSION: u32 = 1;

impl Snapshot {
    /// Reads the agent's JSON text (fixtures, page reports, the fuzz target).
    pub fn from_json(json: &str) -> Result<Snapshot, String> {
        let snap: Snapshot =
            serde_json::from_str(json).map_err(|e| format!("malformed snapshot: {e}"))?;
        snap.check_version()
    }

    /// Refuses protocol versions this core does not know.
    pub fn check_version(self) -> Result<Snapshot, String> {
        if self.v != PROTOCOL_VERSION {
            return Err(format!(
                "snapshot protocol version {} is not supported (expected {PROTOCOL_VERSION})",
                self.v
            ));
        }
        Ok(self)
    }

    /// The agent's JSON form, fields in the order the agent and the fixtures use.
    pub fn to_json_string(&self) -> String {
        serde_json::to_string(self).expect("a snapshot has only strings, numbers and lists")
    }

    /// Every node in document order, depth first.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.roots.iter().flat_map(Node::descendants_and_self)
    }

    pub fn find(&self, h: Handle) -> Option<&Node> {
        self.nodes().find(|n| n.h == h)
    }
}

impl Node {
    pub fn descendants_and_self(&self) -> Box<dyn Iterator<Item = &Node> + '_> {
        Box::new(std::iter::once(self).chain(self.k.iter().flat_map(Node::descendants_and_self)))
    }

    pub fn role(&self) -> Option<&str> {
        self.r.as_deref()
    }

    pub fn has_class(&self, class: &str) -> bool {
        self.c
            .as_deref()
            .is_some_and(|c| c.split_ascii_whitespace().any(|x| x == class))
    }

    /// All text inside, in document order, joined with single spaces.
    pub fn text(&self) -> String {
        let mut parts = Vec::new();
        for n in self.descendants_and_self() {
            if let Some(x) = n.x.as_deref() {
                if !x.is_empty() {
                    parts.push(x);
                }
            }
        }
        parts.join(" ")
    }

    /// The accessible name as far as the snapshot tells it: the ARIA label, else the text.
    pub fn name(&self) -> String {
        match self.l.as_deref() {
            Some(l) if !l.trim().is_empty() => l.trim().to_string(),
            _ => self.text(),
        }
    }

    pub fn is_checked(&self) -> Option<bool> {
        match self.ck.as_deref() {
            Some("true") => Some(true),
            Some("false") => Some(false),
            _ => None,
        }
    }
}
