//! The building blocks every section of the page is made of: its heading, a labelled
//! field with hint and error, inputs, buttons, a table and the feedback line, and reading
//! a field back.

use patguard_browser::dom::{el, El};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

/// What the last action of a section did: its errors, or what changed.
#[derive(Default)]
pub struct Feedback {
    pub errors: Vec<String>,
    pub status: Option<String>,
}

impl Feedback {
    pub fn done(status: String) -> Feedback {
        Feedback {
            errors: Vec::new(),
            status: Some(status),
        }
    }

    pub fn failed(error: String) -> Feedback {
        Feedback {
            errors: vec![error],
            status: None,
        }
    }
}

/// A section of the page, named by its heading.
pub fn section(data_section: &str, heading_id: &str, title: &str) -> El {
    el("section")
        .attr("aria-labelledby", heading_id)
        .attr("data-section", data_section)
        .child(el("h2").attr("id", heading_id).text(title))
}

pub fn feedback(kind: &str, fb: &Feedback) -> El {
    let mut out = el("div").attr("data-feedback", kind);
    let status = el("p")
        .attr("role", "status")
        .attr("data-status", kind)
        .text(fb.status.as_deref().unwrap_or(""));
    out = out.child(status);
    let mut alert = el("div").attr("role", "alert").attr("data-errors", kind);
    if !fb.errors.is_empty() {
        alert = alert.child(el("ul").children(fb.errors.iter().map(|e| el("li").text(e))));
    }
    out.child(alert)
}

pub fn labelled(id: &str, label: &str, control: El, hint: Option<&str>, error: Option<&str>) -> El {
    let mut control = control.attr("id", id);
    let mut described = Vec::new();
    if hint.is_some() {
        described.push(format!("{id}-hint"));
    }
    if error.is_some() {
        described.push(format!("{id}-error"));
        control = control.attr("aria-invalid", "true");
    }
    if !described.is_empty() {
        control = control.attr("aria-describedby", &described.join(" "));
    }
    let mut row = el("div")
        .class("field")
        .child(el("label").attr("for", id).text(label))
        .child(control);
    if let Some(h) = hint {
        row = row.child(
            el("p")
                .class("hint")
                .attr("id", &format!("{id}-hint"))
                .text(h),
        );
    }
    if let Some(e) = error {
        row = row.child(
            el("p")
                .class("error")
                .attr("id", &format!("{id}-error"))
                .text(e),
        );
    }
    row
}

pub fn text_input(field: &str, value: &str) -> El {
    let i = el("input").attr("type", "text").attr("data-field", field);
    if let Some(x) = i.0.dyn_ref::<HtmlInputElement>() {
        x.set_value(value);
    }
    i
}

pub fn select(field: &str, options: &[(String, String)], selected: &str) -> El {
    let mut s = el("select").attr("data-field", field);
    for (value, label) in options {
        let mut o = el("option").attr("value", value).text(label);
        if value == selected {
            o = o.attr("selected", "");
        }
        s = s.child(o);
    }
    s
}

pub fn button(action: &str, label: &str) -> El {
    el("button")
        .attr("type", "button")
        .attr("data-action", action)
        .text(label)
}

/// A table with a caption, a row of column headings and the given body rows.
pub fn table(caption: &str, headings: &[String], rows: impl IntoIterator<Item = El>) -> El {
    let head = el("tr").children(
        headings
            .iter()
            .map(|h| el("th").attr("scope", "col").text(h)),
    );
    el("table")
        .child(el("caption").text(caption))
        .child(el("thead").child(head))
        .child(el("tbody").children(rows))
}

/// The current value of the field `data-field="{field}"` ("" when there is none).
pub fn input_value(root: &Element, field: &str) -> String {
    let Ok(Some(e)) = root.query_selector(&format!("[data-field=\"{field}\"]")) else {
        return String::new();
    };
    if let Some(i) = e.dyn_ref::<HtmlInputElement>() {
        return i.value();
    }
    if let Some(s) = e.dyn_ref::<HtmlSelectElement>() {
        return s.value();
    }
    if let Some(t) = e.dyn_ref::<HtmlTextAreaElement>() {
        return t.value();
    }
    String::new()
}
