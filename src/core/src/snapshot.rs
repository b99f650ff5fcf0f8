//! The page agent's snapshot of the DOM: a compact tree of the elements that carry
//! meaning (roles, ARIA state, text, input values), each with a handle the agent can
//! resolve back to the live element. The agent knows nothing about Azure DevOps; it
//! serialises what it sees and this crate decides what it is.

use crate::json::{self, Json, Map};

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

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Node {
    pub h: Handle,
    /// Lower-case tag name.
    pub t: String,
    /// `role` attribute.
    pub r: Option<String>,
    /// `class` attribute.
    pub c: Option<String>,
    /// `id` attribute.
    pub id: Option<String>,
    /// Own text: the node's direct text children, whitespace collapsed and trimmed.
    pub x: Option<String>,
    /// `aria-label`, or the text of the elements named by `aria-labelledby`.
    pub l: Option<String>,
    /// `aria-checked`.
    pub ck: Option<String>,
    /// Disabled: the `disabled` property or `aria-disabled="true"`.
    pub dis: bool,
    /// `aria-expanded`.
    pub ex: Option<String>,
    /// `aria-selected`.
    pub sel: Option<String>,
    /// Value of an input or textarea.
    pub v: Option<String>,
    /// `type` of an input.
    pub ty: Option<String>,
    /// Read-only input.
    pub ro: bool,
    /// Hidden: the `hidden` attribute or `aria-hidden="true"`.
    pub hid: bool,
    pub k: Vec<Node>,
}

pub const PROTOCOL_VERSION: u32 = 1;

impl Snapshot {
    pub fn from_json(json: &str) -> Result<Snapshot, String> {
        let snap = Json::parse(json)
            .and_then(|v| Snapshot::from_value(&v))
            .map_err(|e| format!("malformed snapshot: {e}"))?;
        if snap.v != PROTOCOL_VERSION {
            return Err(format!(
                "snapshot protocol version {} is not supported (expected {PROTOCOL_VERSION})",
                snap.v
            ));
        }
        Ok(snap)
    }

    /// Reads the agent's JSON form. Missing `lang`, `theme` and `truncated` default;
    /// unknown fields are ignored (the former serde derive's rules).
    pub fn from_value(value: &Json) -> Result<Snapshot, String> {
        let o = json::object(value, "a snapshot")?;
        Ok(Snapshot {
            v: json::req_u32(o, "v")?,
            gen: json::req_u32(o, "gen")?,
            url: json::req_str(o, "url")?,
            lang: json::str_or_default(o, "lang")?,
            theme: json::str_or_default(o, "theme")?,
            roots: nodes(o, "roots", true)?,
            truncated: json::bool_or_false(o, "truncated")?,
        })
    }

    /// The agent's JSON form, fields in the order the agent and the fixtures use.
    pub fn to_json(&self) -> Json {
        Map::new()
            .with("v", self.v)
            .with("gen", self.gen)
            .with("url", &self.url)
            .with("lang", &self.lang)
            .with("theme", &self.theme)
            .with(
                "roots",
                Json::Array(self.roots.iter().map(Node::to_json).collect()),
            )
            .with("truncated", self.truncated)
            .into()
    }

    /// Every node in document order, depth first.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.roots.iter().flat_map(Node::descendants_and_self)
    }

    pub fn find(&self, h: Handle) -> Option<&Node> {
        self.nodes().find(|n| n.h == h)
    }
}

/// The node list `key`; required for `roots`, optional (empty) for children.
fn nodes(o: &Map, key: &str, required: bool) -> Result<Vec<Node>, String> {
    match o.get(key) {
        None if !required => Ok(Vec::new()),
        None => Err(format!("missing field `{key}`")),
        Some(Json::Array(items)) => items.iter().map(Node::from_value).collect(),
        Some(_) => Err(format!("field `{key}`: expected a list")),
    }
}

impl Node {
    pub fn from_value(value: &Json) -> Result<Node, String> {
        let o = json::object(value, "a node")?;
        Ok(Node {
            h: json::req_u32(o, "h")?,
            t: json::req_str(o, "t")?,
            r: json::opt_str(o, "r")?,
            c: json::opt_str(o, "c")?,
            id: json::opt_str(o, "id")?,
            x: json::opt_str(o, "x")?,
            l: json::opt_str(o, "l")?,
            ck: json::opt_str(o, "ck")?,
            dis: json::bool_or_false(o, "dis")?,
            ex: json::opt_str(o, "ex")?,
            sel: json::opt_str(o, "sel")?,
            v: json::opt_str(o, "v")?,
            ty: json::opt_str(o, "ty")?,
            ro: json::bool_or_false(o, "ro")?,
            hid: json::bool_or_false(o, "hid")?,
            k: nodes(o, "k", false)?,
        })
    }

    /// Absent, false and empty fields are left out, as the agent does.
    pub fn to_json(&self) -> Json {
        let flag = |b: bool| b.then_some(true);
        let mut m = Map::new()
            .with("h", self.h)
            .with("t", &self.t)
            .with_some("r", self.r.as_ref())
            .with_some("c", self.c.as_ref())
            .with_some("id", self.id.as_ref())
            .with_some("x", self.x.as_ref())
            .with_some("l", self.l.as_ref())
            .with_some("ck", self.ck.as_ref())
            .with_some("dis", flag(self.dis))
            .with_some("ex", self.ex.as_ref())
            .with_some("sel", self.sel.as_ref())
            .with_some("v", self.v.as_ref())
            .with_some("ty", self.ty.as_ref())
            .with_some("ro", flag(self.ro))
            .with_some("hid", flag(self.hid));
        if !self.k.is_empty() {
            m.insert("k", Json::Array(self.k.iter().map(Node::to_json).collect()));
        }
        m.into()
    }

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
