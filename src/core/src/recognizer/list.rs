//! The token list: title, New Token, and the table rows with their cell texts.

use super::index::{has_role, is_clickable, role, Index};
use super::text::{is_text, lang_of};
use crate::catalog::{Lang, PageText};
use crate::page::{ListRow, ListState, PageView};
use crate::snapshot::Snapshot;

pub(crate) fn recognize_list(ix: &Index, snap: &Snapshot) -> Result<PageView, String> {
    // Locale: the page title, else <html lang>.
    let title_lang = (0..ix.len())
        .filter(|&j| {
            has_role(ix.node(j), "heading") || matches!(ix.node(j).t.as_str(), "h1" | "h2")
        })
        .find_map(|j| lang_of(&ix.text(j), PageText::ListTitle));
    let lang = match title_lang.or_else(|| Lang::from_tag(&snap.lang)) {
        Some(l) => l,
        None if snap.lang.is_empty() => {
            return Err(
                "the token list title was not found and the page has no language".to_string(),
            )
        }
        None => {
            return Err(format!(
                "the page language \"{}\" is not supported",
                snap.lang
            ))
        }
    };
    let new_token = (0..ix.len())
        .find(|&j| is_clickable(ix.node(j)) && is_text(&ix.name(j), PageText::NewToken, lang))
        .map(|j| ix.node(j).h);

    let grid = (0..ix.len()).find(|&j| matches!(role(ix.node(j)), "grid" | "table" | "treegrid"));
    if title_lang.is_none() && new_token.is_none() && grid.is_none() {
        return Err("neither the token list nor the New Token button was found".to_string());
    }
    let mut rows = Vec::new();
    if let Some(grid) = grid {
        // Column order from the header texts; the default order when they are unknown.
        let keys = [
            PageText::ColName,
            PageText::ColStatus,
            PageText::ColOrg,
            PageText::ColExpires,
        ];
        let headers: Vec<String> = ix
            .descendants(grid)
            .filter(|&j| has_role(ix.node(j), "columnheader"))
            .map(|j| ix.name(j))
            .collect();
        let column = |k: usize| -> usize {
            headers
                .iter()
                .position(|h| is_text(h, keys[k], lang))
                .unwrap_or(k)
        };
        let cols = [column(0), column(1), column(2), column(3)];
        for r in ix.descendants(grid) {
            if !has_role(ix.node(r), "row") {
                continue;
            }
            let cells: Vec<String> = ix
                .descendants(r)
                .filter(|&j| matches!(role(ix.node(j)), "gridcell" | "cell"))
                .map(|j| ix.text(j))
                .collect();
            if cells.is_empty() {
                continue; // the header row
            }
            let cell = |c: usize| cells.get(c).cloned().unwrap_or_default();
            // ARIA first; the azure-devops-ui class only when the row carries no aria-selected.
            let node = ix.node(r);
            let selected = match node.sel.as_deref() {
                Some(v) => v == "true",
                None => node.has_class("selected"),
            };
            rows.push(ListRow {
                handle: ix.node(r).h,
                name: cell(cols[0]),
                status: cell(cols[1]),
                organization: cell(cols[2]),
                expires: cell(cols[3]),
                selected,
            });
        }
    }
    // The status filter (a dropdown above the grid): its choice says which tokens are listed.
    let filters = [
        PageText::FilterActive,
        PageText::FilterExpired,
        PageText::FilterRevoked,
        PageText::FilterAll,
    ];
    let status_filter = (0..ix.len())
        .filter(|&j| grid.is_none_or(|g| !ix.contains(g, j)))
        .filter(|&j| {
            let n = ix.node(j);
            n.ex.is_some() || is_clickable(n) || role(n) == "combobox"
        })
        .map(|j| ix.name(j))
        .find(|name| filters.iter().any(|&k| is_text(name, k, lang)));
    Ok(PageView::List(ListState {
        lang,
        new_token,
        rows,
        status_filter,
    }))
}
