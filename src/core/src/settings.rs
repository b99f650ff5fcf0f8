//! The user's settings object (`storage.local` `settings`): the user's own policy rules
//! and, beside them, keys that are preferences, not rules.

use serde_json::Value as Json;

/// Settings keys that are not policy rules (the policy reader must not see them).
pub const NON_POLICY_KEYS: [&str; 3] =
    ["clipboardClearSeconds", "reminderDays", "defaultExpiryDays"];

/// The policy half of a settings JSON text, for `policy::read_policy`.
pub fn policy_json(settings_json: &str) -> String {
    match serde_json::from_str(settings_json) {
        Ok(Json::Object(mut obj)) => {
            for k in NON_POLICY_KEYS {
                obj.remove(k);
            }
            Json::Object(obj).to_string()
        }
        _ => settings_json.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::read_policy;

    #[test]
    fn policy_json_hides_the_non_policy_keys() {
        let p = policy_json(
            r#"{"clipboardClearSeconds":30,"reminderDays":[7],"defaultExpiryDays":9,"maxLifetimeDays":5}"#,
        );
        assert_eq!(p, r#"{"maxLifetimeDays":5}"#);
        assert!(read_policy(&serde_json::from_str(&p).unwrap())
            .issues
            .is_empty());
    }
}
