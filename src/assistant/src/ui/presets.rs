//! The searchable preset list: grouped by purpose, each with its scopes in the page's
//! own labels, why it needs them, and the public source that says so.

use super::dom::{el, set_attribute_if_changed, set_attribute_present, El};
use super::preset_texts;
use super::texts::{t, T};
use crate::app::PresetOrigin;
use patguard_core::catalog::{catalog, Lang};
use patguard_core::presets::{presets, Preset};
use wasm_bindgen::JsCast;
use web_sys::Element;

pub fn matches_query(p: &Preset, query: &str, lang: Lang) -> bool {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return true;
    }
    // Both languages are searched: a German user may type the English tool name.
    let mut hay = format!(
        "{} {} {} {} {} {} {}",
        p.id,
        p.title,
        p.task,
        p.purpose_group,
        p.notes,
        preset_texts::title(p, Lang::De),
        preset_texts::task(p, Lang::De)
    )
    .to_lowercase();
    for s in &p.scopes {
        hay.push(' ');
        hay.push_str(&scope_label(s, lang).to_lowercase());
        hay.push(' ');
        hay.push_str(s);
    }
    q.split_whitespace().all(|w| hay.contains(w))
}

/// "Code: Read & write" in the page's language.
pub use patguard_core::findings::scope_label;

/// Built-in presets grouped by purpose, then the team presets under "Team". Which one is
/// active, busy or disabled is set by `apply_state`, so that changing it (on every tick
/// the user makes) does not rebuild the list, close an open "why" or drop the focus.
pub fn render(team: &[(&Preset, PresetOrigin)], query: &str, lang: Lang) -> El {
    let team_group = t(T::TeamGroup, lang);
    let shown: Vec<(&str, &Preset, Option<&PresetOrigin>)> = presets()
        .iter()
        .map(|p| (p.purpose_group.as_str(), p, None))
        .chain(team.iter().map(|(p, o)| (team_group, *p, Some(o))))
        .filter(|(_, p, _)| matches_query(p, query, lang))
        .collect();
    let mut list = el("div").class("preset-groups");
    if shown.is_empty() {
        return list.child(el("p").class("empty").text(t(T::NoMatch, lang)));
    }
    let mut groups: Vec<&str> = Vec::new();
    for (g, _, _) in &shown {
        if !groups.contains(g) {
            groups.push(g);
        }
    }
    for g in groups {
        let items = shown
            .iter()
            .filter(|(pg, _, _)| *pg == g)
            .map(|(_, p, origin)| item(p, *origin, lang));
        list = list.child(
            el("section")
                .class("preset-group")
                .attr("aria-label", preset_texts::group(g, lang))
                .child(el("h3").text(preset_texts::group(g, lang)))
                .child(el("ul").children(items)),
        );
    }
    list
}

/// A team preset's source title is whatever its file says, so the link also names the host
/// it really opens: "Microsoft Learn" over a link to another site shows that site.
fn source_text(p: &Preset, origin: Option<&PresetOrigin>) -> String {
    if origin.is_none() {
        return p.source.title.clone();
    }
    let rest = p.source.url.split_once("://").map_or("", |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    format!("{} ({host})", p.source.title)
}

fn item(p: &Preset, origin: Option<&PresetOrigin>, lang: Lang) -> El {
    let mut button = el("button")
        .attr("type", "button")
        .attr("data-preset-id", &p.id)
        .attr("aria-pressed", "false")
        .attr("aria-describedby", &format!("task-{}", p.id))
        .class("preset")
        .child(
            el("span")
                .class("preset-title")
                .text(preset_texts::title(p, lang)),
        );
    if let Some(origin) = origin {
        let text = match origin {
            PresetOrigin::Organization => t(T::OriginOrganization, lang).to_string(),
            PresetOrigin::File(name) => format!("{} {name}", t(T::OriginFile, lang)),
            PresetOrigin::Saved => t(T::OriginSaved, lang).to_string(),
            PresetOrigin::User => t(T::OriginUser, lang).to_string(),
        };
        button = button.child(
            el("span")
                .class("preset-origin")
                .attr("data-origin", origin.as_str())
                .text(&text),
        );
    }
    let scopes = p.scopes.iter().map(|s| {
        let level = catalog()
            .scope(s)
            .map(|r| r.level.description.as_str())
            .unwrap_or("");
        el("li")
            .child(el("code").text(&scope_label(s, lang)))
            .attr("title", &format!("{s}: {level}"))
    });
    let why = el("details")
        .child(el("summary").text(&format!(
            "{} · {} {}",
            t(T::ScopesLabel, lang),
            p.recommended_days,
            t(T::Days, lang)
        )))
        .child(el("ul").class("scopes").children(scopes))
        .child(el("p").class("notes").text(&p.notes))
        .child(
            el("p")
                .class("source")
                .text(&format!("{}: ", t(T::Source, lang)))
                .child(
                    el("a")
                        .attr("href", &p.source.url)
                        .attr("target", "_blank")
                        .attr("rel", "noopener noreferrer")
                        .text(&source_text(p, origin)),
                ),
        );
    el("li")
        .class("preset-item")
        .child(button)
        .child(
            el("p")
                .class("task")
                .attr("id", &format!("task-{}", p.id))
                .text(preset_texts::task(p, lang)),
        )
        .child(why)
}

/// Marks the active preset (pressed, with its badge), the busy one, and disables them all
/// while a preset is applied or outside the form, where "save as preset" is hidden too;
/// only what differs is written.
pub fn apply_state(
    region: &Element,
    lang: Lang,
    active: Option<&str>,
    busy: Option<&str>,
    enabled: bool,
) {
    let Ok(buttons) = region.query_selector_all("button[data-preset-id]") else {
        return;
    };
    for i in 0..buttons.length() {
        let Some(button) = buttons.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let id = button.get_attribute("data-preset-id").unwrap_or_default();
        let is_active = active == Some(id.as_str());
        set_attribute_if_changed(
            &button,
            "aria-pressed",
            if is_active { "true" } else { "false" },
        );
        set_attribute_if_changed(
            &button,
            "class",
            if is_active { "preset active" } else { "preset" },
        );
        let badge = button.query_selector(".badge").ok().flatten();
        match (is_active, badge) {
            (true, None) => {
                button
                    .append_child(&el("span").class("badge").text(t(T::Active, lang)).build())
                    .ok();
            }
            (false, Some(badge)) => badge.remove(),
            _ => {}
        }
        set_attribute_present(&button, "aria-busy", busy == Some(id.as_str()), "true");
        set_attribute_present(&button, "disabled", !enabled || busy.is_some(), "");
    }
    // Saving the form as a preset needs a form.
    if let Ok(Some(row)) = region.query_selector(".save-preset-row") {
        set_attribute_present(&row, "hidden", !enabled, "");
    }
    if let Ok(Some(save)) = region.query_selector("[data-action=\"save-preset\"]") {
        set_attribute_present(&save, "disabled", busy.is_some(), "");
    }
}
