use super::{catalog, Lang};

/// Keys of the page texts the recogniser relies on (see `data/ado-page-texts.json`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageText {
    ListTitle,
    NewToken,
    CreateTitle,
    EditTitle,
    Name,
    Organization,
    AllOrgs,
    Expiration,
    Days30,
    Days60,
    Days90,
    CustomExpiry,
    Scopes,
    FullAccess,
    CustomScopes,
    ShowAll,
    ShowLess,
    Create,
    Save,
    Cancel,
    Close,
    SuccessTitle,
    SuccessText,
    RegeneratedText,
    Copy,
    Edit,
    Regenerate,
    Revoke,
    RevokeTitle,
    RegenerateTitle,
    ColName,
    ColStatus,
    ColOrg,
    ColExpires,
    StatusActive,
    StatusExpired,
    StatusRevoked,
    FilterActive,
    FilterExpired,
    FilterRevoked,
    FilterAll,
    PolicyNoFull,
    PolicyNoGlobal,
    PolicyMaxDays,
}

impl PageText {
    /// The key in `data/ado-page-texts.json`.
    pub fn key(self) -> &'static str {
        use PageText::*;
        match self {
            ListTitle => "list_title",
            NewToken => "new_token",
            CreateTitle => "create_title",
            EditTitle => "edit_title",
            Name => "name",
            Organization => "organization",
            AllOrgs => "all_orgs",
            Expiration => "expiration",
            Days30 => "days_30",
            Days60 => "days_60",
            Days90 => "days_90",
            CustomExpiry => "custom_expiry",
            Scopes => "scopes",
            FullAccess => "full_access",
            CustomScopes => "custom_scopes",
            ShowAll => "show_all",
            ShowLess => "show_less",
            Create => "create",
            Save => "save",
            Cancel => "cancel",
            Close => "close",
            SuccessTitle => "success_title",
            SuccessText => "success_text",
            RegeneratedText => "regenerated_text",
            Copy => "copy",
            Edit => "edit",
            Regenerate => "regenerate",
            Revoke => "revoke",
            RevokeTitle => "revoke_title",
            RegenerateTitle => "regenerate_title",
            ColName => "col_name",
            ColStatus => "col_status",
            ColOrg => "col_org",
            ColExpires => "col_expires",
            StatusActive => "status_active",
            StatusExpired => "status_expired",
            StatusRevoked => "status_revoked",
            FilterActive => "filter_active",
            FilterExpired => "filter_expired",
            FilterRevoked => "filter_revoked",
            FilterAll => "filter_all",
            PolicyNoFull => "policy_no_full",
            PolicyNoGlobal => "policy_no_global",
            PolicyMaxDays => "policy_max_days",
        }
    }
}

/// The visible text for a key in a locale. Texts with a `{n}` placeholder are
/// returned with it; callers match them with `matches_template`.
pub fn page_text(key: PageText, lang: Lang) -> &'static str {
    let (en, de) = catalog()
        .text_pair(key.key())
        .expect("every PageText key is in the bundled texts");
    match lang {
        Lang::En => en,
        Lang::De => de,
    }
}

/// Every page text of the bundled table in both locales (templates keep their `{n}`),
/// including texts the recogniser has no `PageText` key for. Used for allow-lists
/// such as the redacted page report.
pub fn all_page_texts() -> impl Iterator<Item = &'static str> {
    catalog().text_pairs().flat_map(|(en, de)| [en, de])
}
