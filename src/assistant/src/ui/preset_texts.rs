//! German titles and tasks of the built-in presets, so the picker follows the page's
//! language. Team presets keep the words their authors wrote; notes and sources stay in
//! the language of the public documents they cite.

use patguard_core::catalog::Lang;
use patguard_core::presets::Preset;

const DE: &[(&str, &str, &str)] = &[
    (
        "git-read",
        "Git klonen / abrufen (nur lesen)",
        "Repositorys über HTTPS klonen, abrufen und pullen.",
    ),
    (
        "git-push",
        "Git push / Branches / Pull Requests",
        "Commits pushen, Branches und Pull Requests erstellen.",
    ),
    (
        "git-credential-manager",
        "Git Credential Manager (PAT-Modus)",
        "Git Credential Manager mit credential.azreposCredentialType=pat.",
    ),
    (
        "commit-status",
        "CI-Statusmelder",
        "Commit- und Pull-Request-Status melden, ohne Schreibzugriff auf den Code.",
    ),
    (
        "dependabot",
        "Dependabot für Azure DevOps",
        "Pull Requests für Abhängigkeitsupdates mit Kommentar-Threads.",
    ),
    (
        "renovate",
        "Renovate",
        "Renovate-Bot: Branches, Pull Requests, Arbeitselement-Links und Abhängigkeits-Dashboard.",
    ),
    (
        "sonarcloud",
        "SonarQube Cloud (SonarCloud) PR-Dekoration",
        "SonarQube Cloud importiert Projekte und kommentiert Pull Requests.",
    ),
    (
        "sonarqube-import",
        "SonarQube Server: Repository-Import",
        "Azure DevOps-Repositorys in SonarQube Server auflisten und importieren.",
    ),
    (
        "artifacts-read",
        "Azure Artifacts: Pakete wiederherstellen",
        "npm-, NuGet-, Maven-, Python-, Cargo- oder Universal-Pakete aus einem Feed laden.",
    ),
    (
        "artifacts-publish",
        "Azure Artifacts: Pakete veröffentlichen",
        "npm publish, dotnet nuget push, twine upload, mvn deploy, cargo publish.",
    ),
    (
        "artifacts-unpublish",
        "Azure Artifacts: zurückziehen / Feed verwalten",
        "Paketversionen zurückziehen oder löschen, Feeds löschen.",
    ),
    (
        "agent-pool",
        "Selbstgehosteten Agent registrieren",
        "Einen selbstgehosteten Agent registrieren (config.sh / config.cmd --auth pat).",
    ),
    (
        "agent-pool-container",
        "Selbstgehosteter Agent im Container",
        "Selbstgehostete Agents in Docker oder Kubernetes; jeder Container registriert sich bei jedem Start erneut mit demselben PAT (AZP_TOKEN).",
    ),
    (
        "deployment-group-agent",
        "Bereitstellungsgruppen-Agent registrieren",
        "Einen Agent für eine Bereitstellungsgruppe registrieren.",
    ),
    (
        "pipeline-run",
        "Builds einreihen / Pipelines ausführen",
        "Einen Build einreihen oder eine Pipeline über die REST-API starten.",
    ),
    (
        "build-read",
        "Builds, Protokolle und Artefakte lesen",
        "Buildergebnisse, Protokolle und Buildartefakte lesen.",
    ),
    (
        "release-read",
        "Klassische Releases lesen",
        "Releases, Releasedefinitionen und Phasen lesen.",
    ),
    (
        "release-create",
        "Klassische Releases erstellen",
        "Klassische Releases erstellen und bereitstellen (ohne Genehmigungen).",
    ),
    (
        "variable-groups-read",
        "Variablengruppen lesen",
        "Variablengruppen von Pipelines lesen.",
    ),
    (
        "service-connections-read",
        "Dienstverbindungen lesen",
        "Dienstverbindungen (Endpunkte) lesen.",
    ),
    (
        "work-items-read",
        "Arbeitselemente lesen und abfragen",
        "Arbeitselemente lesen und WIQL-Abfragen ausführen.",
    ),
    (
        "work-items-write",
        "Arbeitselemente erstellen und ändern",
        "Arbeitselemente erstellen und aktualisieren.",
    ),
    (
        "wiki-write",
        "Wiki-Seiten bearbeiten",
        "Wiki-Seiten erstellen und aktualisieren.",
    ),
    (
        "test-read",
        "Testergebnisse lesen",
        "Testpläne, Testläufe und Ergebnisse lesen.",
    ),
    (
        "test-results-publish",
        "Testergebnisse veröffentlichen",
        "Testläufe und Ergebnisse hochladen.",
    ),
    (
        "analytics",
        "Analytics / OData / Power BI",
        "Analytics mit OData oder Power BI abfragen.",
    ),
    (
        "project-read",
        "Projekte und Teams lesen",
        "Projekte und Teams auflisten.",
    ),
    (
        "graph-read",
        "Benutzer und Gruppen lesen",
        "Benutzer, Gruppen und Mitgliedschaften lesen (Graph).",
    ),
    (
        "audit-log",
        "Überwachungsprotokoll exportieren / SIEM",
        "Das Überwachungsprotokoll der Organisation lesen.",
    ),
    (
        "token-admin",
        "PAT-Inventar / Widerruf (Administratoren)",
        "PATs von Benutzern als Organisationsadministrator auflisten und widerrufen.",
    ),
    (
        "vsce-publish",
        "VS Code-Erweiterungen veröffentlichen (vsce)",
        "VS Code-Erweiterungen im Visual Studio Marketplace veröffentlichen.",
    ),
];

fn german(id: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
    DE.iter().find(|(i, _, _)| *i == id)
}

pub fn title(p: &Preset, lang: Lang) -> &str {
    match (lang, german(&p.id)) {
        (Lang::De, Some((_, t, _))) => t,
        _ => &p.title,
    }
}

pub fn task(p: &Preset, lang: Lang) -> &str {
    match (lang, german(&p.id)) {
        (Lang::De, Some((_, _, t))) => t,
        _ => &p.task,
    }
}

pub fn group(name: &str, lang: Lang) -> &str {
    match (lang, name) {
        (Lang::De, "Packages") => "Pakete",
        (Lang::De, "Work") => "Arbeit",
        (Lang::De, "Reporting") => "Berichte",
        (Lang::De, "Administration") => "Verwaltung",
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use patguard_core::presets::presets;

    #[test]
    fn every_built_in_preset_has_german_texts() {
        for p in presets() {
            assert!(german(&p.id).is_some(), "{} has no German title", p.id);
        }
        assert_eq!(
            DE.len(),
            presets().len(),
            "no German entry for a preset that does not exist"
        );
    }
}
