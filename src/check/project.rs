//! Running the project checks on the related files of a project, and the project part of the
//! rename validation gate.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::registry::{REGISTRY, Runner};
use crate::diagnostic::{Context, Diagnostic, Severity};
use crate::kind::is_integration;
use crate::model::IntegrationVersion;
use crate::project::{Layout, Owner, Project, ProjectFile, RelatedFacts};
use crate::source::SourceFile;

/// Runs every project check on the related files of `project` that are in `sources` (keyed
/// by canonical path) and pass `in_scope`. The integrations come from `sources` too; a related
/// file whose integration is missing or unreadable gets only the checks that need none.
/// Returns, for each related file checked (by index into `project.files`), its findings,
/// located in that file and sorted.
pub fn check_project(
    project: &Project,
    sources: &HashMap<PathBuf, &SourceFile>,
    in_scope: impl Fn(&ProjectFile) -> bool,
) -> Vec<(usize, Vec<Diagnostic>)> {
    let mut models: HashMap<usize, Option<IntegrationVersion>> = HashMap::new();
    for owner in project.files.iter().filter_map(|f| f.owner) {
        models.entry(owner).or_insert_with(|| {
            let source = sources.get(&project.integrations[owner].id)?;
            let doc = source.document();
            if !is_integration(doc.value()) {
                return None;
            }
            IntegrationVersion::from_document(doc).ok()
        });
    }
    // A folder shaped like a project whose src/ holds no integration (say, a web app's
    // src/ and tests/) is not one.
    let is_project = project.integrations.iter().any(|m| {
        sources
            .get(&m.id)
            .is_some_and(|s| is_integration(s.document().value()))
    });
    let mut out = Vec::new();
    if !is_project {
        return out;
    }
    for (index, file) in project.files.iter().enumerate() {
        let Some(source) = sources.get(&file.id) else {
            continue;
        };
        // An integration kept in a tests/ folder is an integration, not a test case.
        if !in_scope(file) || is_integration(source.document().value()) {
            continue;
        }
        let owner = file.owner.and_then(|i| {
            Some(Owner {
                member: &project.integrations[i],
                source: sources.get(&project.integrations[i].id)?,
                model: models.get(&i)?.as_ref()?,
            })
        });
        let facts = RelatedFacts {
            project,
            file,
            source,
            owner,
        };
        let ctx = Context::new(source.document(), facts);
        let mut found = Vec::new();
        for entry in REGISTRY {
            if let Runner::Project(p) = entry.run
                && p.kinds.contains(&file.kind)
            {
                (p.run)(&ctx, &mut found);
            }
        }
        Diagnostic::finish(&mut found, source);
        out.push((index, found));
    }
    out
}

/// The project part of the validation gate: the error-severity project findings of the
/// files in `after` that `before` did not have (both keyed by canonical path, holding the same
/// files), one message per file, as `integ rename` prints them.
pub fn gate(
    layout: &Layout,
    before: &HashMap<PathBuf, &SourceFile>,
    after: &HashMap<PathBuf, &SourceFile>,
) -> Vec<String> {
    let errors = |sources: &HashMap<PathBuf, &SourceFile>, project: &Project| {
        check_project(project, sources, |_| true)
            .into_iter()
            .map(|(i, found)| {
                let found: Vec<Diagnostic> = found
                    .into_iter()
                    .filter(|d| d.severity == Severity::Error)
                    .collect();
                (i, found)
            })
            .collect::<BTreeMap<usize, Vec<Diagnostic>>>()
    };
    let mut messages = Vec::new();
    for project in &layout.projects {
        let old = errors(before, project);
        let new = errors(after, project);
        for (i, found) in &new {
            let previous = old.get(i).map(Vec::as_slice).unwrap_or_default();
            let count =
                |list: &[Diagnostic], code: &str| list.iter().filter(|d| d.code == code).count();
            let worse: Vec<String> = found
                .iter()
                .filter(|d| count(found, d.code) > count(previous, d.code))
                .filter(|d| {
                    !previous
                        .iter()
                        .any(|p| p.code == d.code && p.message == d.message)
                })
                .map(|d| {
                    format!(
                        "  {}: line {}, column {}: {} ({})",
                        d.code, d.line, d.column, d.message, d.name
                    )
                })
                .collect();
            if !worse.is_empty() {
                messages.push(format!(
                    "{}: the result would have new problems:\n{}",
                    project.files[*i].path.display(),
                    worse.join("\n")
                ));
            }
        }
    }
    messages
}

/// Reads the files of `scope` and their integrations from disk and runs the project checks.
/// Returns the findings of each related file checked, by canonical path; files that cannot be
/// read or parsed are left out (`integ check` reports those as E001 itself).
pub fn check_on_disk(layout: &Layout, scope: &[(usize, usize)]) -> Vec<(PathBuf, Vec<Diagnostic>)> {
    let mut out = Vec::new();
    for (p, project) in layout.projects.iter().enumerate() {
        let files: Vec<usize> = scope
            .iter()
            .filter(|(q, _)| *q == p)
            .map(|(_, i)| *i)
            .collect();
        if files.is_empty() {
            continue;
        }
        let mut paths: Vec<(&Path, &PathBuf)> = Vec::new();
        for &i in &files {
            let file = &project.files[i];
            paths.push((&file.path, &file.id));
            // A file of no integration is judged against all of them (P004 needs to know
            // that src/ holds integrations at all).
            let owners: Vec<usize> = match file.owner {
                Some(o) => vec![o],
                None => (0..project.integrations.len()).collect(),
            };
            for o in owners {
                let member = &project.integrations[o];
                paths.push((&member.path, &member.id));
            }
        }
        paths.sort();
        paths.dedup();
        let loaded: HashMap<PathBuf, SourceFile> = paths
            .into_iter()
            .filter_map(|(path, id)| Some((id.clone(), SourceFile::read(path).ok()?)))
            .collect();
        let sources: HashMap<PathBuf, &SourceFile> =
            loaded.iter().map(|(id, f)| (id.clone(), f)).collect();
        let wanted: HashSet<&PathBuf> = files.iter().map(|&i| &project.files[i].id).collect();
        for (i, found) in check_project(project, &sources, |f| wanted.contains(&f.id)) {
            out.push((project.files[i].id.clone(), found));
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod testing {
    //! Runs the project checks on one related file and its integration, for the checks' tests.

    use super::*;
    use crate::kind::FileKind;
    use crate::project::scan::owner_of;
    use crate::project::{Member, ProjectFile};

    /// The findings on a related file of `kind` named `name` with `text`, in a project whose
    /// only integration is `src/orders.json` holding `integration`: (code, pointer, message).
    pub fn findings(
        kind: FileKind,
        name: &str,
        text: &str,
        integration: &str,
    ) -> Vec<(&'static str, String, String)> {
        let member = Member {
            name: "orders".into(),
            path: "src/orders.json".into(),
            id: "src/orders.json".into(),
        };
        let path = PathBuf::from("dev/related").join(name);
        let owner = owner_of(kind, &path, std::slice::from_ref(&member));
        let project = Project {
            root: PathBuf::new(),
            integrations: vec![member],
            files: vec![ProjectFile {
                id: path.clone(),
                path: path.clone(),
                kind,
                env: "dev".into(),
                owner,
            }],
        };
        let integration = SourceFile::from_text(Path::new("src/orders.json"), integration.into())
            .expect("test integration is JSON");
        let related = SourceFile::from_text(&path, text.into()).expect("test file is JSON");
        let sources: HashMap<PathBuf, &SourceFile> = [
            (PathBuf::from("src/orders.json"), &integration),
            (path, &related),
        ]
        .into_iter()
        .collect();
        let mut out = Vec::new();
        for (_, found) in check_project(&project, &sources, |_| true) {
            for d in found {
                assert!(d.span.is_some(), "{} has no position", d.message);
                out.push((d.code, d.pointer, d.message));
            }
        }
        out
    }

    /// A small integration: API trigger 1, a REST task 1, a connector task 2, variables
    /// `order` and `` `Task_1_responseBody` ``, config variable `` `CONFIG_url` ``.
    pub const INTEGRATION: &str = r#"{
      "triggerConfigs": [{"triggerNumber": "1", "triggerId": "api_trigger/orders_API_1",
                          "startTasks": [{"taskId": "1"}]}],
      "taskConfigs": [
        {"taskId": "1", "task": "GenericRestV2Task",
         "parameters": {"url": {"key": "url", "value": {"stringValue": "$`CONFIG_url`$"}}}},
        {"taskId": "2", "task": "GenericConnectorTask", "parameters": {}}],
      "integrationParameters": [{"key": "order"}, {"key": "`Task_1_responseBody`"}],
      "integrationConfigParameters": [{"parameter": {"key": "`CONFIG_url`"}}]
    }"#;
}
