//! The panel memory the agent keeps between assistant frames (list → dialog → success
//! view): metadata only, never the token. The snake_case field names are the stored format.

use patguard_core::inventory::InventoryEntry;
use serde::{Deserialize, Serialize};

/// What the form looked like last, kept for the vault entry after the panel shows the token.
/// Part of the panel memory the agent keeps between frames, so the snake_case field
/// names are the stored format.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FormMemo {
    pub name: String,
    pub organization: String,
    pub all_organizations: bool,
    pub scopes: Vec<String>,
    pub full_access: bool,
    #[serde(default)]
    pub expiry_days: Option<i64>,
}

/// What survives the assistant frame being replaced (list → dialog → success view, each
/// with a fresh frame): the form's metadata and the chosen preset, the list's selected row
/// and a rotation in progress. Metadata only, never the token. The list assistant resets it.
/// Every member is written, null when unset; a missing one reads as unset.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Memory {
    #[serde(default)]
    pub memo: Option<FormMemo>,
    #[serde(default)]
    pub preset: Option<String>,
    /// The list row the page's Edit/Regenerate/Revoke commands act on.
    #[serde(default)]
    pub selected: Option<Box<RowMemo>>,
    /// A rotation started from the list audit.
    #[serde(default)]
    pub rotation: Option<Box<Rotation>>,
}

/// A list row as remembered across frames: what the page shows and what the inventory
/// knows about it. Metadata only.
/// Part of the panel memory the agent keeps between frames (snake_case keys, the
/// inventory entry in its stored camelCase form).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RowMemo {
    pub name: String,
    pub organization: String,
    #[serde(default)]
    pub all_organizations: bool,
    /// The inventory entry of this token, when PAT Guard recorded it.
    #[serde(default)]
    pub entry: Option<InventoryEntry>,
}

impl RowMemo {
    /// Days from creation to expiry, from the inventory; unknown otherwise (the list
    /// shows no creation date).
    pub fn lifetime_days(&self) -> Option<i64> {
        self.entry.as_ref().and_then(InventoryEntry::lifetime_days)
    }

    pub fn preset(&self) -> Option<&str> {
        self.entry.as_ref().and_then(|e| e.preset.as_deref())
    }
}

/// A rotation in progress: the old token and the name of the new one.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Rotation {
    pub from: RowMemo,
    pub new_name: String,
    /// The create panel's assistant has started filling the form.
    #[serde(default)]
    pub applied: bool,
}
