//! The page agent's snapshot of the DOM: the elements that carry meaning (roles, ARIA
//! state, text, input values), each with a handle the agent can resolve back to the live
//! element. The agent knows nothing about Azure DevOps; it serialises what it sees and
//! this crate decides what it is.
//!
//! On the wire (protocol version 2) a snapshot is a FLAT list of nodes in document
//! order, each naming its parent by position (`p`), so that no DOM depth can break the
//! reading: serde reads a plain list, and the tree below is built from it with a loop.
//! In Rust the snapshot is a tree (`Node::k`), which is what the recogniser and the
//! tests walk; every walk over it here is iterative.

use crate::secret::Secret;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;

/// Handle of a live element, valid for one snapshot generation.
pub type Handle = u32;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snapshot {
    /// Protocol version; the core refuses versions it does not know.
    pub v: u32,
    /// Generation: every handle below belongs to this generation only.
    pub gen: u32,
    pub url: String,
    /// `<html lang>` of the page.
    pub lang: String,
    /// `light` or `dark`, from the page background, so the assistant can match it.
    pub theme: String,
    /// Roots: every open `[role=dialog]`, every open listbox/menu callout, and the main content.
    pub roots: Vec<Node>,
    /// Set when the agent stopped at its node budget.
    pub truncated: bool,
}

/// The short field names are the wire names the agent writes (extension/agent/snapshot.js):
/// a snapshot crosses the port on every DOM change, so its keys are kept small.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Node {
    pub h: Handle,
    /// Lower-case tag name.
    pub t: String,
    /// `role` attribute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r: Option<String>,
    /// `class` attribute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub c: Option<String>,
    /// `id` attribute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Own text: the node's direct text children, whitespace collapsed and trimmed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub x: Option<String>,
    /// `aria-label`, or the text of the elements named by `aria-labelledby`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub l: Option<String>,
    /// `aria-checked`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ck: Option<String>,
    /// Disabled: the `disabled` property or `aria-disabled="true"`.
    #[serde(skip_serializing_if = "is_false")]
    pub dis: bool,
    /// `aria-expanded`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ex: Option<String>,
    /// `aria-selected`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sel: Option<String>,
    /// Value of an input or textarea: on the success view, the token. A `Secret`, so it
    /// never shows in `Debug` and is wiped when the node is dropped.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "write_value"
    )]
    pub v: Option<Secret>,
    /// `type` of an input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ty: Option<String>,
    /// Read-only input.
    #[serde(skip_serializing_if = "is_false")]
    pub ro: bool,
    /// Hidden: the `hidden` attribute or `aria-hidden="true"`.
    #[serde(skip_serializing_if = "is_false")]
    pub hid: bool,
    /// Children; on the wire each child names its parent instead.
    #[serde(skip)]
    pub k: Vec<Node>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The wire form writes an input's value as the plain string the agent sent: the one place
/// a snapshot's value leaves `Secret` for the wire (fixtures, tests; a page report has no
/// typed value left to write, see `report::redacted_report`).
fn write_value<S: Serializer>(value: &Option<Secret>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(secret) => serializer.serialize_str(secret.expose()),
        None => serializer.serialize_none(),
    }
}

pub const PROTOCOL_VERSION: u32 = 2;

/// A snapshot as the agent sends it.
#[derive(Deserialize)]
struct WireSnapshot {
    v: u32,
    gen: u32,
    url: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    theme: String,
    #[serde(default)]
    truncated: bool,
    #[serde(default)]
    nodes: Vec<WireNode>,
}

/// A node as the agent sends it: `Node` without children, plus its parent's position.
#[derive(Deserialize)]
struct WireNode {
    /// Position of the parent in `nodes`, always before this node; none for a root.
    #[serde(default)]
    p: Option<u32>,
    h: Handle,
    t: String,
    #[serde(default)]
    r: Option<String>,
    #[serde(default)]
    c: Option<String>,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    x: Option<String>,
    #[serde(default)]
    l: Option<String>,
    #[serde(default)]
    ck: Option<String>,
    #[serde(default)]
    dis: bool,
    #[serde(default)]
    ex: Option<String>,
    #[serde(default)]
    sel: Option<String>,
    #[serde(default)]
    v: Option<Secret>,
    #[serde(default)]
    ty: Option<String>,
    #[serde(default)]
    ro: bool,
    #[serde(default)]
    hid: bool,
}

impl WireNode {
    fn into_node(self) -> Node {
        Node {
            h: self.h,
            t: self.t,
            r: self.r,
            c: self.c,
            id: self.id,
            x: self.x,
            l: self.l,
            ck: self.ck,
            dis: self.dis,
            ex: self.ex,
            sel: self.sel,
            v: self.v,
            ty: self.ty,
            ro: self.ro,
            hid: self.hid,
            k: Vec::new(),
        }
    }
}

impl TryFrom<WireSnapshot> for Snapshot {
    type Error = String;

    fn try_from(wire: WireSnapshot) -> Result<Snapshot, String> {
        if wire.v != PROTOCOL_VERSION {
            return Err(unsupported(wire.v));
        }
        Ok(Snapshot {
            v: wire.v,
            gen: wire.gen,
            url: wire.url,
            lang: wire.lang,
            theme: wire.theme,
            roots: tree_of(wire.nodes)?,
            truncated: wire.truncated,
        })
    }
}

fn unsupported(v: u32) -> String {
    format!("snapshot protocol version {v} is not supported (expected {PROTOCOL_VERSION})")
}

/// Builds the tree from the flat list in one backward pass: each node collects its
/// children before it is handed to its own parent, which comes earlier in the list.
fn tree_of(nodes: Vec<WireNode>) -> Result<Vec<Node>, String> {
    let parents: Vec<Option<usize>> = nodes.iter().map(|n| n.p.map(|p| p as usize)).collect();
    for (i, p) in parents.iter().enumerate() {
        if let Some(p) = *p {
            if p >= i {
                return Err(format!("node {i}: its parent {p} does not come before it"));
            }
        }
    }
    let mut children: Vec<Vec<Node>> = (0..nodes.len()).map(|_| Vec::new()).collect();
    let mut roots = Vec::new();
    for (i, wire) in nodes.into_iter().enumerate().rev() {
        let mut node = wire.into_node();
        node.k = std::mem::take(&mut children[i]);
        node.k.reverse();
        match parents[i] {
            Some(p) => children[p].push(node),
            None => roots.push(node),
        }
    }
    roots.reverse();
    Ok(roots)
}

impl<'de> Deserialize<'de> for Snapshot {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Snapshot, D::Error> {
        let wire = WireSnapshot::deserialize(deserializer)?;
        Snapshot::try_from(wire).map_err(serde::de::Error::custom)
    }
}

/// The wire form written back (page reports, fixtures, tests): the same flat list.
#[derive(Serialize)]
struct WireSnapshotOut<'a> {
    v: u32,
    gen: u32,
    url: &'a str,
    lang: &'a str,
    theme: &'a str,
    truncated: bool,
    nodes: Vec<WireNodeOut<'a>>,
}

#[derive(Serialize)]
struct WireNodeOut<'a> {
    #[serde(flatten)]
    node: &'a Node,
    #[serde(skip_serializing_if = "Option::is_none")]
    p: Option<u32>,
}

impl Serialize for Snapshot {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut nodes = Vec::new();
        let mut stack: Vec<(&Node, Option<u32>)> =
            self.roots.iter().rev().map(|n| (n, None)).collect();
        while let Some((node, p)) = stack.pop() {
            let position = nodes.len() as u32;
            nodes.push(WireNodeOut { node, p });
            stack.extend(node.k.iter().rev().map(|k| (k, Some(position))));
        }
        WireSnapshotOut {
            v: self.v,
            gen: self.gen,
            url: &self.url,
            lang: &self.lang,
            theme: &self.theme,
            truncated: self.truncated,
            nodes,
        }
        .serialize(serializer)
    }
}

/// A snapshot kept between messages. A success-view snapshot holds the token in an
/// input's value (a `Secret`, wiped when dropped); the tree is taken apart with a loop,
/// so dropping it never recurses as deep as the DOM was.
#[derive(Debug)]
pub struct HeldSnapshot(Snapshot);

impl HeldSnapshot {
    pub fn new(snap: Snapshot) -> HeldSnapshot {
        HeldSnapshot(snap)
    }
}

impl std::ops::Deref for HeldSnapshot {
    type Target = Snapshot;

    fn deref(&self) -> &Snapshot {
        &self.0
    }
}

impl Drop for HeldSnapshot {
    fn drop(&mut self) {
        self.0.wipe();
    }
}

impl Snapshot {
    /// Reads the agent's JSON text (fixtures, page reports, the fuzz target). A lone
    /// UTF-16 surrogate, which `JSON.stringify` writes as an escape, becomes U+FFFD in
    /// its one text, as it does when the port's object is read in the wasm.
    pub fn from_json(json: &str) -> Result<Snapshot, String> {
        serde_json::from_str(&well_formed(json)).map_err(|e| format!("malformed snapshot: {e}"))
    }

    /// Drops every node (each input value wipes itself) and empties the tree, without
    /// recursion.
    pub fn wipe(&mut self) {
        let mut stack = std::mem::take(&mut self.roots);
        while let Some(mut node) = stack.pop() {
            node.v = None;
            stack.append(&mut node.k);
        }
    }

    /// Refuses protocol versions this core does not know.
    pub fn check_version(self) -> Result<Snapshot, String> {
        if self.v != PROTOCOL_VERSION {
            return Err(unsupported(self.v));
        }
        Ok(self)
    }

    /// The agent's JSON form (the flat list).
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

/// JSON text with every `\uXXXX` escape of an unpaired surrogate replaced by `\ufffd`.
/// serde_json refuses such escapes; a browser's string may hold them (a page text cut
/// in the middle of an emoji), and one odd character must not cost the whole snapshot.
pub fn well_formed(json: &str) -> Cow<'_, str> {
    if !json.contains("\\u") {
        return Cow::Borrowed(json);
    }
    let bytes = json.as_bytes();
    let surrogate_at = |i: usize| -> Option<u16> {
        let hex = json.get(i + 2..i + 6)?;
        if bytes.get(i) != Some(&b'\\') || bytes.get(i + 1) != Some(&b'u') {
            return None;
        }
        u16::from_str_radix(hex, 16)
            .ok()
            .filter(|u| (0xD800..=0xDFFF).contains(u))
    };
    let mut out = String::with_capacity(json.len());
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        match surrogate_at(i) {
            Some(0xD800..=0xDBFF) if surrogate_at(i + 6).is_some_and(|low| low >= 0xDC00) => {
                i += 12; // a proper pair
            }
            Some(_) => {
                out.push_str(&json[copied..i]);
                out.push_str("\\ufffd");
                i += 6;
                copied = i;
            }
            None => i += 2, // any other escape, `\\` included
        }
    }
    if copied == 0 {
        return Cow::Borrowed(json);
    }
    out.push_str(&json[copied..]);
    Cow::Owned(out)
}

impl Node {
    /// This node and everything inside it, in document order. Iterative, so no DOM
    /// depth can exhaust the stack.
    pub fn descendants_and_self(&self) -> impl Iterator<Item = &Node> {
        let mut stack = vec![self];
        std::iter::from_fn(move || {
            let node = stack.pop()?;
            stack.extend(node.k.iter().rev());
            Some(node)
        })
    }

    /// The input's value as text. It may be the token: like `Secret::expose`, every call
    /// site is a place the value leaves its secret type.
    pub fn expose_value(&self) -> Option<&str> {
        self.v.as_ref().map(Secret::expose)
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
