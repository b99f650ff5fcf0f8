//! Renders the assistant from the app state with web-sys. The skeleton (search box,
//! regions) is built once so typing in the search box keeps focus; the regions
//! below it are rebuilt on every change, which is cheap at this size.

mod dom;
mod presets;
mod texts;

use crate::app::{App, Notice};
use dom::{el, replace_children};
use patguard_core::page::PageView;
use texts::{t, T};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

pub struct Ui {
    root: Element,
    search: HtmlInputElement,
    status: Element,
    notice: Element,
    presets: Element,
}

impl Ui {
    pub fn mount(root: Element) -> Ui {
        root.set_text_content(None);
        let header = el("header").child(el("h2").text(t(T::Title, patguard_core::catalog::Lang::En))).build();
        let status = el("p").class("status").build();
        let notice = el("div").class("notice").attr("role", "status").attr("aria-live", "polite").build();
        let search = el("input")
            .attr("type", "search")
            .attr("data-field", "preset-search")
            .attr("autocomplete", "off")
            .build()
            .dyn_into::<HtmlInputElement>()
            .expect("an input element");
        let presets = el("div").class("presets").build();
        let section = el("section").class("preset-section").build();
        section.append_child(&search).expect("append");
        section.append_child(&presets).expect("append");
        for part in [&header, &status, &notice, &section] {
            root.append_child(part).expect("append");
        }
        Ui { root, search, status, notice, presets }
    }

    pub fn search_input(&self) -> &HtmlInputElement {
        &self.search
    }

    pub fn root(&self) -> &Element {
        &self.root
    }

    pub fn render(&self, app: &App) {
        let lang = app.lang();
        let (state, status) = match app.view() {
            None => ("loading", t(T::Loading, lang).to_string()),
            Some(PageView::Unrecognized { reason }) => ("unrecognized", format!("{} {reason}", t(T::Unrecognized, lang))),
            Some(PageView::Form(_)) => ("ready", String::new()),
            Some(_) => ("ready", t(T::NotTokenForm, lang).to_string()),
        };
        self.root.set_attribute("data-state", state).ok();
        self.root.set_attribute("lang", if lang == patguard_core::catalog::Lang::De { "de" } else { "en" }).ok();
        if state == "loading" {
            self.root.set_attribute("aria-busy", "true").ok();
        } else {
            self.root.remove_attribute("aria-busy").ok();
        }
        self.status.set_text_content(Some(&status));
        self.search.set_placeholder(t(T::SearchPresets, lang));
        self.search.set_attribute("aria-label", t(T::SearchPresets, lang)).ok();

        let notice = match app.notice() {
            Some(Notice::Info(m)) => el("p").class("info").text(m),
            Some(Notice::Success(m)) => el("p").class("success").text(m),
            Some(Notice::Error(m)) => el("p").class("error").text(m),
            None => el("span"),
        };
        replace_children(&self.notice, notice.build());

        let is_form = matches!(app.view(), Some(PageView::Form(_)));
        let active = app.matching_preset().map(|p| p.id.as_str());
        let list = el("div")
            .child(el("h3").class("section-title").text(t(T::PresetsHeading, lang)))
            .child(presets::render(&self.search.value(), lang, active, app.busy_preset(), is_form));
        replace_children(&self.presets, list.build());
        if let Some(theme) = app.snapshot().map(|s| s.theme.as_str()) {
            self.root.set_attribute("data-theme", if theme == "dark" { "dark" } else { "light" }).ok();
        }
    }

    /// Height the frame needs, for the agent to size the iframe.
    pub fn content_height(&self) -> u32 {
        dom::document().document_element().map_or(0, |d| d.scroll_height().max(0) as u32)
    }
}
