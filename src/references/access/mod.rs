//! Which variables each task reads and writes, read off the reference index: the facts the
//! flow lints and `integ graph --highlight` stand on. The rules, in one place:
//!
//! | where the name is | access |
//! |---|---|
//! | Data Mapping `outputField.referenceKey` | write |
//! | anything else in a Data Mapping (input fields, transforms) | read |
//! | JavaScript `event.setParameter("k", …)` / `event.getParameter("k")` | write / read |
//! | JavaScript `event.setParameter(name, …)` with a computed name | may write any variable |
//! | Data Transformer output fields / `extVar("k")` | write / read |
//! | Data Transformer whose result is not an object literal of named fields | may write any variable |
//! | an output binding ([`OUTPUTS`]: `responseBody` of a REST call, `connectorOutputPayload`, …) | write |
//! | call task: the caller's side of a request map / of a response or aggregator map | read / write |
//! | call task: the called integration's side, element mappings | neither (the called flow's) |
//! | Cloud Function task | may write any variable (its function returns variables) |
//! | `nextTasks[].condition`, retry conditions | read (edge conditions after the task ran) |
//! | any other parameter of a known task type | read |
//! | any reference of a task type not listed here | read, and the task is not `understood` |
//! | trigger `inputVariables`, variables with `producer: "2_<triggerNumber>"` | written by the trigger |
//! | `IN`/`IN_OUT` variables | written by every trigger that takes inputs (API, private) |
//!
//! Data Transformer diagram names mirror the template and count as neither. Only the public
//! `taskConfigs` and `triggerConfigs` are read; the `*Internal` copies repeat them.

use std::borrow::Cow;

use super::{CallDirection, CallSide, Form, Namespace, Reference, ReferenceIndex, Slot};
use super::{javascript_sets_computed_names, jsonnet_outputs_known};
use crate::model::{InputOutputType, IntegrationVersion, TaskConfig, TriggerType};

/// What a task does with a variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Access {
    /// The task uses the variable's value.
    Read,
    /// The task sets the variable.
    Write,
}

/// The output bindings of each task type: parameters whose `$…$` names the variable the task
/// writes its result to (FORMAT.md §7).
pub const OUTPUTS: &[(&str, &[&str])] = &[
    (
        "GenericRestV2Task",
        &["responseBody", "responseHeader", "responseStatus"],
    ),
    (
        "GenericConnectorTask",
        &["connectorOutputPayload", "listEntitiesNextPageToken"],
    ),
    ("EmailTask", &["GmrEmailResponseOutput"]),
    ("SuspensionTask", &["isApproved"]),
    ("SuspendTask", &["suspensionId", "suspensionResult"]),
    ("SubWorkflowExecutorV2Task", &["executionIds"]),
    ("SubWorkflowForEachLoopV2Task", &["loopMetadata"]),
    ("SubWorkflowWhileLoopV2Task", &["loopMetadata"]),
    ("SubWorkflowScatterGatherTask", &["scatterResponseJson"]),
    ("FieldMappingTask", &[]),
    ("JavaScriptTask", &[]),
    ("JsonnetMapperTask", &[]),
    ("ReturnTask", &[]),
    ("CloudFunctionTask", &[]),
];

/// The output binding of a task template (`taskTemplate` set, e.g. "Vertex AI - Predict").
const TEMPLATE_OUTPUTS: &[&str] = &["response"];

/// What one task reads and writes.
#[derive(Debug, Clone, Default)]
pub struct TaskAccess<'a> {
    /// The references whose variable the task reads, in document order.
    pub reads: Vec<&'a Reference>,
    /// The references whose variable the task writes, in document order.
    pub writes: Vec<&'a Reference>,
    /// The task may write variables no reference names (a Cloud Function, a script that sets
    /// computed names, a Data Transformer whose output fields cannot all be read).
    pub writes_any: bool,
    /// False for a task type the rules do not know: its references all count as reads and it
    /// writes nothing listed, so a lint must neither report its reads nor rely on it not
    /// writing.
    pub understood: bool,
}

impl TaskAccess<'_> {
    /// True when the task reads variable `name`.
    pub fn reads(&self, name: &str) -> bool {
        self.reads.iter().any(|r| r.name == name)
    }

    /// True when the task writes variable `name` (by a reference that names it).
    pub fn writes(&self, name: &str) -> bool {
        self.writes.iter().any(|r| r.name == name)
    }

    /// True when the task may set `name`: it writes it, may write anything, or is of a type
    /// the rules do not know and mentions it.
    pub fn may_set(&self, name: &str) -> bool {
        self.writes_any || self.writes(name) || (!self.understood && self.reads(name))
    }
}

/// The reads and writes of every task and trigger of one integration.
#[derive(Debug, Clone, Default)]
pub struct Accesses<'a> {
    /// By index in `taskConfigs`.
    pub tasks: Vec<TaskAccess<'a>>,
    /// By index in `triggerConfigs`: the variables the trigger sets when it starts, sorted.
    pub triggers: Vec<Vec<&'a str>>,
}

impl<'a> Accesses<'a> {
    /// Reads the accesses of `model` from its reference index.
    pub fn new(model: &'a IntegrationVersion, index: &'a ReferenceIndex) -> Accesses<'a> {
        let mut tasks: Vec<TaskAccess<'a>> = model.task_configs.iter().map(task_flags).collect();
        let outputs: Vec<&[&str]> = model.task_configs.iter().map(outputs_of).collect();
        let mut triggers: Vec<Vec<&'a str>> = vec![Vec::new(); model.trigger_configs.len()];
        for r in &index.references {
            if r.namespace != Namespace::Variable {
                continue;
            }
            let Some((list, at, rest)) = split_pointer(&r.pointer) else {
                continue;
            };
            match list {
                "taskConfigs" => {
                    let (Some(outputs), Some(access)) = (outputs.get(at), tasks.get_mut(at)) else {
                        continue;
                    };
                    match classify(outputs, rest, r) {
                        Some(Access::Read) => access.reads.push(r),
                        Some(Access::Write) => access.writes.push(r),
                        None => {}
                    }
                }
                "triggerConfigs"
                    if r.form == Form::TriggerVariable && rest.starts_with("inputVariables/") =>
                {
                    if let Some(names) = triggers.get_mut(at) {
                        names.push(&r.name);
                    }
                }
                _ => {}
            }
        }
        for (trigger, names) in model.trigger_configs.iter().zip(&mut triggers) {
            let number = trigger.trigger_number.unwrap_or_default();
            let takes_inputs = trigger.input_variables.is_some()
                || matches!(
                    trigger.trigger_type,
                    Some(TriggerType::Api | TriggerType::PrivateTrigger)
                );
            for p in &model.integration_parameters {
                let Some(key) = p.key else {
                    continue;
                };
                let produced = !number.is_empty()
                    && p.producer
                        .and_then(|s| s.strip_prefix("2_"))
                        .is_some_and(|n| n == number);
                let input = takes_inputs
                    && matches!(
                        p.input_output_type,
                        Some(InputOutputType::In | InputOutputType::InOut)
                    );
                if produced || input {
                    names.push(key);
                }
            }
            names.sort_unstable();
            names.dedup();
        }
        Accesses { tasks, triggers }
    }
}

/// Whether a task's type is known and whether it may write variables no name spells.
fn task_flags<'a>(task: &TaskConfig) -> TaskAccess<'a> {
    let task_type = task.task.unwrap_or_default();
    let text = |param: &str| {
        task.parameters
            .get(param)
            .and_then(|p| p.value.as_ref())
            .and_then(|v| v.string_value)
    };
    let writes_any = match task_type {
        "CloudFunctionTask" => true,
        "JavaScriptTask" => text("script").is_some_and(javascript_sets_computed_names),
        "JsonnetMapperTask" => text("template").is_some_and(|t| !jsonnet_outputs_known(t)),
        _ => false,
    };
    TaskAccess {
        writes_any,
        understood: task.task_template.is_none() && OUTPUTS.iter().any(|(t, _)| *t == task_type),
        ..TaskAccess::default()
    }
}

/// The output bindings of `task`'s type.
fn outputs_of(task: &TaskConfig) -> &'static [&'static str] {
    if task.task_template.is_some() {
        return TEMPLATE_OUTPUTS;
    }
    let task_type = task.task.unwrap_or_default();
    OUTPUTS
        .iter()
        .find(|(t, _)| *t == task_type)
        .map_or(&[], |(_, o)| o)
}

/// What a task with output bindings `outputs` does with the variable reference `r` found at
/// `rest` (its pointer below the task); `None` when it belongs to no flow of the task.
fn classify(outputs: &[&str], rest: &str, r: &Reference) -> Option<Access> {
    match r.slot {
        Slot::MappingOutput { .. } => return Some(Access::Write),
        Slot::CallMap {
            side: CallSide::Callee,
            ..
        }
        | Slot::ElementMapping => return None,
        Slot::CallMap {
            direction: CallDirection::Request,
            ..
        } => return Some(Access::Read),
        Slot::CallMap { .. } => return Some(Access::Write),
        Slot::Plain | Slot::MappingInput { .. } => {}
    }
    match r.form {
        Form::SetParameter | Form::JsonnetField => return Some(Access::Write),
        Form::GetParameter | Form::ExtVar => return Some(Access::Read),
        Form::Dollar => {}
        // Diagram names mirror the template; declarations and ids are no accesses.
        _ => return None,
    }
    let Some(param) = rest.strip_prefix("parameters/") else {
        // Edge and retry conditions.
        return Some(Access::Read);
    };
    let param = unescape(param.split('/').next().unwrap_or_default());
    if outputs.contains(&param.as_ref()) {
        Some(Access::Write)
    } else {
        Some(Access::Read)
    }
}

/// True when `r`, a reference of the document whose text is `text`, is the argument of an
/// `exists(…)` test in a condition (`exists($ErrorMessage$)`): a read that expects the
/// variable may be unset.
pub fn is_existence_test(text: &str, r: &Reference) -> bool {
    if r.form != Form::Dollar {
        return false;
    }
    let before = text[..r.extent.start.min(text.len())].trim_end_matches([' ', '\t']);
    let Some(open) = before.strip_suffix('(') else {
        return false;
    };
    let word = open.trim_end_matches([' ', '\t']);
    word.len() >= 6
        && word.is_char_boundary(word.len() - 6)
        && word[word.len() - 6..].eq_ignore_ascii_case("exists")
}

/// The index in `taskConfigs` of the task a pointer leads into.
pub fn task_of(pointer: &str) -> Option<usize> {
    match split_pointer(pointer)? {
        ("taskConfigs", index, _) => Some(index),
        _ => None,
    }
}

/// The task index and parameter name of a pointer into `taskConfigs[i].parameters`.
pub fn task_parameter(pointer: &str) -> Option<(usize, Cow<'_, str>)> {
    let ("taskConfigs", index, rest) = split_pointer(pointer)? else {
        return None;
    };
    let param = rest.strip_prefix("parameters/")?.split('/').next()?;
    Some((index, unescape(param)))
}

/// `/taskConfigs/3/parameters/x/value` → `("taskConfigs", 3, "parameters/x/value")`.
fn split_pointer(pointer: &str) -> Option<(&str, usize, &str)> {
    let rest = pointer.strip_prefix('/')?;
    let (list, rest) = rest.split_at(rest.bytes().position(|b| b == b'/')?);
    let rest = &rest[1..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 9 {
        return None;
    }
    let (number, rest) = rest.split_at(digits);
    let rest = match rest.as_bytes().first() {
        None => "",
        Some(b'/') => &rest[1..],
        Some(_) => return None,
    };
    let index = number
        .bytes()
        .fold(0, |n, b| n * 10 + usize::from(b - b'0'));
    Some((list, index, rest))
}

/// A JSON Pointer token, unescaped.
fn unescape(token: &str) -> Cow<'_, str> {
    if token.contains('~') {
        token.replace("~1", "/").replace("~0", "~").into()
    } else {
        token.into()
    }
}

#[cfg(test)]
mod tests;
