//! Least-privilege findings on the live form, the outlines they put on the page, and
//! the gate that stops a critical-risk token from being created by accident.

use super::{App, Effect, Notice};
use crate::protocol::{ActOutcome, Outgoing};
use patguard_core::action::{Action, Expect};
use patguard_core::date::Date;
use patguard_core::findings::{findings, gate, Finding, Gate, Severity};
use patguard_core::page::PageView;
use patguard_core::snapshot::Handle;
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
    gate_signature: Option<(u32, Option<Handle>)>,
    gate_armed: bool,
    release_id: Option<u32>,
}

impl App {
    /// Recomputes the findings and sends the agent the outlines and gate they imply,
    /// only when those changed, so the page is not touched on every keystroke.
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
            self.guard.gate_armed = false;
            self.guard.gate_signature = None;
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

        let wants_gate = gate(&list, &self.policy) != Gate::None;
        let gate_target = wants_gate.then_some(form.submit.handle);
        let gate_sig = Some((gen, gate_target));
        if wants_gate != self.guard.gate_armed
            || (wants_gate && self.guard.gate_signature != gate_sig)
        {
            self.guard.gate_armed = wants_gate;
            self.guard.gate_signature = gate_sig;
            out.push(Effect::Agent(Outgoing::Gate {
                gen,
                h: gate_target,
            }));
        }
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

    pub(super) fn on_gate_click(&mut self) -> Vec<Effect> {
        let Some(PageView::Form(_)) = &self.view else {
            return Vec::new();
        };
        self.guard.dialog = match gate(&self.guard.findings, &self.policy) {
            Gate::None => None,
            Gate::Confirm { risks } => Some(GateDialog::Confirm { risks }),
            Gate::Block { reasons } => Some(GateDialog::Blocked { reasons }),
        };
        Vec::new()
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
        let Some(PageView::Form(form)) = &self.view else {
            return Vec::new();
        };
        let expect = Expect {
            role: None,
            checked: None,
            name: Some(form.submit.label.clone()),
        };
        self.guard.dialog = None;
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
