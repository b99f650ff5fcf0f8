//! German titles and tasks of the built-in presets, so the picker follows the page's
//! language. Team presets keep the words their authors wrote; notes and sources stay in
//! the language of the public documents they cite.

use patguard_core::catalog::Lang;
use patguard_core::presets::Preset;

/// One line per built-in preset: id, German title and German task, separated by tabs.
/// Text rather than a table of `&str`, whose pointers and lengths took more of the panel
/// module than the words.
const DE: &str = "\
git-read\tGit klonen / abrufen (nur lesen)\tRepositorys über HTTPS klonen, abrufen und pullen.\n\
git-push\tGit push / Branches / Pull Requests\tCommits pushen, Branches und Pull Requests erstellen.\n\
git-credential-manager\tGit Credential Manager (PAT-Modus)\tGit Credential Manager mit credential.azreposCredentialType=pat.\n\
commit-status\tCI-Statusmelder\tCommit- und Pull-Request-Status melden, ohne Schreibzugriff auf den Code.\n\
dependabot\tDependabot für Azure DevOps\tPull Requests für Abhängigkeitsupdates mit Kommentar-Threads.\n\
renovate\tRenovate\tRenovate-Bot: Branches, Pull Requests, Arbeitselement-Links und Abhängigkeits-Dashboard.\n\
sonarcloud\tSonarQube Cloud (SonarCloud) PR-Dekoration\tSonarQube Cloud importiert Projekte und kommentiert Pull Requests.\n\
sonarqube-import\tSonarQube Server: Repository-Import\tAzure DevOps-Repositorys in SonarQube Server auflisten und importieren.\n\
artifacts-read\tAzure Artifacts: Pakete wiederherstellen\tnpm-, NuGet-, Maven-, Python-, Cargo- oder Universal-Pakete aus einem Feed laden.\n\
artifacts-publish\tAzure Artifacts: Pakete veröffentlichen\tnpm publish, dotnet nuget push, twine upload, mvn deploy, cargo publish.\n\
artifacts-unpublish\tAzure Artifacts: zurückziehen / Feed verwalten\tPaketversionen zurückziehen oder löschen, Feeds löschen.\n\
agent-pool\tSelbstgehosteten Agent registrieren\tEinen selbstgehosteten Agent registrieren (config.sh / config.cmd --auth pat).\n\
agent-pool-container\tSelbstgehosteter Agent im Container\tSelbstgehostete Agents in Docker oder Kubernetes; jeder Container registriert sich bei jedem Start erneut mit demselben PAT (AZP_TOKEN).\n\
deployment-group-agent\tBereitstellungsgruppen-Agent registrieren\tEinen Agent für eine Bereitstellungsgruppe registrieren.\n\
pipeline-run\tBuilds einreihen / Pipelines ausführen\tEinen Build einreihen oder eine Pipeline über die REST-API starten.\n\
build-read\tBuilds, Protokolle und Artefakte lesen\tBuildergebnisse, Protokolle und Buildartefakte lesen.\n\
release-read\tKlassische Releases lesen\tReleases, Releasedefinitionen und Phasen lesen.\n\
release-create\tKlassische Releases erstellen\tKlassische Releases erstellen und bereitstellen (ohne Genehmigungen).\n\
variable-groups-read\tVariablengruppen lesen\tVariablengruppen von Pipelines lesen.\n\
service-connections-read\tDienstverbindungen lesen\tDienstverbindungen (Endpunkte) lesen.\n\
work-items-read\tArbeitselemente lesen und abfragen\tArbeitselemente lesen und WIQL-Abfragen ausführen.\n\
work-items-write\tArbeitselemente erstellen und ändern\tArbeitselemente erstellen und aktualisieren.\n\
wiki-write\tWiki-Seiten bearbeiten\tWiki-Seiten erstellen und aktualisieren.\n\
test-read\tTestergebnisse lesen\tTestpläne, Testläufe und Ergebnisse lesen.\n\
test-results-publish\tTestergebnisse veröffentlichen\tTestläufe und Ergebnisse hochladen.\n\
analytics\tAnalytics / OData / Power BI\tAnalytics mit OData oder Power BI abfragen.\n\
project-read\tProjekte und Teams lesen\tProjekte und Teams auflisten.\n\
graph-read\tBenutzer und Gruppen lesen\tBenutzer, Gruppen und Mitgliedschaften lesen (Graph).\n\
audit-log\tÜberwachungsprotokoll exportieren / SIEM\tDas Überwachungsprotokoll der Organisation lesen.\n\
token-admin\tPAT-Inventar / Widerruf (Administratoren)\tPATs von Benutzern als Organisationsadministrator auflisten und widerrufen.\n\
vsce-publish\tVS Code-Erweiterungen veröffentlichen (vsce)\tVS Code-Erweiterungen im Visual Studio Marketplace veröffentlichen.\n";

/// The German title and task of a built-in preset.
fn german(id: &str) -> Option<(&'static str, &'static str)> {
    DE.lines().find_map(|line| {
        let mut fields = line.split('\t');
        if fields.next()? != id {
            return None;
        }
        Some((fields.next()?, fields.next()?))
    })
}

pub fn title(p: &Preset, lang: Lang) -> &str {
    match lang {
        Lang::De => german(&p.id).map_or(&p.title, |(title, _)| title),
        Lang::En => &p.title,
    }
}

pub fn task(p: &Preset, lang: Lang) -> &str {
    match lang {
        Lang::De => german(&p.id).map_or(&p.task, |(_, task)| task),
        Lang::En => &p.task,
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
            DE.lines().count(),
            presets().len(),
            "no German entry for a preset that does not exist"
        );
    }
}
