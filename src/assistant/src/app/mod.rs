//! The assistant's state machine: what the page shows, the findings on the form, the
//! preset or fix being applied, and the one-time token on the success view. It is
//! browser-free, so it is tested natively; `ui` renders it and `lib.rs` performs the
//! effects it returns.

mod audit;
mod calculator;
mod guard;
mod job;
mod report;
mod rotate;
mod success;
mod team;
#[cfg(test)]
mod tests;

pub use crate::protocol::{FormMemo, Memory, Rotation, RowMemo};
pub use audit::ListAudit;
pub use calculator::CalculatorStatus;
pub use guard::{GateDialog, Guard};
pub use success::{ClipboardState, HandoffFormat, SuccessSession};
pub use team::{PresetOrigin, TeamPresets};

use crate::protocol::{Incoming, Outgoing};
use job::Job;
use patguard_core::catalog::Lang;
use patguard_core::page::{FormState, PageView};
use patguard_core::policy::{read_policy, EffectivePolicy, PolicyIssue};
use patguard_core::presets::{matching_preset, Preset};
use patguard_core::recognizer::recognize_at_days;
use patguard_core::snapshot::{HeldSnapshot, Snapshot};
use patguard_core::sort::CollectSet;
use std::collections::BTreeSet;
use zeroize::Zeroizing;

#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    Info(String),
    Success(String),
    Error(String),
}

/// What the browser glue must do for the app.
#[derive(Debug)]
pub enum Effect {
    Agent(Outgoing),
    /// Copy to the clipboard through the background, cleared after `clear_after_seconds`.
    Copy {
        text: Zeroizing<String>,
        clear_after_seconds: u32,
    },
    /// Hand the entry to the extension's own vault window (vault.html), which builds the
    /// file of `format` (`HandoffFormat::id`) there: it asks for the KeePass master password,
    /// or confirms an unencrypted import file, and offers the download; its result comes
    /// back through `on_handoff_done`. Neither the master password nor a file with the token
    /// enters this frame, which the page can hide and imitate.
    OpenVault {
        format: &'static str,
        request_json: Zeroizing<String>,
        filename: String,
    },
    /// Copy the redacted page report for a bug report.
    CopyReport(Zeroizing<String>),
    /// Store the user's team preset file (`storage.local` `teamPresets`).
    StoreTeamPresets {
        file: String,
    },
    /// Record token metadata (never the token) in the background's inventory.
    RecordInventory {
        entry_json: String,
    },
    /// Load the on-demand scope-calculator module; settles in `on_calculator_loaded`.
    LoadCalculator,
    /// The calculator module's answer for `text` in `lang`; comes back through
    /// `on_calculated` with the same `request`.
    Calculate {
        text: String,
        lang: Lang,
        request: u32,
    },
}

/// User settings that shape behaviour (from storage, validated by the glue's caller).
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    pub clipboard_clear_seconds: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            clipboard_clear_seconds: 30,
        }
    }
}

pub struct App {
    pub browser_lang: Lang,
    pub settings: Settings,
    today: i64,
    snap: Option<HeldSnapshot>,
    view: Option<PageView>,
    memo: Option<FormMemo>,
    chosen_preset: Option<String>,
    job: Option<Job>,
    notice: Option<Notice>,
    next_id: u32,
    policy: EffectivePolicy,
    policy_issues: Vec<PolicyIssue>,
    /// The policy layers' `labelAliases`, enterprise first (see `apply_label_aliases`).
    policy_aliases: Vec<patguard_core::catalog::text_match::LabelAlias>,
    pub guard: Guard,
    success: Option<SuccessSession>,
    pub audit: ListAudit,
    audit_window_days: i64,
    inventory: Vec<patguard_core::inventory::InventoryEntry>,
    /// The last inventory record sent for the open success view.
    inventory_sent: Option<String>,
    team: TeamPresets,
    selected: Option<Box<RowMemo>>,
    rotation: Option<Box<Rotation>>,
    /// The `act` id of the New Token click a rotation made.
    rotate_click: Option<u32>,
    /// The rotated-mark record of the old entry already sent.
    rotation_sent: Option<String>,
    /// The "Which scopes do I need?" box: the module's state and the last answer.
    calculator: calculator::Calculator,
}

impl App {
    pub fn new(browser_lang: Lang, today: i64) -> App {
        App {
            browser_lang,
            settings: Settings::default(),
            today,
            snap: None,
            view: None,
            memo: None,
            chosen_preset: None,
            job: None,
            notice: None,
            next_id: 1,
            policy: EffectivePolicy::default(),
            policy_issues: Vec::new(),
            policy_aliases: Vec::new(),
            guard: Guard::default(),
            success: None,
            audit: ListAudit::default(),
            audit_window_days: patguard_core::audit::DEFAULT_WINDOW_DAYS,
            inventory: Vec::new(),
            inventory_sent: None,
            team: TeamPresets::default(),
            selected: None,
            rotation: None,
            rotate_click: None,
            rotation_sent: None,
            calculator: calculator::Calculator::default(),
        }
    }

    /// Reads the user's settings and the enterprise policy (each a JSON object, or null).
    /// A malformed key is reported with its reason and its default stays in force.
    pub fn load_policy(&mut self, user_json: &str, managed_json: &str) {
        let mut issues = Vec::new();
        let mut layer = |json: &str, origin: &str| {
            let value = match serde_json::from_str(json) {
                Ok(v) => v,
                Err(e) => {
                    issues.push(PolicyIssue {
                        key: origin.to_string(),
                        level: patguard_core::policy::IssueLevel::Error,
                        message: format!("is not valid JSON ({e})"),
                    });
                    serde_json::Value::Null
                }
            };
            let read = read_policy(&value);
            issues.extend(read.issues.into_iter().map(|mut i| {
                i.key = format!("{origin}.{}", i.key);
                i
            }));
            read.layer
        };
        // Clipboard, reminder and expiry settings are not policy rules.
        let user = layer(&patguard_core::settings::policy_json(user_json), "settings");
        let managed = layer(managed_json, "enterprise policy");
        self.policy = EffectivePolicy::merge(&user, &managed);
        self.policy_aliases = [&managed, &user]
            .into_iter()
            .flat_map(|l| l.label_aliases.iter().flatten().cloned())
            .collect();
        self.apply_label_aliases();
        self.policy_issues = issues;
    }

    /// Hands every `labelAliases` in force to the recogniser. The recogniser takes the
    /// first alias of a label, so the order is who wins on a conflict: the enterprise
    /// policy, then the user's settings, then the organization's team file, then the
    /// user's team file. The organization decides what its labels mean; a team file
    /// only adds labels nobody above it has mapped.
    pub(crate) fn apply_label_aliases(&self) {
        patguard_core::catalog::text_match::set_label_aliases(&self.label_aliases_in_force());
    }

    fn label_aliases_in_force(&self) -> Vec<patguard_core::catalog::text_match::LabelAlias> {
        self.policy_aliases
            .iter()
            .chain(&self.team.managed_aliases)
            .chain(&self.team.user_aliases)
            .cloned()
            .collect()
    }

    #[cfg(test)]
    pub fn policy(&self) -> &EffectivePolicy {
        &self.policy
    }

    pub fn policy_issues(&self) -> &[PolicyIssue] {
        &self.policy_issues
    }

    pub fn view(&self) -> Option<&PageView> {
        self.view.as_ref()
    }

    pub fn form(&self) -> Option<&FormState> {
        match &self.view {
            Some(PageView::Form(f)) => Some(f),
            _ => None,
        }
    }

    pub fn snapshot(&self) -> Option<&Snapshot> {
        self.snap.as_deref()
    }

    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    pub fn success(&self) -> Option<&SuccessSession> {
        self.success.as_ref()
    }

    pub fn busy(&self) -> Option<&str> {
        self.job.as_ref().map(|j| j.label.as_str())
    }

    /// The language of the assistant's texts: the page's when recognised, else the browser's.
    pub fn lang(&self) -> Lang {
        match &self.view {
            Some(PageView::Form(f)) => f.lang,
            Some(PageView::Success(s)) => s.lang,
            Some(PageView::List(l)) => l.lang,
            // Unrecognised pages still say their language in `<html lang>`.
            _ => self
                .snap
                .as_ref()
                .and_then(|s| Lang::from_tag(&s.lang))
                .unwrap_or(self.browser_lang),
        }
    }

    pub fn chosen_preset(&self) -> Option<&Preset> {
        self.chosen_preset
            .as_deref()
            .and_then(|id| self.find_preset(id))
    }

    /// The preset whose scopes the form shows exactly right now.
    pub fn matching_preset(&self) -> Option<&Preset> {
        let form = self.form()?;
        if form.show_all.is_some() {
            return None; // hidden groups could hold ticked scopes
        }
        if !form.ticked_unknown().is_empty() {
            return None; // a ticked scope PAT Guard cannot judge: the form is no preset
        }
        let checked: BTreeSet<String> = form
            .checked_scopes()
            .into_iter()
            .map(String::from)
            .collect_set();
        if checked.is_empty() {
            return None;
        }
        // Prefer the preset the user chose when two presets share the same scopes.
        match self.chosen_preset() {
            Some(p) if p.scope_set() == checked => Some(p),
            _ => matching_preset(&checked).or_else(|| {
                self.team.all().find(|p| {
                    p.scopes.len() == checked.len() && p.scopes.iter().all(|s| checked.contains(s))
                })
            }),
        }
    }

    /// A sentence in the assistant's current language (English or German).
    pub(crate) fn say(&self, en: &str, de: &str) -> String {
        if self.lang() == Lang::De { de } else { en }.to_string()
    }

    fn remembered(&self) -> Memory {
        Memory {
            memo: self.memo.clone(),
            preset: self.chosen_preset.clone(),
            selected: self.selected.clone(),
            rotation: self.rotation.clone(),
        }
    }

    fn next_id(&mut self) -> u32 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    fn gen(&self) -> u32 {
        self.snap.as_ref().map_or(0, |s| s.gen)
    }

    pub fn on_message(&mut self, msg: Incoming) -> Vec<Effect> {
        match msg {
            Incoming::Snapshot { snap } => self.on_snapshot(*snap),
            Incoming::ActResult { id, results } => self.on_act_result(id, &results),
            Incoming::GateClick => self.on_gate_click(),
            Incoming::Memory { data } => {
                if self.remembered() == Memory::default() {
                    self.memo = data.memo;
                    self.chosen_preset = data.preset;
                    self.selected = data.selected;
                    self.rotation = data.rotation;
                }
                Vec::new()
            }
        }
    }

    fn on_snapshot(&mut self, snap: Snapshot) -> Vec<Effect> {
        let view = recognize_at_days(&snap, self.today);
        self.on_view(Some(HeldSnapshot::new(snap)), view)
    }

    /// The agent sent a snapshot the core cannot read (`error` says why). The earlier
    /// view is gone with it: the assistant says so instead of following a page it no
    /// longer sees, so what it shows always describes the latest snapshot.
    pub fn on_unreadable_snapshot(&mut self, error: &str) -> Vec<Effect> {
        let reason = self.say(
            &format!("PAT Guard could not read this page ({error})."),
            &format!("PAT Guard konnte diese Seite nicht lesen ({error})."),
        );
        self.on_view(None, PageView::Unrecognized { reason })
    }

    fn on_view(&mut self, snap: Option<HeldSnapshot>, view: PageView) -> Vec<Effect> {
        self.snap = snap;
        // Every view says where the assistant belongs, so a frame the agent put in a region
        // goes back to its usual place as soon as the region no longer shows a token.
        let mount = Effect::Agent(Outgoing::Mount {
            gen: self.gen(),
            h: view.mount_region(),
        });
        let before = self.remembered();
        match &view {
            PageView::Form(form) => self.memo = Some(memo_of(form, self.today)),
            PageView::List(list) => self.on_list(list),
            _ => {}
        }
        self.view = Some(view);
        self.sync_success();
        let mut out = vec![mount];
        out.extend(match self.start_rotation() {
            Some(started) => started,
            None => self.continue_job(),
        });
        let now = self.remembered();
        if now != before {
            out.push(Effect::Agent(Outgoing::Remember { data: now }));
        }
        out.extend(self.refresh_guard());
        out.extend(self.refresh_audit());
        out.extend(self.inventory_effects());
        out
    }

    pub fn on_disconnect(&mut self) {
        self.job = None;
        self.success = None;
        self.notice = Some(Notice::Error(self.say(
            "The connection to the page was lost. Reopen the panel to use PAT Guard again.",
            "Die Verbindung zur Seite ist abgebrochen. Öffnen Sie den Bereich erneut, um PAT Guard zu verwenden.",
        )));
    }

    /// What the page's organization is, from the URL: `dev.azure.com/{org}/…`,
    /// `{org}.visualstudio.com/…`, or a server's collection.
    pub fn organization_from_url(&self) -> Option<String> {
        let url = &self.snap.as_ref()?.url;
        let rest = url.split("://").nth(1)?;
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        let host = host.split(':').next()?;
        if let Some(org) = host.strip_suffix(".visualstudio.com") {
            return Some(org.to_string());
        }
        path.split('/')
            .next()
            .filter(|s| !s.is_empty() && !s.starts_with('_'))
            .map(String::from)
    }
}

fn memo_of(form: &FormState, today: i64) -> FormMemo {
    let today = patguard_core::date::Date::from_days_since_epoch(today);
    FormMemo {
        name: form.name.value.clone(),
        organization: form.organization.selected.clone(),
        all_organizations: form.all_organizations,
        scopes: form
            .checked_scopes()
            .into_iter()
            .map(String::from)
            .collect(),
        full_access: form.scope_mode.mode == patguard_core::page::ScopeMode::Full,
        expiry_days: patguard_core::findings::lifetime_days(form, today),
    }
}
