//! Least-privilege findings on the live form, the outlines they put on the page, and
//! the gate that stops a critical-risk token from being created by accident.

use super::{App, Effect, Notice};
use crate::protocol::{ActOutcome, Outgoing};
use patguard_core::action::{Action, Expect};
use patguard_core::date::Date;
use patguard_core::findings::{findings, gate, Finding, Gate, Severity};
use patguard_core::page::PageView;
use patguard_core::sort::CollectSet;
use std::collections::BTreeSet;

#[derive(Clone, Debug, PartialEq)]
pub enum GateDialog {
    /// The user clicked Create with these critical risks standing.
    Confirm { risks: Vec<String> },
    /// The policy forbids creating this token.
    Blocked { reasons: Vec<String> },
}

#[derive(Debug, Default)]
pub struct Guard {
    pub findings: Vec<Finding>,
    /// Text for the assertive live region: newly appeared critical findings.
    pub announcement: String,
    pub dialog: Option<GateDialog>,
    announced: BTreeSet<&'static str>,
    marks_signature: String,
    /// The agent holds a submit button of ours (a `Gate` with a handle was sent).
    gate_sent: bool,
    gate_armed: bool,
    release_id: Option<u32>,
}

impl App {
    /// Recomputes the findings and sends the agent the outlines they imply, only when those
    /// changed, so the page is not touched on every keystroke, and the gate's verdict.
    pub(super) fn refresh_guard(&mut self) -> Vec<Effect> {
        let today = Date::from_days_since_epoch(self.today);
        let preset = self.chosen_preset();
        let Some(PageView::Form(form)) = &self.view else {
            let mut out = Vec::new();
            if !self.guard.marks_signature.is_empty() {
                self.guard.marks_signature.clear();
                out.push(Effect::Agent(Outgoing::Act {
                    id: 0,
                    gen: 0,
                    actions: vec![Action::ClearMarks],
                }));
            }
            self.guard.findings.clear();
            self.guard.dialog = None;
            // Fail closed: after an armed verdict the agent keeps holding the button it was
            // given (a form PAT Guard can no longer read may still be the risky one). An
            // unarmed gate is lifted, so the page works as it would without PAT Guard.
            if self.guard.gate_sent && !self.guard.gate_armed {
                self.guard.gate_sent = false;
                out.push(Effect::Agent(Outgoing::Gate {
                    gen: self.gen(),
                    h: None,
                    armed: false,
                }));
            }
            return out;
        };
        let list = findings(form, preset, &self.policy, today);
        let gen = self.snap.as_ref().map_or(0, |s| s.gen);

        let new_critical: Vec<&Finding> = list
            .iter()
            .filter(|f| {
                f.severity == Severity::Critical && !self.guard.announced.contains(f.code.as_str())
            })
            .collect();
        if !new_critical.is_empty() {
            self.guard.announcement = new_critical
                .iter()
                .map(|f| f.title.as_str())
                .collect::<Vec<_>>()
                .join(". ");
        }
        self.guard.announced = list
            .iter()
            .filter(|f| f.severity == Severity::Critical)
            .map(|f| f.code.as_str())
            .collect_set();

        let mut out = Vec::new();
        let marks: Vec<Action> = list
            .iter()
            .filter(|f| f.severity != Severity::Info)
            .flat_map(|f| {
                f.targets.iter().map(move |&h| Action::Mark {
                    h: Some(h),
                    severity: if f.severity == Severity::Critical {
                        "critical"
                    } else {
                        "warning"
                    }
                    .into(),
                    title: f.title.clone(),
                })
            })
            .collect();
        let signature = list
            .iter()
            .filter(|f| f.severity != Severity::Info)
            .map(|f| format!("{}:{}", f.code.as_str(), f.title))
            .collect::<Vec<_>>()
            .join("|");
        // The agent keeps outlines on elements, so they are re-sent only when the findings change.
        if signature != self.guard.marks_signature {
            self.guard.marks_signature = signature;
            let mut actions = vec![Action::ClearMarks];
            actions.extend(marks);
            out.push(Effect::Agent(Outgoing::Act {
                id: 0,
                gen,
                actions,
            }));
        }

        // A verdict for every snapshot of a form, armed or not: the agent holds a click on
        // Create until the verdict on the page's latest change is in.
        let wants_gate = gate(&list, &self.policy) != Gate::None;
        self.guard.gate_armed = wants_gate;
        self.guard.gate_sent = true;
        out.push(Effect::Agent(Outgoing::Gate {
            gen,
            h: Some(form.submit.handle),
            armed: wants_gate,
        }));
        if !wants_gate {
            self.guard.dialog = None;
        }
        self.guard.findings = list;
        out
    }

    /// Applies a policy that arrived late and re-evaluates the form under it.
    pub fn reload_policy(&mut self, user_json: &str, managed_json: &str) -> Vec<Effect> {
        self.load_policy(user_json, managed_json);
        // The policy's labelAliases can change what the page's labels mean: read it again.
        if let Some(snap) = &self.snap {
            self.view = Some(patguard_core::recognizer::recognize_at_days(
                snap, self.today,
            ));
        }
        self.refresh_guard()
    }

    /// A click on Create that the agent held: the gate asks when the form is risky, and a
    /// safe form's click (held only because its latest change was not judged yet) goes on.
    pub(super) fn on_gate_click(&mut self) -> Vec<Effect> {
        let Some(PageView::Form(_)) = &self.view else {
            let text = if self.guard.gate_armed {
                self.say(
                    "PAT Guard held this Create click: it can no longer read the form, which it last judged risky. Close the panel and open it again.",
                    "PAT Guard hat diesen Klick auf „Erstellen“ angehalten: Das Formular, das es zuletzt als riskant bewertet hat, kann es nicht mehr lesen. Schließen Sie den Bereich und öffnen Sie ihn erneut.",
                )
            } else {
                self.say(
                    "PAT Guard could not read the form when Create was clicked, so the click was not passed on. Click Create again.",
                    "PAT Guard konnte das Formular beim Klick auf „Erstellen“ nicht lesen, daher wurde der Klick nicht weitergegeben. Klicken Sie erneut auf „Erstellen“.",
                )
            };
            self.notice = Some(Notice::Error(text));
            return Vec::new();
        };
        self.guard.dialog = match gate(&self.guard.findings, &self.policy) {
            Gate::None => None,
            Gate::Confirm { risks } => Some(GateDialog::Confirm { risks }),
            Gate::Block { reasons } => Some(GateDialog::Blocked { reasons }),
        };
        if self.guard.dialog.is_some() {
            return Vec::new();
        }
        self.release_create()
    }

    pub fn cancel_create(&mut self) -> Vec<Effect> {
        self.guard.dialog = None;
        self.notice = Some(Notice::Info(self.say(
            "Nothing was created. Fix the findings above, then create.",
            "Es wurde nichts erstellt. Beheben Sie die Befunde oben und erstellen Sie dann.",
        )));
        Vec::new()
    }

    pub fn confirm_create(&mut self) -> Vec<Effect> {
        if !matches!(self.guard.dialog, Some(GateDialog::Confirm { .. })) {
            return Vec::new();
        }
        self.guard.dialog = None;
        self.release_create()
    }

    /// Lets exactly one click through to Create, if it still is the button judged.
    fn release_create(&mut self) -> Vec<Effect> {
        let Some(PageView::Form(form)) = &self.view else {
            return Vec::new();
        };
        let expect = Expect {
            role: None,
            checked: None,
            name: Some(form.submit.label.clone()),
        };
        let id = self.next_id();
        self.guard.release_id = Some(id);
        vec![Effect::Agent(Outgoing::ReleaseGate { id, expect })]
    }

    pub(super) fn on_gate_release_result(
        &mut self,
        id: u32,
        results: &[ActOutcome],
    ) -> Vec<Effect> {
        if self.guard.release_id != Some(id) {
            return Vec::new();
        }
        self.guard.release_id = None;
        if let Some(err) = results
            .iter()
            .find_map(|r| (!r.ok).then(|| r.error.clone().unwrap_or_default()))
        {
            let text = self.say(
                "The Create button changed; click it again",
                "Die Schaltfläche „Erstellen“ hat sich geändert; klicken Sie erneut",
            );
            self.notice = Some(Notice::Error(format!("{text} ({err}).")));
        }
        Vec::new()
    }
}
