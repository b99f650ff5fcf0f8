//! The list-page audit: which listed tokens need attention and what helps. Pure: it
//! reads the recognised list, today's date, the reminder window and what the inventory
//! knows about each token's scopes. PAT Guard only marks rows and explains; it never
//! clicks Regenerate or Revoke.

use crate::catalog::{catalog, Lang, PageText};
use crate::date::Date;
use crate::inventory::InventoryEntry;
use crate::page::{ListRow, ListState};
use crate::recognizer::text::is_text;
use crate::snapshot::Handle;

/// Microsoft retires global ("All accessible organizations") PATs: they stop working on this date.
pub const GLOBAL_PAT_RETIREMENT: Date = Date {
    year: 2026,
    month: 12,
    day: 1,
};

/// Default reminder window in days.
pub const DEFAULT_WINDOW_DAYS: i64 = 7;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Expired `days_ago` days ago (0: today). `None` when only the status column says so.
    Expired { days_ago: Option<i64> },
    /// Expires in `days_left` days, within the reminder window.
    Expiring { days_left: i64 },
    /// Valid for all accessible organizations; stops (`retired`: stopped) working on
    /// [`GLOBAL_PAT_RETIREMENT`].
    Global { retired: bool },
    /// Full access (from the inventory).
    FullAccess,
    /// High-privilege scopes (from the inventory).
    HighPrivilege { scopes: Vec<String> },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Advice {
    /// Regenerate if the token is still needed, else revoke it.
    RegenerateOrRevoke,
    /// Revoke it (and create a narrower one if something still needs access).
    Revoke,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Critical,
}

impl Severity {
    /// The mark severity the agent understands.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Critical => "critical",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowAudit {
    pub handle: Handle,
    pub name: String,
    pub organization: String,
    pub expires: Option<Date>,
    pub reasons: Vec<Reason>,
    pub advice: Advice,
    pub severity: Severity,
}

/// Audits every row; rows that need no attention are left out, page order is kept.
pub fn audit_list(
    list: &ListState,
    today: Date,
    window_days: i64,
    inventory: &[InventoryEntry],
) -> Vec<RowAudit> {
    list.rows
        .iter()
        .filter_map(|row| audit_row(row, today, window_days, inventory))
        .collect()
}

fn is_global(organization: &str) -> bool {
    Lang::ALL
        .iter()
        .any(|&l| is_text(organization, PageText::AllOrgs, l))
}

fn is_expired_status(status: &str) -> bool {
    Lang::ALL
        .iter()
        .any(|&l| is_text(status, PageText::StatusExpired, l))
}

pub fn audit_row(
    row: &ListRow,
    today: Date,
    window_days: i64,
    inventory: &[InventoryEntry],
) -> Option<RowAudit> {
    let expires = Date::parse(&row.expires);
    let global = is_global(&row.organization);
    let mut reasons = Vec::new();
    match expires.map(|d| today.days_until(d)) {
        Some(left) if left < 0 => reasons.push(Reason::Expired {
            days_ago: Some(-left),
        }),
        Some(left) if left <= window_days => reasons.push(Reason::Expiring { days_left: left }),
        None if is_expired_status(&row.status) => reasons.push(Reason::Expired { days_ago: None }),
        _ => {}
    }
    let expired = matches!(reasons.first(), Some(Reason::Expired { .. }));
    if global && !expired {
        reasons.push(Reason::Global {
            retired: today >= GLOBAL_PAT_RETIREMENT,
        });
    }
    // The page does not show scopes; the inventory knows them for tokens made with PAT Guard.
    let known = inventory.iter().find(|e| {
        e.name == row.name
            && (e.organization == row.organization || (e.all_organizations && global))
    });
    if let (Some(entry), false) = (known, expired) {
        if entry.full_access() {
            reasons.push(Reason::FullAccess);
        } else {
            let high: Vec<String> = entry
                .scopes
                .iter()
                .filter(|s| catalog().is_high_privilege(s))
                .cloned()
                .collect();
            if !high.is_empty() {
                reasons.push(Reason::HighPrivilege { scopes: high });
            }
        }
    }
    if reasons.is_empty() {
        return None;
    }
    let only_lifetime = reasons
        .iter()
        .all(|r| matches!(r, Reason::Expired { .. } | Reason::Expiring { .. }));
    let advice = if only_lifetime {
        Advice::RegenerateOrRevoke
    } else {
        Advice::Revoke
    };
    let severity = if reasons
        .iter()
        .any(|r| matches!(r, Reason::Global { .. } | Reason::FullAccess))
        || matches!(reasons.first(), Some(Reason::Expiring { days_left }) if *days_left <= 1)
    {
        Severity::Critical
    } else {
        Severity::Warning
    };
    Some(RowAudit {
        handle: row.handle,
        name: row.name.clone(),
        organization: row.organization.clone(),
        expires,
        reasons,
        advice,
        severity,
    })
}

/// "3 tokens need attention" / "No token needs attention".
pub fn summary(audits: &[RowAudit], lang: Lang) -> String {
    match (audits.len(), lang) {
        (0, Lang::En) => "No token needs attention.".into(),
        (1, Lang::En) => "1 token needs attention".into(),
        (n, Lang::En) => format!("{n} tokens need attention"),
        (0, Lang::De) => "Kein Token braucht Aufmerksamkeit.".into(),
        (1, Lang::De) => "1 Token braucht Aufmerksamkeit".into(),
        (n, Lang::De) => format!("{n} Tokens brauchen Aufmerksamkeit"),
    }
}

pub fn reason_text(reason: &Reason, lang: Lang) -> String {
    let retire = GLOBAL_PAT_RETIREMENT;
    match (reason, lang) {
        (Reason::Expired { days_ago: Some(0) }, Lang::En) => "expired today".into(),
        (Reason::Expired { days_ago: Some(1) }, Lang::En) => "expired yesterday".into(),
        (Reason::Expired { days_ago: Some(n) }, Lang::En) => format!("expired {n} days ago"),
        (Reason::Expired { days_ago: None }, Lang::En) => "expired".into(),
        (Reason::Expiring { days_left: 0 }, Lang::En) => "expires today".into(),
        (Reason::Expiring { days_left: 1 }, Lang::En) => "expires tomorrow".into(),
        (Reason::Expiring { days_left: n }, Lang::En) => format!("expires in {n} days"),
        (Reason::Global { retired: false }, Lang::En) => format!(
            "valid for all accessible organizations: global tokens stop working on {retire}"
        ),
        (Reason::Global { retired: true }, Lang::En) => format!(
            "valid for all accessible organizations: global tokens stopped working on {retire}, so this token no longer works"
        ),
        (Reason::FullAccess, Lang::En) => "full access to everything you can do".into(),
        (Reason::HighPrivilege { scopes }, Lang::En) => {
            format!("high-privilege scopes: {}", scopes.join(", "))
        }
        (Reason::Expired { days_ago: Some(0) }, Lang::De) => "heute abgelaufen".into(),
        (Reason::Expired { days_ago: Some(1) }, Lang::De) => "gestern abgelaufen".into(),
        (Reason::Expired { days_ago: Some(n) }, Lang::De) => format!("seit {n} Tagen abgelaufen"),
        (Reason::Expired { days_ago: None }, Lang::De) => "abgelaufen".into(),
        (Reason::Expiring { days_left: 0 }, Lang::De) => "läuft heute ab".into(),
        (Reason::Expiring { days_left: 1 }, Lang::De) => "läuft morgen ab".into(),
        (Reason::Expiring { days_left: n }, Lang::De) => format!("läuft in {n} Tagen ab"),
        (Reason::Global { retired: false }, Lang::De) => format!(
            "gilt für alle zugänglichen Organisationen: globale Tokens funktionieren ab {retire} nicht mehr"
        ),
        (Reason::Global { retired: true }, Lang::De) => format!(
            "gilt für alle zugänglichen Organisationen: globale Tokens funktionieren seit {retire} nicht mehr, dieses Token also auch nicht"
        ),
        (Reason::FullAccess, Lang::De) => "Vollzugriff auf alles, was Sie tun dürfen".into(),
        (Reason::HighPrivilege { scopes }, Lang::De) => {
            format!("Bereiche mit hohen Rechten: {}", scopes.join(", "))
        }
    }
}

pub fn advice_text(advice: Advice, lang: Lang) -> &'static str {
    match (advice, lang) {
        (Advice::RegenerateOrRevoke, Lang::En) => {
            "Still needed? Select it and choose Regenerate. Not needed? Revoke it."
        }
        (Advice::Revoke, Lang::En) => {
            "Revoke it, and create a narrower token for a single organization if something still needs access."
        }
        (Advice::RegenerateOrRevoke, Lang::De) => {
            "Noch nötig? Auswählen und „Neu generieren“ wählen. Nicht mehr nötig? Widerrufen."
        }
        (Advice::Revoke, Lang::De) => {
            "Widerrufen und, falls noch Zugriff nötig ist, ein engeres Token für eine Organisation erstellen."
        }
    }
}

/// What the audit could not see: the page lists only the tokens of its status filter
/// (by default the active ones); expired and revoked tokens are separate views.
pub fn filter_note(list: &ListState, lang: Lang) -> Option<String> {
    let filter = list.status_filter.as_deref()?;
    Some(match lang {
        Lang::En => format!(
            "PAT Guard audited the tokens listed under “{filter}”. Expired tokens are in the “Expired” view of the status filter; revoked ones in “Revoked”."
        ),
        Lang::De => format!(
            "PAT Guard hat die unter „{filter}“ aufgeführten Tokens geprüft. Abgelaufene Tokens stehen in der Ansicht „Abgelaufen“ des Statusfilters, widerrufene in „Widerrufen“."
        ),
    })
}

/// The tooltip on a marked row: reasons, then the advice.
pub fn row_title(audit: &RowAudit, lang: Lang) -> String {
    let reasons: Vec<String> = audit.reasons.iter().map(|r| reason_text(r, lang)).collect();
    format!(
        "{}. {}",
        reasons.join("; "),
        advice_text(audit.advice, lang)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::page_text;

    fn today() -> Date {
        Date::new(2026, 11, 28).unwrap()
    }

    fn row(h: u32, name: &str, status: &str, org: &str, expires: &str) -> ListRow {
        ListRow {
            handle: h,
            name: name.into(),
            status: status.into(),
            organization: org.into(),
            expires: expires.into(),
            selected: false,
        }
    }

    /// The replica's seed list, relative to today.
    fn seed(lang: Lang) -> ListState {
        let all = page_text(PageText::AllOrgs, lang);
        let active = page_text(PageText::StatusActive, lang);
        let expired = page_text(PageText::StatusExpired, lang);
        ListState {
            status_filter: None,
            lang,
            new_token: None,
            rows: vec![
                row(1, "build-agent-2025", expired, "contoso", "2026/11/24"),
                row(2, "nuget-publish", active, "contoso", "2026/12/1"),
                row(3, "vsce-marketplace", active, all, "2026/12/23"),
                row(4, "git-laptop", active, "contoso", "2027/1/27"),
            ],
        }
    }

    #[test]
    fn flags_expired_expiring_and_global_rows_of_the_seed_list() {
        for lang in Lang::ALL {
            let audits = audit_list(&seed(lang), today(), DEFAULT_WINDOW_DAYS, &[]);
            let names: Vec<&str> = audits.iter().map(|a| a.name.as_str()).collect();
            assert_eq!(
                names,
                ["build-agent-2025", "nuget-publish", "vsce-marketplace"]
            );
            assert_eq!(audits[0].reasons, [Reason::Expired { days_ago: Some(4) }]);
            assert_eq!(audits[0].advice, Advice::RegenerateOrRevoke);
            assert_eq!(audits[1].reasons, [Reason::Expiring { days_left: 3 }]);
            assert_eq!(audits[1].advice, Advice::RegenerateOrRevoke);
            assert_eq!(audits[1].severity, Severity::Warning);
            assert_eq!(audits[2].reasons, [Reason::Global { retired: false }]);
            assert_eq!(audits[2].advice, Advice::Revoke);
            assert_eq!(audits[2].severity, Severity::Critical);
            assert_eq!(summary(&audits, Lang::En), "3 tokens need attention");
        }
    }

    #[test]
    fn window_is_configurable_and_inclusive() {
        let list = seed(Lang::En);
        let names = |w| -> Vec<String> {
            audit_list(&list, today(), w, &[])
                .into_iter()
                .map(|a| a.name)
                .collect()
        };
        assert_eq!(names(2), ["build-agent-2025", "vsce-marketplace"]);
        assert_eq!(names(3).len(), 3);
        assert_eq!(names(60).len(), 4); // git-laptop expires in 60 days
        assert_eq!(names(59).len(), 3);
    }

    #[test]
    fn german_dates_and_status_only_expiry() {
        let r = row(9, "x", "Abgelaufen", "contoso", "29.11.2026");
        let a = audit_row(&r, today(), 7, &[]).unwrap();
        assert_eq!(a.reasons, [Reason::Expiring { days_left: 1 }]);
        assert_eq!(a.severity, Severity::Critical);
        let r = row(
            9,
            "x",
            page_text(PageText::StatusExpired, Lang::De),
            "c",
            "—",
        );
        let a = audit_row(&r, today(), 7, &[]).unwrap();
        assert_eq!(a.reasons, [Reason::Expired { days_ago: None }]);
        let r = row(9, "x", "Active", "c", "unreadable");
        assert_eq!(audit_row(&r, today(), 7, &[]), None);
    }

    #[test]
    fn inventory_scopes_flag_full_access_and_high_privilege() {
        let entry = |name: &str, org: &str, scopes: &[&str]| InventoryEntry {
            name: name.into(),
            organization: org.into(),
            scopes: scopes.iter().map(|s| s.to_string()).collect(),
            created_date: "2026-11-01".into(),
            ..Default::default()
        };
        let inv = [
            entry("git-laptop", "contoso", &["app_token"]),
            entry("other", "contoso", &["user_impersonation", "vso.code"]),
            entry("plain", "contoso", &["vso.code"]),
        ];
        let list = ListState {
            status_filter: None,
            lang: Lang::En,
            new_token: None,
            rows: vec![
                row(1, "git-laptop", "Active", "contoso", "2027/1/27"),
                row(2, "other", "Active", "contoso", "2027/1/27"),
                row(3, "plain", "Active", "contoso", "2027/1/27"),
                row(4, "git-laptop", "Active", "fabrikam", "2027/1/27"),
            ],
        };
        let audits = audit_list(&list, today(), 7, &inv);
        assert_eq!(audits.len(), 2);
        assert_eq!(audits[0].reasons, [Reason::FullAccess]);
        assert_eq!(audits[0].advice, Advice::Revoke);
        assert_eq!(
            audits[1].reasons,
            [Reason::HighPrivilege {
                scopes: vec!["user_impersonation".into()]
            }]
        );
        assert_eq!(audits[1].severity, Severity::Warning);
    }

    #[test]
    fn texts_name_the_reason_and_the_action() {
        let audits = audit_list(&seed(Lang::En), today(), 7, &[]);
        assert_eq!(
            row_title(&audits[0], Lang::En),
            "expired 4 days ago. Still needed? Select it and choose Regenerate. Not needed? Revoke it."
        );
        assert!(row_title(&audits[2], Lang::En).contains("stop working on 2026-12-01"));
        let after = audit_list(&seed(Lang::En), Date::new(2026, 12, 6).unwrap(), 7, &[]);
        let global = after
            .iter()
            .find(|a| a.reasons.iter().any(|r| matches!(r, Reason::Global { .. })))
            .unwrap();
        let title = row_title(global, Lang::En);
        assert!(title.contains("stopped working on 2026-12-01"), "{title}");
        assert!(!title.contains("stop working"), "{title}");
        assert!(row_title(global, Lang::De).contains("seit 2026-12-01"));
        assert!(row_title(&audits[2], Lang::En).contains("Revoke it"));
        assert_eq!(
            row_title(&audits[1], Lang::De).split('.').next(),
            Some("läuft in 3 Tagen ab")
        );
        assert_eq!(summary(&audits[..1], Lang::En), "1 token needs attention");
        assert_eq!(summary(&[], Lang::De), "Kein Token braucht Aufmerksamkeit.");
    }
}
