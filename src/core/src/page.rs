//! What the recogniser makes of a snapshot: which view of the token page is shown
//! and, for the token form, every control with its handle and state. The planner,
//! the findings engine and the assistant UI all work on this model, never on raw DOM.

use crate::catalog::Lang;
use crate::snapshot::Handle;

// One PageView exists per snapshot; boxing the form would only add indirection.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum PageView {
    /// The token list with no panel open.
    List(ListState),
    /// The create or edit form.
    Form(FormState),
    /// The one-time token view after create or regenerate.
    Success(SuccessState),
    /// A dialog PAT Guard has nothing to do with (e.g. the revoke confirmation).
    OtherDialog { title: String },
    /// Something that looks like the token panel but could not be mapped with
    /// certainty. The reason is shown to the user; nothing on the page is touched.
    Unrecognized { reason: String },
}

impl PageView {
    /// Where the assistant must be mounted when it is not where the agent puts it by
    /// itself (an open dialog, else above the token list): the page region of a success
    /// view shown outside any dialog. `None` for every other view, recognised or not.
    pub fn mount_region(&self) -> Option<Handle> {
        match self {
            PageView::Success(s) => s.region,
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormMode {
    Create,
    Edit,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FormState {
    pub mode: FormMode,
    pub lang: Lang,
    /// The panel's dialog element: where the assistant is mounted.
    pub panel: Handle,
    pub name: TextControl,
    pub organization: DropdownState,
    /// True when "All accessible organizations" is selected.
    pub all_organizations: bool,
    pub expiration: ExpirationState,
    pub scope_mode: ScopeModeState,
    /// The groups currently rendered, in page order.
    pub groups: Vec<GroupState>,
    /// Checkboxes of groups (or levels of known groups) the catalog does not know, in
    /// page order. PAT Guard never clicks them.
    pub unknown: Vec<UnknownLevel>,
    /// The "Show all scopes (N more)" control while groups are hidden behind it.
    pub show_all: Option<ShowAll>,
    /// Create (or Save on edit).
    pub submit: ButtonState,
    /// Policy or validation messages the page shows inside the panel.
    pub messages: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TextControl {
    pub handle: Handle,
    pub value: String,
    pub disabled: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DropdownState {
    /// The button that opens the list.
    pub handle: Handle,
    /// The text the closed dropdown shows.
    pub selected: String,
    pub disabled: bool,
    /// The options, when the list is open (it renders in a callout outside the panel).
    pub open_options: Option<Vec<OptionState>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OptionState {
    pub handle: Handle,
    pub label: String,
    pub disabled: bool,
    pub selected: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExpirationState {
    pub dropdown: DropdownState,
    /// The preset period the dropdown shows, when it is one of the day options.
    pub preset_days: Option<u32>,
    /// The date field.
    pub date: Option<TextControl>,
    /// Days from today (UTC) to the date shown, when the date could be read.
    pub days_from_today: Option<i64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeMode {
    Full,
    Custom,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ScopeModeState {
    pub mode: ScopeMode,
    pub full: RadioState,
    pub custom: RadioState,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RadioState {
    pub handle: Handle,
    pub checked: bool,
    pub disabled: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct GroupState {
    /// Catalog key of the group (e.g. `code`).
    pub key: String,
    pub levels: Vec<LevelState>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LevelState {
    pub scope_id: String,
    pub handle: Handle,
    /// The label as the page shows it (used by the agent to re-check before a click).
    pub label: String,
    pub checked: bool,
    pub disabled: bool,
}

/// A scope checkbox PAT Guard does not recognise: a new group, or a new or renamed
/// level of a known group.
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownLevel {
    /// The group's visible label ("" when the checkbox sits under no header text).
    pub group_label: String,
    /// The catalog key when the group is known and only the level is not.
    pub group_key: Option<String>,
    /// The checkbox's visible label.
    pub label: String,
    pub handle: Handle,
    pub checked: bool,
    pub disabled: bool,
}

impl UnknownLevel {
    /// "Secret Vaults: Read" — how the assistant names it.
    pub fn display(&self) -> String {
        match (self.group_label.is_empty(), self.label.is_empty()) {
            (true, _) => format!("\"{}\"", self.label),
            (false, true) => self.group_label.clone(),
            (false, false) => format!("{}: {}", self.group_label, self.label),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ShowAll {
    pub handle: Handle,
    pub label: String,
    /// N of "Show all scopes (N more)".
    pub hidden_count: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ButtonState {
    pub handle: Handle,
    pub label: String,
    pub enabled: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SuccessState {
    pub lang: Lang,
    pub panel: Handle,
    /// The read-only field holding the one-time token.
    pub token_field: Handle,
    /// Whether the view follows a regenerate rather than a create.
    pub regenerated: bool,
    pub copy_button: Option<Handle>,
    pub close_button: Option<Handle>,
    /// Set when the token is shown in the page itself, outside any dialog: the nearest
    /// container of the token and its copy button, which the agent puts the assistant
    /// just before. `None` in a dialog, where the agent mounts in the dialog itself.
    pub region: Option<Handle>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ListState {
    pub lang: Lang,
    pub new_token: Option<Handle>,
    pub rows: Vec<ListRow>,
    /// The status filter's visible choice ("Active tokens", …) when the page shows one:
    /// the rows are only the tokens of that status.
    pub status_filter: Option<String>,
}

impl ListState {
    /// The row the page's row commands act on, if one is selected.
    pub fn selected_row(&self) -> Option<&ListRow> {
        self.rows.iter().find(|r| r.selected)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ListRow {
    pub handle: Handle,
    pub name: String,
    pub status: String,
    pub organization: String,
    pub expires: String,
    /// The row is selected (`aria-selected="true"`, else the `selected` class): the row the
    /// page's Edit, Regenerate and Revoke commands act on.
    pub selected: bool,
}

impl FormState {
    /// Scope ids ticked in the rendered groups (Custom defined only).
    pub fn checked_scopes(&self) -> Vec<&str> {
        self.groups
            .iter()
            .flat_map(|g| &g.levels)
            .filter(|l| l.checked)
            .map(|l| l.scope_id.as_str())
            .collect()
    }

    /// Visible labels of the groups the catalog does not know (a known group with an
    /// unknown level counts as "Group: level"), each once, in page order.
    pub fn unknown_group_labels(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for u in &self.unknown {
            let label = if u.group_key.is_some() || u.group_label.is_empty() {
                u.display()
            } else {
                u.group_label.clone()
            };
            if !out.contains(&label) {
                out.push(label);
            }
        }
        out
    }

    /// The form of an organization that allows packaging scopes only ("Allow creation of
    /// PAT with packaging scope only"): Custom defined shows the Packaging group alone,
    /// with nothing hidden behind "Show all scopes".
    pub fn packaging_only(&self) -> bool {
        self.scope_mode.mode == ScopeMode::Custom
            && self.show_all.is_none()
            && self.unknown.is_empty()
            && !self.groups.is_empty()
            && self.groups.iter().all(|g| g.key == "packaging")
    }

    /// The unknown checkboxes that are ticked: scopes PAT Guard cannot judge.
    pub fn ticked_unknown(&self) -> Vec<&UnknownLevel> {
        self.unknown.iter().filter(|u| u.checked).collect()
    }

    pub fn level(&self, scope_id: &str) -> Option<&LevelState> {
        self.groups
            .iter()
            .flat_map(|g| &g.levels)
            .find(|l| l.scope_id == scope_id)
    }
}
