//! Team presets: the versioned file format kept in `storage.local` (`teamPresets`),
//! exported and imported by the options page and pushed by organizations through the
//! enterprise policy (`teamPresets`). Every preset is validated by
//! `crate::presets::Preset::from_value`; on top of that, ids must not clash with a
//! built-in preset or with a preset that already exists. A file is either accepted whole
//! or refused with every error, so a partial import can never be applied.
//!
//! A file may also carry `labelAliases`, validated exactly like the enterprise policy's
//! (`crate::label_aliases`), so a team can share the labels of a renamed group
//! with its presets.

use crate::catalog::text_match::{normalize, LabelAlias};
use crate::catalog::Lang;
use crate::label_aliases::parse_label_aliases;
use crate::presets::{is_valid_id, preset as builtin, Preset, PresetError, Source};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// The only file version this build reads and writes.
pub const VERSION: u64 = 1;

/// The group team presets are listed under in the assistant.
pub const GROUP: &str = "Team";

fn err(path: &str, message: impl Into<String>) -> PresetError {
    PresetError {
        path: path.to_string(),
        message: message.into(),
    }
}

/// A team preset file's content.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TeamFile {
    pub presets: Vec<Preset>,
    /// `labelAliases` (empty when the file has none); a label is given at most once per
    /// language, so their order does not matter.
    pub label_aliases: Vec<LabelAlias>,
}

pub fn parse_value(value: &Json, taken: &[&str]) -> Result<Vec<Preset>, Vec<PresetError>> {
    read_value(value, taken).map(|f| f.presets)
}

/// Reads a team preset file `{"version":1,"presets":[...],"labelAliases":{...}}`. `taken`
/// are the ids that already exist (other team presets); built-in ids are always taken.
pub fn read_file(json: &str, taken: &[&str]) -> Result<TeamFile, Vec<PresetError>> {
    let value: Json =
        serde_json::from_str(json).map_err(|e| vec![err("$", format!("not valid JSON: {e}"))])?;
    read_value(&value, taken)
}

pub fn read_value(value: &Json, taken: &[&str]) -> Result<TeamFile, Vec<PresetError>> {
    let Json::Object(top) = value else {
        return Err(vec![err(
            "$",
            "expected an object {\"version\": 1, \"presets\": [...]}",
        )]);
    };
    let mut errors = Vec::new();
    match top.get("version") {
        Some(v) if v.as_u64() == Some(VERSION) => {}
        Some(v) => errors.push(err(
            "version",
            format!("unsupported version {v} (this PAT Guard reads version {VERSION})"),
        )),
        None => errors.push(err("version", format!("missing (expected {VERSION})"))),
    }
    // Id clashes are checked on the raw entries, so they are reported with the rest.
    let ids = top.get("presets").and_then(Json::as_array).map(|items| {
        items
            .iter()
            .map(|p| p.get("id").and_then(Json::as_str))
            .collect::<Vec<_>>()
    });
    for (i, id) in ids.unwrap_or_default().into_iter().enumerate() {
        let Some(id) = id else { continue };
        if builtin(id).is_some() {
            errors.push(err(
                &format!("presets[{i}].id"),
                format!("{id:?} is already the id of a built-in preset"),
            ));
        } else if taken.contains(&id) {
            errors.push(err(
                &format!("presets[{i}].id"),
                format!("{id:?} is already the id of an existing team preset"),
            ));
        }
    }
    let label_aliases = match top.get("labelAliases") {
        None => Vec::new(),
        Some(v) => parse_label_aliases(&v.to_string()).unwrap_or_else(|e| {
            errors.push(err("labelAliases", e));
            Vec::new()
        }),
    };
    let mut rest = top.clone();
    rest.remove("version");
    rest.remove("labelAliases");
    let presets = match Preset::from_value(&Json::Object(rest)) {
        Ok(p) => p,
        Err(e) => {
            errors.extend(e);
            crate::sort::stable_sort_by_key(&mut errors, |e| path_key(&e.path));
            return Err(errors);
        }
    };
    if errors.is_empty() {
        Ok(TeamFile {
            presets,
            label_aliases,
        })
    } else {
        Err(errors)
    }
}

/// `extra` added to the aliases of a file already read: refused, naming the label, when
/// a label is in both in the same language (after the recogniser's normalisation).
pub fn merge_aliases(
    existing: &[LabelAlias],
    extra: &[LabelAlias],
) -> Result<Vec<LabelAlias>, PresetError> {
    let mut all = existing.to_vec();
    for a in extra {
        if let Some(first) = all
            .iter()
            .find(|b| b.lang == a.lang && normalize(&b.label) == normalize(&a.label))
        {
            return Err(err(
                &format!("labelAliases.{}", a.lang.tag()),
                format!(
                    "the label \"{}\" is already mapped (as \"{}\" to {})",
                    a.label, first.label, first.scope_id
                ),
            ));
        }
        all.push(a.clone());
    }
    Ok(all)
}

/// The file for `presets` and `aliases`, as stored and exported (keys in alphabetical
/// order at every level: a `Value`'s map is sorted; `labelAliases` only when there are any).
pub fn to_value(presets: &[Preset], aliases: &[LabelAlias]) -> Json {
    let mut file = serde_json::json!({ "presets": presets, "version": VERSION });
    if !aliases.is_empty() {
        let mut by_lang = serde_json::Map::new();
        for lang in Lang::ALL {
            let labels: serde_json::Map<String, Json> = aliases
                .iter()
                .filter(|a| a.lang == lang)
                .map(|a| (a.label.clone(), Json::from(a.scope_id.clone())))
                .collect();
            if !labels.is_empty() {
                by_lang.insert(lang.tag().to_string(), Json::Object(labels));
            }
        }
        file["labelAliases"] = Json::Object(by_lang);
    }
    file
}

pub fn to_file(presets: &[Preset], aliases: &[LabelAlias]) -> String {
    serde_json::to_string_pretty(&to_value(presets, aliases))
        .expect("a preset file has only plain values")
}

/// How a preset in the user's own list got there, kept in storage beside the presets
/// (`"origins"`: preset id -> origin) and shown beside its title. Stored values written
/// before origins were kept have none; their presets show the general "you imported or
/// saved" origin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "how", rename_all = "camelCase")]
pub enum UserOrigin {
    /// Imported in the options page from the file with this name.
    Imported { file: String },
    /// Saved from the token form in the assistant.
    Saved,
}

/// Preset id -> how it got into the user's list.
pub type Origins = BTreeMap<String, UserOrigin>;

/// The longest file name kept: it is shown beside a title, and a file name is whatever
/// the user's file system allows.
const MAX_FILE_NAME_CHARS: usize = 80;

/// The origin of presets imported from a file called `name` (only its last path part).
pub fn imported_from(name: &str) -> UserOrigin {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default().trim();
    let mut file: String = base.chars().take(MAX_FILE_NAME_CHARS).collect();
    if base.chars().count() > MAX_FILE_NAME_CHARS {
        file.push('…');
    }
    UserOrigin::Imported { file }
}

/// Reads the user's stored team file: the file format (presets and `labelAliases`) plus
/// `"origins"`. The origins are split off before the file is checked, so an imported file
/// cannot carry its own (it is refused with "unknown key"). Origins that do not read, or
/// name no preset, are dropped: the presets still load, with the general origin.
pub fn parse_stored(json: &str, taken: &[&str]) -> Result<(TeamFile, Origins), Vec<PresetError>> {
    let mut value: Json =
        serde_json::from_str(json).map_err(|e| vec![err("$", format!("not valid JSON: {e}"))])?;
    let origins = value
        .as_object_mut()
        .and_then(|top| top.remove("origins"))
        .map(|o| {
            serde_json::from_value::<BTreeMap<String, Json>>(o)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|(id, o)| Some((id, serde_json::from_value(o).ok()?)))
                .collect()
        })
        .unwrap_or_default();
    let file = read_value(&value, taken)?;
    let origins = only_listed(origins, &file.presets);
    Ok((file, origins))
}

/// The stored value for `presets` and `aliases` with the presets' origins (those of
/// presets no longer listed are left out).
pub fn to_stored(presets: &[Preset], aliases: &[LabelAlias], origins: &Origins) -> Json {
    let mut value = to_value(presets, aliases);
    let kept = only_listed(origins.clone(), presets);
    if !kept.is_empty() {
        value["origins"] = serde_json::to_value(kept).expect("origins are plain strings");
    }
    value
}

fn only_listed(mut origins: Origins, presets: &[Preset]) -> Origins {
    origins.retain(|id, _| presets.iter().any(|p| p.id == *id));
    origins
}

/// A preset id from a title: lower-case ASCII letters and digits joined by single hyphens,
/// starting with a letter; made unique against `taken` and the built-in ids.
pub fn id_for(title: &str, taken: &[&str]) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'ä' => 'a',
            'ö' => 'o',
            'ü' => 'u',
            'ß' => 's',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let mut slug: String = slug
        .trim_start_matches(|c: char| !c.is_ascii_lowercase())
        .chars()
        .take(40)
        .collect();
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        slug = "team-preset".into();
    }
    let free = |id: &str| builtin(id).is_none() && !taken.contains(&id);
    if free(&slug) {
        return slug;
    }
    (2..)
        .map(|n| format!("{slug}-{n}"))
        .find(|id| free(id))
        .expect("an unused id")
}

/// A team preset made from the token form: the token's name is the title, the ticked
/// scopes and the expiry are the preset. `page_url` is where it was saved (the source).
pub fn from_form(
    name: &str,
    scopes: &[String],
    expiry_days: Option<i64>,
    page_url: &str,
    saved_on: &str,
    taken: &[&str],
) -> Result<Preset, Vec<PresetError>> {
    let title = name.trim();
    let mut p = Preset {
        id: id_for(title, taken),
        title: title.to_string(),
        purpose_group: GROUP.into(),
        task: format!("Saved from the token form on {saved_on}."),
        scopes: scopes.to_vec(),
        recommended_days: expiry_days
            .filter(|d| (1..=365).contains(d))
            .map_or(30, |d| d as u32),
        source: Source {
            title: format!("Token form, {saved_on}"),
            url: strip_query(page_url).to_string(),
        },
        notes: String::new(),
        needs_global: false,
    };
    if !p.source.url.starts_with("https://") {
        p.source.url = "https://learn.microsoft.com/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate".into();
    }
    let mut errors = Vec::new();
    if title.is_empty() {
        errors.push(err(
            "title",
            "enter a name in the form first: it becomes the preset's title",
        ));
    }
    errors.extend(
        p.validate("preset")
            .into_iter()
            .filter(|e| e.path != "preset.title"),
    );
    debug_assert!(is_valid_id(&p.id));
    if errors.is_empty() {
        Ok(p)
    } else {
        Err(errors)
    }
}

/// Sort key: by preset index numerically, then by path text (as `Preset::from_json`).
fn path_key(path: &str) -> (usize, String) {
    let idx = path
        .strip_prefix("presets[")
        .and_then(|r| r.split(']').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    (idx, path.to_string())
}

fn strip_query(url: &str) -> &str {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    &url[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn parse_file(json: &str, taken: &[&str]) -> Result<Vec<Preset>, Vec<PresetError>> {
        read_file(json, taken).map(|f| f.presets)
    }

    fn file(presets: Value) -> String {
        json!({"version": 1, "presets": presets}).to_string()
    }

    fn sample(id: &str) -> Value {
        json!({
            "id": id, "title": "Release bot", "purpose_group": "Team",
            "task": "Reads builds.", "scopes": ["vso.build"], "recommended_days": 14,
            "source": {"title": "Team wiki", "url": "https://wiki.contoso.test/pat"},
            "notes": "Owned by the release team."
        })
    }

    fn messages(r: Result<Vec<Preset>, Vec<PresetError>>) -> Vec<String> {
        r.unwrap_err().iter().map(ToString::to_string).collect()
    }

    /// Byte for byte the file the former serde_json code wrote (sorted keys, pretty).
    #[test]
    fn the_file_text_is_unchanged() {
        let presets = parse_file(&file(json!([sample("release-bot")])), &[]).unwrap();
        let mut expected = sample("release-bot");
        expected["needs_global"] = json!(false);
        let mut no_notes = sample("mine");
        no_notes.as_object_mut().unwrap().remove("notes");
        let both =
            parse_file(&file(json!([sample("release-bot"), no_notes.clone()])), &[]).unwrap();
        no_notes["needs_global"] = json!(false);
        assert_eq!(
            to_file(&presets, &[]),
            serde_json::to_string_pretty(&json!({"version": 1, "presets": [expected.clone()]}))
                .unwrap()
        );
        assert_eq!(
            to_file(&both, &[]),
            serde_json::to_string_pretty(&json!({"version": 1, "presets": [expected, no_notes]}))
                .unwrap()
        );
    }

    #[test]
    fn a_file_round_trips() {
        let presets = parse_file(&file(json!([sample("release-bot")])), &[]).unwrap();
        assert_eq!(presets[0].recommended_days, 14);
        let again = parse_file(&to_file(&presets, &[]), &[]).unwrap();
        assert_eq!(again, presets);
    }

    #[test]
    fn reports_every_problem_and_returns_nothing() {
        let mut bad = sample("release-bot");
        bad["scopes"] = json!(["vso.bild"]);
        bad["recommended_days"] = json!(0);
        let m = messages(parse_file(
            &file(json!([
                sample("git-read"),
                bad,
                sample("mine"),
                sample("mine")
            ])),
            &["mine"],
        ));
        for want in [
            "presets[0].id: \"git-read\" is already the id of a built-in preset",
            "presets[1].recommended_days: expected a whole number from 1 to 365, got 0",
            "presets[1].scopes[0]: unknown scope id \"vso.bild\"",
            "presets[3].id: duplicate id \"mine\" (also presets[2])",
        ] {
            assert!(m.iter().any(|x| x == want), "missing {want:?} in {m:#?}");
        }
        // Clashes with existing ids are reported once the file itself is valid.
        let m = messages(parse_file(&file(json!([sample("mine")])), &["mine"]));
        assert_eq!(
            m,
            ["presets[0].id: \"mine\" is already the id of an existing team preset"]
        );
    }

    #[test]
    fn version_is_required() {
        let m = messages(parse_file(
            &json!({"presets": [sample("a")]}).to_string(),
            &[],
        ));
        assert_eq!(m, ["version: missing (expected 1)"]);
        let m = messages(parse_file(
            &json!({"version": 2, "presets": []}).to_string(),
            &[],
        ));
        assert_eq!(
            m,
            ["version: unsupported version 2 (this PAT Guard reads version 1)"]
        );
        assert!(messages(parse_file("[", &[]))[0].starts_with("$: not valid JSON"));
    }

    #[test]
    fn ids_from_titles() {
        assert_eq!(id_for("Release bot (CI)", &[]), "release-bot-ci");
        assert_eq!(id_for("Git read", &[]), "git-read-2"); // the built-in git-read exists
        assert_eq!(id_for("Über-Token", &["uber-token"]), "uber-token-2");
        assert_eq!(id_for("42", &[]), "team-preset");
    }

    #[test]
    fn from_the_form() {
        let p = from_form(
            "Nightly build",
            &["vso.build".into()],
            Some(7),
            "https://dev.azure.com/contoso/_usersSettings/tokens?x=1",
            "2026-11-28",
            &[],
        )
        .unwrap();
        assert_eq!(p.id, "nightly-build");
        assert_eq!(p.recommended_days, 7);
        assert_eq!(
            p.source.url,
            "https://dev.azure.com/contoso/_usersSettings/tokens"
        );
        assert_eq!(p.purpose_group, GROUP);
        let e = from_form("", &[], None, "", "2026-11-28", &[]).unwrap_err();
        let paths: Vec<&str> = e.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["title", "preset.scopes"]);
    }

    fn with_aliases(aliases: Value) -> String {
        json!({"version": 1, "presets": [sample("release-bot")], "labelAliases": aliases})
            .to_string()
    }

    #[test]
    fn label_aliases_are_read_and_written_back() {
        let f = read_file(
            &with_aliases(json!({"en": {"Repos": "vso.code"}, "de": {"Quellcode": "vso.code"}})),
            &[],
        )
        .unwrap();
        assert_eq!(f.presets.len(), 1);
        let got: Vec<(&str, &str, &str)> = f
            .label_aliases
            .iter()
            .map(|a| (a.lang.tag(), a.label.as_str(), a.scope_id.as_str()))
            .collect();
        assert_eq!(
            got,
            [("de", "Quellcode", "vso.code"), ("en", "Repos", "vso.code")]
        );
        let again = read_file(&to_file(&f.presets, &f.label_aliases), &[]).unwrap();
        assert_eq!(again.presets, f.presets);
        let mut want = f.label_aliases.clone();
        want.sort_by_key(|a| a.lang.tag());
        let mut back = again.label_aliases.clone();
        back.sort_by_key(|a| a.lang.tag());
        assert_eq!(back, want);
    }

    /// Validated like the policy's `labelAliases`; a bad alias refuses the whole file,
    /// presets included, with an error naming the field.
    #[test]
    fn bad_label_aliases_refuse_the_whole_file() {
        for (aliases, names) in [
            (json!({"fr": {"Code": "vso.code"}}), "\"fr\""),
            (json!({"en": {"Repos": "vso.cod"}}), "vso.cod"),
            (
                json!({"en": {"Repos": "vso.code", "repos!": "vso.code_write"}}),
                "appears twice",
            ),
            (json!(["vso.code"]), "expected"),
        ] {
            let m = messages(parse_file(&with_aliases(aliases.clone()), &[]));
            assert_eq!(m.len(), 1, "{aliases}: {m:?}");
            assert!(
                m[0].starts_with("labelAliases: ") && m[0].contains(names),
                "{aliases}: {m:?}"
            );
        }
        // Reported together with the presets' own errors.
        let mut bad = sample("release-bot");
        bad["scopes"] = json!(["vso.bild"]);
        let m = messages(parse_file(
            &json!({"version": 1, "presets": [bad], "labelAliases": {"xx": {}}}).to_string(),
            &[],
        ));
        assert!(m.iter().any(|x| x.starts_with("labelAliases: ")), "{m:?}");
        assert!(m.iter().any(|x| x.contains("vso.bild")), "{m:?}");
    }

    #[test]
    fn merging_aliases_refuses_a_label_mapped_already() {
        let first = read_file(&with_aliases(json!({"en": {"Repos": "vso.code"}})), &[])
            .unwrap()
            .label_aliases;
        let second = read_file(
            &with_aliases(json!({"en": {"REPOS": "vso.code_write", "Pipelines": "vso.build"}})),
            &[],
        )
        .unwrap()
        .label_aliases;
        let e = merge_aliases(&first, &second).unwrap_err();
        assert_eq!(e.path, "labelAliases.en");
        assert!(
            e.message.contains("\"REPOS\"") && e.message.contains("vso.code"),
            "{e}"
        );
        let german = read_file(&with_aliases(json!({"de": {"Repos": "vso.code"}})), &[])
            .unwrap()
            .label_aliases;
        assert_eq!(merge_aliases(&first, &german).unwrap().len(), 2);
    }

    #[test]
    fn origins_are_stored_beside_the_presets_and_aliases() {
        let team = read_file(
            &json!({"version": 1, "presets": [sample("release-bot"), sample("mine")],
                "labelAliases": {"en": {"Repos": "vso.code"}}})
            .to_string(),
            &[],
        )
        .unwrap();
        let presets = team.presets.clone();
        let aliases = team.label_aliases.clone();
        let mut origins = Origins::new();
        origins.insert(
            "release-bot".into(),
            imported_from("C:\\Users\\me\\team-presets.json"),
        );
        origins.insert("mine".into(), UserOrigin::Saved);
        origins.insert("deleted".into(), UserOrigin::Saved);
        let stored = to_stored(&presets, &aliases, &origins);
        assert_eq!(
            stored["origins"],
            json!({"mine": {"how": "saved"}, "release-bot": {"how": "imported", "file": "team-presets.json"}})
        );
        let (again, read) = parse_stored(&stored.to_string(), &[]).unwrap();
        assert_eq!(again, team);
        origins.remove("deleted");
        assert_eq!(read, origins);
        // The exported file carries the aliases but no origins.
        let exported = to_file(&presets, &aliases);
        assert!(!exported.contains("origins"));
        assert_eq!(read_file(&exported, &[]).unwrap(), team);
    }

    #[test]
    fn stored_presets_without_origins_still_load() {
        let old = file(json!([sample("release-bot")]));
        let (team, origins) = parse_stored(&old, &[]).unwrap();
        assert_eq!(team.presets.len(), 1);
        assert!(origins.is_empty());
        // An unreadable origin drops only itself.
        let mut odd: Value = serde_json::from_str(&old).unwrap();
        odd["origins"] = json!({"release-bot": {"how": "teleported"}});
        let (team, origins) = parse_stored(&odd.to_string(), &[]).unwrap();
        assert_eq!(team.presets.len(), 1);
        assert!(origins.is_empty());
    }

    #[test]
    fn an_imported_file_cannot_claim_an_origin() {
        let mut f: Value = serde_json::from_str(&file(json!([sample("release-bot")]))).unwrap();
        f["origins"] = json!({"release-bot": {"how": "saved"}});
        let m = messages(parse_file(&f.to_string(), &[]));
        assert_eq!(m, ["origins: unknown key (expected \"presets\")"]);
    }

    #[test]
    fn a_long_file_name_is_shortened() {
        let UserOrigin::Imported { file } = imported_from(&"a".repeat(200)) else {
            panic!("imported")
        };
        assert_eq!(file.chars().count(), MAX_FILE_NAME_CHARS + 1);
        assert!(file.ends_with('…'));
    }
}
