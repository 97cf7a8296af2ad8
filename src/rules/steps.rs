//! Each compiled rule as a batch step.

use rayon::prelude::*;
use serde_json::Value;

use super::model::{TaskFilter, VariableFilter};
use super::select::render_value;
use super::{Action, Case, CompiledRule, convert_case};
use crate::document::{Document, Edit, Span, SpanNode};
use crate::kind::FileKind;
use crate::references::is_system_variable;
use crate::rename::names::{
    check_task_label, check_variable_name, strip_backticks, with_backticks_of,
};
use crate::rename::{FilePlan, FileState, RenameSet, RenameStep, Step, Tally, Verb, plan_file};

impl Step for CompiledRule {
    fn needles(&self) -> Option<Vec<String>> {
        match &self.action {
            Action::Rename(set) => self.rename_step(set).needles(),
            _ => None,
        }
    }

    fn plan(&self, files: &[FileState]) -> Result<Vec<FilePlan>, Vec<String>> {
        let origin = |messages: Vec<String>| -> Vec<String> {
            messages
                .into_iter()
                .map(|m| format!("{}: {m}", self.origin))
                .collect()
        };
        if let Action::Rename(set) = &self.action {
            return self.rename_step(set).plan(files).map_err(origin);
        }
        let in_scope = self.scope.mask(files);
        let results: Vec<Result<(FilePlan, usize), Vec<String>>> = files
            .par_iter()
            .zip(&in_scope)
            .map(|(f, &inside)| {
                let planned = if !inside {
                    Ok((FilePlan::default(), 0))
                } else if f.kind == FileKind::Integration {
                    plan_rule(&self.action, f)
                } else {
                    plan_related(&self.action, f, files)
                };
                planned.map_err(|refusals| {
                    refusals
                        .into_iter()
                        .map(|r| format!("{}: {r}", f.file.path.display()))
                        .collect()
                })
            })
            .collect();
        let refusals: Vec<String> = results
            .iter()
            .filter_map(|r| r.as_ref().err())
            .flatten()
            .cloned()
            .collect();
        if !refusals.is_empty() {
            return Err(origin(refusals));
        }
        let (plans, matched): (Vec<FilePlan>, Vec<usize>) =
            results.into_iter().map(|r| r.expect("no refusals")).unzip();
        if matched.iter().sum::<usize>() == 0 {
            return Err(origin(vec!["matched nothing in any file".to_string()]));
        }
        Ok(plans)
    }
}

impl CompiledRule {
    /// A rename rule as the step `integ rename` runs, within this rule's scope.
    fn rename_step(&self, set: &RenameSet) -> RenameStep {
        RenameStep {
            set: RenameSet {
                scope: self.scope.clone(),
                ..set.clone()
            },
        }
    }
}

/// Plans one rule on one file; returns the plan and how many things the rule selected.
fn plan_rule(action: &Action, f: &FileState) -> Result<(FilePlan, usize), Vec<String>> {
    let doc = f.file.document();
    match action {
        Action::Rename(_) => unreachable!("handled by RenameStep"),
        Action::RenameVariables {
            pattern,
            replace,
            filter,
        } => rename_variables(f, f, filter, |name| {
            let bare = strip_backticks(name);
            pattern
                .is_match(bare)
                .then(|| with_backticks_of(name, &pattern.replace_all(bare, replace.as_str())))
        }),
        Action::ConvertCase {
            case,
            filter,
            include_produced,
        } => convert_variables(f, f, filter, *case, *include_produced),
        Action::RenameTaskNames {
            pattern,
            replace,
            filter,
        } => rename_task_names(
            doc,
            filter,
            &format!("task names /{}/", pattern.as_str()),
            |label| {
                pattern
                    .is_match(label)
                    .then(|| pattern.replace_all(label, replace.as_str()).into_owned())
            },
        ),
        Action::SetValue { path, value } => {
            let pointers = outermost(path.pointers(doc.value()).map_err(|e| vec![e])?);
            let mut edits = Vec::new();
            for pointer in &pointers {
                let (current, node) = doc.node(pointer).expect("pointer from the query");
                if current != value {
                    edits.push(Edit::new(
                        node.span(),
                        render_value(value, doc.escape_style()),
                    ));
                }
            }
            let tally = Tally {
                verb: Verb::Set,
                label: format!("setValue {}", path.text),
                unit: "values",
                count: edits.len(),
            };
            Ok((
                FilePlan {
                    edits,
                    tallies: vec![tally],
                    ..FilePlan::default()
                },
                pointers.len(),
            ))
        }
        Action::ReplaceInStrings {
            path,
            pattern,
            replace,
        } => {
            let pointers = outermost(path.pointers(doc.value()).map_err(|e| vec![e])?);
            let mut edits = Vec::new();
            for pointer in &pointers {
                let (value, node) = doc.node(pointer).expect("pointer from the query");
                let mut tokens = Vec::new();
                string_tokens(value, node, &mut tokens);
                for token in tokens {
                    let lit = doc.string_literal(token).expect("a string token");
                    for caps in pattern.captures_iter(lit.text()) {
                        let m = caps.get(0).expect("group 0");
                        let mut replacement = String::new();
                        caps.expand(replace, &mut replacement);
                        if replacement != m.as_str() {
                            edits.push(lit.edit(Span::new(m.start(), m.end()), &replacement));
                        }
                    }
                }
            }
            let tally = Tally {
                verb: Verb::Replace,
                label: format!("replaceInStrings {} /{}/", path.text, pattern.as_str()),
                unit: "replacements",
                count: edits.len(),
            };
            Ok((
                FilePlan {
                    edits,
                    tallies: vec![tally],
                    ..FilePlan::default()
                },
                pointers.len(),
            ))
        }
    }
}

/// Plans one rule on a related file of an integrationcli project (overrides, config
/// variables, tests): it follows the variable renames of its integration and is otherwise
/// left alone (JSONPath edits and task names are about integration files). Related files
/// select nothing, so they never count for "matched nothing".
fn plan_related(
    action: &Action,
    f: &FileState,
    files: &[FileState],
) -> Result<(FilePlan, usize), Vec<String>> {
    let Some(owner) = f.owner.map(|o| &files[o]) else {
        return Ok((FilePlan::default(), 0));
    };
    let planned = match action {
        Action::RenameVariables {
            pattern,
            replace,
            filter,
        } => rename_variables(f, owner, filter, |name| {
            let bare = strip_backticks(name);
            pattern
                .is_match(bare)
                .then(|| with_backticks_of(name, &pattern.replace_all(bare, replace.as_str())))
        }),
        Action::ConvertCase {
            case,
            filter,
            include_produced,
        } => convert_variables(f, owner, filter, *case, *include_produced),
        _ => return Ok((FilePlan::default(), 0)),
    };
    planned.map(|(plan, _)| (plan, 0))
}

/// Renames the variables declared in `declaring` (the file itself, or the integration of a
/// related file) that pass `filter` to what `rename` says (`None`: not selected), in `f`;
/// returns the plan and how many variables were selected.
fn rename_variables(
    f: &FileState,
    declaring: &FileState,
    filter: &VariableFilter,
    mut rename: impl FnMut(&str) -> Option<String>,
) -> Result<(FilePlan, usize), Vec<String>> {
    let selected = declared_variables(declaring.file.document(), filter);
    let mut pairs = Vec::new();
    let mut refusals = Vec::new();
    let mut matched = 0;
    for name in &selected {
        let Some(new) = rename(name) else { continue };
        matched += 1;
        if new != *name {
            match check_variable_name(&new) {
                Ok(()) => pairs.push((name.to_string(), new)),
                Err(e) => refusals.push(format!("cannot rename {name}: {e}")),
            }
        }
    }
    if !refusals.is_empty() {
        return Err(refusals);
    }
    let set = RenameSet {
        variables: pairs,
        ..RenameSet::default()
    };
    Ok((plan_file(&f.file, &f.index, &set)?, matched))
}

/// `convertCase` on the variables of `declaring` in `f`: names the runtime or the service
/// chose are kept, and the plan says which and why.
fn convert_variables(
    f: &FileState,
    declaring: &FileState,
    filter: &VariableFilter,
    case: Case,
    include_produced: bool,
) -> Result<(FilePlan, usize), Vec<String>> {
    let value = declaring.file.document().value();
    let mut skipped = Vec::new();
    let (mut plan, matched) = rename_variables(f, declaring, filter, |name| {
        let new = convert_case(name, case);
        if new == name {
            return Some(new);
        }
        match kept_name(value, name, include_produced) {
            Some(why) => {
                skipped.push(format!("{name}: {why}"));
                Some(name.to_string())
            }
            None => Some(new),
        }
    })?;
    if f.kind == FileKind::Integration {
        plan.skipped = skipped;
    }
    Ok((plan, matched))
}

/// Why `convertCase` keeps variable `name` of integration `value` as it is: a system variable,
/// or (unless `include_produced`) a variable a task or trigger produces.
fn kept_name(value: &Value, name: &str, include_produced: bool) -> Option<String> {
    if is_system_variable(name) {
        return Some("a system variable; the runtime sets it under this name".to_string());
    }
    if include_produced {
        return None;
    }
    let producer = value["integrationParameters"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|d| d["key"] == name)
        .and_then(|d| d["producer"].as_str())
        .unwrap_or("");
    let hint = "set includeProduced to convert it";
    if let Some(task) = producer.strip_prefix("1_") {
        return Some(format!("produced by task {task}; {hint}"));
    }
    if let Some(trigger) = producer.strip_prefix("2_") {
        return Some(format!("produced by trigger {trigger}; {hint}"));
    }
    let task = strip_backticks(name)
        .strip_prefix("Task_")
        .and_then(|rest| rest.split_once('_'))
        .map(|(id, _)| id)
        .filter(|id| !id.is_empty());
    task.map(|id| format!("named for an output of task {id}; {hint}"))
}

/// Keys of `integrationParameters` and `integrationConfigParameters` that pass `filter`.
fn declared_variables<'a>(doc: &'a Document, filter: &VariableFilter) -> Vec<&'a str> {
    let value = doc.value();
    let plain = value["integrationParameters"]
        .as_array()
        .into_iter()
        .flatten();
    let config = value["integrationConfigParameters"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| &c["parameter"]);
    let mut names: Vec<&str> = Vec::new();
    for (is_config, decl) in plain.map(|d| (false, d)).chain(config.map(|d| (true, d))) {
        let Some(key) = decl["key"].as_str() else {
            continue;
        };
        let field_is = |field: &str, wanted: &Option<String>| {
            wanted
                .as_deref()
                .is_none_or(|w| decl[field].as_str() == Some(w))
        };
        let keep = field_is("dataType", &filter.data_type)
            && field_is("inputOutputType", &filter.input_output_type)
            && filter.backticked.is_none_or(|b| b == key.starts_with('`'))
            && filter.config.is_none_or(|c| c == is_config);
        if keep && !names.contains(&key) {
            names.push(key);
        }
    }
    names
}

/// Renames task display names (and the `label` of internal copies of the same task).
fn rename_task_names(
    doc: &Document,
    filter: &TaskFilter,
    tally_label: &str,
    mut rename: impl FnMut(&str) -> Option<String>,
) -> Result<(FilePlan, usize), Vec<String>> {
    let value = doc.value();
    let mut edits = Vec::new();
    let mut selected = 0;
    let mut changed = 0;
    for (i, task) in value["taskConfigs"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let Some(label) = task["displayName"].as_str() else {
            continue;
        };
        if filter
            .task
            .as_deref()
            .is_some_and(|t| task["task"].as_str() != Some(t))
        {
            continue;
        }
        let Some(new) = rename(label) else { continue };
        selected += 1;
        if new == label {
            continue;
        }
        check_task_label(&new).map_err(|e| vec![e])?;
        changed += 1;
        let span = doc
            .locate(&format!("/taskConfigs/{i}/displayName"))
            .expect("present")
            .value;
        edits.push(Edit::new(span, doc.quote(&new)));
        let internal = value["taskConfigsInternal"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate();
        for (j, copy) in internal {
            if copy["taskNumber"] == task["taskId"] && copy["label"].as_str() == Some(label) {
                let span = doc
                    .locate(&format!("/taskConfigsInternal/{j}/label"))
                    .expect("present")
                    .value;
                edits.push(Edit::new(span, doc.quote(&new)));
            }
        }
    }
    let tally = Tally {
        verb: Verb::Rename,
        label: tally_label.to_string(),
        unit: "tasks",
        count: changed,
    };
    Ok((
        FilePlan {
            edits,
            tallies: vec![tally],
            ..FilePlan::default()
        },
        selected,
    ))
}

/// Drops pointers inside another selected pointer: replacing the outer value covers them.
fn outermost(mut pointers: Vec<String>) -> Vec<String> {
    pointers.sort();
    pointers.dedup();
    let mut kept: Vec<String> = Vec::new();
    for p in pointers {
        let inside = kept
            .iter()
            .any(|k| p.starts_with(k.as_str()) && p.as_bytes().get(k.len()) == Some(&b'/'));
        if !inside {
            kept.push(p);
        }
    }
    kept
}

/// The string tokens (values, not keys) in `value`.
fn string_tokens(value: &Value, node: &SpanNode, out: &mut Vec<Span>) {
    match (value, node) {
        (Value::String(_), SpanNode::Scalar(span)) => out.push(*span),
        (Value::Array(items), SpanNode::Array(_, nodes)) => {
            for (v, n) in items.iter().zip(nodes) {
                string_tokens(v, n, out);
            }
        }
        (Value::Object(map), SpanNode::Object(_, entries)) => {
            for (v, (_, n)) in map.values().zip(entries) {
                string_tokens(v, n, out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_outermost_pointers() {
        let kept = outermost(vec![
            "/a/1".into(),
            "/a".into(),
            "/ab".into(),
            "/a/2/x".into(),
        ]);
        assert_eq!(kept, ["/a", "/ab"]);
        // The root selects everything.
        assert_eq!(outermost(vec!["/a".into(), String::new()]), [""]);
    }
}
