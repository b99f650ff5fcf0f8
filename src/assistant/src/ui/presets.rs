//! The searchable preset list: grouped by purpose, each with its scopes in the page's
//! own labels, why it needs them, and the public source that says so.

use super::dom::{el, El};
use super::preset_texts;
use super::texts::{t, T};
use patguard_core::catalog::{catalog, Lang};
use patguard_core::presets::{presets, Preset};

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
pub fn scope_label(scope_id: &str, lang: Lang) -> String {
    match catalog().scope(scope_id) {
        Some(s) => format!("{}: {}", s.group.label(lang), s.level.label(lang)),
        None => scope_id.to_string(),
    }
}

/// Built-in presets grouped by purpose, then the team presets under "Team".
pub fn render(
    team: &[&Preset],
    query: &str,
    lang: Lang,
    active: Option<&str>,
    busy: Option<&str>,
    enabled: bool,
) -> El {
    let team_group = t(T::TeamGroup, lang);
    let shown: Vec<(&str, &Preset)> = presets()
        .iter()
        .map(|p| (p.purpose_group.as_str(), p))
        .chain(team.iter().map(|p| (team_group, *p)))
        .filter(|(_, p)| matches_query(p, query, lang))
        .collect();
    let mut list = el("div").class("preset-groups");
    if shown.is_empty() {
        return list.child(el("p").class("empty").text(t(T::NoMatch, lang)));
    }
    let mut groups: Vec<&str> = Vec::new();
    for (g, _) in &shown {
        if !groups.contains(g) {
            groups.push(g);
        }
    }
    for g in groups {
        let items = shown
            .iter()
            .filter(|(pg, _)| *pg == g)
            .map(|(_, p)| item(p, lang, active, busy, enabled));
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

fn item(p: &Preset, lang: Lang, active: Option<&str>, busy: Option<&str>, enabled: bool) -> El {
    let is_active = active == Some(p.id.as_str());
    let mut button = el("button")
        .attr("type", "button")
        .attr("data-preset-id", &p.id)
        .attr("aria-pressed", if is_active { "true" } else { "false" })
        .attr("aria-describedby", &format!("task-{}", p.id))
        .class(if is_active { "preset active" } else { "preset" })
        .child(
            el("span")
                .class("preset-title")
                .text(preset_texts::title(p, lang)),
        );
    if is_active {
        button = button.child(el("span").class("badge").text(t(T::Active, lang)));
    }
    if busy == Some(p.id.as_str()) {
        button = button.attr("aria-busy", "true");
    }
    if !enabled || busy.is_some() {
        button = button.attr("disabled", "");
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
                        .text(&p.source.title),
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
