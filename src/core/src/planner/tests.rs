use super::sim::Sim;
use super::*;
use crate::action::Action;
use crate::findings::{Fix, FixStep, OrgChoice};
use crate::page::PageView;
use crate::presets::preset;
use crate::recognizer::recognize_at;
use crate::recognizer::tests::{capture_day, fixture, form_of};

fn ids(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn preset_scopes(id: &str) -> BTreeSet<String> {
    preset(id)
        .unwrap_or_else(|| panic!("preset {id}"))
        .scopes
        .iter()
        .cloned()
        .collect()
}

fn assert_converged(sim: &Sim, target: &BTreeSet<String>, what: &str) {
    assert_eq!(sim.checked(), *target, "{what}");
    assert_eq!(sim.form.scope_mode.mode, ScopeMode::Custom, "{what}");
    assert!(
        sim.form.show_all.is_none(),
        "{what}: every group is shown for verification"
    );
}

#[test]
fn presets_converge_from_every_starting_form() {
    let starts = [
        ("create-collapsed-en", true, Lang::En),
        ("create-collapsed-de", true, Lang::De),
        ("create-full-en", true, Lang::En),
        ("edit-en", true, Lang::En),
        ("create-expanded-en", true, Lang::En),
        ("create-expanded-multi-en", false, Lang::En),
        ("create-expanded-de", true, Lang::De),
    ];
    let presets = [
        "git-read",
        "git-credential-manager",
        "renovate",
        "agent-pool",
        "pipeline-run",
        "token-admin",
        "audit-log",
    ];
    for (fixture_name, exclusive, lang) in starts {
        for p in presets {
            let target = preset_scopes(p);
            let mut sim = Sim::from_fixture(fixture_name, exclusive);
            let what = format!("{p} from {fixture_name}");
            let rounds = sim
                .run_scopes(&target, None, lang)
                .unwrap_or_else(|e| panic!("{what}: {e}"));
            assert!(rounds <= 5, "{what}: {rounds} rounds");
            assert_converged(&sim, &target, &what);
        }
    }
}

#[test]
fn two_levels_of_one_group_converge_with_independent_boxes() {
    let target = ids(&["vso.code", "vso.code_status", "vso.packaging"]);
    let mut sim = Sim::from_fixture("create-expanded-multi-en", false);
    sim.run_scopes(&target, None, Lang::En).unwrap();
    assert_converged(&sim, &target, "multi");
    // With exclusive levels the page itself cannot hold both: the planner never claims Done.
    let mut sim = Sim::from_fixture("create-collapsed-en", true);
    assert!(sim
        .run_scopes(&target, None, Lang::En)
        .unwrap_err()
        .contains("no convergence"));
}

#[test]
fn empty_target_unticks_everything() {
    let mut sim = Sim::from_fixture("create-expanded-multi-en", false);
    sim.run_scopes(&BTreeSet::new(), None, Lang::En).unwrap();
    assert!(sim.checked().is_empty());
}

#[test]
fn round_order_is_mode_then_show_all_then_unticks_before_ticks() {
    let target = ids(&["vso.code"]);
    let f = form_of("create-full-en");
    let Step::Actions(a) = plan_scopes(&f, &target, None, Lang::En) else {
        panic!()
    };
    assert_eq!(a.len(), 1);
    assert!(
        matches!(&a[0], Action::Click { h, expect } if *h == f.scope_mode.custom.handle
        && expect.role.as_deref() == Some("radio") && expect.checked.as_deref() == Some("false"))
    );

    let f = form_of("edit-en");
    let Step::Actions(a) = plan_scopes(&f, &target, None, Lang::En) else {
        panic!()
    };
    assert!(
        matches!(&a[..], [Action::Click { h, .. }] if *h == f.show_all.as_ref().unwrap().handle)
    );

    // Expanded and dirty: both unticks come before the tick.
    let f = form_of("create-expanded-en"); // code_write + packaging ticked
    let Step::Actions(a) = plan_scopes(&f, &target, None, Lang::En) else {
        panic!()
    };
    let states: Vec<_> = a
        .iter()
        .map(|a| match a {
            Action::Click { expect, .. } => (
                expect.name.clone().unwrap(),
                expect.checked.clone().unwrap(),
            ),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        states,
        [
            ("Read & write".into(), "true".into()),
            ("Read".into(), "true".into()),
            ("Read".into(), "false".into())
        ]
    );
}

#[test]
fn done_only_when_exact() {
    let f = form_of("create-expanded-en");
    assert_eq!(
        plan_scopes(
            &f,
            &ids(&["vso.code_write", "vso.packaging"]),
            None,
            Lang::En
        ),
        Step::Done
    );
    assert_ne!(
        plan_scopes(&f, &ids(&["vso.code_write"]), None, Lang::En),
        Step::Done
    );
    // Collapsed with nothing ticked and an empty target: still expands first.
    let f = form_of("create-collapsed-en");
    assert!(matches!(
        plan_scopes(&f, &BTreeSet::new(), None, Lang::En),
        Step::Actions(_)
    ));
    // Expiry asked: Done needs the days too.
    let f = form_of("create-expanded-en");
    let t = ids(&["vso.code_write", "vso.packaging"]);
    assert_eq!(plan_scopes(&f, &t, Some(30), Lang::En), Step::Done);
    assert!(matches!(
        plan_scopes(&f, &t, Some(90), Lang::En),
        Step::Actions(_)
    ));
}

#[test]
fn expiry_by_preset_option_or_custom_date() {
    for (days, fixture_name, lang, exclusive) in [
        (90, "create-collapsed-en", Lang::En, true),
        (60, "create-collapsed-de", Lang::De, true),
        (45, "create-collapsed-en", Lang::En, true),
        (7, "create-full-en", Lang::En, true),
        (180, "create-expanded-multi-en", Lang::En, false),
        (60, "edit-en", Lang::En, true),
        (14, "edit-en", Lang::En, true),
    ] {
        let target = preset_scopes("pipeline-run");
        let mut sim = Sim::from_fixture(fixture_name, exclusive);
        let what = format!("{days} days from {fixture_name}");
        let rounds = sim
            .run_scopes(&target, Some(days), lang)
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        assert!(rounds <= MAX_ROUNDS, "{what}");
        assert_converged(&sim, &target, &what);
        assert_eq!(
            sim.form.expiration.days_from_today,
            Some(i64::from(days)),
            "{what}"
        );
        assert!(
            sim.form.expiration.dropdown.open_options.is_none(),
            "{what}: list left open"
        );
        let typed = sim.log.iter().any(|a| matches!(a, Action::SetValue { .. }));
        let preset_exists = [30, 60, 90].contains(&days);
        let custom_already = fixture_name == "edit-en";
        assert_eq!(
            typed,
            !preset_exists || (custom_already && days != 60),
            "{what}"
        );
        if typed {
            let to = capture_day().add_days(i64::from(days));
            assert!(sim
                .log
                .iter()
                .any(|a| matches!(a, Action::SetValue { value, .. }
                if *value == format!("{}/{}/{}", to.year, to.month, to.day))));
        }
    }
}

#[test]
fn open_dropdowns_are_closed_or_used_first() {
    let f = form_of("create-org-open-en");
    let Step::Actions(a) = plan_scopes(&f, &ids(&["vso.code"]), None, Lang::En) else {
        panic!()
    };
    assert!(matches!(&a[..], [Action::Click { h, .. }] if *h == f.organization.handle));

    let f = form_of("create-expiry-open-en");
    let Step::Actions(a) = plan_scopes(&f, &ids(&["vso.code"]), Some(90), Lang::En) else {
        panic!()
    };
    assert!(
        matches!(&a[..], [Action::Click { expect, .. }] if expect.name.as_deref() == Some("90 days")
        && expect.role.as_deref() == Some("option"))
    );
    let Step::Actions(a) = plan_scopes(&f, &ids(&["vso.code"]), Some(120), Lang::En) else {
        panic!()
    };
    assert!(
        matches!(&a[..], [Action::Click { expect, .. }] if expect.name.as_deref() == Some("Custom defined"))
    );
    let Step::Actions(a) = plan_scopes(&f, &ids(&["vso.code"]), None, Lang::En) else {
        panic!()
    };
    assert!(matches!(&a[..], [Action::Click { h, .. }] if *h == f.expiration.dropdown.handle));
}

#[test]
fn stuck_on_scopes_the_form_does_not_offer() {
    let mut sim = Sim::from_fixture("create-collapsed-en", true);
    sim.drop_group("packaging");
    let err = sim
        .run_scopes(&preset_scopes("git-credential-manager"), None, Lang::En)
        .unwrap_err();
    assert!(
        err.contains("vso.packaging") && err.contains("Packaging"),
        "{err}"
    );
    // The rounds before only expanded; nothing was ticked in the wrong place.
    assert!(sim.checked().is_empty());

    let f = form_of("create-expanded-en");
    let Step::Stuck { reason } = plan_scopes(&f, &ids(&["vso.made_up"]), None, Lang::En) else {
        panic!()
    };
    assert!(reason.contains("vso.made_up"));
}

#[test]
fn stuck_on_disabled_controls() {
    let mut f = form_of("create-expanded-en");
    for l in f.groups.iter_mut().flat_map(|g| &mut g.levels) {
        if l.scope_id == "vso.code" {
            l.disabled = true;
        }
    }
    let Step::Stuck { reason } = plan_scopes(&f, &ids(&["vso.code"]), None, Lang::En) else {
        panic!()
    };
    assert!(reason.contains("vso.code"), "{reason}");

    let f = form_of("create-policy-en");
    let fix = Fix {
        label: "x".into(),
        steps: vec![FixStep::SetScopeMode {
            mode: ScopeMode::Full,
        }],
    };
    assert!(matches!(plan_fix(&f, &fix), Step::Stuck { .. }));
}

#[test]
fn snapshot_expects_are_exact_and_checked() {
    let snap = fixture("create-collapsed-en");
    let PageView::Form(f) = recognize_at(&snap, capture_day()) else {
        panic!()
    };
    let step = with_snapshot_expects(&snap, plan_scopes(&f, &ids(&["vso.code"]), None, Lang::En));
    let Step::Actions(a) = step else {
        panic!("{step:?}")
    };
    let Action::Click { expect, .. } = &a[0] else {
        panic!()
    };
    assert_eq!(expect.role.as_deref(), Some("button"));
    assert_eq!(expect.name.as_deref(), Some("Show all scopes (31 more)"));

    // Ticks on the expanded form: the planner's own expectations match the nodes.
    let snap = fixture("create-expanded-en");
    let PageView::Form(f) = recognize_at(&snap, capture_day()) else {
        panic!()
    };
    let planned = plan_scopes(&f, &ids(&["vso.code"]), Some(90), Lang::En);
    let Step::Actions(refined) = with_snapshot_expects(&snap, planned.clone()) else {
        panic!()
    };
    let Step::Actions(planned) = planned else {
        panic!()
    };
    assert_eq!(planned.len(), refined.len());
    for (p, r) in planned.iter().zip(&refined) {
        let (Action::Click { expect: pe, .. }, Action::Click { expect: re, .. }) = (p, r) else {
            panic!()
        };
        assert_eq!(
            (&pe.role, &pe.checked, &pe.name),
            (&re.role, &re.checked, &re.name)
        );
    }

    // A plan made on another form version is refused.
    let mut stale = f.clone();
    stale.groups[1].levels[0].checked = true;
    let step = with_snapshot_expects(&snap, plan_scopes(&stale, &BTreeSet::new(), None, Lang::En));
    assert!(matches!(step, Step::Stuck { .. }), "{step:?}");
}

#[test]
fn fixes_translate_to_actions() {
    let run = |fixture_name: &str, exclusive: bool, steps: Vec<FixStep>| {
        let mut sim = Sim::from_fixture(fixture_name, exclusive);
        let fix = Fix {
            label: "fix".into(),
            steps,
        };
        sim.run(|f| plan_fix(f, &fix))
            .unwrap_or_else(|e| panic!("{fixture_name}: {e}"));
        sim
    };
    let sim = run(
        "create-full-en",
        true,
        vec![FixStep::SetScopeMode {
            mode: ScopeMode::Custom,
        }],
    );
    assert_eq!(sim.form.scope_mode.mode, ScopeMode::Custom);

    let sim = run(
        "create-full-en",
        true,
        vec![FixStep::ApplyPreset {
            id: "renovate".into(),
        }],
    );
    assert_converged(&sim, &preset_scopes("renovate"), "ApplyPreset");

    let sim = run(
        "create-expanded-multi-en",
        false,
        vec![FixStep::SetLevel {
            group: "code".into(),
            scope_id: "vso.code_write".into(),
        }],
    );
    assert_eq!(sim.checked(), ids(&["vso.code_write", "vso.work_write"]));

    let sim = run(
        "edit-en",
        true,
        vec![FixStep::RemoveScopes {
            scope_ids: vec!["vso.work_write".into()],
        }],
    );
    assert_eq!(sim.checked(), ids(&["vso.code_write"]));

    let sim = run(
        "create-allorgs-90-en",
        true,
        vec![
            FixStep::SelectOrganization {
                org: OrgChoice::Current,
            },
            FixStep::SetExpiryDays { days: 30 },
        ],
    );
    assert!(!sim.form.all_organizations);
    assert_eq!(sim.form.expiration.days_from_today, Some(30));
    assert!(sim.form.organization.open_options.is_none());

    let mut sim = Sim::from_fixture("create-collapsed-en", true);
    sim.forbidden.clear(); // SetName is the one fix that may write the Name
    let fix = Fix {
        label: "name".into(),
        steps: vec![FixStep::SetName {
            name: "ci-2026-11".into(),
        }],
    };
    sim.run(|f| plan_fix(f, &fix)).unwrap();
    assert_eq!(sim.form.name.value, "ci-2026-11");

    let f = form_of("create-full-en");
    let fix = Fix {
        label: "x".into(),
        steps: vec![FixStep::RemoveScopes {
            scope_ids: vec!["vso.code".into()],
        }],
    };
    assert!(matches!(plan_fix(&f, &fix), Step::Stuck { .. }));
    let fix = Fix {
        label: "x".into(),
        steps: vec![FixStep::ApplyPreset {
            id: "no-such-preset".into(),
        }],
    };
    assert!(matches!(plan_fix(&f, &fix), Step::Stuck { .. }));
}

#[test]
fn plan_scopes_never_writes_the_name() {
    // Sim::from_fixture forbids the Name handle; every convergence test above ran with it.
    let mut sim = Sim::from_fixture("create-expanded-en", true);
    sim.run_scopes(&preset_scopes("git-push"), Some(45), Lang::En)
        .unwrap();
    assert!(sim
        .log
        .iter()
        .all(|a| !matches!(a, Action::SetValue { h, .. } if *h == sim.form.name.handle)));
}
