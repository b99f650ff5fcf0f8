//! Scope groups: every `[role=checkbox]` in the panel belongs to the smallest container
//! around it that holds a group header text (a text outside any control). When that
//! container holds exactly one known group label, the checkbox is a level of that
//! group; when it holds none, the checkbox is a level of a group PAT Guard does not
//! know, named by the container's first text. Labels are matched tolerantly
//! (`catalog::text_match`). Unknown groups and levels are reported, never mapped: the
//! planner leaves them alone and refuses an exact preset when one is ticked.

use super::index::{has_role, own_text, role, Index};
use crate::catalog::text_match::{group_by_visible_label, level_by_visible_label, Label};
use crate::catalog::{catalog, Lang};
use crate::page::{GroupState, LevelState, UnknownLevel};
use std::collections::BTreeSet;

type R<T> = Result<T, String>;

/// The groups the catalog knows, and the checkboxes it does not.
pub(crate) struct ScopeScan {
    pub groups: Vec<GroupState>,
    pub unknown: Vec<UnknownLevel>,
}

pub(crate) fn scope_groups(ix: &Index, panel: usize, lang: Lang) -> R<ScopeScan> {
    let cat = catalog();

    // One pass: checkboxes, and header texts outside any control (level labels such as
    // "Connected server" repeat a group label but sit inside their checkbox).
    let range = ix.subtree(panel);
    let mut checkboxes = Vec::new();
    let mut texts: Vec<(usize, Option<usize>)> = Vec::new(); // (position, known group)
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
        if let Some(t) = own_text(n) {
            let gi = group_by_visible_label(&Label::new(t), lang).map(|(gi, _)| gi);
            texts.push((j, gi));
        }
    }
    if checkboxes.is_empty() {
        return Ok(ScopeScan {
            groups: Vec::new(),
            unknown: Vec::new(),
        });
    }
    // A checkbox labelled by a sibling text (not by a text inside it) must not make that
    // text a group header.
    let level_names: BTreeSet<String> = checkboxes.iter().map(|&c| ix.name(c)).collect();
    texts.retain(|&(j, gi)| {
        gi.is_some() || !level_names.contains(own_text(ix.node(j)).unwrap_or_default())
    });
    let mut seen = vec![false; cat.groups.len()];
    for &(_, gi) in &texts {
        if let Some(gi) = gi {
            if std::mem::replace(&mut seen[gi], true) {
                return Err(format!(
                    "the scope group \"{}\" appears twice",
                    cat.groups[gi].label(lang)
                ));
            }
        }
    }
    let texts_in = |a: usize| {
        let sub = ix.subtree(a);
        let from = texts.partition_point(|&(p, _)| p < sub.start);
        let to = texts.partition_point(|&(p, _)| p < sub.end);
        &texts[from..to]
    };

    let mut groups: Vec<GroupState> = Vec::new();
    let mut unknown: Vec<UnknownLevel> = Vec::new();
    // catalog index -> groups index
    let mut group_pos: Vec<Option<usize>> = vec![None; cat.groups.len()];
    for &c in &checkboxes {
        let level_name = ix.name(c);
        let n = ix.node(c);
        // The smallest container around the checkbox with a header text.
        let container = ix
            .ancestors_and_self(c)
            .skip(1)
            .take_while(|&a| ix.contains(panel, a))
            .find(|&a| !texts_in(a).is_empty());
        let (header, known): (String, Option<usize>) = match container {
            None => (String::new(), None),
            Some(a) => {
                let inside = texts_in(a);
                let known: Vec<usize> = inside.iter().filter_map(|&(_, gi)| gi).collect();
                match known.as_slice() {
                    [] => (
                        own_text(ix.node(inside[0].0))
                            .unwrap_or_default()
                            .to_string(),
                        None,
                    ),
                    [gi] => (cat.groups[*gi].label(lang).to_string(), Some(*gi)),
                    _ => {
                        return Err(format!(
                            "the checkbox \"{level_name}\" belongs to no single scope group"
                        ))
                    }
                }
            }
        };
        let checked = match n.ck.as_deref() {
            Some("true") => true,
            Some("false") => false,
            other => {
                return Err(format!(
                    "the checkbox \"{level_name}\" in \"{header}\" has no clear state ({other:?})"
                ))
            }
        };
        let level = known.and_then(|gi| {
            level_by_visible_label(gi, &Label::new(&level_name), lang).map(|l| (gi, l))
        });
        let Some((gi, level)) = level.filter(|_| !level_name.is_empty()) else {
            unknown.push(UnknownLevel {
                group_label: header,
                group_key: known.map(|gi| cat.groups[gi].key.clone()),
                label: level_name,
                handle: n.h,
                checked,
                disabled: n.dis,
            });
            continue;
        };
        let g = &cat.groups[gi];
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

    // Every rendered known group label must own checkboxes (known or not).
    for &(_, gi) in &texts {
        let Some(gi) = gi else { continue };
        let key = &cat.groups[gi].key;
        let owns_unknown = unknown
            .iter()
            .any(|u| u.group_key.as_deref() == Some(key.as_str()));
        if group_pos[gi].is_none() && !owns_unknown {
            return Err(format!(
                "the scope group \"{}\" shows no levels",
                cat.groups[gi].label(lang)
            ));
        }
    }
    Ok(ScopeScan { groups, unknown })
}
