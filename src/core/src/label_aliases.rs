//! `labelAliases`: labels an organization pushes as data (managed policy, team preset
//! file) so a renamed group or level, or a new UI language's label, maps to a catalog
//! scope without waiting for a release.
//!
//! ```json
//! "labelAliases": { "de": { "Arbeitsaufgaben": "vso.work", "Nur lesen": "vso.code" } }
//! ```
//!
//! In a language, a label names the scope `vso.…`: as a group label it names that scope's
//! group, as a level label inside that group it names the level. An unknown language,
//! a scope id the token form does not offer, or the same label twice in one language
//! (after the recogniser's normalisation) is an error naming it.

use crate::catalog::text_match::{normalize, LabelAlias};
use crate::catalog::{catalog, Lang};
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// A JSON object read as its entries in order, repeats kept (so they can be reported).
struct Entries<V>(Vec<(String, V)>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Entries<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V2<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for V2<V> {
            type Value = Entries<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry::<String, V>()? {
                    out.push(entry);
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(V2(std::marker::PhantomData))
    }
}

/// Parses and validates the value of `labelAliases` (JSON text).
pub fn parse_label_aliases(json: &str) -> Result<Vec<LabelAlias>, String> {
    let by_lang: Entries<Entries<String>> = serde_json::from_str(json).map_err(|e| {
        format!("expected {{\"<language>\": {{\"<visible label>\": \"<scope id>\"}}}} ({e})")
    })?;
    let cat = catalog();
    let mut out: Vec<LabelAlias> = Vec::new();
    for (tag, labels) in by_lang.0 {
        let lang = match tag.as_str() {
            "en" => Lang::En,
            "de" => Lang::De,
            other => {
                return Err(format!(
                    "language \"{other}\" is not supported (use \"en\" or \"de\")"
                ))
            }
        };
        for (label, scope_id) in labels.0 {
            if normalize(&label).is_empty() {
                return Err(format!("{tag}: an empty label maps to {scope_id}"));
            }
            if cat.scope(&scope_id).is_none() {
                return Err(format!(
                    "{tag}: \"{label}\" maps to {scope_id}, which is not a scope of the token form"
                ));
            }
            if let Some(first) = out
                .iter()
                .find(|a| a.lang == lang && normalize(&a.label) == normalize(&label))
            {
                return Err(format!(
                    "{tag}: the label \"{label}\" appears twice (also as \"{}\")",
                    first.label
                ));
            }
            out.push(LabelAlias {
                lang,
                label,
                scope_id,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::text_match::{group_by_visible_label, level_by_visible_label, Label};

    #[test]
    fn valid_aliases_are_read_in_order() {
        let a = parse_label_aliases(
            r#"{"de": {"Arbeitsaufgaben": "vso.work", "Nur lesen": "vso.code"}, "en": {"Repos": "vso.code"}}"#,
        )
        .unwrap();
        assert_eq!(a.len(), 3);
        assert_eq!(a[0].lang, Lang::De);
        assert_eq!(a[2].scope_id, "vso.code");
    }

    #[test]
    fn errors_name_the_problem() {
        let err = |j: &str| parse_label_aliases(j).unwrap_err();
        assert!(err(r#"{"de": {"Arbeit": "vso.nope"}}"#).contains("vso.nope"));
        assert!(err(r#"{"fr": {"Code": "vso.code"}}"#).contains("\"fr\""));
        let dup = err(r#"{"en": {"Repos": "vso.code", "repos!": "vso.code_write"}}"#);
        assert!(dup.contains("appears twice"), "{dup}");
        let dup = err(r#"{"en": {"Repos": "vso.code", "Repos": "vso.code"}}"#);
        assert!(dup.contains("appears twice"), "{dup}");
        assert!(err(r#"["vso.code"]"#).contains("expected"));
    }

    #[test]
    fn pushed_aliases_reach_the_recogniser() {
        let a = parse_label_aliases(r#"{"en": {"Repo Sources": "vso.code", "Peek": "vso.code"}}"#)
            .unwrap();
        crate::catalog::text_match::set_label_aliases(&a);
        let (gi, g) = group_by_visible_label(&Label::new("Repo Sources"), Lang::En).unwrap();
        assert_eq!(g.key, "code");
        assert_eq!(
            level_by_visible_label(gi, &Label::new("Peek"), Lang::En)
                .unwrap()
                .scope_id,
            "vso.code"
        );
        crate::catalog::text_match::set_label_aliases(&[]);
        assert!(group_by_visible_label(&Label::new("Repo Sources"), Lang::En).is_none());
    }
}
