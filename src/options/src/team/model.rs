//! The team presets' browser-free half: the organization's presets, importing a file
//! all or nothing, and editing one preset. Tested natively.

use patguard_core::presets::team;
use patguard_core::presets::{Preset, PresetError};
use serde_json::{json, Value as Json};

/// The team presets an organization pushes (empty when absent or invalid).
pub fn managed_presets(managed: &Json) -> Vec<Preset> {
    managed
        .get("teamPresets")
        .and_then(|f| team::parse_value(f, &[]).ok())
        .unwrap_or_default()
}

/// Imports a file on top of the user's `existing` file: all or nothing. Its presets and
/// its `labelAliases` are added; a label the user's file maps already is refused.
pub fn import(
    text: &str,
    existing: &team::TeamFile,
    managed: &[Preset],
) -> Result<team::TeamFile, Vec<PresetError>> {
    let taken: Vec<&str> = existing
        .presets
        .iter()
        .chain(managed)
        .map(|p| p.id.as_str())
        .collect();
    let added = team::read_file(text, &taken)?;
    let label_aliases =
        team::merge_aliases(&existing.label_aliases, &added.label_aliases).map_err(|e| vec![e])?;
    let mut presets = existing.presets.clone();
    presets.extend(added.presets);
    Ok(team::TeamFile {
        presets,
        label_aliases,
    })
}

/// The edit form of one team preset, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PresetDraft {
    pub id: String,
    pub title: String,
    pub task: String,
    pub scopes: String,
    pub days: String,
    pub source_title: String,
    pub source_url: String,
    pub notes: String,
}

impl PresetDraft {
    pub fn of(p: &Preset) -> PresetDraft {
        PresetDraft {
            id: p.id.clone(),
            title: p.title.clone(),
            task: p.task.clone(),
            scopes: p.scopes.join(", "),
            days: p.recommended_days.to_string(),
            source_title: p.source.title.clone(),
            source_url: p.source.url.clone(),
            notes: p.notes.clone(),
        }
    }
}

/// Replaces the preset `original_id` with the edited one; every error names its field.
pub fn apply_edit(
    original_id: &str,
    d: &PresetDraft,
    existing: &[Preset],
    managed: &[Preset],
) -> Result<Vec<Preset>, Vec<PresetError>> {
    let days: Json = match d.days.trim().parse::<u64>() {
        Ok(n) => n.into(),
        Err(_) => d.days.trim().into(),
    };
    let scopes: Vec<&str> = d
        .scopes
        .split([',', ' ', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let notes = d.notes.trim();
    let mut obj = json!({
        "id": d.id.trim(),
        "title": d.title.trim(),
        "purpose_group": team::GROUP,
        "task": d.task.trim(),
        "scopes": scopes,
        "recommended_days": days,
        "source": { "title": d.source_title.trim(), "url": d.source_url.trim() },
    });
    if !notes.is_empty() {
        obj["notes"] = notes.into();
    }
    let taken: Vec<&str> = existing
        .iter()
        .chain(managed)
        .map(|p| p.id.as_str())
        .filter(|id| *id != original_id)
        .collect();
    let file = json!({ "version": team::VERSION, "presets": [obj] });
    let edited = team::parse_value(&file, &taken).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| PresetError {
                path: e.path.trim_start_matches("presets[0].").to_string(),
                message: e.message,
            })
            .collect::<Vec<_>>()
    })?;
    let mut all = existing.to_vec();
    match all.iter_mut().find(|p| p.id == original_id) {
        Some(slot) => *slot = edited[0].clone(),
        None => all.extend(edited),
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn edit_and_import() {
        let file = json!({"version": 1, "presets": [{
            "id": "nightly", "title": "Nightly", "purpose_group": "Team", "task": "Builds.",
            "scopes": ["vso.build"], "recommended_days": 7,
            "source": {"title": "Wiki", "url": "https://wiki.contoso.test"}}]})
        .to_string();
        let imported = import(&file, &Default::default(), &[]).unwrap();
        let all = imported.presets.clone();
        assert_eq!(all.len(), 1);
        // Importing the same file again clashes and changes nothing.
        let e = import(&file, &imported, &[]).unwrap_err();
        assert_eq!(
            e[0].to_string(),
            "presets[0].id: \"nightly\" is already the id of an existing team preset"
        );
        let mut d = PresetDraft::of(&all[0]);
        d.days = "400".into();
        d.scopes = "vso.build, vso.bogus".into();
        let e = apply_edit("nightly", &d, &all, &[]).unwrap_err();
        let m: Vec<String> = e.iter().map(ToString::to_string).collect();
        assert_eq!(
            m,
            [
                "recommended_days: expected a whole number from 1 to 365, got 400",
                "scopes[1]: unknown scope id \"vso.bogus\""
            ]
        );
        d.days = "14".into();
        d.scopes = "vso.build_execute".into();
        let edited = apply_edit("nightly", &d, &all, &[]).unwrap();
        assert_eq!(edited[0].recommended_days, 14);
        assert_eq!(edited[0].scopes, ["vso.build_execute"]);
    }
}
