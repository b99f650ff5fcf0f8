//! Scope groups: every `[role=checkbox]` in the panel is mapped to the catalog group
//! whose label is the only known group label in the smallest container around it,
//! and its accessible name to a level of that group. Unknown groups or labels make
//! the whole form unrecognised, naming the text.

use super::index::{has_role, own_text, role, Index};
use crate::catalog::{catalog, Group, Lang};
use crate::page::{GroupState, LevelState};

type R<T> = Result<T, String>;

pub(crate) fn scope_groups(ix: &Index, panel: usize, lang: Lang) -> R<Vec<GroupState>> {
    let cat = catalog();
    // A list, not a map: ~30 labels, and no map code in the wasm (issue #7). A repeated
    // label finds its last group, as the map built from this list did.
    let by_label: Vec<(&str, usize)> = cat
        .groups
        .iter()
        .enumerate()
        .map(|(gi, g)| (g.label(lang), gi))
        .collect();
    let group_of = |t: &str| {
        by_label
            .iter()
            .rev()
            .find(|(l, _)| *l == t)
            .map(|(_, gi)| gi)
    };

    // One pass: checkboxes, and group labels outside any control (level labels such as
    // "Connected server" repeat a group label but sit inside their checkbox).
    let range = ix.subtree(panel);
    let mut checkboxes = Vec::new();
    let mut labels: Vec<(usize, usize)> = Vec::new(); // (position, group index)
    let mut control_end = 0;
    for j in range.clone() {
        let n = ix.node(j);
        if j < control_end {
            continue;
        }
        if matches!(role(n), "checkbox" | "radio" | "option") {
            if has_role(n, "checkbox") {
                checkboxes.push(j);
            }
            control_end = ix.subtree(j).end;
            continue;
        }
        if let Some(gi) = own_text(n).and_then(group_of) {
            labels.push((j, *gi));
        }
    }
    if checkboxes.is_empty() {
        return Ok(Vec::new());
    }
    let mut seen = vec![false; cat.groups.len()];
    for &(_, gi) in &labels {
        if std::mem::replace(&mut seen[gi], true) {
            return Err(format!(
                "the scope group \"{}\" appears twice",
                cat.groups[gi].label(lang)
            ));
        }
    }

    // prefix[k] = group labels at positions < k, so a subtree's label count is O(1).
    let offset = range.start;
    let mut prefix = vec![0u32; range.len() + 1];
    {
        let mut li = 0;
        for k in 0..range.len() {
            let here = u32::from(li < labels.len() && labels[li].0 == offset + k);
            if here == 1 {
                li += 1;
            }
            prefix[k + 1] = prefix[k] + here;
        }
    }
    let count = |a: usize| {
        let sub = ix.subtree(a);
        prefix[sub.end - offset] - prefix[sub.start - offset]
    };
    let first_label_in = |a: usize| {
        let k = labels.partition_point(|&(p, _)| p < a);
        labels[k]
    };

    let mut groups: Vec<GroupState> = Vec::new();
    // catalog index -> groups index
    let mut group_pos: Vec<Option<usize>> = vec![None; cat.groups.len()];
    for &c in &checkboxes {
        let level_name = ix.name(c);
        let mut below = c;
        let mut group = None;
        for a in ix.ancestors_and_self(c).skip(1) {
            if !ix.contains(panel, a) {
                break;
            }
            match count(a) {
                0 => below = a,
                1 => {
                    group = Some(first_label_in(a));
                    break;
                }
                _ => {
                    return Err(match unknown_group_label(ix, below, c) {
                        Some(t) => {
                            format!("unknown scope group \"{t}\" (checkbox \"{level_name}\")")
                        }
                        None => {
                            format!("the checkbox \"{level_name}\" belongs to no known scope group")
                        }
                    })
                }
            }
        }
        let Some((_, gi)) = group else {
            return Err(format!(
                "the checkbox \"{level_name}\" belongs to no known scope group"
            ));
        };
        let g: &Group = &cat.groups[gi];
        let n = ix.node(c);
        if level_name.is_empty() {
            return Err(format!(
                "a checkbox in the scope group \"{}\" has no label",
                g.label(lang)
            ));
        }
        let level = g.level_by_label(&level_name, lang).ok_or_else(|| {
            format!(
                "unknown level \"{level_name}\" in the scope group \"{}\"",
                g.label(lang)
            )
        })?;
        let checked = match n.ck.as_deref() {
            Some("true") => true,
            Some("false") => false,
            other => {
                return Err(format!(
                    "the checkbox \"{level_name}\" in \"{}\" has no clear state ({other:?})",
                    g.label(lang)
                ))
            }
        };
        let gs = match group_pos[gi] {
            Some(k) => &mut groups[k],
            None => {
                group_pos[gi] = Some(groups.len());
                groups.push(GroupState {
                    key: g.key.clone(),
                    levels: Vec::new(),
                });
                groups.last_mut().expect("just pushed")
            }
        };
        if gs.levels.iter().any(|l| l.scope_id == level.scope_id) {
            return Err(format!(
                "the level \"{level_name}\" appears twice in \"{}\"",
                g.label(lang)
            ));
        }
        gs.levels.push(LevelState {
            scope_id: level.scope_id.clone(),
            handle: n.h,
            label: level_name,
            checked,
            disabled: n.dis,
        });
    }

    // Every rendered group label must own checkboxes.
    for &(_, gi) in &labels {
        if group_pos[gi].is_none() {
            return Err(format!(
                "the scope group \"{}\" shows no levels",
                cat.groups[gi].label(lang)
            ));
        }
    }
    Ok(groups)
}

/// The header text of the container just below the ambiguous ancestor: the first own
/// text in `below`'s subtree that is not inside a checkbox (for naming unknown groups).
fn unknown_group_label(ix: &Index, below: usize, checkbox: usize) -> Option<String> {
    if below == checkbox {
        return None;
    }
    let mut skip_end = 0;
    for j in ix.subtree(below) {
        if j < skip_end {
            continue;
        }
        let n = ix.node(j);
        if has_role(n, "checkbox") {
            skip_end = ix.subtree(j).end;
            continue;
        }
        if let Some(t) = own_text(n) {
            return Some(t.to_string());
        }
    }
    None
}
