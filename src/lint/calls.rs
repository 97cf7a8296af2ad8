//! Sub-integration calls against the interface of the integration they call (L023): what a
//! call task passes in and maps out, read from the reference index, and what the called
//! integration declares. A call to a trigger of the same file is checked with the file's own
//! lints; a call to another integration is checked by `integ check` once every file of the
//! run is read ([`crate::check::calls`]), so a file keeps only these small summaries.

use std::collections::BTreeMap;

use super::LintContext;
use super::call_contract::LINT;
use crate::diagnostic::Diagnostic;
use crate::model::{DataType, InputOutputType, IntegrationVersion};
use crate::references::access::task_of;
use crate::references::submaps::is_call_task;
use crate::references::{CallDirection, CallSide, Namespace, Reference, Slot, backtick_alias};

/// How a variable is declared: its interface role and data type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeclaredVariable {
    /// `inputOutputType`, when set.
    pub role: Option<InputOutputType>,
    /// `dataType`, when set.
    pub data_type: Option<DataType>,
}

/// What a caller can see of an integration: its name, triggers and variables.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Interface {
    /// The integration's name from `name` (`…/integrations/<name>/versions/…`), when set.
    pub name: Option<String>,
    /// The `triggerId` of every trigger.
    pub trigger_ids: Vec<String>,
    /// Every declared variable, by key.
    pub variables: BTreeMap<String, DeclaredVariable>,
}

impl Interface {
    /// The interface of `model`.
    pub fn of(model: &IntegrationVersion) -> Interface {
        let variables = model
            .integration_parameters
            .iter()
            .filter_map(|p| {
                let declared = DeclaredVariable {
                    role: p.input_output_type.clone(),
                    data_type: p.data_type.clone(),
                };
                Some((p.key?.to_string(), declared))
            })
            .collect();
        Interface {
            variables,
            ..Interface::outline(model)
        }
    }

    /// The name and trigger ids of `model`, without its variables: what a file of a run keeps
    /// until a call turns out to need the rest.
    pub fn outline(model: &IntegrationVersion) -> Interface {
        let name = model.name.and_then(|n| {
            let rest = &n[n.find("/integrations/")? + "/integrations/".len()..];
            Some(rest.split('/').next().unwrap_or(rest).to_string())
        });
        let trigger_ids = model
            .trigger_configs
            .iter()
            .filter_map(|t| t.trigger_id.map(str::to_string))
            .collect();
        Interface {
            name,
            trigger_ids,
            variables: BTreeMap::new(),
        }
    }

    /// The declaration of `key`, or of the same name with other backticks (a map entry may
    /// spell it either way).
    fn variable(&self, key: &str) -> Option<&DeclaredVariable> {
        self.variables
            .get(key)
            .or_else(|| self.variables.get(&backtick_alias(key)))
    }
}

/// Which way a value crosses the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Crossing {
    /// Passed in: the called integration must declare it `IN` or `IN_OUT`.
    Input,
    /// Mapped out: the called integration must declare it `OUT` or `IN_OUT`.
    Output,
    /// Each element of a loop's list: the called integration must declare it (published
    /// samples receive elements in variables of no interface role, so none is required).
    Element,
}

/// One variable of the called integration that a call task names.
#[derive(Debug, Clone, PartialEq)]
pub struct Expectation {
    /// The called integration's variable, as the caller writes it.
    pub variable: String,
    /// Passed in or mapped out.
    pub crossing: Crossing,
    /// The caller's variable on the other side of the map entry and its declared type, when
    /// the two types must agree (request and response maps; not aggregations or elements).
    pub counterpart: Option<(String, DataType)>,
    /// The finding to report when the expectation fails, located at the name in the caller's
    /// file; its message is written when it is checked.
    pub finding: Diagnostic,
}

/// A call task and what it expects of the integration it calls.
#[derive(Debug, Clone, PartialEq)]
pub struct CallClaim {
    /// The call task, for messages: `task 4 ("For Each Loop")`.
    pub task: String,
    /// The `triggerId` it calls.
    pub trigger_id: String,
    /// The `workflowName` it calls, when set.
    pub workflow_name: Option<String>,
    /// The variables it names on the called side.
    pub expectations: Vec<Expectation>,
}

/// The calls of the file of `ctx`: those to one of its own triggers (`self_calls`), and those to
/// other integrations.
pub(crate) fn claims(ctx: &LintContext<'_>) -> (Vec<CallClaim>, Vec<CallClaim>) {
    let model = ctx.model;
    if !model
        .task_configs
        .iter()
        .any(|t| t.task.is_some_and(is_call_task))
    {
        return (Vec::new(), Vec::new());
    }
    let own_triggers: Vec<&str> = model
        .trigger_configs
        .iter()
        .filter_map(|t| t.trigger_id)
        .collect();
    let types: BTreeMap<&str, &DataType> = model
        .integration_parameters
        .iter()
        .filter_map(|p| Some((p.key?, p.data_type.as_ref()?)))
        .collect();
    // The call-map and element-mapping references, by task index.
    let mut by_task: BTreeMap<usize, Vec<&Reference>> = BTreeMap::new();
    for r in &ctx.references.references {
        let call_site = matches!(r.slot, Slot::CallMap { .. } | Slot::ElementMapping);
        let variable = matches!(r.namespace, Namespace::Variable | Namespace::CalledVariable);
        if !(call_site && variable) {
            continue;
        }
        if let Some(task) = task_of(&r.pointer) {
            by_task.entry(task).or_default().push(r);
        }
    }
    let (mut own, mut other) = (Vec::new(), Vec::new());
    for (index, refs) in by_task {
        let Some(task) = model.task_configs.get(index) else {
            continue;
        };
        let text = |param: &str| {
            task.parameters
                .get(param)
                .and_then(|p| p.value.as_ref()?.string_value)
                .filter(|s| !s.is_empty())
        };
        let Some(trigger_id) = text("triggerId") else {
            continue;
        };
        let mut expectations = Vec::new();
        for r in refs.iter().filter(|r| is_callee_side(r)) {
            let (crossing, counterpart) = match r.slot {
                Slot::CallMap {
                    direction, entry, ..
                } => {
                    let crossing = if direction == CallDirection::Request {
                        Crossing::Input
                    } else {
                        Crossing::Output
                    };
                    let caller = refs.iter().find(|c| {
                        c.pointer == r.pointer
                            && matches!(c.slot, Slot::CallMap { side: CallSide::Caller, entry: e, .. } if e == entry)
                    });
                    let counterpart = caller
                        .filter(|_| direction != CallDirection::Aggregate)
                        .and_then(|c| {
                            Some((c.name.clone(), (*types.get(c.name.as_str())?).clone()))
                        });
                    (crossing, counterpart)
                }
                _ => (Crossing::Element, None),
            };
            expectations.push(Expectation {
                variable: r.name.clone(),
                crossing,
                counterpart,
                finding: ctx.at_span(&LINT.check, &r.pointer, r.extent, String::new()),
            });
        }
        let claim = CallClaim {
            task: task.describe(),
            workflow_name: text("workflowName").map(str::to_string),
            trigger_id: trigger_id.to_string(),
            expectations,
        };
        if own_triggers.contains(&claim.trigger_id.as_str()) {
            own.push(claim);
        } else {
            other.push(claim);
        }
    }
    (own, other)
}

/// True for the called integration's side of a map entry, or an element mapping.
fn is_callee_side(r: &Reference) -> bool {
    matches!(
        r.slot,
        Slot::ElementMapping
            | Slot::CallMap {
                side: CallSide::Callee,
                ..
            }
    )
}

/// Checks `claim` against `callee`, described in messages as `callee_label` (`trigger
/// api_trigger/x of this integration`, `integration orders (orders.json)`). A variable the
/// callee does not declare at all is reported only with `undeclared` (within one file, L004
/// reports it already).
pub fn check_claim(
    claim: &CallClaim,
    callee: &Interface,
    callee_label: &str,
    undeclared: bool,
    out: &mut Vec<Diagnostic>,
) {
    for e in &claim.expectations {
        let name = &e.variable;
        let (verb, wanted) = match e.crossing {
            Crossing::Input => ("passes", "an input (IN or IN_OUT)"),
            Crossing::Output => ("maps the output", "an output (OUT or IN_OUT)"),
            Crossing::Element => ("passes each element as", "declared"),
        };
        let message = match callee.variable(name) {
            None if undeclared => Some(format!(
                "{} {verb} {name:?}, but {callee_label} declares no such variable",
                claim.task
            )),
            None => None,
            Some(declared) if !fits(declared.role.as_ref(), e.crossing) => {
                let role = declared
                    .role
                    .as_ref()
                    .map_or("without inputOutputType".to_string(), |r| r.to_string());
                Some(format!(
                    "{} {verb} {name:?}, but {callee_label} declares it {role}, not as {wanted}",
                    claim.task
                ))
            }
            Some(declared) => match (&e.counterpart, &declared.data_type) {
                (Some((caller, mine)), Some(theirs))
                    if mine.is_known() && theirs.is_known() && mine != theirs =>
                {
                    Some(match e.crossing {
                        Crossing::Input => format!(
                            "{} passes {caller:?} ({mine}) as {name:?}, which {callee_label} \
                             declares {theirs}",
                            claim.task
                        ),
                        Crossing::Output | Crossing::Element => format!(
                            "{} maps {name:?} ({theirs} in {callee_label}) into {caller:?}, \
                             declared {mine} here",
                            claim.task
                        ),
                    })
                }
                _ => None,
            },
        };
        if let Some(message) = message {
            let mut finding = e.finding.clone();
            finding.message = message;
            out.push(finding);
        }
    }
}

/// True when a variable of role `role` can take a value crossing the call `crossing`.
fn fits(role: Option<&InputOutputType>, crossing: Crossing) -> bool {
    matches!(
        (role, crossing),
        (_, Crossing::Element)
            | (Some(InputOutputType::InOut), _)
            | (Some(InputOutputType::In), Crossing::Input)
            | (Some(InputOutputType::Out), Crossing::Output)
    )
}
