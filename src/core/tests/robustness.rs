//! Robustness suite (issue #7): page variants derived from the fixture snapshots,
//! driven through recognise → plan → act exactly as the assistant does, against a
//! snapshot-level simulation of the page.
//!
//! The simulated page keeps a DOM-like tree whose `h` fields are *element identities*;
//! every generation's snapshot renumbers handles in document order (as the agent does)
//! and the agent's per-generation handle map resolves an action back to an element.
//! A ground-truth table (element → what it really is) is kept beside the tree, built
//! from the unmodified fixture and from the variant generator, never from the
//! recogniser's view of a variant.
//!
//! Every variant × preset (eight presets scopes-only, two with an expiry: a day option
//! and a typed custom date) must end either exactly right (the page shows exactly the
//! preset's scopes, Custom defined, every group shown, the asked expiry) or in a refusal
//! (Unrecognized, another dialog, Stuck, or the round limit). No planned action may ever
//! name a control other than: an unchecked level of a target scope (tick), a checked
//! level outside the target (untick), the unchecked "Custom defined" radio, "Show all",
//! an open dropdown (to close it), and — only when an expiry is asked — the Expiration
//! dropdown, its options and the date field. Never the Name field, never an
//! unrecognised element. `harness_flags_bad_plans` proves the checks can fail.

use patguard_core::action::{Action, Expect};
use patguard_core::catalog::{catalog, page_text, Lang, PageText};
use patguard_core::date::Date;
use patguard_core::page::{FormState, PageView};
use patguard_core::planner::{plan_scopes, with_snapshot_expects, Step, MAX_ROUNDS};
use patguard_core::presets::preset;
use patguard_core::recognizer::recognize_at;
use patguard_core::recognizer::text::expiry_option_days;
use patguard_core::snapshot::{Node, Snapshot};
use patguard_core::testkit::fixture_names;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The assistant's own limit (`src/assistant/src/app/job.rs`).
const ROUND_LIMIT: usize = MAX_ROUNDS + 4;

/// Parsed once per name: every variant × preset starts from a fresh clone.
fn fixture(name: &str) -> Snapshot {
    static CACHE: std::sync::OnceLock<std::sync::Mutex<HashMap<String, Snapshot>>> =
        std::sync::OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(s) = cache.lock().unwrap().get(name) {
        return s.clone();
    }
    let snap = patguard_core::testkit::fixture(name);
    cache.lock().unwrap().insert(name.to_string(), snap.clone());
    snap
}

fn today() -> Date {
    Date::new(2026, 11, 28).unwrap()
}

// ---------------------------------------------------------------- tree helpers

fn walk<'a>(nodes: &'a [Node], out: &mut Vec<&'a Node>) {
    for n in nodes {
        out.push(n);
        walk(&n.k, out);
    }
}

fn all(nodes: &[Node]) -> Vec<&Node> {
    let mut v = Vec::new();
    walk(nodes, &mut v);
    v
}

fn find_mut(nodes: &mut [Node], eid: u32) -> Option<&mut Node> {
    for n in nodes {
        if n.h == eid {
            return Some(n);
        }
        if let Some(x) = find_mut(&mut n.k, eid) {
            return Some(x);
        }
    }
    None
}

fn find(nodes: &[Node], eid: u32) -> Option<&Node> {
    for n in nodes {
        if n.h == eid {
            return Some(n);
        }
        if let Some(x) = find(&n.k, eid) {
            return Some(x);
        }
    }
    None
}

fn parent_of(nodes: &[Node], eid: u32) -> Option<u32> {
    for n in nodes {
        if n.k.iter().any(|c| c.h == eid) {
            return Some(n.h);
        }
        if let Some(p) = parent_of(&n.k, eid) {
            return Some(p);
        }
    }
    None
}

fn remove(nodes: &mut Vec<Node>, eid: u32) -> Option<Node> {
    if let Some(i) = nodes.iter().position(|n| n.h == eid) {
        return Some(nodes.remove(i));
    }
    nodes.iter_mut().find_map(|n| remove(&mut n.k, eid))
}

fn map_all(n: &mut Node, f: &mut impl FnMut(&mut Node)) {
    f(n);
    for c in &mut n.k {
        map_all(c, f);
    }
}

/// The first node in `n`'s subtree with own text.
fn first_text_mut(n: &mut Node) -> Option<&mut Node> {
    if n.x.is_some() {
        return Some(n);
    }
    n.k.iter_mut().find_map(first_text_mut)
}

// ---------------------------------------------------------------- ground truth

#[derive(Clone, Debug, PartialEq)]
enum Truth {
    Level {
        group: String,
        scope: String,
    },
    /// A checkbox the catalog does not know (unknown group, changed or added level).
    Foreign,
    CustomRadio,
    FullRadio,
    ShowAll,
    /// The Organization dropdown: only ever closed by a scopes plan.
    Dropdown,
    ExpiryDropdown,
    /// An option of an open list (Expiration or Organization).
    Option,
    DateField,
    Name,
    Other,
}

/// A group container and what it really is.
#[derive(Clone, Debug, PartialEq)]
enum GroupTag {
    Known(String),
    Foreign,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Classes {
    Keep,
    Remove,
    Rename,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Rerender {
    None,
    /// After round 1 was planned, the whole panel remounts: every element is new.
    ReplaceAll,
    /// After round 1 was planned, the groups re-render in reverse order (same elements).
    Reorder,
    /// After round 1 was planned, the level checkboxes remount one by one (new elements,
    /// same look) and the page itself ticks a level outside the target.
    ReplaceLevels,
}

struct Page {
    roots: Vec<Node>,
    truth: HashMap<u32, Truth>,
    groups: HashMap<u32, GroupTag>,
    /// Group containers behind "Show all", in page order.
    hidden: Vec<Node>,
    /// The scope list while Full access is selected (and where it goes back).
    stash: Option<(Node, u32)>,
    scope_list: Option<u32>,
    exclusive: bool,
    lang: Lang,
    url: String,
    gen: u32,
    next: u32,
    classes: Classes,
    /// Per generation: snapshot handle → element.
    gens: HashMap<u32, HashMap<u32, u32>>,
    name_value: String,
    /// A group container to build more groups from.
    template: Option<Node>,
    /// The Expiration option list as the page renders it when opened.
    expiry_list: Option<Node>,
}

impl Page {
    fn eid(&mut self) -> u32 {
        self.next += 1;
        self.next
    }

    /// Deep copy with fresh element ids; `truth` and group tags follow.
    fn fresh_copy(&mut self, n: &Node) -> Node {
        let mut c = n.clone();
        let mut moves = Vec::new();
        map_all(&mut c, &mut |x| {
            self.next += 1;
            moves.push((x.h, self.next));
            x.h = self.next;
        });
        for (old, new) in moves {
            if let Some(t) = self.truth.get(&old).cloned() {
                self.truth.insert(new, t);
            }
            if let Some(g) = self.groups.get(&old).cloned() {
                self.groups.insert(new, g);
            }
        }
        c
    }

    /// A group container like `template`, with the given title and level labels.
    fn build_group(
        &mut self,
        template: &Node,
        title: &str,
        description: Option<&str>,
        levels: &[(String, Truth)],
        tag: GroupTag,
    ) -> Node {
        let mut g = self.fresh_copy(template);
        // header: first child; its first text is the title, the second the description.
        let header = &mut g.k[0];
        header.k.retain(|c| c.x.is_some());
        header.k.truncate(2);
        header.k[0].x = Some(title.to_string());
        match description {
            Some(d) if header.k.len() > 1 => header.k[1].x = Some(d.to_string()),
            _ => header.k.truncate(1),
        }
        let box_template = g.k[1].k[0].clone();
        g.k[1].k.clear();
        for (label, truth) in levels {
            let mut b = self.fresh_copy(&box_template);
            b.ck = Some("false".into());
            b.dis = false;
            first_text_mut(&mut b).unwrap().x = Some(label.clone());
            self.truth.insert(b.h, truth.clone());
            g.k[1].k.push(b);
        }
        let h = g.h;
        self.groups.insert(h, tag);
        g
    }

    fn catalog_group(&mut self, template: &Node, key: &str) -> Node {
        let g = catalog().group(key).unwrap();
        let lang = self.lang;
        let levels: Vec<_> = g
            .levels
            .iter()
            .map(|l| {
                (
                    l.label(lang).to_string(),
                    Truth::Level {
                        group: key.to_string(),
                        scope: l.scope_id.clone(),
                    },
                )
            })
            .collect();
        self.build_group(
            template,
            g.label(lang),
            g.description(lang),
            &levels,
            GroupTag::Known(key.to_string()),
        )
    }

    /// The page of a form fixture, with truth from the fixture's own recognition.
    fn from_fixture(name: &str) -> Option<Page> {
        let snap = fixture(name);
        let PageView::Form(form) = recognize_at(&snap, today()) else {
            return None;
        };
        let lang = form.lang;
        let mut page = Page {
            roots: snap.roots.clone(),
            truth: HashMap::new(),
            groups: HashMap::new(),
            hidden: Vec::new(),
            stash: None,
            scope_list: None,
            exclusive: name != "create-expanded-multi-en",
            lang,
            url: snap.url.clone(),
            gen: 0,
            next: 1_000,
            classes: Classes::Keep,
            gens: HashMap::new(),
            name_value: form.name.value.clone(),
            template: None,
            expiry_list: None,
        };
        page.add_form_truth(&form);
        // The scope list and a group template: from this fixture, or (Full access, no
        // groups rendered) from the collapsed fixture of the same language.
        let donor_name = if form.groups.is_empty() {
            match lang {
                Lang::En => "create-collapsed-en",
                Lang::De => "create-collapsed-de",
            }
        } else {
            name
        };
        let donor = fixture(donor_name);
        let PageView::Form(donor_form) = recognize_at(&donor, today()) else {
            unreachable!()
        };
        let first_box = donor_form.groups[0].levels[0].handle;
        let levels_box = parent_of(&donor.roots, first_box).unwrap();
        let group = parent_of(&donor.roots, levels_box).unwrap();
        let list = parent_of(&donor.roots, group).unwrap();
        let template = find(&donor.roots, group).unwrap().clone();
        if form.groups.is_empty() {
            // Full access: the collapsed form's scope list waits in the stash.
            let mut donor_page = Page {
                roots: Vec::new(),
                truth: HashMap::new(),
                groups: HashMap::new(),
                next: page.next,
                ..Page::empty(lang)
            };
            donor_page.add_form_truth(&donor_form);
            for g in &donor_form.groups {
                let c = parent_of(
                    &donor.roots,
                    parent_of(&donor.roots, g.levels[0].handle).unwrap(),
                )
                .unwrap();
                donor_page.groups.insert(c, GroupTag::Known(g.key.clone()));
            }
            let list_node = find(&donor.roots, list).unwrap().clone();
            let copy = donor_page.fresh_copy(&list_node);
            page.next = donor_page.next;
            for (k, v) in donor_page.truth {
                if k > 1_000 {
                    page.truth.insert(k, v);
                }
            }
            for (k, v) in donor_page.groups {
                if k > 1_000 {
                    page.groups.insert(k, v);
                }
            }
            let radio = form.scope_mode.full.handle;
            let radiogroup = parent_of(&page.roots, radio).unwrap();
            let container = parent_of(&page.roots, radiogroup).unwrap();
            let section_child = parent_of(&page.roots, container).unwrap();
            let section = parent_of(&page.roots, section_child).unwrap();
            page.scope_list = Some(copy.h);
            page.stash = Some((copy, section));
        } else {
            page.scope_list = Some(list);
            for g in &form.groups {
                let c = parent_of(
                    &page.roots,
                    parent_of(&page.roots, g.levels[0].handle).unwrap(),
                )
                .unwrap();
                page.groups.insert(c, GroupTag::Known(g.key.clone()));
            }
        }
        // Groups behind "Show all".
        let collapsed = form.show_all.is_some() || form.groups.is_empty();
        if collapsed {
            let shown: BTreeSet<String> = if form.groups.is_empty() {
                donor_form.groups.iter().map(|g| g.key.clone()).collect()
            } else {
                form.groups.iter().map(|g| g.key.clone()).collect()
            };
            let keys: Vec<String> = catalog()
                .groups
                .iter()
                .filter(|g| !shown.contains(&g.key))
                .map(|g| g.key.clone())
                .collect();
            for k in keys {
                let g = page.catalog_group(&template, &k);
                page.hidden.push(g);
            }
        }
        page.template = Some(template);
        let open = fixture(match lang {
            Lang::En => "create-expiry-open-en",
            Lang::De => "create-expiry-open-de",
        });
        page.expiry_list = open
            .roots
            .into_iter()
            .find(|r| r.r.as_deref() == Some("listbox"));
        Some(page)
    }

    fn empty(lang: Lang) -> Page {
        Page {
            roots: Vec::new(),
            truth: HashMap::new(),
            groups: HashMap::new(),
            hidden: Vec::new(),
            stash: None,
            scope_list: None,
            exclusive: true,
            lang,
            url: String::new(),
            gen: 0,
            next: 1_000,
            classes: Classes::Keep,
            gens: HashMap::new(),
            name_value: String::new(),
            template: None,
            expiry_list: None,
        }
    }

    fn add_form_truth(&mut self, f: &FormState) {
        for g in &f.groups {
            for l in &g.levels {
                self.truth.insert(
                    l.handle,
                    Truth::Level {
                        group: g.key.clone(),
                        scope: l.scope_id.clone(),
                    },
                );
            }
        }
        self.truth
            .insert(f.scope_mode.custom.handle, Truth::CustomRadio);
        self.truth
            .insert(f.scope_mode.full.handle, Truth::FullRadio);
        if let Some(s) = &f.show_all {
            self.truth.insert(s.handle, Truth::ShowAll);
        }
        self.truth.insert(f.organization.handle, Truth::Dropdown);
        self.truth
            .insert(f.expiration.dropdown.handle, Truth::ExpiryDropdown);
        if let Some(d) = &f.expiration.date {
            self.truth.insert(d.handle, Truth::DateField);
        }
        for d in [&f.organization, &f.expiration.dropdown] {
            for o in d.open_options.iter().flatten() {
                self.truth.insert(o.handle, Truth::Option);
            }
        }
        self.truth.insert(f.name.handle, Truth::Name);
    }

    // ------------------------------------------------------------ the page's own moves

    /// Every group container: shown, stashed and hidden (for the variant generator).
    fn containers_mut(&mut self) -> Vec<&mut Node> {
        let mut out: Vec<&mut Node> = Vec::new();
        let groups = &self.groups;
        fn collect<'a>(
            n: &'a mut Node,
            groups: &HashMap<u32, GroupTag>,
            out: &mut Vec<&'a mut Node>,
        ) {
            if groups.contains_key(&n.h) {
                out.push(n);
                return;
            }
            for c in &mut n.k {
                collect(c, groups, out);
            }
        }
        for r in &mut self.roots {
            collect(r, groups, &mut out);
        }
        if let Some((s, _)) = &mut self.stash {
            collect(s, groups, &mut out);
        }
        for h in &mut self.hidden {
            collect(h, groups, &mut out);
        }
        out
    }

    fn list_mut(&mut self) -> Option<&mut Node> {
        let list = self.scope_list?;
        if let Some((s, _)) = &mut self.stash {
            if s.h == list {
                return Some(s);
            }
        }
        find_mut(&mut self.roots, list)
    }

    fn update_show_all_label(&mut self) {
        let n = self.hidden.len();
        let text = page_text(PageText::ShowAll, self.lang).replace("{n}", &n.to_string());
        let ids: Vec<u32> = self
            .truth
            .iter()
            .filter(|(_, t)| **t == Truth::ShowAll)
            .map(|(k, _)| *k)
            .collect();
        for id in ids {
            if let Some(x) = find_mut(&mut self.roots, id).or_else(|| {
                self.stash
                    .as_mut()
                    .and_then(|(s, _)| find_mut(std::slice::from_mut(s), id))
            }) {
                if let Some(t) = first_text_mut(x) {
                    t.x = Some(text.clone());
                }
            }
        }
    }

    fn click(&mut self, eid: u32) -> Result<(), String> {
        let truth = self.truth.get(&eid).cloned().unwrap_or(Truth::Other);
        let node = find(&self.roots, eid)
            .ok_or("clicked a detached element")?
            .clone();
        match (node.r.as_deref(), truth) {
            (Some("checkbox"), _) => {
                if node.dis {
                    return Err("clicked a disabled level".into());
                }
                let now = node.ck.as_deref() != Some("true");
                if now && self.exclusive {
                    let p = parent_of(&self.roots, eid).unwrap();
                    for c in &mut find_mut(&mut self.roots, p).unwrap().k {
                        if c.r.as_deref() == Some("checkbox") {
                            c.ck = Some("false".into());
                        }
                    }
                }
                find_mut(&mut self.roots, eid).unwrap().ck = Some(now.to_string());
                Ok(())
            }
            (Some("radio"), t @ (Truth::CustomRadio | Truth::FullRadio)) => {
                if node.dis {
                    return Err("clicked a disabled radio".into());
                }
                let full = t == Truth::FullRadio;
                let was_full = self.radio_checked(Truth::FullRadio);
                for (id, tt) in self.truth.clone() {
                    if matches!(tt, Truth::CustomRadio | Truth::FullRadio) {
                        if let Some(r) = find_mut(&mut self.roots, id) {
                            r.ck = Some(((tt == Truth::FullRadio) == full).to_string());
                        }
                    }
                }
                if full && !was_full {
                    let list = self.scope_list.unwrap();
                    let parent = parent_of(&self.roots, list).unwrap();
                    let n = remove(&mut self.roots, list).unwrap();
                    self.stash = Some((n, parent));
                } else if !full && was_full {
                    if let Some((n, parent)) = self.stash.take() {
                        let p = find_mut(&mut self.roots, parent).unwrap();
                        p.k.push(n);
                    }
                }
                Ok(())
            }
            (_, Truth::ShowAll) => {
                let hidden = std::mem::take(&mut self.hidden);
                let list = self.list_mut().unwrap();
                let at = list.k.len().saturating_sub(1); // before the toggle row
                for (i, g) in hidden.into_iter().enumerate() {
                    list.k.insert(at + i, g);
                }
                let less = match self.lang {
                    Lang::En => "Show less scopes",
                    Lang::De => "Weniger Bereiche anzeigen",
                };
                let n = find_mut(&mut self.roots, eid).unwrap();
                first_text_mut(n).unwrap().x = Some(less.into());
                self.truth.insert(eid, Truth::Other);
                Ok(())
            }
            (_, Truth::ExpiryDropdown) if node.ex.as_deref() != Some("true") => {
                for n in self.roots.iter_mut() {
                    map_all(n, &mut |x| {
                        if x.ex.is_some() {
                            x.ex = Some("false".into())
                        }
                    });
                }
                self.roots.retain(|r| r.r.as_deref() != Some("listbox"));
                find_mut(&mut self.roots, eid).unwrap().ex = Some("true".into());
                let shown = node.expose_value().unwrap_or_default().to_string();
                let template = self.expiry_list.clone().ok_or("no option list template")?;
                let mut list = self.fresh_copy(&template);
                let mut options = Vec::new();
                map_all(&mut list, &mut |x| {
                    if x.r.as_deref() == Some("option") {
                        x.sel = Some((x.name() == shown).to_string());
                        options.push(x.h);
                    }
                });
                for o in options {
                    self.truth.insert(o, Truth::Option);
                }
                self.roots.push(list);
                Ok(())
            }
            (_, Truth::Option) => {
                let label = node.name();
                let dd = self
                    .truth
                    .iter()
                    .find(|(h, t)| **t == Truth::ExpiryDropdown && find(&self.roots, **h).is_some())
                    .map(|(h, _)| *h)
                    .ok_or("no expiration dropdown")?;
                if find(&self.roots, dd).unwrap().ex.as_deref() != Some("true") {
                    return Err("picked an option of the Organization list".into());
                }
                let d = find_mut(&mut self.roots, dd).unwrap();
                d.ex = Some("false".into());
                d.v = Some(label.as_str().into());
                self.roots.retain(|r| r.r.as_deref() != Some("listbox"));
                let days = expiry_option_days(&label, self.lang);
                let field = self.date_field().ok_or("no date field")?;
                let f = find_mut(&mut self.roots, field).unwrap();
                match days {
                    Some(d) => {
                        let to = today().add_days(i64::from(d));
                        f.v = Some(format!("{}/{}/{}", to.year, to.month, to.day).into());
                        f.ro = true;
                    }
                    None => f.ro = false,
                }
                Ok(())
            }
            (_, Truth::Dropdown | Truth::ExpiryDropdown) if node.ex.as_deref() == Some("true") => {
                find_mut(&mut self.roots, eid).unwrap().ex = Some("false".into());
                self.roots.retain(|r| r.r.as_deref() != Some("listbox"));
                Ok(())
            }
            (r, t) => Err(format!(
                "click on {r:?} {t:?} does nothing in the simulation"
            )),
        }
    }

    fn date_field(&self) -> Option<u32> {
        self.truth
            .iter()
            .find(|(h, t)| **t == Truth::DateField && find(&self.roots, **h).is_some())
            .map(|(h, _)| *h)
    }

    fn set_value(&mut self, eid: u32, value: &str) -> Result<(), String> {
        if self.truth.get(&eid) != Some(&Truth::DateField) {
            return Err(format!("typed into {:?}", self.truth.get(&eid)));
        }
        let f = find_mut(&mut self.roots, eid).unwrap();
        if f.ro || f.dis {
            return Err("typed into the read-only date field".into());
        }
        f.v = Some(value.into());
        Ok(())
    }

    fn radio_checked(&self, t: Truth) -> bool {
        self.truth
            .iter()
            .filter(|(_, x)| **x == t)
            .any(|(id, _)| find(&self.roots, *id).is_some_and(|n| n.ck.as_deref() == Some("true")))
    }

    // ------------------------------------------------------------ the agent

    fn snapshot(&mut self) -> Snapshot {
        self.gen += 1;
        let mut roots = self.roots.clone();
        let mut map = HashMap::new();
        let mut next = 0;
        let classes = self.classes;
        for r in &mut roots {
            map_all(r, &mut |n| {
                next += 1;
                map.insert(next, n.h);
                n.h = next;
                match classes {
                    Classes::Keep => {}
                    Classes::Remove => n.c = None,
                    Classes::Rename => {
                        n.c = n.c.as_ref().map(|c| {
                            c.split_ascii_whitespace()
                                .map(obfuscate)
                                .collect::<Vec<_>>()
                                .join(" ")
                        })
                    }
                }
            });
        }
        self.gens.insert(self.gen, map);
        Snapshot {
            v: patguard_core::snapshot::PROTOCOL_VERSION,
            gen: self.gen,
            url: self.url.clone(),
            lang: match self.lang {
                Lang::En => "en".into(),
                Lang::De => "de".into(),
            },
            theme: "light".into(),
            roots,
            truncated: false,
        }
    }

    /// `pgPerform`: resolve in the plan's generation, compare, act; stop at the first refusal.
    fn perform(&mut self, gen: u32, actions: &[Action]) -> Result<(), String> {
        for a in actions {
            let (h, expect) = match a {
                Action::Click { h, expect } | Action::SetValue { h, expect, .. } => (*h, expect),
                _ => continue,
            };
            let Some(eid) = self.gens[&gen].get(&h).copied() else {
                return Ok(());
            };
            let Some(node) = find(&self.roots, eid) else {
                return Ok(()); // the element is gone
            };
            if !still_matches(node, expect) {
                return Ok(());
            }
            match a {
                Action::Click { .. } => self.click(eid)?,
                Action::SetValue { value, .. } => self.set_value(eid, value)?,
                _ => return Err(format!("unexpected {a:?}")),
            }
        }
        Ok(())
    }

    /// Whether the page shows exactly `target` (Custom defined, nothing hidden, Name untouched).
    fn exactly(&self, target: &BTreeSet<String>, days: Option<u32>) -> Result<(), String> {
        if let Some(d) = days {
            let to = today().add_days(i64::from(d));
            let want = format!("{}/{}/{}", to.year, to.month, to.day);
            let got = self
                .date_field()
                .and_then(|h| find(&self.roots, h))
                .and_then(|n| n.expose_value().map(String::from))
                .unwrap_or_default();
            if got != want {
                return Err(format!("expires {got}, wanted {want}"));
            }
            if self.roots.iter().any(|r| r.r.as_deref() == Some("listbox")) {
                return Err("an option list is left open".into());
            }
        }
        let mut ticked = BTreeSet::new();
        for n in all(&self.roots) {
            if n.r.as_deref() != Some("checkbox") || n.ck.as_deref() != Some("true") {
                continue;
            }
            match self.truth.get(&n.h) {
                Some(Truth::Level { scope, .. }) => {
                    ticked.insert(scope.clone());
                }
                other => return Err(format!("a {other:?} checkbox is ticked")),
            }
        }
        if &ticked != target {
            return Err(format!("ticked {ticked:?}, wanted {target:?}"));
        }
        if !self.radio_checked(Truth::CustomRadio) {
            return Err("not Custom defined".into());
        }
        if !self.hidden.is_empty() {
            return Err("groups still hidden".into());
        }
        let names: Vec<&Node> = all(&self.roots)
            .into_iter()
            .filter(|n| self.truth.get(&n.h) == Some(&Truth::Name))
            .collect();
        if names.len() != 1 || names[0].expose_value().unwrap_or_default() != self.name_value {
            return Err("the Name changed".into());
        }
        Ok(())
    }
}

fn still_matches(n: &Node, e: &Expect) -> bool {
    let ok = |p: &Option<String>, s: Option<String>| p.is_none() || *p == s;
    ok(&e.role, n.r.clone()) && ok(&e.checked, n.ck.clone()) && ok(&e.name, Some(n.name()))
}

fn obfuscate(class: &str) -> String {
    // What a CSS-modules / minifier rename would do: stable, meaningless names.
    let mut h: u32 = 2166136261;
    for b in class.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(16777619);
    }
    format!("c{:06x}", h & 0xff_ffff)
}

// ---------------------------------------------------------------- variants

#[derive(Clone, Copy, Debug)]
enum Variant {
    Identity,
    ClassesRemoved,
    ClassesRenamed,
    GroupsReordered,
    FirstGroupMissing,
    CodeGroupMissing,
    UnknownGroupAdded,
    UnknownGroupTicked,
    LevelLabelChanged,
    LevelAdded,
    ExtraDialog,
    ExtraDialogWithControls,
    ExtraMenu,
    RerenderReplaceAll,
    RerenderReorder,
    RerenderReplaceLevels,
    EverythingAtOnce,
}

const VARIANTS: [Variant; 17] = [
    Variant::Identity,
    Variant::ClassesRemoved,
    Variant::ClassesRenamed,
    Variant::GroupsReordered,
    Variant::FirstGroupMissing,
    Variant::CodeGroupMissing,
    Variant::UnknownGroupAdded,
    Variant::UnknownGroupTicked,
    Variant::LevelLabelChanged,
    Variant::LevelAdded,
    Variant::ExtraDialog,
    Variant::ExtraDialogWithControls,
    Variant::ExtraMenu,
    Variant::RerenderReplaceAll,
    Variant::RerenderReorder,
    Variant::RerenderReplaceLevels,
    Variant::EverythingAtOnce,
];

impl Page {
    fn reverse_groups(&mut self) {
        let groups = self.groups.clone();
        if let Some(list) = self.list_mut() {
            let (mut gs, rest): (Vec<Node>, Vec<Node>) = std::mem::take(&mut list.k)
                .into_iter()
                .partition(|c| groups.contains_key(&c.h));
            gs.reverse();
            list.k = gs;
            list.k.extend(rest);
        }
        self.hidden.reverse();
    }

    fn drop_group(&mut self, pick: impl Fn(&str) -> bool) {
        let victims: Vec<u32> = self
            .groups
            .iter()
            .filter(|(_, t)| matches!(t, GroupTag::Known(k) if pick(k)))
            .map(|(h, _)| *h)
            .collect();
        for v in victims {
            remove(&mut self.roots, v);
            if let Some((s, _)) = &mut self.stash {
                remove(&mut s.k, v);
            }
            self.hidden.retain(|g| g.h != v);
        }
        self.update_show_all_label();
    }

    fn add_unknown_group(&mut self, ticked: bool) {
        let template = self.template.clone().unwrap();
        let (title, levels) = match self.lang {
            Lang::En => ("Secret Vaults", ["Read", "Read & write"]),
            Lang::De => ("Geheimnistresore", ["Lesen", "Lesen und schreiben"]),
        };
        let levels: Vec<_> = levels
            .iter()
            .map(|l| (l.to_string(), Truth::Foreign))
            .collect();
        let mut g = self.build_group(&template, title, None, &levels, GroupTag::Foreign);
        if ticked {
            g.k[1].k[0].ck = Some("true".into());
        }
        let list = self.list_mut().unwrap();
        list.k.insert(1.min(list.k.len()), g);
    }

    /// The Code group's container, wherever it is (shown, stashed or hidden).
    fn code_group(&mut self) -> &mut Node {
        let code = self
            .groups
            .iter()
            .find(|(_, t)| **t == GroupTag::Known("code".into()))
            .map(|(h, _)| *h)
            .unwrap();
        self.containers_mut()
            .into_iter()
            .find(|c| c.h == code)
            .unwrap()
    }

    fn change_level_label(&mut self) {
        let (from, to) = match self.lang {
            Lang::En => ("Read", "Read only"),
            Lang::De => ("Lesen", "Nur lesen"),
        };
        let g = self.code_group();
        let b = g.k[1]
            .k
            .iter_mut()
            .find(|b| b.text() == from)
            .expect("Code has a Read level");
        first_text_mut(b).unwrap().x = Some(to.into());
        let h = b.h;
        self.truth.insert(h, Truth::Foreign);
    }

    fn add_level(&mut self) {
        let label = match self.lang {
            Lang::En => "Delete",
            Lang::De => "Löschen",
        };
        let template = self.code_group().k[1].k[0].clone();
        let mut b = self.fresh_copy(&template);
        b.ck = Some("false".into());
        first_text_mut(&mut b).unwrap().x = Some(label.into());
        self.truth.insert(b.h, Truth::Foreign);
        self.code_group().k[1].k.push(b);
    }

    fn add_dialog(&mut self, with_controls: bool) {
        let mut k = vec![Node {
            h: self.eid(),
            t: "div".into(),
            r: Some("heading".into()),
            x: Some("Send feedback".into()),
            ..Node::default()
        }];
        k.push(Node {
            h: self.eid(),
            t: "button".into(),
            r: Some("button".into()),
            l: Some("Close".into()),
            ..Node::default()
        });
        if with_controls {
            k.push(Node {
                h: self.eid(),
                t: "div".into(),
                r: Some("checkbox".into()),
                ck: Some("false".into()),
                x: Some("Read".into()),
                ..Node::default()
            });
        }
        let d = Node {
            h: self.eid(),
            t: "div".into(),
            r: Some("dialog".into()),
            c: Some("bolt-dialog-callout-content bolt-callout".into()),
            l: Some("Send feedback".into()),
            k,
            ..Node::default()
        };
        self.roots.push(d);
    }

    fn add_menu(&mut self) {
        let items: Vec<Node> = ["Sign out", "Read", "Custom defined"]
            .iter()
            .map(|t| Node {
                h: self.eid(),
                t: "div".into(),
                r: Some("menuitem".into()),
                x: Some((*t).into()),
                ..Node::default()
            })
            .collect();
        let m = Node {
            h: self.eid(),
            t: "div".into(),
            r: Some("menu".into()),
            l: Some("User menu".into()),
            k: items,
            ..Node::default()
        };
        self.roots.push(m);
    }

    /// The page re-renders between a plan and the agent acting on it.
    fn rerender(&mut self, how: Rerender) {
        match how {
            Rerender::None => {}
            Rerender::ReplaceAll => {
                let dialog = self.roots[0].clone();
                let copy = self.fresh_copy(&dialog);
                self.scope_list = self.scope_list.map(|old| self.remap(&dialog, &copy, old));
                if let Some((_, p)) = &mut self.stash {
                    let old = *p;
                    *p = remap_in(&dialog, &copy, old);
                }
                self.roots[0] = copy;
            }
            Rerender::Reorder => self.reverse_groups(),
            Rerender::ReplaceLevels => {
                let boxes: Vec<u32> = all(&self.roots)
                    .into_iter()
                    .filter(|n| n.r.as_deref() == Some("checkbox"))
                    .map(|n| n.h)
                    .collect();
                let mut ticked_one = false;
                for h in boxes {
                    let old = find(&self.roots, h).unwrap().clone();
                    let mut new = self.fresh_copy(&old);
                    if !ticked_one && new.ck.as_deref() == Some("false") {
                        // the page ticks something by itself (e.g. a dependency)
                        new.ck = Some("true".into());
                        ticked_one = true;
                    }
                    *find_mut(&mut self.roots, h).unwrap() = new;
                }
            }
        }
    }

    fn remap(&self, old_tree: &Node, new_tree: &Node, eid: u32) -> u32 {
        remap_in(old_tree, new_tree, eid)
    }
}

/// The id in `new` at the position `eid` had in `old` (same shape), else `eid`.
fn remap_in(old: &Node, new: &Node, eid: u32) -> u32 {
    let a = all(std::slice::from_ref(old));
    let b = all(std::slice::from_ref(new));
    a.iter()
        .position(|n| n.h == eid)
        .map(|i| b[i].h)
        .unwrap_or(eid)
}

// ---------------------------------------------------------------- driver

#[derive(Debug, PartialEq)]
enum Outcome {
    Correct,
    Refused(String),
    Wrong(String),
}

/// Whether a planned action names a control the plan legitimately needs.
fn legitimate(
    page: &Page,
    snap: &Snapshot,
    gen: u32,
    a: &Action,
    target: &BTreeSet<String>,
    days: Option<u32>,
) -> Result<(), String> {
    let h = match a {
        Action::Click { h, .. } => *h,
        Action::SetValue { h, .. } => {
            let eid = page.gens[&gen].get(h).copied();
            return match eid.and_then(|e| page.truth.get(&e)) {
                Some(Truth::DateField) if days.is_some() => Ok(()),
                other => Err(format!("setValue on {other:?}")),
            };
        }
        Action::Mark { .. } | Action::ClearMarks => return Ok(()),
        Action::Mask { h, .. } => return Err(format!("mask on {h}")),
    };
    let eid = *page.gens[&gen]
        .get(&h)
        .ok_or_else(|| format!("handle {h} is not in generation {gen}"))?;
    let node = snap.find(h).unwrap();
    let checked = node.ck.as_deref() == Some("true");
    let truth = page.truth.get(&eid).cloned().unwrap_or(Truth::Other);
    let ok = match &truth {
        Truth::Level { scope, .. } => checked != target.contains(scope),
        Truth::CustomRadio => !checked,
        Truth::ShowAll => true,
        Truth::Dropdown => node.ex.as_deref() == Some("true"),
        Truth::ExpiryDropdown => days.is_some() || node.ex.as_deref() == Some("true"),
        // Only options of the Expiration list, and only when an expiry is asked for.
        Truth::Option => {
            days.is_some()
                && expiry_option_days(&node.name(), page.lang).map_or(
                    node.name() == page_text(PageText::CustomExpiry, page.lang),
                    |_| true,
                )
        }
        Truth::DateField | Truth::Foreign | Truth::FullRadio | Truth::Name | Truth::Other => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "illegitimate click on {truth:?} (\"{}\", checked {checked})",
            node.name()
        ))
    }
}

fn drive(page: Page, target: &BTreeSet<String>, days: Option<u32>, rerender: Rerender) -> Outcome {
    drive_with(page, target, days, rerender, |_, form, target, days| {
        plan_scopes(form, target, days, form.lang)
    })
}

type Planner = fn(&Snapshot, &FormState, &BTreeSet<String>, Option<u32>) -> Step;

fn drive_with(
    mut page: Page,
    target: &BTreeSet<String>,
    days: Option<u32>,
    rerender: Rerender,
    planner: Planner,
) -> Outcome {
    for round in 1..=ROUND_LIMIT {
        let snap = page.snapshot();
        let gen = snap.gen;
        let form = match recognize_at(&snap, today()) {
            PageView::Form(f) => f,
            PageView::Unrecognized { reason } => {
                return Outcome::Refused(format!("unrecognized: {reason}"))
            }
            PageView::OtherDialog { title } => {
                return Outcome::Refused(format!("other dialog: {title}"))
            }
            other => return Outcome::Wrong(format!("the form turned into {other:?}")),
        };
        let step = with_snapshot_expects(&snap, planner(&snap, &form, target, days));
        match step {
            Step::Done => {
                return match page.exactly(target, days) {
                    Ok(()) => Outcome::Correct,
                    Err(e) => Outcome::Wrong(format!("Done but {e}")),
                }
            }
            Step::Stuck { reason } => return Outcome::Refused(format!("stuck: {reason}")),
            Step::Actions(actions) => {
                for a in &actions {
                    if let Err(e) = legitimate(&page, &snap, gen, a, target, days) {
                        return Outcome::Wrong(format!("round {round}: {e}"));
                    }
                }
                if round == 1 {
                    page.rerender(rerender);
                }
                if let Err(e) = page.perform(gen, &actions) {
                    return Outcome::Wrong(format!("round {round}: {e}"));
                }
            }
        }
    }
    Outcome::Refused("round limit".into())
}

fn make(fixture: &str, v: Variant) -> Option<(Page, Rerender)> {
    let mut p = Page::from_fixture(fixture)?;
    let mut rerender = Rerender::None;
    match v {
        Variant::Identity => {}
        Variant::ClassesRemoved => p.classes = Classes::Remove,
        Variant::ClassesRenamed => p.classes = Classes::Rename,
        Variant::GroupsReordered => p.reverse_groups(),
        Variant::FirstGroupMissing => {
            let first = catalog().groups[0].key.clone();
            p.drop_group(|k| k == first)
        }
        Variant::CodeGroupMissing => p.drop_group(|k| k == "code"),
        Variant::UnknownGroupAdded => p.add_unknown_group(false),
        Variant::UnknownGroupTicked => p.add_unknown_group(true),
        Variant::LevelLabelChanged => p.change_level_label(),
        Variant::LevelAdded => p.add_level(),
        Variant::ExtraDialog => p.add_dialog(false),
        Variant::ExtraDialogWithControls => p.add_dialog(true),
        Variant::ExtraMenu => p.add_menu(),
        Variant::RerenderReplaceAll => rerender = Rerender::ReplaceAll,
        Variant::RerenderReorder => rerender = Rerender::Reorder,
        Variant::RerenderReplaceLevels => rerender = Rerender::ReplaceLevels,
        Variant::EverythingAtOnce => {
            p.classes = Classes::Rename;
            p.reverse_groups();
            p.drop_group(|k| k == "graph");
            p.add_menu();
            rerender = Rerender::Reorder;
        }
    }
    Some((p, rerender))
}

/// (preset, expiry days): 90 is a day option, 45 needs "Custom defined" and a typed date.
const EXPIRY_RUNS: [(&str, u32); 2] = [("git-push", 90), ("renovate", 45)];

const PRESETS: [&str; 8] = [
    "git-read",
    "git-push",
    "renovate",
    "agent-pool",
    "pipeline-run",
    "work-items-write",
    "token-admin",
    "audit-log",
];

#[test]
fn robustness() {
    // The replica's captured forms; fixtures from page reports (`report-*`) have their own test.
    let forms: Vec<String> = fixture_names()
        .into_iter()
        .filter(|n| !n.starts_with("report-") && Page::from_fixture(n).is_some())
        .collect();
    assert!(forms.len() >= 10, "form fixtures: {forms:?}");
    let (mut n, mut correct, mut refused, mut wrong) = (0, 0, 0, 0);
    let mut per_variant: BTreeMap<String, (u32, u32, u32)> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut samples: BTreeMap<String, String> = BTreeMap::new();
    // Every fixture × variant × preset, spread over the machine's cores.
    let jobs: Vec<(&String, Variant, &str, Option<u32>)> = forms
        .iter()
        .flat_map(|f| {
            VARIANTS.iter().flat_map(move |v| {
                PRESETS
                    .iter()
                    .map(|p| (*p, None))
                    .chain(EXPIRY_RUNS.iter().map(|(p, d)| (*p, Some(*d))))
                    .map(move |(p, d)| (f, *v, p, d))
            })
        })
        .collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let results: Vec<(String, Variant, &str, Outcome)> = std::thread::scope(|s| {
        let handles: Vec<_> = jobs
            .chunks(jobs.len().div_ceil(threads))
            .map(|chunk| {
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|&(f, v, p, days)| {
                            let target: BTreeSet<String> =
                                preset(p).unwrap().scopes.iter().cloned().collect();
                            let (page, rerender) = make(f, v).unwrap();
                            (f.clone(), v, p, drive(page, &target, days, rerender))
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    for (f, v, p, out) in results {
        n += 1;
        let e = per_variant.entry(format!("{v:?}")).or_default();
        match &out {
            Outcome::Correct => {
                correct += 1;
                e.0 += 1
            }
            Outcome::Refused(r) => {
                refused += 1;
                e.1 += 1;
                samples
                    .entry(format!("{v:?}"))
                    .or_insert_with(|| format!("{f} × {p}: {r}"));
            }
            Outcome::Wrong(w) => {
                wrong += 1;
                e.2 += 1;
                failures.push(format!("{f} × {v:?} × {p}: {w}"));
            }
        }
    }
    for (v, (c, r, w)) in &per_variant {
        eprintln!("  {v:<26} correct {c:>3}  refused {r:>3}  wrong {w:>3}");
    }
    for (v, s) in &samples {
        eprintln!("  refusal sample {v}: {s}");
    }
    for f in failures.iter().take(20) {
        eprintln!("  WRONG {f}");
    }
    println!(
        "robustness: {n} variants, {correct} correct, {refused} refused, {wrong} wrong ({} fixtures × {} variants × {} presets)",
        forms.len(),
        VARIANTS.len(),
        PRESETS.len() + EXPIRY_RUNS.len()
    );
    assert_eq!(wrong, 0, "{} wrong outcomes", failures.len());
    // Variants that only change presentation must not cost a refusal.
    for v in [
        "Identity",
        "ClassesRemoved",
        "ClassesRenamed",
        "GroupsReordered",
        "ExtraMenu",
        "RerenderReorder",
        "RerenderReplaceAll",
        // A new group nobody ticked: presets go on around it (issue #14).
        "UnknownGroupAdded",
    ] {
        let (c, r, _) = per_variant[v];
        assert_eq!(r, 0, "{v}: {r} refusals, {c} correct");
    }
    // A ticked scope PAT Guard cannot judge: no exact preset may claim success.
    let (c, _, _) = per_variant["UnknownGroupTicked"];
    assert_eq!(c, 0, "UnknownGroupTicked: {c} correct");
}

/// The harness itself must see a wrong plan: otherwise "0 wrong" would mean nothing.
#[test]
fn harness_flags_bad_plans() {
    let target: BTreeSet<String> = preset("git-read").unwrap().scopes.iter().cloned().collect();
    let bad: [(&str, Variant, Planner); 5] = [
        ("types into Name", Variant::Identity, |_, f, _, _| {
            Step::Actions(vec![Action::SetValue {
                h: f.name.handle,
                value: "x".into(),
                expect: Expect::default(),
            }])
        }),
        ("clicks Full access", Variant::Identity, |_, f, _, _| {
            Step::Actions(vec![Action::Click {
                h: f.scope_mode.full.handle,
                expect: Expect::default(),
            }])
        }),
        ("claims Done too early", Variant::Identity, |_, _, _, _| {
            Step::Done
        }),
        (
            "ticks a level outside the target",
            Variant::Identity,
            |_, f, _, _| {
                let l = f.level("vso.build").unwrap();
                Step::Actions(vec![Action::Click {
                    h: l.handle,
                    expect: Expect::default(),
                }])
            },
        ),
        (
            "clicks an unrecognised checkbox",
            Variant::ExtraMenu,
            |s, _, _, _| {
                let h = s
                    .nodes()
                    .find(|n| n.r.as_deref() == Some("menuitem"))
                    .unwrap()
                    .h;
                Step::Actions(vec![Action::Click {
                    h,
                    expect: Expect::default(),
                }])
            },
        ),
    ];
    for (what, v, planner) in bad {
        let (page, rerender) = make("create-collapsed-en", v).unwrap();
        let out = drive_with(page, &target, None, rerender, planner);
        assert!(matches!(out, Outcome::Wrong(_)), "{what}: {out:?}");
    }
}
