//! The token list audit (which rows need attention, marked on the page) and the
//! inventory records sent to the background after a token is created (metadata only).

use super::{App, Effect};
use crate::protocol::Outgoing;
use patguard_core::action::Action;
use patguard_core::audit::{audit_list, row_title, RowAudit, DEFAULT_WINDOW_DAYS};
use patguard_core::date::Date;
use patguard_core::inventory::{parse_inventory, token_page_of, InventoryEntry};
use patguard_core::page::PageView;

/// The audit of the list the page shows, and what was last marked for it.
#[derive(Debug, Default)]
pub struct ListAudit {
    pub rows: Vec<RowAudit>,
    marks_signature: String,
}

/// Reminder days from the user's settings (`reminderDays`: positive whole days), else 7 and 1.
pub fn reminder_days(settings_json: &str) -> Vec<i64> {
    let days: Vec<i64> = serde_json::from_str::<serde_json::Value>(settings_json)
        .ok()
        .and_then(|v| v.get("reminderDays")?.as_array().cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|d| d.as_i64())
        .filter(|d| (1..=365).contains(d))
        .collect();
    if days.is_empty() {
        vec![DEFAULT_WINDOW_DAYS, 1]
    } else {
        days
    }
}

impl App {
    /// The audit window: the longest reminder period.
    pub fn set_reminder_settings(&mut self, settings_json: &str) {
        self.audit_window_days = reminder_days(settings_json)
            .into_iter()
            .max()
            .unwrap_or(DEFAULT_WINDOW_DAYS);
    }

    /// The stored inventory (JSON array); re-audits the list with the scopes it knows.
    pub fn set_inventory(&mut self, json: &str) -> Vec<Effect> {
        self.inventory = parse_inventory(json);
        self.refresh_audit()
    }

    pub fn list_audit(&self) -> &[RowAudit] {
        &self.audit.rows
    }

    /// Recomputes the audit on the list and marks flagged rows, only when that changed.
    pub(super) fn refresh_audit(&mut self) -> Vec<Effect> {
        let Some(PageView::List(list)) = &self.view else {
            self.audit.rows.clear();
            if self.audit.marks_signature.is_empty() {
                return Vec::new();
            }
            self.audit.marks_signature.clear();
            return vec![Effect::Agent(Outgoing::Act {
                id: 0,
                gen: 0,
                actions: vec![Action::ClearMarks],
            })];
        };
        let today = Date::from_days_since_epoch(self.today);
        let rows = audit_list(list, today, self.audit_window_days, &self.inventory);
        let lang = list.lang;
        let marks: Vec<Action> = rows
            .iter()
            .map(|a| Action::Mark {
                h: Some(a.handle),
                severity: a.severity.as_str().into(),
                title: row_title(a, lang),
            })
            .collect();
        // Handles change with every snapshot, so the signature is what the marks say and where.
        let signature = rows
            .iter()
            .map(|a| format!("{}:{}:{}", a.handle, a.name, row_title(a, lang)))
            .collect::<Vec<_>>()
            .join("|");
        self.audit.rows = rows;
        if signature == self.audit.marks_signature {
            return Vec::new();
        }
        self.audit.marks_signature = signature;
        let mut actions = vec![Action::ClearMarks];
        actions.extend(marks);
        vec![Effect::Agent(Outgoing::Act {
            id: 0,
            gen: self.gen(),
            actions,
        })]
    }

    /// The inventory entry for the token on the success view: name, organization, preset,
    /// scopes and dates from the form it was made with. Never the token.
    pub fn inventory_entry(&self) -> Option<InventoryEntry> {
        let s = self.success.as_ref()?;
        let memo = s.memo.as_ref()?;
        if memo.name.trim().is_empty() {
            return None;
        }
        let today = Date::from_days_since_epoch(self.today);
        let scopes = if memo.full_access {
            vec![patguard_core::inventory::FULL_ACCESS_SCOPE.to_string()]
        } else {
            memo.scopes.clone()
        };
        Some(InventoryEntry {
            name: memo.name.trim().to_string(),
            organization: memo.organization.clone(),
            all_organizations: memo.all_organizations,
            preset: self.chosen_preset.clone(),
            scopes,
            created_date: today.to_string(),
            expiry_date: memo.expiry_days.map(|d| today.add_days(d).to_string()),
            token_page: self.snap.as_ref().and_then(|s| token_page_of(&s.url)),
            saved_to: s.saved.iter().map(|s| s.to_string()).collect(),
            rotated_to: None,
            rotated_on: None,
        })
    }

    /// A record (or update, when a hand-off was added) for the background, once per change.
    pub fn inventory_effects(&mut self) -> Vec<Effect> {
        let mut out = self.new_entry_effects();
        out.extend(self.rotation_effects());
        out
    }

    fn new_entry_effects(&mut self) -> Vec<Effect> {
        let Some(entry) = self.inventory_entry() else {
            if self.success.is_none() {
                self.inventory_sent = None;
            }
            return Vec::new();
        };
        let entry_json = entry.to_json_string();
        if self.inventory_sent.as_deref() == Some(entry_json.as_str()) {
            return Vec::new();
        }
        self.inventory_sent = Some(entry_json.clone());
        vec![Effect::RecordInventory { entry_json }]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::Incoming;
    use patguard_core::audit::Reason;
    use patguard_core::catalog::Lang;
    use patguard_core::snapshot::Snapshot;

    const TODAY: i64 = 20_785; // 2026-11-28, the day the fixtures were captured

    fn snapshot(name: &str) -> Box<Snapshot> {
        Box::new(patguard_core::testkit::fixture(name))
    }

    fn marks(out: &[Effect]) -> Vec<(String, String)> {
        out.iter()
            .filter_map(|e| match e {
                Effect::Agent(Outgoing::Act { actions, .. }) => Some(actions),
                _ => None,
            })
            .flatten()
            .filter_map(|a| match a {
                Action::Mark {
                    severity, title, ..
                } => Some((severity.clone(), title.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_list_audit_marks_expired_expiring_and_global_rows_once() {
        for name in ["list-en", "list-de"] {
            let mut app = App::new(Lang::En, TODAY);
            let out = app.on_message(Incoming::Snapshot {
                snap: snapshot(name),
            });
            let names: Vec<&str> = app.list_audit().iter().map(|a| a.name.as_str()).collect();
            assert_eq!(
                names,
                ["build-agent-2025", "nuget-publish", "vsce-marketplace"],
                "{name}"
            );
            assert!(matches!(
                app.list_audit()[0].reasons[0],
                Reason::Expired { .. }
            ));
            let m = marks(&out);
            assert_eq!(m.len(), 3, "{name}");
            assert_eq!(m[2].0, "critical");
            // The same list again: nothing is re-sent.
            let again = app.on_message(Incoming::Snapshot {
                snap: snapshot(name),
            });
            assert!(marks(&again).is_empty());
        }
    }

    #[test]
    fn the_inventory_adds_scope_reasons_and_settings_set_the_window() {
        let mut app = App::new(Lang::En, TODAY);
        app.set_reminder_settings(r#"{"reminderDays":[70,1]}"#);
        app.on_message(Incoming::Snapshot {
            snap: snapshot("list-en"),
        });
        assert_eq!(app.list_audit().len(), 4); // git-laptop (60 days) is within 70
        let out = app.set_inventory(
            r#"[{"name":"git-laptop","organization":"contoso","scopes":["app_token"],"createdDate":"2026-11-28"}]"#,
        );
        assert!(app.list_audit()[3].reasons.contains(&Reason::FullAccess));
        assert_eq!(marks(&out).len(), 4);
        assert_eq!(reminder_days("null"), [7, 1]);
        assert_eq!(reminder_days(r#"{"reminderDays":[0,"x",3]}"#), [3]);
    }

    #[test]
    fn leaving_the_list_clears_its_marks() {
        let mut app = App::new(Lang::En, TODAY);
        app.on_message(Incoming::Snapshot {
            snap: snapshot("list-en"),
        });
        let out = app.on_message(Incoming::Snapshot {
            snap: snapshot("revoke-en"),
        });
        assert!(out.iter().any(|e| matches!(e,
            Effect::Agent(Outgoing::Act { actions, .. }) if actions == &[Action::ClearMarks])));
        assert!(app.list_audit().is_empty());
    }

    #[test]
    fn the_success_view_records_metadata_once_and_never_the_token() {
        let mut app = App::new(Lang::En, TODAY);
        app.on_message(Incoming::Snapshot {
            snap: snapshot("create-expanded-en"),
        });
        app.memo = Some(super::super::FormMemo {
            name: "ci-e2e".into(),
            organization: "contoso".into(),
            all_organizations: false,
            scopes: vec!["vso.code".into()],
            full_access: false,
            expiry_days: Some(30),
        });
        app.chosen_preset = Some("git-read".into());
        let out = app.on_message(Incoming::Snapshot {
            snap: snapshot("success-en"),
        });
        let records: Vec<&String> = out
            .iter()
            .filter_map(|e| match e {
                Effect::RecordInventory { entry_json } => Some(entry_json),
                _ => None,
            })
            .collect();
        assert_eq!(records.len(), 1);
        let v: serde_json::Value = serde_json::from_str(records[0]).unwrap();
        assert_eq!(v["name"], "ci-e2e");
        assert_eq!(v["preset"], "git-read");
        assert_eq!(v["expiryDate"], "2026-12-28");
        assert_eq!(v["createdDate"], "2026-11-28");
        assert_eq!(
            v["tokenPage"],
            "https://dev.azure.com/contoso/_usersSettings/tokens"
        );
        let snap = snapshot("success-en");
        let token = app.success().map(|_| ()).and(
            snap.find(match app.view() {
                Some(PageView::Success(s)) => s.token_field,
                _ => unreachable!(),
            })
            .and_then(|n| n.expose_value().map(String::from)),
        );
        let token = token.expect("the fixture shows a token");
        assert!(!records[0].contains(token.trim()));
        // Nothing changed: no second record; a hand-off updates savedTo.
        assert!(app.inventory_effects().is_empty());
        app.success.as_mut().unwrap().saved.push("kdbx");
        let out = app.inventory_effects();
        assert!(
            matches!(out.as_slice(), [Effect::RecordInventory { entry_json }] if entry_json.contains(r#""savedTo":["kdbx"]"#))
        );
    }
}
