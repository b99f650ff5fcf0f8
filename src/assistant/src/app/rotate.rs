//! Regenerate records and rotations (issue #8). The list assistant remembers the selected
//! row (name, organization and what the inventory knows about it) so that the success
//! view after the user's Regenerate records the token with its new dates. A rotation
//! starts from the list audit: the agent clicks the page's New Token command, and the
//! assistant of the create panel applies the old token's preset and sets the new name.
//! PAT Guard never clicks Regenerate or Revoke.

use super::job::JobKind;
use super::{App, Effect, FormMemo, Notice, Rotation, RowMemo};
use crate::protocol::{ActOutcome, Outgoing};
use patguard_core::action::{Action, Expect};
use patguard_core::catalog::{catalog, page_text, PageText};
use patguard_core::date::Date;
use patguard_core::inventory::{rotated_name, InventoryEntry, FULL_ACCESS_SCOPE};
use patguard_core::page::{FormMode, ListRow, ListState, PageView};
use patguard_core::planner::{with_snapshot_expects, Step};

fn is_all_orgs(organization: &str) -> bool {
    patguard_core::catalog::Lang::ALL
        .iter()
        .any(|&l| organization.trim() == page_text(PageText::AllOrgs, l))
}

impl App {
    fn row_memo(&self, row: &ListRow) -> RowMemo {
        let all = is_all_orgs(&row.organization);
        let entry = self
            .inventory
            .iter()
            .find(|e| {
                e.name == row.name
                    && (e.organization == row.organization || (e.all_organizations && all))
            })
            .cloned();
        RowMemo {
            name: row.name.clone(),
            organization: row.organization.clone(),
            all_organizations: all,
            entry,
        }
    }

    /// On the list: a finished panel's memory is over; the selected row is remembered.
    pub(super) fn on_list(&mut self, list: &ListState) {
        self.memo = None;
        self.chosen_preset = None;
        if self.rotation.as_ref().is_some_and(|r| r.applied) {
            self.rotation = None;
        }
        self.selected = list.selected_row().map(|r| Box::new(self.row_memo(r)));
    }

    /// The selected row, as the list assistant remembers it.
    pub fn selected_row(&self) -> Option<&RowMemo> {
        self.selected.as_deref()
    }

    pub fn rotation(&self) -> Option<&Rotation> {
        self.rotation.as_deref()
    }

    /// The form memo of a regenerated token: the selected row's name and organization,
    /// the inventory's scopes, and the old lifetime (unknown without the inventory).
    pub(super) fn regenerated_memo(&mut self) -> Option<FormMemo> {
        let row = self.selected.clone()?;
        let lifetime = row.lifetime_days();
        let entry = row.entry.clone().unwrap_or_default();
        self.chosen_preset = entry.preset.clone();
        self.notice = Some(match lifetime {
            Some(days) => Notice::Info(format!(
                "“{}” regenerated: recorded in the inventory with today's date and its {days}-day lifetime.",
                row.name
            )),
            None => Notice::Info(format!(
                "“{}” regenerated: recorded in the inventory with today's date. Its new expiry date is unknown — PAT Guard did not see when this token was made, so it cannot tell how long it lasts. The token list shows the date.",
                row.name
            )),
        });
        Some(FormMemo {
            name: row.name.clone(),
            organization: row.organization.clone(),
            all_organizations: row.all_organizations || entry.all_organizations,
            scopes: entry
                .scopes
                .iter()
                .filter(|s| *s != FULL_ACCESS_SCOPE)
                .cloned()
                .collect(),
            full_access: entry.full_access(),
            expiry_days: lifetime,
        })
    }

    /// Rotate a listed token: remember it, then click the page's New Token command.
    pub fn rotate(&mut self, name: &str) -> Vec<Effect> {
        let Some(PageView::List(list)) = &self.view else {
            self.notice = Some(Notice::Error("Rotate works on the token list.".into()));
            return Vec::new();
        };
        let Some(row) = list.rows.iter().find(|r| r.name == name) else {
            self.notice = Some(Notice::Error(format!("“{name}” is no longer listed.")));
            return Vec::new();
        };
        let Some(new_token) = list.new_token else {
            self.notice = Some(Notice::Error(format!(
                "The page's “{}” command was not recognised, so PAT Guard cannot open the form.",
                page_text(PageText::NewToken, list.lang)
            )));
            return Vec::new();
        };
        let from = self.row_memo(row);
        let today = Date::from_days_since_epoch(self.today);
        let new_name = rotated_name(name, today);
        let step = Step::Actions(vec![Action::Click {
            h: new_token,
            expect: Expect {
                role: None,
                checked: None,
                name: Some(page_text(PageText::NewToken, list.lang).to_string()),
            },
        }]);
        let step = match &self.snap {
            Some(snap) => with_snapshot_expects(snap, step),
            None => step,
        };
        let Step::Actions(actions) = step else {
            self.notice = Some(Notice::Error(
                "The New Token command changed; try again.".into(),
            ));
            return Vec::new();
        };
        self.rotation = Some(Box::new(Rotation {
            from,
            new_name: new_name.clone(),
            applied: false,
        }));
        self.notice = Some(Notice::Info(format!(
            "Rotating “{name}”: opening a new token “{new_name}”…"
        )));
        let id = self.next_id();
        self.rotate_click = Some(id);
        // The memory first: the create panel's assistant reads it when it mounts.
        vec![
            Effect::Agent(Outgoing::Remember {
                data: self.remembered(),
            }),
            Effect::Agent(Outgoing::Act {
                id,
                gen: self.gen(),
                actions,
            }),
        ]
    }

    /// The agent's answer to the New Token click; `None` when `id` is not that click.
    pub(super) fn on_rotate_click_result(
        &mut self,
        id: u32,
        results: &[ActOutcome],
    ) -> Option<Vec<Effect>> {
        if self.rotate_click != Some(id) {
            return None;
        }
        self.rotate_click = None;
        if let Some(err) = results
            .iter()
            .find_map(|r| (!r.ok).then(|| r.error.clone().unwrap_or_default()))
        {
            self.rotation = None;
            self.notice = Some(Notice::Error(format!(
                "The New Token command was not clicked ({err}). Nothing changed."
            )));
            return Some(vec![Effect::Agent(Outgoing::Remember {
                data: self.remembered(),
            })]);
        }
        Some(Vec::new())
    }

    /// In the create panel: a pending rotation fills the form (preset, then name).
    pub(super) fn start_rotation(&mut self) -> Option<Vec<Effect>> {
        let form = self.form()?;
        let mode = form.mode;
        let rotation = self.rotation.as_mut().filter(|r| !r.applied)?;
        rotation.applied = true;
        if mode != FormMode::Create {
            // Edit is not a rotation: the user opened something else.
            self.rotation = None;
            return None;
        }
        let rotation = rotation.clone();
        let from = &rotation.from;
        let preset = from.preset().and_then(|id| self.find_preset(id)).cloned();
        let (target, expiry_days, note) = match &preset {
            Some(p) => {
                self.chosen_preset = Some(p.id.clone());
                (Some(p.scope_set()), Some(p.recommended_days), None)
            }
            None => (None, None, Some(self.scopes_note(from))),
        };
        let label = format!("Rotate “{}”", from.name);
        let mut out = self.start_job(
            label,
            JobKind::Rotate {
                target,
                expiry_days,
                name: rotation.new_name.clone(),
            },
        );
        if let Some(job) = &mut self.job {
            job.note = note.clone();
        } else if let Some(note) = note {
            // Done at once or stopped: keep the scopes in view.
            if let Some(Notice::Success(m) | Notice::Info(m) | Notice::Error(m)) = &mut self.notice
            {
                m.push(' ');
                m.push_str(&note);
            }
        }
        out.push(Effect::Agent(Outgoing::Remember {
            data: self.remembered(),
        }));
        Some(out)
    }

    /// What the inventory knew of the old token's scopes, for the user to choose from.
    fn scopes_note(&self, from: &RowMemo) -> String {
        let lang = self.lang();
        let Some(entry) = &from.entry else {
            return format!(
                "PAT Guard does not know which scopes “{}” had (it is not in the inventory): choose them.",
                from.name
            );
        };
        if entry.full_access() {
            return format!(
                "“{}” had Full access: choose only the scopes the new token needs.",
                from.name
            );
        }
        let labels: Vec<String> = entry
            .scopes
            .iter()
            .map(|id| match catalog().scope(id) {
                Some(s) => format!("{} ({})", s.group.label(lang), s.level.label(lang)),
                None => id.clone(),
            })
            .collect();
        if labels.is_empty() {
            format!(
                "The inventory lists no scopes for “{}”: choose them.",
                from.name
            )
        } else {
            format!(
                "Its preset is unknown; “{}” had these scopes: {}. Choose them.",
                from.name,
                labels.join(", ")
            )
        }
    }

    /// After a rotation's new token is shown: the old entry marked rotated (once).
    pub(super) fn rotation_effects(&mut self) -> Vec<Effect> {
        let Some(rotation) = &self.rotation else {
            self.rotation_sent = None;
            return Vec::new();
        };
        let new_recorded = self
            .success
            .as_ref()
            .and_then(|s| s.memo.as_ref())
            .is_some_and(|m| m.name.trim() == rotation.new_name);
        let Some(old) = rotation.from.entry.clone().filter(|_| new_recorded) else {
            return Vec::new();
        };
        let entry = InventoryEntry {
            rotated_to: Some(rotation.new_name.clone()),
            rotated_on: Some(Date::from_days_since_epoch(self.today).to_string()),
            ..old
        };
        let entry_json = entry.to_json_string();
        if self.rotation_sent.as_deref() == Some(entry_json.as_str()) {
            return Vec::new();
        }
        self.rotation_sent = Some(entry_json.clone());
        vec![Effect::RecordInventory { entry_json }]
    }

    /// The row a reminder asked to highlight: `patguard-rotate=<name>` in the page URL's
    /// fragment or query.
    pub fn highlighted_row(&self) -> Option<String> {
        let url = &self.snap.as_ref()?.url;
        let tail = url.split_once(['?', '#'])?.1;
        tail.split(['&', '#', '?'])
            .find_map(|kv| kv.strip_prefix("patguard-rotate="))
            .and_then(percent_decode)
            .filter(|n| !n.is_empty())
    }

    /// What the inventory says about a listed token's rotation.
    pub fn rotated_to(&self, name: &str, organization: &str) -> Option<&str> {
        self.inventory
            .iter()
            .find(|e| e.name == name && e.organization == organization)
            .and_then(|e| e.rotated_to.as_deref())
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let hex = s.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::super::Memory;
    use super::*;
    use crate::protocol::Incoming;
    use patguard_core::catalog::Lang;
    use patguard_core::snapshot::Snapshot;

    const TODAY: i64 = 20_785; // 2026-11-28

    fn snapshot(name: &str) -> Box<Snapshot> {
        Box::new(patguard_core::testkit::fixture(name))
    }

    fn remembered(out: &[Effect]) -> Option<Memory> {
        out.iter().rev().find_map(|e| match e {
            Effect::Agent(Outgoing::Remember { data }) => Some(data.clone()),
            _ => None,
        })
    }

    fn records(out: &[Effect]) -> Vec<serde_json::Value> {
        out.iter()
            .filter_map(|e| match e {
                Effect::RecordInventory { entry_json } => {
                    Some(serde_json::from_str(entry_json).unwrap())
                }
                _ => None,
            })
            .collect()
    }

    fn acts(out: &[Effect]) -> Vec<&Action> {
        out.iter()
            .filter_map(|e| match e {
                Effect::Agent(Outgoing::Act { id, actions, .. }) if *id != 0 => Some(actions),
                _ => None,
            })
            .flatten()
            .collect()
    }

    const GIT_LAPTOP: &str = r#"[{"name":"git-laptop","organization":"contoso","preset":"git-read","scopes":["vso.code"],"createdDate":"2026-10-01","expiryDate":"2026-11-30","savedTo":["kdbx"]}]"#;

    /// The list frame with `inventory`, on `list`; what it asked the agent to keep.
    fn list_frame(list: &str, inventory: &str) -> (App, Memory) {
        let mut app = App::new(Lang::En, TODAY);
        app.set_inventory(inventory);
        app.on_message(Incoming::Memory {
            data: Memory {
                memo: Some(FormMemo {
                    name: "an-earlier-panel".into(),
                    ..Default::default()
                }),
                preset: Some("full-stale".into()),
                ..Default::default()
            },
        });
        let out = app.on_message(Incoming::Snapshot {
            snap: snapshot(list),
        });
        let memory = remembered(&out).expect("the list resets the panel memory");
        (app, memory)
    }

    fn frame_with(memory: Memory, inventory: &str) -> App {
        let mut app = App::new(Lang::En, TODAY);
        app.on_message(Incoming::Memory { data: memory });
        app.set_inventory(inventory);
        app
    }

    #[test]
    fn the_list_remembers_the_selected_row_and_forgets_an_earlier_panel() {
        let (app, memory) = list_frame("list-selected-en", GIT_LAPTOP);
        assert_eq!(memory.memo, None);
        assert_eq!(memory.preset, None);
        let row = memory.selected.as_ref().expect("the selected row");
        assert_eq!(
            (row.name.as_str(), row.organization.as_str()),
            ("git-laptop", "contoso")
        );
        assert_eq!(row.lifetime_days(), Some(60));
        assert_eq!(app.selected_row(), Some(&**row));
        let (_, memory) = list_frame("list-en", GIT_LAPTOP);
        assert_eq!(memory.selected, None);
    }

    #[test]
    fn a_regenerate_records_the_selected_token_with_its_old_lifetime() {
        let (_, memory) = list_frame("list-selected-en", GIT_LAPTOP);
        // The confirmation dialog's frame keeps the memory as it is.
        let mut confirm = frame_with(memory.clone(), GIT_LAPTOP);
        let out = confirm.on_message(Incoming::Snapshot {
            snap: snapshot("revoke-en"),
        });
        assert!(remembered(&out).is_none());
        let mut success = frame_with(memory, GIT_LAPTOP);
        let out = success.on_message(Incoming::Snapshot {
            snap: snapshot("success-regenerated-en"),
        });
        let recs = records(&out);
        assert_eq!(recs.len(), 1, "{recs:?}");
        let r = &recs[0];
        assert_eq!(r["name"], "git-laptop");
        assert_eq!(r["organization"], "contoso");
        assert_eq!(r["preset"], "git-read");
        assert_eq!(r["scopes"], serde_json::json!(["vso.code"]));
        assert_eq!(r["createdDate"], "2026-11-28");
        assert_eq!(r["expiryDate"], "2027-01-27"); // 60 days, as before
        assert!(r.get("token").is_none());
        let token = snapshot("success-regenerated-en")
            .find(success.success().unwrap().token_field)
            .and_then(|n| n.expose_value().map(String::from))
            .unwrap();
        assert!(!out.iter().any(|e| format!("{e:?}").contains(token.trim())));
        assert!(matches!(success.notice(), Some(Notice::Info(m)) if m.contains("60-day")));
    }

    #[test]
    fn a_regenerate_without_the_inventory_says_the_expiry_is_unknown() {
        let (_, memory) = list_frame("list-selected-en", "null");
        let mut success = frame_with(memory, "null");
        let out = success.on_message(Incoming::Snapshot {
            snap: snapshot("success-regenerated-en"),
        });
        let recs = records(&out);
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0]["name"], "git-laptop");
        assert_eq!(recs[0]["createdDate"], "2026-11-28");
        assert_eq!(recs[0]["expiryDate"], serde_json::Value::Null);
        assert!(matches!(success.notice(), Some(Notice::Info(m)) if m.contains("unknown")));
        // Nothing selected: a regenerate records nothing (nothing is guessed).
        let (_, memory) = list_frame("list-en", "null");
        let mut success = frame_with(memory, "null");
        let out = success.on_message(Incoming::Snapshot {
            snap: snapshot("success-regenerated-en"),
        });
        assert!(records(&out).is_empty());
    }

    const NUGET: &str = r#"[{"name":"nuget-publish","organization":"contoso","preset":"git-read","scopes":["vso.code"],"createdDate":"2026-11-01","expiryDate":"2026-12-01","savedTo":[]}]"#;

    #[test]
    fn rotate_clicks_new_token_then_the_panel_applies_the_preset_and_the_name() {
        let (mut list, _) = list_frame("list-en", NUGET);
        let out = list.rotate("nuget-publish");
        let memory = remembered(&out).expect("the rotation is remembered first");
        assert!(matches!(out[0], Effect::Agent(Outgoing::Remember { .. })));
        let rotation = memory.rotation.clone().unwrap();
        assert_eq!(rotation.new_name, "nuget-publish-2026-11");
        assert!(!rotation.applied);
        let PageView::List(l) = list.view().unwrap() else {
            unreachable!()
        };
        match acts(&out).as_slice() {
            [Action::Click { h, expect }] => {
                assert_eq!(Some(*h), l.new_token);
                assert_eq!(expect.name.as_deref(), Some("New Token"));
            }
            other => panic!("{other:?}"),
        }
        // A list snapshot before the panel opens keeps the pending rotation.
        let again = list.on_message(Incoming::Snapshot {
            snap: snapshot("list-en"),
        });
        assert!(remembered(&again).is_none());

        let mut panel = frame_with(memory, NUGET);
        let out = panel.on_message(Incoming::Snapshot {
            snap: snapshot("create-collapsed-en"),
        });
        assert_eq!(panel.busy(), Some("Rotate “nuget-publish”"));
        assert!(!acts(&out).is_empty());
        let memory = remembered(&out).unwrap();
        assert!(memory.rotation.as_ref().unwrap().applied);
        assert_eq!(memory.preset.as_deref(), Some("git-read"));
        // A remounted panel frame does not start it again.
        let mut remount = frame_with(memory, NUGET);
        remount.on_message(Incoming::Snapshot {
            snap: snapshot("create-collapsed-en"),
        });
        assert_eq!(remount.busy(), None);
    }

    #[test]
    fn rotate_without_a_known_preset_sets_the_name_and_names_the_old_scopes() {
        let inv = r#"[{"name":"nuget-publish","organization":"contoso","scopes":["vso.packaging_write"],"createdDate":"2026-11-01","expiryDate":"2026-12-01"}]"#;
        let (mut list, _) = list_frame("list-en", inv);
        let memory = remembered(&list.rotate("nuget-publish")).unwrap();
        let mut panel = frame_with(memory, inv);
        let out = panel.on_message(Incoming::Snapshot {
            snap: snapshot("create-collapsed-en"),
        });
        match acts(&out).as_slice() {
            [Action::SetValue { value, .. }] => assert_eq!(value, "nuget-publish-2026-11"),
            other => panic!("{other:?}"),
        }
        // The outcome names the scopes the old token had.
        panel.job.as_ref().unwrap();
        let note = panel.job.as_ref().unwrap().note.clone().unwrap();
        assert!(note.contains("Packaging"), "{note}");
        // Not in the inventory at all: said so.
        let (mut list, _) = list_frame("list-en", "null");
        let memory = remembered(&list.rotate("build-agent-2025")).unwrap();
        assert_eq!(
            memory.rotation.unwrap().new_name,
            "build-agent-2025-2026-11"
        );
        assert!(list.rotate("no-such-token").is_empty());
    }

    #[test]
    fn the_new_token_is_recorded_and_the_old_entry_marked_rotated() {
        let from = RowMemo {
            name: "nuget-publish".into(),
            organization: "contoso".into(),
            all_organizations: false,
            entry: patguard_core::inventory::parse_inventory(NUGET)
                .into_iter()
                .next(),
        };
        let memory = Memory {
            memo: Some(FormMemo {
                name: "nuget-publish-2026-11".into(),
                organization: "contoso".into(),
                scopes: vec!["vso.code".into()],
                expiry_days: Some(30),
                ..Default::default()
            }),
            preset: Some("git-read".into()),
            selected: None,
            rotation: Some(Box::new(Rotation {
                from,
                new_name: "nuget-publish-2026-11".into(),
                applied: true,
            })),
        };
        let mut success = frame_with(memory, NUGET);
        let out = success.on_message(Incoming::Snapshot {
            snap: snapshot("success-en"),
        });
        let recs = records(&out);
        assert_eq!(recs.len(), 2, "{recs:?}");
        assert_eq!(recs[0]["name"], "nuget-publish-2026-11");
        assert_eq!(recs[0]["expiryDate"], "2026-12-28");
        assert!(recs[0].get("rotatedTo").is_none());
        assert_eq!(recs[1]["name"], "nuget-publish");
        assert_eq!(recs[1]["rotatedTo"], "nuget-publish-2026-11");
        assert_eq!(recs[1]["rotatedOn"], "2026-11-28");
        assert_eq!(recs[1]["createdDate"], "2026-11-01");
        assert!(success.inventory_effects().is_empty(), "sent once");
        // Back on the list: the rotation is over.
        let (list, _) = list_frame("list-en", NUGET);
        assert!(list.rotation().is_none());
    }

    #[test]
    fn a_reminder_link_highlights_its_row() {
        let mut app = App::new(Lang::En, TODAY);
        let mut snap = snapshot("list-en");
        snap.url.push_str("#patguard-rotate=nuget%2Dpublish");
        app.on_message(Incoming::Snapshot { snap });
        assert_eq!(app.highlighted_row().as_deref(), Some("nuget-publish"));
        let mut snap = snapshot("list-en");
        snap.url.push_str("?lang=en&patguard-rotate=git-laptop");
        app.on_message(Incoming::Snapshot { snap });
        assert_eq!(app.highlighted_row().as_deref(), Some("git-laptop"));
        app.on_message(Incoming::Snapshot {
            snap: snapshot("list-en"),
        });
        assert_eq!(app.highlighted_row(), None);
    }
}
