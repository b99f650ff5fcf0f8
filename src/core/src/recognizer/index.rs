//! A flat, pre-order view of a snapshot built once per recognition: parent links and
//! subtree ranges make "is inside", "ancestors" and "descendants" cheap, so no pass
//! over the tree is ever nested in another.

use crate::snapshot::{Node, Snapshot};

pub(crate) struct Index<'a> {
    pub nodes: Vec<&'a Node>,
    /// Parent position, `usize::MAX` for roots.
    parent: Vec<usize>,
    /// One past the last position of each node's subtree.
    end: Vec<usize>,
}

pub(crate) const NONE: usize = usize::MAX;

impl<'a> Index<'a> {
    pub fn new(snap: &'a Snapshot) -> Index<'a> {
        let mut ix = Index {
            nodes: Vec::new(),
            parent: Vec::new(),
            end: Vec::new(),
        };
        // Explicit stack: deep real-world trees must not overflow the wasm stack.
        let mut stack: Vec<(&'a Node, usize, bool, usize)> = Vec::new();
        for root in snap.roots.iter().rev() {
            stack.push((root, NONE, false, 0));
        }
        while let Some((node, parent, done, pos)) = stack.pop() {
            if done {
                ix.end[pos] = ix.nodes.len();
                continue;
            }
            let pos = ix.nodes.len();
            ix.nodes.push(node);
            ix.parent.push(parent);
            ix.end.push(pos + 1);
            stack.push((node, parent, true, pos));
            for kid in node.k.iter().rev() {
                stack.push((kid, pos, false, 0));
            }
        }
        ix
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    #[inline(always)]
    pub fn node(&self, i: usize) -> &'a Node {
        self.nodes[i]
    }

    pub fn parent(&self, i: usize) -> Option<usize> {
        let p = self.parent[i];
        (p != NONE).then_some(p)
    }

    /// Positions of `i`'s subtree, `i` included.
    pub fn subtree(&self, i: usize) -> std::ops::Range<usize> {
        i..self.end[i]
    }

    /// Positions strictly inside `i`'s subtree.
    pub fn descendants(&self, i: usize) -> std::ops::Range<usize> {
        i + 1..self.end[i]
    }

    pub fn contains(&self, ancestor: usize, i: usize) -> bool {
        ancestor <= i && i < self.end[ancestor]
    }

    /// `i`, its parent, its grandparent, … up to the root.
    pub fn ancestors_and_self(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(i), move |&j| self.parent(j))
    }
}

// These run for every node in several passes; the release profile optimises for size,
// so they are forced inline and avoid the generic `Option` adapters.

/// The own text of a node, if it has any (the agent sends it collapsed and trimmed).
#[inline(always)]
pub(crate) fn own_text(n: &Node) -> Option<&str> {
    match &n.x {
        Some(x) if !x.is_empty() => Some(x.as_str()),
        _ => None,
    }
}

/// The `role` attribute, `""` when absent.
#[inline(always)]
pub(crate) fn role(n: &Node) -> &str {
    match &n.r {
        Some(r) => r.as_str(),
        None => "",
    }
}

#[inline(always)]
pub(crate) fn has_role(n: &Node, r: &str) -> bool {
    role(n) == r
}

/// Elements a user activates: buttons, links, menu items (by role or tag).
#[inline(always)]
pub(crate) fn is_clickable(n: &Node) -> bool {
    match role(n) {
        "button" | "link" | "menuitem" => true,
        "" => matches!(n.t.as_str(), "button" | "a"),
        _ => false,
    }
}

impl Index<'_> {
    /// All own texts in `i`'s subtree, joined with single spaces (as `Node::text`).
    pub fn text(&self, i: usize) -> String {
        let mut out = String::new();
        for j in self.subtree(i) {
            if let Some(x) = self.nodes[j].x.as_deref() {
                if !x.is_empty() {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(x);
                }
            }
        }
        out
    }

    /// The accessible name as the agent computes it: ARIA label, else the text.
    pub fn name(&self, i: usize) -> String {
        match self.nodes[i].l.as_deref() {
            Some(l) if !l.trim().is_empty() => l.trim().to_string(),
            _ => self.text(i),
        }
    }
}
