//! Applying a preset or a fix: plan on the latest snapshot, let the agent act, wait
//! for the next snapshot, plan again, until the page shows exactly the target or the
//! planner says why it cannot.

use super::{App, Effect, Notice};
use crate::protocol::{ActOutcome, Outgoing};
use patguard_core::catalog::Lang;
use patguard_core::findings::{Fix, FixStep};
use patguard_core::page::PageView;
use patguard_core::planner::{plan_fix, plan_scopes, with_snapshot_expects, Step};
use std::collections::BTreeSet;

/// Rounds of plan → act → re-snapshot before giving up; a preset needs about five.
const MAX_ROUNDS: u32 = patguard_core::planner::MAX_ROUNDS as u32 + 4;

#[derive(Debug)]
pub(super) enum JobKind {
    Preset {
        target: BTreeSet<String>,
        expiry_days: Option<u32>,
    },
    Fix {
        fix: Fix,
    },
    /// A rotation's new token: the old token's preset (when known), then its new name.
    Rotate {
        target: Option<BTreeSet<String>>,
        expiry_days: Option<u32>,
        name: String,
    },
}

#[derive(Debug)]
pub(super) struct Job {
    pub label: String,
    /// Shown with the outcome (a rotation without a known preset names the old scopes).
    pub note: Option<String>,
    kind: JobKind,
    rounds: u32,
    refusals: u32,
    waiting: Waiting,
}

#[derive(Debug, PartialEq)]
enum Waiting {
    /// For the agent's answer to an `act` message.
    Result(u32),
    /// For a snapshot newer than this generation.
    SnapshotAfter(u32),
}

impl App {
    pub fn apply_preset(&mut self, id: &str) -> Vec<Effect> {
        let Some(p) = self.find_preset(id).cloned() else {
            self.notice = Some(Notice::Error(format!(
                "{} \"{id}\".",
                self.say("Unknown preset", "Unbekannte Vorlage")
            )));
            return Vec::new();
        };
        self.chosen_preset = Some(p.id.clone());
        let kind = JobKind::Preset {
            target: p.scope_set(),
            expiry_days: Some(p.recommended_days),
        };
        self.start_job(p.title.clone(), kind)
    }

    pub fn apply_fix(&mut self, code: &str) -> Vec<Effect> {
        let Some(finding) = self.guard.findings.iter().find(|f| f.code.as_str() == code) else {
            self.notice = Some(Notice::Error(self.say(
                "That finding is gone already.",
                "Dieser Befund ist bereits behoben.",
            )));
            return Vec::new();
        };
        let Some(fix) = finding.fix.clone() else {
            return Vec::new();
        };
        for step in &fix.steps {
            if let patguard_core::findings::FixStep::ApplyPreset { id } = step {
                self.chosen_preset = Some(id.clone());
            }
        }
        self.start_job(fix.label.clone(), JobKind::Fix { fix })
    }

    pub(super) fn start_job(&mut self, label: String, kind: JobKind) -> Vec<Effect> {
        if self.job.is_some() {
            return Vec::new();
        }
        if self.form().is_none() {
            self.notice = Some(Notice::Error(self.say(
                "Open the token form first.",
                "Öffnen Sie zuerst das Token-Formular.",
            )));
            return Vec::new();
        }
        self.notice = Some(Notice::Info(match self.lang() {
            Lang::De => format!("„{label}“ wird angewendet…"),
            Lang::En => format!("Applying “{label}”…"),
        }));
        // Plan on the snapshot we have now.
        let waiting = Waiting::SnapshotAfter(self.gen().saturating_sub(1));
        self.job = Some(Job {
            note: None,
            label,
            kind,
            rounds: 0,
            refusals: 0,
            waiting,
        });
        self.continue_job()
    }

    pub(super) fn on_act_result(&mut self, id: u32, results: &[ActOutcome]) -> Vec<Effect> {
        if let Some(out) = self.on_rotate_click_result(id, results) {
            return out;
        }
        let gen = self.gen();
        let Some(job) = &mut self.job else {
            return Vec::new();
        };
        if job.waiting != Waiting::Result(id) {
            return self.on_gate_release_result(id, results);
        }
        // A refusal means the page re-rendered under the plan (expanding the scope list or
        // an exclusive level unticking its siblings does that). The agent stopped at that
        // action, so nothing unplanned happened: plan again on the next snapshot. The
        // round limit still ends a page that never settles.
        job.refusals += results.iter().filter(|r| !r.ok).count() as u32;
        job.waiting = Waiting::SnapshotAfter(gen);
        Vec::new()
    }

    pub(super) fn continue_job(&mut self) -> Vec<Effect> {
        let gen = self.gen();
        let de = self.lang() == Lang::De;
        let Some(job) = &mut self.job else {
            return Vec::new();
        };
        match job.waiting {
            Waiting::SnapshotAfter(after) if gen > after => {}
            _ => return Vec::new(),
        }
        let form = match &self.view {
            Some(PageView::Form(f)) => f,
            Some(PageView::Unrecognized { reason }) => {
                let reason = reason.clone();
                self.fail(if de {
                    format!("Angehalten: Die Seite wird nicht mehr erkannt ({reason}).")
                } else {
                    format!("Stopped: the page is no longer recognised ({reason}).")
                });
                return Vec::new();
            }
            _ => {
                self.fail(
                    if de {
                        "Angehalten: Das Token-Formular wurde geschlossen."
                    } else {
                        "Stopped: the token form closed."
                    }
                    .into(),
                );
                return Vec::new();
            }
        };
        let unknown = unknown_groups_note(&form.unknown_group_labels(), de);
        job.rounds += 1;
        if job.rounds > MAX_ROUNDS {
            let refusals = job.refusals;
            self.fail(if de {
                format!("Angehalten: Die Seite hat das Ziel nicht erreicht ({refusals} Aktionen abgelehnt, weil sich die Seite dabei änderte). Prüfen Sie das Formular vor dem Erstellen.")
            } else {
                format!("Stopped: the page did not settle on the target ({refusals} actions refused because the page changed under them). Check the form before creating.")
            });
            return Vec::new();
        }
        let step = match &job.kind {
            JobKind::Preset {
                target,
                expiry_days,
                ..
            } => plan_scopes(form, target, *expiry_days, form.lang),
            JobKind::Fix { fix } => plan_fix(form, fix),
            JobKind::Rotate {
                target,
                expiry_days,
                name,
            } => {
                let scopes = match target {
                    Some(t) => plan_scopes(form, t, *expiry_days, form.lang),
                    None => Step::Done,
                };
                match scopes {
                    Step::Done => plan_fix(
                        form,
                        &Fix {
                            label: String::new(),
                            steps: vec![FixStep::SetName { name: name.clone() }],
                        },
                    ),
                    other => other,
                }
            }
        };
        // The agent compares exactly what this snapshot showed before it acts.
        let step = match &self.snap {
            Some(snap) => with_snapshot_expects(snap, step),
            None => step,
        };
        match step {
            Step::Actions(actions) => {
                let id = self.next_id;
                self.next_id += 1;
                let job = self.job.as_mut().expect("job checked above");
                job.waiting = Waiting::Result(id);
                vec![Effect::Agent(Outgoing::Act { id, gen, actions })]
            }
            Step::Done => {
                let job = self.job.take().expect("job checked above");
                let mut text = match job.kind {
                    JobKind::Preset { target, .. } if de => format!(
                        "„{}“ angewendet: Das Formular hat jetzt genau {} Bereich{}.",
                        job.label,
                        target.len(),
                        if target.len() == 1 { "" } else { "e" }
                    ),
                    JobKind::Preset { target, .. } => format!(
                        "“{}” applied: the form now has exactly {} scope{}.",
                        job.label,
                        target.len(),
                        if target.len() == 1 { "" } else { "s" }
                    ),
                    JobKind::Fix { .. } if de => format!("Erledigt: {}.", job.label),
                    JobKind::Fix { .. } => format!("Done: {}.", job.label),
                    JobKind::Rotate { target, name, .. } => rotate_done_text(
                        &job.label,
                        target.as_ref().map(|t| t.len()),
                        &name,
                        job.note.as_deref(),
                    ),
                };
                if let Some(note) = unknown {
                    text.push(' ');
                    text.push_str(&note);
                }
                self.notice = Some(Notice::Success(text));
                Vec::new()
            }
            Step::Stuck { reason } => {
                self.fail(if de {
                    format!("Angehalten: {reason}.")
                } else {
                    format!("Stopped: {reason}.")
                });
                Vec::new()
            }
        }
    }

    fn fail(&mut self, message: String) {
        self.job = None;
        self.notice = Some(Notice::Error(message));
    }
}

/// What PAT Guard left alone: groups (or levels) the catalog does not know.
fn unknown_groups_note(labels: &[String], de: bool) -> Option<String> {
    if labels.is_empty() {
        return None;
    }
    let n = labels.len();
    let list = labels.join(", ");
    Some(match (de, n) {
        (false, 1) => {
            format!("1 group on this page is new to PAT Guard and was left as it is: {list}.")
        }
        (false, _) => format!(
            "{n} groups on this page are new to PAT Guard and were left as they are: {list}."
        ),
        (true, 1) => {
            format!("1 Gruppe auf dieser Seite ist PAT Guard neu und blieb unverändert: {list}.")
        }
        (true, _) => format!(
            "{n} Gruppen auf dieser Seite sind PAT Guard neu und blieben unverändert: {list}."
        ),
    })
}

fn rotate_done_text(label: &str, scopes: Option<usize>, name: &str, note: Option<&str>) -> String {
    let what = match scopes {
        Some(n) => format!(
            "the preset is applied ({n} scope{}) and the name is “{name}”",
            if n == 1 { "" } else { "s" }
        ),
        None => format!("the name is “{name}”"),
    };
    let mut text = format!("{label}: {what}. Check the form, then Create.");
    if let Some(note) = note {
        text.push(' ');
        text.push_str(note);
    }
    text
}
