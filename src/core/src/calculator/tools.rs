//! Tool names that stand for a built-in preset ("renovate", "Git Credential Manager").

use crate::presets::{preset, presets, Preset};

/// Names people use for the tools behind the presets, beyond the presets' ids and titles.
const ALIASES: [(&str, &str); 16] = [
    ("git credential manager", "git-credential-manager"),
    ("gcm", "git-credential-manager"),
    ("renovate", "renovate"),
    ("renovate bot", "renovate"),
    ("dependabot", "dependabot"),
    ("sonarcloud", "sonarcloud"),
    ("sonarqube cloud", "sonarcloud"),
    ("sonarqube", "sonarqube-import"),
    ("sonarqube server", "sonarqube-import"),
    ("vsce", "vsce-publish"),
    ("vsce publish", "vsce-publish"),
    ("azure pipelines agent", "agent-pool"),
    ("self-hosted agent", "agent-pool"),
    ("deployment group agent", "deployment-group-agent"),
    ("power bi", "analytics"),
    ("azure artifacts credential provider", "artifacts-read"),
];

/// The built-in preset a pasted line names: its id, its title, or a known tool name
/// (case and surrounding punctuation ignored).
pub fn tool_preset(line: &str) -> Option<&'static Preset> {
    let name = line
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if name.is_empty() {
        return None;
    }
    if let Some((_, id)) = ALIASES.iter().find(|(alias, _)| *alias == name) {
        return preset(id);
    }
    presets()
        .iter()
        .find(|p| p.id == name || p.title.to_lowercase() == name)
}
