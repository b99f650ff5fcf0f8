//! Team presets in the assistant: the user's own (`storage.local` `teamPresets`) and the
//! organization's (enterprise policy `teamPresets`), listed with the built-in presets and
//! applied the same way; "Save as preset" turns the current form into a new one.

use super::{App, Effect, Notice};
use patguard_core::catalog::text_match::LabelAlias;
use patguard_core::catalog::Lang;
use patguard_core::date::Date;
use patguard_core::page::ScopeMode;
use patguard_core::policy::{IssueLevel, PolicyIssue};
use patguard_core::presets::team;
use patguard_core::presets::{preset as builtin, Preset};

#[derive(Clone, Debug, Default)]
pub struct TeamPresets {
    /// Pushed by the organization (read-only).
    pub managed: Vec<Preset>,
    /// The user's own.
    pub user: Vec<Preset>,
    /// The `labelAliases` of the organization's team file.
    pub managed_aliases: Vec<LabelAlias>,
    /// The `labelAliases` of the user's team file (kept when a preset is saved).
    pub user_aliases: Vec<LabelAlias>,
    /// How each of the user's own got there (none for presets stored before origins were).
    pub user_origins: team::Origins,
}

/// Where a team preset came from, shown beside its title: a team preset is input, not
/// authority, so the user sees who vouches for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PresetOrigin {
    /// The enterprise policy's `teamPresets`.
    Organization,
    /// Imported in the options page from the file with this name.
    File(String),
    /// Saved from the token form.
    Saved,
    /// The user's own, stored before origins were kept: imported or saved.
    User,
}

impl PresetOrigin {
    pub fn as_str(&self) -> &'static str {
        match self {
            PresetOrigin::Organization => "organization",
            PresetOrigin::File(_) => "file",
            PresetOrigin::Saved => "saved",
            PresetOrigin::User => "user",
        }
    }
}

impl TeamPresets {
    pub fn all(&self) -> impl Iterator<Item = &Preset> {
        self.managed.iter().chain(self.user.iter())
    }

    /// Every team preset with where it came from.
    pub fn with_origin(&self) -> impl Iterator<Item = (&Preset, PresetOrigin)> {
        let managed = self.managed.iter().map(|p| (p, PresetOrigin::Organization));
        managed.chain(self.user.iter().map(|p| {
            let origin = match self.user_origins.get(&p.id) {
                Some(team::UserOrigin::Imported { file }) => PresetOrigin::File(file.clone()),
                Some(team::UserOrigin::Saved) => PresetOrigin::Saved,
                None => PresetOrigin::User,
            };
            (p, origin)
        }))
    }

    pub fn ids(&self) -> Vec<&str> {
        self.all().map(|p| p.id.as_str()).collect()
    }
}

impl App {
    /// Loads both team preset files (JSON text, or "null"). An invalid file is ignored as a
    /// whole and reported with every reason, like a malformed policy key. Their
    /// `labelAliases` join the policy's, and a page already read is read again with them.
    pub fn set_team_presets(&mut self, user_json: &str, managed_json: &str) -> Vec<Effect> {
        self.policy_issues
            .retain(|i| !i.key.starts_with("teamPresets") && !i.key.contains(".teamPresets"));
        // Only the user's stored file has origins; the policy's file is read as a file.
        let mut read = |json: &str, origin: &str, stored: bool, taken: &[&str]| {
            if json.trim() == "null" || json.trim().is_empty() {
                return Default::default();
            }
            let parsed = if stored {
                team::parse_stored(json, taken)
            } else {
                team::read_file(json, taken).map(|f| (f, team::Origins::new()))
            };
            match parsed {
                Ok(read) => read,
                Err(errors) => {
                    self.policy_issues
                        .extend(errors.into_iter().map(|e| PolicyIssue {
                            key: format!("{origin}.{}", e.path),
                            level: IssueLevel::Error,
                            message: e.message,
                        }));
                    Default::default()
                }
            }
        };
        let (managed, _) = read(managed_json, "enterprise policy.teamPresets", false, &[]);
        let managed_ids: Vec<String> = managed.presets.iter().map(|p| p.id.clone()).collect();
        let taken: Vec<&str> = managed_ids.iter().map(String::as_str).collect();
        let (user, user_origins) = read(user_json, "teamPresets", true, &taken);
        let aliases_changed = managed.label_aliases != self.team.managed_aliases
            || user.label_aliases != self.team.user_aliases;
        self.team = TeamPresets {
            managed: managed.presets,
            user: user.presets,
            managed_aliases: managed.label_aliases,
            user_aliases: user.label_aliases,
            user_origins,
        };
        self.apply_label_aliases();
        match &self.snap {
            Some(snap) if aliases_changed => {
                self.view = Some(patguard_core::recognizer::recognize_at_days(
                    snap, self.today,
                ));
                self.refresh_guard()
            }
            _ => Vec::new(),
        }
    }

    pub fn team_presets(&self) -> &TeamPresets {
        &self.team
    }

    /// A built-in or team preset by id.
    pub fn find_preset(&self, id: &str) -> Option<&Preset> {
        builtin(id).or_else(|| self.team.all().find(|p| p.id == id))
    }

    /// "Save as preset": the form's name, ticked scopes and expiry become a team preset,
    /// stored with the user's other team presets.
    pub fn save_preset(&mut self) -> Vec<Effect> {
        let lang = self.lang();
        let tr = |en: &str, de: &str| if lang == Lang::De { de } else { en }.to_string();
        let Some(form) = self.form() else {
            self.notice = Some(Notice::Error(tr(
                "Open the token form first.",
                "Öffnen Sie zuerst das Token-Formular.",
            )));
            return Vec::new();
        };
        if form.scope_mode.mode == ScopeMode::Full {
            self.notice = Some(Notice::Error(tr(
                "Full access cannot be a preset: choose Custom defined and tick the scopes.",
                "Vollzugriff kann keine Vorlage sein: Wählen Sie „Benutzerdefiniert“ und die Bereiche.",
            )));
            return Vec::new();
        }
        let today = Date::from_days_since_epoch(self.today);
        let scopes: Vec<String> = form
            .checked_scopes()
            .into_iter()
            .map(String::from)
            .collect();
        let expiry = patguard_core::findings::lifetime_days(form, today);
        let url = self
            .snap
            .as_ref()
            .map(|s| s.url.clone())
            .unwrap_or_default();
        let taken = self.team.ids();
        match team::from_form(
            &form.name.value,
            &scopes,
            expiry,
            &url,
            &today.to_string(),
            &taken,
        ) {
            Ok(p) => {
                let title = p.title.clone();
                let id = p.id.clone();
                self.team.user.push(p);
                self.team
                    .user_origins
                    .insert(id.clone(), team::UserOrigin::Saved);
                self.chosen_preset = Some(id);
                self.notice = Some(Notice::Success(match lang {
                    Lang::De => format!("Als Team-Vorlage „{title}“ gespeichert."),
                    Lang::En => format!("Saved as team preset “{title}”."),
                }));
                vec![Effect::StoreTeamPresets {
                    file: team::to_stored(
                        &self.team.user,
                        &self.team.user_aliases,
                        &self.team.user_origins,
                    )
                    .to_string(),
                }]
            }
            Err(errors) => {
                let list: Vec<String> = errors
                    .iter()
                    .map(|e| {
                        if e.path == "title" {
                            tr(
                                "Enter a name in the form first: it becomes the preset's title.",
                                "Geben Sie zuerst einen Namen ein: Er wird der Titel der Vorlage.",
                            )
                        } else if e.path == "preset.scopes" {
                            tr(
                                "Tick at least one scope.",
                                "Wählen Sie mindestens einen Bereich.",
                            )
                        } else {
                            e.to_string()
                        }
                    })
                    .collect();
                self.notice = Some(Notice::Error(list.join(" ")));
                Vec::new()
            }
        }
    }

    /// The storage write of a saved preset failed: drop it again.
    pub fn on_team_store_failed(&mut self, error: String) {
        if let Some(p) = self.team.user.pop() {
            self.team.user_origins.remove(&p.id);
        }
        self.notice = Some(Notice::Error(format!(
            "The preset could not be stored: {error}"
        )));
    }
}
