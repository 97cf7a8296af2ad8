//! What a project check is and sees: its entry type, the facts of the related file it checks
//! (with the integration that owns it), and which related files `integ check` checks. The
//! checks are run by `crate::check::project`, beside the registry.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{Layout, Member, Project, ProjectFile};
use crate::diagnostic::{Check, Context, Diagnostic, Registered};
use crate::kind::FileKind;
use crate::model::IntegrationVersion;
use crate::source::SourceFile;

/// A project check: its code and documentation, and how it checks a related file.
pub type ProjectCheck = Registered<ProjectRun>;

/// How a project check runs: on which kinds of related file, with what function.
#[derive(Debug, Clone, Copy)]
pub struct ProjectRun {
    /// The kinds of related file it checks.
    pub kinds: &'static [FileKind],
    /// Pushes the findings for one related file.
    pub run: fn(&RelatedContext<'_>, &mut Vec<Diagnostic>),
}

impl Registered<ProjectRun> {
    /// A project check of the related files of `kinds`, run by `run` (with no fix and not
    /// opt-in, as every project check so far).
    pub const fn on(
        check: Check,
        kinds: &'static [FileKind],
        run: fn(&RelatedContext<'_>, &mut Vec<Diagnostic>),
    ) -> ProjectCheck {
        Registered::new(check, ProjectRun { kinds, run })
    }
}

/// The integration a related file belongs to, read.
pub struct Owner<'a> {
    /// Its name and path.
    pub member: &'a Member,
    /// Its file.
    pub source: &'a SourceFile,
    /// Its typed view.
    pub model: &'a IntegrationVersion<'a>,
}

impl Owner<'_> {
    /// The integration's file name, for messages (`orders.json`).
    pub fn file_name(&self) -> String {
        self.member
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.member.name.clone())
    }
}

/// What a project check sees of one related file: its document and these facts.
pub type RelatedContext<'a> = Context<'a, RelatedFacts<'a>>;

/// What a project check knows of a related file besides its document.
pub struct RelatedFacts<'a> {
    /// The project.
    pub project: &'a Project,
    /// The related file.
    pub file: &'a ProjectFile,
    /// Its text and document.
    pub source: &'a SourceFile,
    /// Its integration, when it has one and that one could be read.
    pub owner: Option<Owner<'a>>,
}

/// The file name of `path`, for messages.
pub(super) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The related files `integ check` checks when given `given` (canonical paths): each related
/// file given, each related file of an integration given, and every config-variables file
/// that belongs to no integration when any integration of its project is given (it may be
/// named after one that was renamed). As (project, file) indexes into `layout`.
pub fn check_scope(layout: &Layout, given: &HashSet<PathBuf>) -> Vec<(usize, usize)> {
    let mut scope = Vec::new();
    for (p, project) in layout.projects.iter().enumerate() {
        let any_integration = project.integrations.iter().any(|m| given.contains(&m.id));
        for (i, file) in project.files.iter().enumerate() {
            let owner_given = match file.owner {
                Some(o) => given.contains(&project.integrations[o].id),
                None => any_integration,
            };
            if owner_given || given.contains(&file.id) {
                scope.push((p, i));
            }
        }
    }
    scope
}
