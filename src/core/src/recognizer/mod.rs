//! Page recognition: turns a page-agent [`Snapshot`] into a [`PageView`].
//!
//! Recognition goes by the signals that cannot drift first — roles, structure, the
//! token's own format and checksum — then by visible text (the catalog's en/de page
//! texts and scope labels, matched tolerantly with their known variants), and uses
//! `bolt-*` classes only as tie-breakers. Which signal each view needs is listed in
//! docs/ARCHITECTURE.md ("Recognition"). Scope checkboxes the catalog does not know
//! are reported in `FormState::unknown`, never mapped; anything else that cannot be
//! mapped with certainty yields [`PageView::Unrecognized`] with a reason naming the
//! offending text; nothing is guessed.
//!
//! Every pass is linear in the snapshot: [`index::Index`] flattens the tree once with
//! parent links and subtree ranges.

mod dialog;
mod form;
pub(crate) mod index;
mod list;
mod scopes;
mod success;
pub mod text;

#[cfg(test)]
mod mount_tests;
#[cfg(test)]
pub(crate) mod tests;

use crate::date::Date;
use crate::page::PageView;
use crate::snapshot::{Snapshot, PROTOCOL_VERSION};
use index::Index;

/// The path every supported host puts the token page at.
const TOKEN_PAGE_SUFFIX: &str = "/_usersSettings/tokens";

/// Recognises the page without knowing today's date: everything but
/// `ExpirationState::days_from_today` (left `None`). The façade should prefer
/// [`recognize_at`] with the UTC date of the browser.
pub fn recognize(snap: &Snapshot) -> PageView {
    recognize_with(snap, None)
}

/// Recognises the page; `today` (UTC) turns the expiry date field into days from today.
pub fn recognize_at(snap: &Snapshot, today: Date) -> PageView {
    recognize_with(snap, Some(today))
}

/// [`recognize_at`] with today given as days since 1970-01-01 (UTC).
pub fn recognize_at_days(snap: &Snapshot, today_days_since_epoch: i64) -> PageView {
    recognize_at(snap, Date::from_days_since_epoch(today_days_since_epoch))
}

fn recognize_with(snap: &Snapshot, today: Option<Date>) -> PageView {
    match try_recognize(snap, today) {
        Ok(view) => view,
        Err(reason) => PageView::Unrecognized { reason },
    }
}

fn try_recognize(snap: &Snapshot, today: Option<Date>) -> Result<PageView, String> {
    if snap.v != PROTOCOL_VERSION {
        return Err(format!(
            "snapshot protocol version {} is not supported",
            snap.v
        ));
    }
    if !is_token_page_url(&snap.url) {
        return Err("not the token page".to_string());
    }
    let ix = Index::new(snap);
    let dialogs = dialog::find_dialogs(&ix);
    if dialogs.is_empty() {
        // A token shown in the page itself (no panel) is still the success view.
        if let Some(view) = success::recognize_in_page(&ix, snap)? {
            return Ok(view);
        }
        return list::recognize_list(&ix, snap);
    }
    dialog::recognize_dialogs(&ix, snap, &dialogs, today)
}

/// Whether a URL's path (query and fragment ignored) ends with `/_usersSettings/tokens`.
/// Covers `dev.azure.com/{org}/…`, `{org}.visualstudio.com/…` and Azure DevOps Server
/// `host/{collection}/…`. Path segments are compared case-insensitively, as the server does.
pub fn is_token_page_url(url: &str) -> bool {
    let path = url_path(url);
    let path = path.trim_end_matches('/');
    path.len() >= TOKEN_PAGE_SUFFIX.len()
        && path.is_char_boundary(path.len() - TOKEN_PAGE_SUFFIX.len())
        && path[path.len() - TOKEN_PAGE_SUFFIX.len()..].eq_ignore_ascii_case(TOKEN_PAGE_SUFFIX)
}

/// The path of an absolute or origin-relative URL, without query and fragment.
pub(crate) fn url_path(url: &str) -> &str {
    let rest = match url.find("://") {
        Some(i) => {
            let after = &url[i + 3..];
            match after.find(['/', '?', '#']) {
                Some(j) if after.as_bytes()[j] == b'/' => &after[j..],
                _ => "",
            }
        }
        None => url,
    };
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    &rest[..end]
}
