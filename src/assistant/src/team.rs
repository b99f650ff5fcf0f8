//! Team presets: the versioned file format kept in `storage.local` (`teamPresets`),
//! exported and imported by the options page and pushed by organizations through the
//! enterprise policy (`teamPresets`). Every preset is validated by
//! `patguard_core::presets::Preset::from_value`; on top of that, ids must not clash with a
//! built-in preset or with a preset that already exists. A file is either accepted whole
//! or refused with every error, so a partial import can never be applied.
//!
//! A file may also carry `labelAliases`, validated exactly like the enterprise policy's
//! (`patguard_core::label_aliases`), so a team can share the labels of a renamed group
//! with its presets.

use patguard_core::catalog::text_match::{normalize, LabelAlias};
use patguard_core::catalog::Lang;
use patguard_core::label_aliases::parse_label_aliases;
use patguard_core::presets::{is_valid_id, preset as builtin, Preset, PresetError, Source};
use serde_json::Value as Json;

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
            patguard_core::sort::stable_sort_by_key(&mut errors, |e| path_key(&e.path));
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
}
