//! The success section: is the token what Azure DevOps issues, and where should it
//! go — the clipboard (cleared again), an encrypted KeePass file or an import file (both
//! made in the extension's own vault window, which also asks to confirm an unencrypted one).
//! Never the browser's password manager: it would keep the
//! token as the login of https://dev.azure.com, readable by any script there.

use super::dom::{el, El};
use crate::app::{ClipboardState, HandoffFormat, SuccessSession};
use patguard_core::catalog::Lang;
use patguard_core::token::TokenKind;

fn button(action: &str, label: &str) -> El {
    el("button")
        .attr("type", "button")
        .class("secondary")
        .attr("data-action", action)
        .text(label)
}

fn tr(lang: Lang, en: &'static str, de: &'static str) -> &'static str {
    if lang == Lang::De {
        de
    } else {
        en
    }
}

fn validity(kind: &TokenKind, lang: Lang) -> El {
    match kind {
        TokenKind::Current84 { .. } => el("p").class("valid").attr("data-token-format", "current").text(tr(
            lang,
            "Valid Azure DevOps token (84-character format with the AZDO signature).",
            "Gültiges Azure DevOps-Token (84 Zeichen mit AZDO-Signatur).",
        )),
        TokenKind::Legacy52 { checksum_ok: true, .. } => el("p").class("valid").attr("data-token-format", "legacy").text(tr(
            lang,
            "Valid Azure DevOps token (legacy 52-character format, checksum correct).",
            "Gültiges Azure DevOps-Token (altes 52-Zeichen-Format, Prüfsumme korrekt).",
        )),
        TokenKind::Legacy52 { checksum_ok: false, .. } => el("p").class("warning").attr("data-token-format", "corrupt").text(tr(
            lang,
            "Warning: this looks like a legacy token but its checksum is wrong. It may have been changed; copy it again from Azure DevOps.",
            "Warnung: Die Prüfsumme dieses Tokens stimmt nicht. Es wurde eventuell verändert.",
        )),
        TokenKind::Unknown { reason } => el("p").class("warning").attr("data-token-format", "unknown").text(&format!(
            "{} ({reason})",
            tr(
                lang,
                "Warning: this is not a token format Azure DevOps is known to issue. You can still copy it.",
                "Warnung: Dieses Format stellt Azure DevOps nicht aus. Sie können es trotzdem kopieren.",
            )
        )),
    }
}

fn clipboard_line(state: &ClipboardState, now_ms: f64, lang: Lang) -> El {
    el("p")
        .class("clipboard-status")
        .attr("data-clipboard", clipboard_id(state))
        .attr("aria-live", "polite")
        .text(&clipboard_text(state, now_ms, lang))
}

/// What decides the section's structure (not the countdown seconds).
pub fn signature(s: &SuccessSession, lang: Lang) -> String {
    format!(
        "{lang:?}|{}|{}|{:?}|{}|{}",
        s.kind.is_valid(),
        clipboard_id(&s.clipboard),
        s.vault_open,
        s.masked,
        s.saved.len()
    )
}

pub fn clipboard_text(state: &ClipboardState, now_ms: f64, lang: Lang) -> String {
    match state {
        ClipboardState::Idle => String::new(),
        ClipboardState::Copying => tr(lang, "Copying…", "Wird kopiert…").to_string(),
        ClipboardState::Copied { clear_at_ms } => {
            let left = ((clear_at_ms - now_ms) / 1000.0).ceil().max(0.0) as u32;
            match lang {
                Lang::En => format!("Copied. The clipboard is cleared in {left} s, unless you copy something else."),
                Lang::De => format!("Kopiert. Die Zwischenablage wird in {left} s geleert, außer Sie kopieren etwas anderes."),
            }
        }
        ClipboardState::Cleared => tr(
            lang,
            "The clipboard was cleared.",
            "Die Zwischenablage wurde geleert.",
        )
        .into(),
        ClipboardState::Kept => tr(
            lang,
            "You copied something else meanwhile, so the clipboard was left alone.",
            "Sie haben inzwischen etwas anderes kopiert; die Zwischenablage blieb unverändert.",
        )
        .into(),
        ClipboardState::Failed(e) => format!(
            "{} {e}",
            tr(
                lang,
                "Clipboard problem:",
                "Problem mit der Zwischenablage:"
            )
        ),
    }
}

fn clipboard_id(state: &ClipboardState) -> &'static str {
    match state {
        ClipboardState::Idle => "idle",
        ClipboardState::Copying => "copying",
        ClipboardState::Copied { .. } => "copied",
        ClipboardState::Cleared => "cleared",
        ClipboardState::Kept => "kept",
        ClipboardState::Failed(_) => "failed",
    }
}

/// While a vault window is open, no other hand-off starts (it reports back first, also when
/// closed); its own button says it is busy.
fn while_open(button: El, s: &SuccessSession, format: HandoffFormat) -> El {
    match s.vault_open {
        Some(open) if open == format => button.attr("disabled", "").attr("aria-busy", "true"),
        Some(_) => button.attr("disabled", ""),
        None => button,
    }
}

pub fn render(s: &SuccessSession, lang: Lang, now_ms: f64) -> El {
    let mut section = el("section")
        .class("success-section")
        .attr("data-patguard", "success")
        .child(el("h3").class("section-title").text(tr(lang, "Keep the token safe", "Token sicher aufbewahren")))
        .child(validity(&s.kind, lang))
        .child(el("p").class("hint").text(tr(
            lang,
            "Azure DevOps shows it only now. Put it into a password manager, not a chat or a text file.",
            "Azure DevOps zeigt es nur jetzt an. Legen Sie es in einem Passwortmanager ab, nicht in einem Chat oder einer Textdatei.",
        )));
    let mut actions = el("div").class("buttons").child(
        el("button")
            .attr("type", "button")
            .class("primary")
            .attr("data-action", "secure-copy")
            .text(tr(lang, "Secure copy", "Sicher kopieren")),
    );
    let mut kdbx = button(
        "save-kdbx",
        tr(
            lang,
            "Save to KeePass (.kdbx)…",
            "In KeePass speichern (.kdbx)…",
        ),
    );
    kdbx = while_open(kdbx, s, HandoffFormat::Kdbx);
    actions = actions.child(kdbx);
    section = section
        .child(actions)
        .child(clipboard_line(&s.clipboard, now_ms, lang));
    if let Some(format) = s.vault_open {
        let hint = if format == HandoffFormat::Kdbx {
            tr(
                lang,
                "The master password is asked for in PAT Guard's own window, never on this page.",
                "Das Masterpasswort wird im eigenen Fenster von PAT Guard abgefragt, nie auf dieser Seite.",
            )
        } else {
            tr(
                lang,
                "The file is made in PAT Guard's own window, after you confirm there that it is not encrypted.",
                "Die Datei wird im eigenen Fenster von PAT Guard erstellt, nachdem Sie dort bestätigt haben, dass sie nicht verschlüsselt ist.",
            )
        };
        section = section.child(
            el("p")
                .class("hint")
                .attr("data-vault", "waiting")
                .attr("data-format", format.id())
                .text(hint),
        );
    }

    let files = [
        HandoffFormat::BitwardenJson,
        HandoffFormat::OnePasswordCsv,
        HandoffFormat::KeepassXml,
    ];
    let mut imports = el("details").class("imports").child(el("summary").text(tr(
        lang,
        "Import file for another password manager",
        "Importdatei für einen anderen Passwortmanager",
    )));
    let mut file_buttons = el("div").class("buttons");
    for f in files {
        file_buttons = file_buttons.child(while_open(
            el("button")
                .attr("type", "button")
                .class("secondary")
                .attr("data-action", "save-file")
                .attr("data-format", f.id())
                .text(f.title()),
            s,
            f,
        ));
    }
    imports = imports.child(file_buttons);
    if s.vault_open.is_some_and(|f| f != HandoffFormat::Kdbx) {
        imports = imports.attr("open", "");
    }
    section = section.child(imports);

    if !s.saved.is_empty() && !s.masked {
        section = section.child(button(
            "mask-token",
            tr(
                lang,
                "Hide the token on the page",
                "Token auf der Seite verbergen",
            ),
        ));
    }
    section
}
