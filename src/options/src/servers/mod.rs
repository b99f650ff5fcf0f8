//! The Azure DevOps Server section: the self-hosted origins PAT Guard runs on, added
//! (with the browser's permission, asked inside the click) and removed.

pub mod model;

use crate::form::{button, feedback, input_value, labelled, section, text_input, Feedback};
use crate::glue::server_changed;
use crate::page::{render as render_page, Page, Shared};
use crate::texts::tr;
use js_sys::Promise;
use patguard_browser::dom::{el, El};
use wasm_bindgen::JsValue;

/// Adds the origin the user typed: called synchronously from the click, because
/// `permissions.request` needs the user's gesture.
pub fn add(page: &Shared) {
    let lang = page.borrow().lang;
    let input = input_value(&page.borrow().root, "server-origin");
    match model::server_origin(&input, lang) {
        Err(e) => page.borrow_mut().server_fb = Feedback::failed(e),
        Ok(origin) if page.borrow().servers.contains(&origin) => {
            page.borrow_mut().server_fb = Feedback::failed(tr(
                lang,
                &format!("{origin} is listed already"),
                &format!("{origin} ist bereits eingetragen"),
            ))
        }
        Ok(origin) => {
            let promise = page.borrow().glue.add_server(&origin);
            change_servers(page, promise, move |p| {
                p.servers.push(origin.clone());
                tr(
                    lang,
                    &format!("PAT Guard now runs on {origin}."),
                    &format!("PAT Guard läuft jetzt auf {origin}."),
                )
            });
        }
    }
}

pub fn remove(page: &Shared, origin: String) {
    let lang = page.borrow().lang;
    let promise = page.borrow().glue.remove_server(&origin);
    change_servers(page, promise, move |p| {
        p.servers.retain(|s| *s != origin);
        tr(
            lang,
            &format!("{origin} removed."),
            &format!("{origin} entfernt."),
        )
    });
}

/// Reports the glue's `addServer` or `removeServer` (the permission and the content-script
/// registration); on success `done` updates the list and says what changed.
fn change_servers(
    page: &Shared,
    promise: Result<Promise, JsValue>,
    done: impl FnOnce(&mut Page) -> String + 'static,
) {
    let page = page.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let result = server_changed(promise).await;
        {
            let mut p = page.borrow_mut();
            p.server_fb = match result {
                Ok(()) => Feedback::done(done(&mut p)),
                Err(e) => Feedback::failed(e),
            };
        }
        render_page(&page);
    });
}

pub fn render(p: &Page) -> El {
    let lang = p.lang;
    let items = p.servers.iter().map(|s| {
        el("li")
            .attr("data-server", s)
            .child(el("span").text(s))
            .child(
                button("remove-server", &tr(lang, "Remove", "Entfernen"))
                    .attr("data-id", s)
                    .attr(
                        "aria-label",
                        &tr(lang, &format!("Remove {s}"), &format!("{s} entfernen")),
                    ),
            )
    });
    section("servers", "h-servers", &tr(lang, "Azure DevOps Server", "Azure DevOps Server"))
        .child(el("p").text(&tr(
            lang,
            "Add the address of your own Azure DevOps Server. Your browser asks you to allow PAT Guard on that site; PAT Guard then runs only on its token pages (…/_usersSettings/tokens).",
            "Fügen Sie die Adresse Ihres eigenen Azure DevOps Server hinzu. Ihr Browser fragt, ob PAT Guard auf dieser Website laufen darf; PAT Guard wird dann nur auf deren Token-Seiten (…/_usersSettings/tokens) aktiv.",
        )))
        .child(el("ul").attr("data-list", "servers").children(items))
        .child(
            el("form")
                .attr("data-form", "server")
                .attr("novalidate", "")
                .child(labelled(
                    "server-origin",
                    &tr(lang, "Server address", "Serveradresse"),
                    text_input("server-origin", "").attr("placeholder", "https://ado.contoso.com").attr("autocomplete", "url"),
                    None,
                    None,
                ))
                .child(button("add-server", &tr(lang, "Add server", "Server hinzufügen")).class("primary")),
        )
        .child(feedback("servers", &p.server_fb))
}
