//! The assistant's own texts in English and German, following the page's language.

use patguard_core::catalog::Lang;

#[derive(Clone, Copy)]
pub enum T {
    Title,
    Loading,
    SearchPresets,
    PresetsHeading,
    ScopesLabel,
    Source,
    Active,
    NotTokenForm,
    Unrecognized,
    NoMatch,
    Days,
    TeamGroup,
    SavePreset,
    OriginOrganization,
    OriginUser,
    OriginFile,
    OriginSaved,
}

pub fn t(key: T, lang: Lang) -> &'static str {
    use T::*;
    match (key, lang) {
        (Title, _) => "PAT Guard",
        (Loading, Lang::En) => "Reading the page…",
        (Loading, Lang::De) => "Seite wird gelesen…",
        (SearchPresets, Lang::En) => "Search presets (tool, task or scope)",
        (SearchPresets, Lang::De) => "Vorlagen suchen (Tool, Aufgabe oder Bereich)",
        (PresetsHeading, Lang::En) => "Least-privilege presets",
        (PresetsHeading, Lang::De) => "Vorlagen mit geringsten Rechten",
        (ScopesLabel, Lang::En) => "Scopes",
        (ScopesLabel, Lang::De) => "Bereiche",
        (Source, Lang::En) => "Source",
        (Source, Lang::De) => "Quelle",
        (Active, Lang::En) => "matches the form",
        (Active, Lang::De) => "entspricht dem Formular",
        (NotTokenForm, Lang::En) => "Open “New Token” or edit a token to use presets.",
        (NotTokenForm, Lang::De) => {
            "Öffnen Sie „Neues Token“ oder bearbeiten Sie ein Token, um Vorlagen zu verwenden."
        }
        (Unrecognized, Lang::En) => {
            "PAT Guard does not recognise this page, so it changes nothing on it."
        }
        (Unrecognized, Lang::De) => {
            "PAT Guard erkennt diese Seite nicht und ändert daher nichts daran."
        }
        (NoMatch, Lang::En) => "No preset matches your search.",
        (NoMatch, Lang::De) => "Keine Vorlage passt zu Ihrer Suche.",
        (Days, Lang::En) => "days",
        (Days, Lang::De) => "Tage",
        (TeamGroup, Lang::En) => "Team",
        (TeamGroup, Lang::De) => "Team",
        (OriginOrganization, Lang::En) => "team preset pushed by your organization",
        (OriginOrganization, Lang::De) => "Team-Vorlage, von Ihrer Organisation verteilt",
        (OriginUser, Lang::En) => "team preset you imported or saved; not reviewed by PAT Guard",
        (OriginUser, Lang::De) => {
            "Team-Vorlage, von Ihnen importiert oder gespeichert; nicht von PAT Guard geprüft"
        }
        // Followed by the file's name.
        (OriginFile, Lang::En) => "team preset from file",
        (OriginFile, Lang::De) => "Team-Vorlage aus Datei",
        (OriginSaved, Lang::En) => "team preset saved by you",
        (OriginSaved, Lang::De) => "Team-Vorlage, von Ihnen gespeichert",
        (SavePreset, Lang::En) => "Save form as preset",
        (SavePreset, Lang::De) => "Formular als Vorlage speichern",
    }
}
