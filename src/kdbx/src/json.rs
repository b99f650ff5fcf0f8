use zeroize::Zeroize;

use crate::{build_kdbx, KdbxEntry, KdbxError, KdfSettings};

/// The whole export behind the wasm function: parse the entry JSON, write the
/// database with the shipped KDF, and wipe the caller's secret-bearing
/// buffers, which this function owns, whatever the outcome.
pub fn export_json(mut entry_json: String, mut password: String) -> Result<Vec<u8>, KdbxError> {
    let result = parse_entry(&entry_json)
        .and_then(|entry| build_kdbx(&entry, &password, KdfSettings::SHIPPED));
    entry_json.zeroize();
    password.zeroize();
    result
}

/// The entry's known words (see [`KdbxEntry::known_words`]) as a JSON array, for the
/// strength meter; the caller's text, which holds the token, is wiped.
pub fn known_words_json(mut entry_json: String) -> Result<String, KdbxError> {
    let result = parse_entry(&entry_json)
        .map(|entry| serde_json::to_string(&entry.known_words()).unwrap_or_else(|_| "[]".into()));
    entry_json.zeroize();
    result
}

pub(crate) fn parse_entry(json: &str) -> Result<KdbxEntry, KdbxError> {
    // serde_json's messages can quote input values; report only the kind of
    // error and its position so a token can never leak into an error string.
    serde_json::from_str(json).map_err(|e| {
        let kind = match e.classify() {
            serde_json::error::Category::Io => "read error",
            serde_json::error::Category::Syntax => "syntax error",
            serde_json::error::Category::Data => "missing, unknown or mistyped field",
            serde_json::error::Category::Eof => "unexpected end",
        };
        KdbxError::BadJson(format!("{kind} at line {} column {}", e.line(), e.column()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_shape() {
        let entry = parse_entry(
            r#"{"title":"t","username":"u@x","token":"tok","url":"https://dev.azure.com/x",
                "expires":"2026-12-31","notes":"n","tags":["a"]}"#,
        )
        .unwrap();
        assert_eq!(entry.title, "t");
        assert_eq!(entry.token, "tok");
        assert_eq!(entry.tags, vec!["a".to_owned()]);
    }

    #[test]
    fn optional_fields_may_be_missing_or_null() {
        let entry = parse_entry(r#"{"title":"t","token":"tok","username":null}"#).unwrap();
        assert_eq!(entry.username, None);
        assert!(entry.tags.is_empty());
    }

    #[test]
    fn errors_never_quote_the_input() {
        let secret = "very-secret-token-value";
        for json in [
            format!(r#"{{"title":"t","token":"{secret}","expiry":"2026-01-01"}}"#),
            format!(r#"{{"title":"t","token":["{secret}"]}}"#),
            format!(r#"{{"title":"t","token":"{secret}""#),
            format!(r#"{{"title":"t","tags":"{secret}","token":"x"}}"#),
        ] {
            let err = parse_entry(&json).unwrap_err().to_string();
            assert!(!err.contains(secret), "{err}");
        }
    }

    #[test]
    fn known_words_come_from_title_user_and_url_never_the_token() {
        let words = known_words_json(
            r#"{"title":"ci-reader (Azure DevOps contoso)","token":"tok-secret-value","url":"https://dev.azure.com/contoso"}"#.into(),
        )
        .unwrap();
        let words: Vec<String> = serde_json::from_str(&words).unwrap();
        for w in ["reader", "Azure", "DevOps", "contoso", "keepass"] {
            assert!(words.iter().any(|x| x == w), "{w} in {words:?}");
        }
        assert!(!words.iter().any(|w| w.contains("secret")));
    }

    #[test]
    fn export_checks_the_password_before_deriving_keys() {
        let err = export_json(r#"{"title":"t","token":"tok"}"#.into(), String::new()).unwrap_err();
        assert_eq!(err, KdbxError::PasswordEmpty);
    }
}
