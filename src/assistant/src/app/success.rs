//! The success view: the one-time token, held as a `Secret` only while the view is
//! open, validated, copied with compare-before-clear, and handed to a password manager
//! through PAT Guard's vault window, which builds the file (this frame never does).

use super::{App, Effect, FormMemo, Notice};
use crate::protocol::Outgoing;
use patguard_core::action::{Action, Expect};
use patguard_core::date::Date;
use patguard_core::page::PageView;
use patguard_core::secret::Secret;
use patguard_core::snapshot::Handle;
use patguard_core::token::{classify, TokenKind};
use patguard_core::vault::{NewToken, VaultEntry};
use zeroize::Zeroizing;

#[derive(Clone, Debug, PartialEq)]
pub enum ClipboardState {
    Idle,
    Copying,
    /// On the clipboard until this time (epoch ms), unless replaced by something else.
    Copied {
        clear_at_ms: f64,
    },
    Cleared,
    /// Something else was copied meanwhile, so it was left alone.
    Kept,
    Failed(String),
}

/// The files the vault window makes: the encrypted KeePass database, or an unencrypted
/// import file (confirmed there first).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HandoffFormat {
    Kdbx,
    BitwardenJson,
    OnePasswordCsv,
    KeepassXml,
}

impl HandoffFormat {
    /// The import files, by the id of their button.
    pub fn from_id(id: &str) -> Option<HandoffFormat> {
        match id {
            "bitwarden-json" => Some(HandoffFormat::BitwardenJson),
            "1password-csv" => Some(HandoffFormat::OnePasswordCsv),
            "keepass-xml" => Some(HandoffFormat::KeepassXml),
            _ => None,
        }
    }

    /// The id the vault window and the hand-off message know the format by.
    pub fn id(self) -> &'static str {
        match self {
            HandoffFormat::Kdbx => "kdbx",
            HandoffFormat::BitwardenJson => "bitwarden-json",
            HandoffFormat::OnePasswordCsv => "1password-csv",
            HandoffFormat::KeepassXml => "keepass-xml",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            HandoffFormat::Kdbx => "KeePass (.kdbx)",
            HandoffFormat::BitwardenJson => "Bitwarden (.json)",
            HandoffFormat::OnePasswordCsv => "1Password (.csv)",
            HandoffFormat::KeepassXml => "KeePass (.xml)",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            HandoffFormat::Kdbx => "kdbx",
            HandoffFormat::BitwardenJson => "json",
            HandoffFormat::OnePasswordCsv => "csv",
            HandoffFormat::KeepassXml => "xml",
        }
    }
}

pub struct SuccessSession {
    token: Secret,
    pub kind: TokenKind,
    pub token_field: Handle,
    pub memo: Option<FormMemo>,
    pub clipboard: ClipboardState,
    /// The hand-off whose vault window is open and has not reported back yet (one at a time).
    pub vault_open: Option<HandoffFormat>,
    pub masked: bool,
    pub saved: Vec<&'static str>,
}

impl SuccessSession {
    #[cfg(test)]
    pub fn token_len(&self) -> usize {
        self.token.len()
    }
}

impl App {
    /// Opens, keeps or drops the success session to follow the page.
    pub(super) fn sync_success(&mut self) {
        let Some(PageView::Success(view)) = &self.view else {
            self.success = None; // dropping the Secret zeroises the token
            return;
        };
        let value = self
            .snap
            .as_ref()
            .and_then(|s| s.find(view.token_field))
            // A read-only field's value, or the text the token is shown as.
            .and_then(|n| n.expose_value().map(String::from).or_else(|| n.x.clone()))
            .unwrap_or_default();
        let value = Zeroizing::new(value);
        let trimmed = value.trim();
        if let Some(s) = &mut self.success {
            if s.token.expose() == trimmed {
                s.token_field = view.token_field;
                return;
            }
        }
        // A regenerate has no form: the list's selected row says which token it was. The
        // page may word it like a create ("Successfully added a new personal access
        // token"), so a success view reached from the list (a selected row remembered, no
        // form memo) is a regenerate whatever its wording.
        let regenerated =
            view.regenerated || (self.memo.is_none() && self.selected_row().is_some());
        let token_field = view.token_field;
        let memo = if regenerated {
            self.regenerated_memo()
        } else {
            self.memo.clone()
        };
        self.success = Some(SuccessSession {
            kind: classify(trimmed),
            token: Secret::new(trimmed.to_string()),
            token_field,
            memo,
            clipboard: ClipboardState::Idle,
            vault_open: None,
            masked: false,
            saved: Vec::new(),
        });
    }

    pub fn secure_copy(&mut self) -> Vec<Effect> {
        let seconds = self.settings.clipboard_clear_seconds;
        let Some(s) = &mut self.success else {
            return Vec::new();
        };
        s.clipboard = ClipboardState::Copying;
        vec![Effect::Copy {
            text: Zeroizing::new(s.token.expose().to_string()),
            clear_after_seconds: seconds,
        }]
    }

    /// The background's answer to a copy request.
    pub fn on_copy_done(&mut self, result: Result<f64, String>) {
        let Some(s) = &mut self.success else { return };
        s.clipboard = match result {
            Ok(clear_at_ms) => ClipboardState::Copied { clear_at_ms },
            Err(e) => ClipboardState::Failed(e),
        };
    }

    /// The background's report when the clear time came.
    pub fn on_clipboard_outcome(&mut self, outcome: &str, error: Option<String>) {
        let Some(s) = &mut self.success else { return };
        s.clipboard = match outcome {
            "cleared" => ClipboardState::Cleared,
            "kept" => ClipboardState::Kept,
            _ => ClipboardState::Failed(
                error.unwrap_or_else(|| "the clipboard could not be read".into()),
            ),
        };
    }

    /// Starts a hand-off: the entry (with the token) goes to PAT Guard's own vault window,
    /// which asks for the KeePass master password, or shows the unencrypted-file warning and
    /// asks for a confirmation, and then builds and downloads the file there. This frame only
    /// waits for the window's result.
    pub fn start_handoff(&mut self, format: HandoffFormat) -> Vec<Effect> {
        if self.success.as_ref().is_none_or(|s| s.vault_open.is_some()) {
            return Vec::new();
        }
        let filename = self.file_name(format.extension());
        let request_json = match self.with_vault_entry(|e| Ok(e.to_vault_request_json())) {
            Ok(j) => j,
            Err(e) => {
                self.notice = Some(Notice::Error(e));
                return Vec::new();
            }
        };
        if let Some(s) = &mut self.success {
            s.vault_open = Some(format);
        }
        self.notice = Some(Notice::Info(match format {
            HandoffFormat::Kdbx => self.say(
                "Choose the master password in the PAT Guard window that opened.",
                "Wählen Sie das Masterpasswort im geöffneten PAT-Guard-Fenster.",
            ),
            _ => self.say(
                "Confirm the download in the PAT Guard window that opened.",
                "Bestätigen Sie den Download im geöffneten PAT-Guard-Fenster.",
            ),
        }));
        vec![Effect::OpenVault {
            format: format.id(),
            request_json,
            filename,
        }]
    }

    /// The vault window's result.
    pub fn on_handoff_done(&mut self, result: Result<(), String>) {
        let Some(s) = &mut self.success else { return };
        let Some(format) = s.vault_open.take() else {
            return;
        };
        let kdbx = format == HandoffFormat::Kdbx;
        match result {
            Ok(()) => {
                s.saved.push(format.id());
                self.notice = Some(Notice::Success(if kdbx {
                    self.say(
                        "Saved an encrypted KeePass file. Open it, or merge it into your database (Database → Merge).",
                        "Verschlüsselte KeePass-Datei gespeichert. Öffnen Sie sie oder führen Sie sie mit Ihrer Datenbank zusammen (Datenbank → Zusammenführen).",
                    )
                } else {
                    format!(
                        "{} {}",
                        format.title(),
                        self.say(
                            "import file saved. It is NOT encrypted: import it right away, then delete it (and empty the trash).",
                            "Importdatei gespeichert. Sie ist NICHT verschlüsselt: Importieren Sie sie sofort und löschen Sie sie danach.",
                        )
                    )
                }));
            }
            Err(e) => {
                let text = if kdbx {
                    self.say(
                        "The KeePass file could not be made:",
                        "Die KeePass-Datei konnte nicht erstellt werden:",
                    )
                } else {
                    self.say(
                        "The import file could not be made:",
                        "Die Importdatei konnte nicht erstellt werden:",
                    )
                };
                self.notice = Some(Notice::Error(format!("{text} {e}")))
            }
        }
    }

    pub fn mask_token(&mut self) -> Vec<Effect> {
        let gen = self.gen();
        let Some(s) = &mut self.success else {
            return Vec::new();
        };
        s.masked = true;
        let expect = Expect {
            role: None,
            checked: None,
            name: None,
        };
        vec![Effect::Agent(Outgoing::Act {
            id: 0,
            gen,
            actions: vec![Action::Mask {
                h: s.token_field,
                expect,
            }],
        })]
    }

    /// No token, name or user in file names: only the organization and the date.
    fn file_name(&self, ext: &str) -> String {
        let org: String = self
            .organization_from_url()
            .unwrap_or_else(|| "azure-devops".into())
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        format!(
            "azure-devops-pat-{org}-{}.{ext}",
            Date::from_days_since_epoch(self.today)
        )
    }

    fn with_vault_entry<T>(
        &self,
        f: impl FnOnce(&VaultEntry) -> Result<T, String>,
    ) -> Result<T, String> {
        let s = self.success.as_ref().ok_or("The token view is closed.")?;
        let org = self.organization_from_url().unwrap_or_default();
        let today = Date::from_days_since_epoch(self.today);
        let memo = s.memo.clone().unwrap_or_default();
        let expires = memo.expiry_days.map(|d| today.add_days(d).to_string());
        let created = today.to_string();
        let scopes: Vec<&str> = if memo.full_access {
            vec!["app_token"]
        } else {
            memo.scopes.iter().map(String::as_str).collect()
        };
        let name = if memo.name.is_empty() {
            "Personal access token"
        } else {
            memo.name.as_str()
        };
        let preset = self.chosen_preset.as_deref();
        // An Azure DevOps Server token's entry points at the server, not at dev.azure.com.
        let url = self
            .snap
            .as_ref()
            .and_then(|snap| patguard_core::vault::vault_url_for_page(&snap.url));
        let entry = VaultEntry::for_new_token(&NewToken {
            name,
            organization: &org,
            username: None,
            token: s.token.expose(),
            url: url.as_deref(),
            expires: expires.as_deref(),
            scopes: &scopes,
            preset,
            created: &created,
        })
        .map_err(|e| e.to_string())?;
        f(&entry)
    }
}
