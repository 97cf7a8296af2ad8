//! Tasks, their edges, retry policies and error catchers (FORMAT.md §3.2, §3.3, §3.7, §3.8).

use schemars::JsonSchema;
use serde::Deserialize;

use super::{Coordinate, EventParameter, Extra, Members, string_enum};

/// One task of the integration.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct TaskConfig<'a> {
    /// Task implementation (`GenericRestV2Task`, …) or task-template name.
    pub task: Option<&'a str>,
    /// The task's identity, unique in the integration (numeric text in practice).
    pub task_id: Option<&'a str>,
    /// Inputs and outputs, keyed by parameter name (equal to each `key`).
    #[serde(borrow)]
    pub parameters: Members<'a, EventParameter<'a>>,
    /// Canvas label; not unique and never referenced.
    pub display_name: Option<&'a str>,
    /// Description.
    pub description: Option<&'a str>,
    /// Outgoing edges.
    #[serde(borrow)]
    pub next_tasks: Vec<NextTask<'a>>,
    /// When the task runs given its incoming edges.
    pub task_execution_strategy: Option<TaskExecutionStrategy>,
    /// Which outgoing edges run.
    pub next_tasks_execution_policy: Option<NextTasksExecutionPolicy>,
    /// Normal or error-flow task.
    pub external_task_type: Option<ExternalTaskType>,
    /// Retry policy for asynchronous execution.
    #[serde(borrow)]
    pub failure_policy: Option<FailurePolicy<'a>>,
    /// Retry policy for synchronous execution.
    #[serde(borrow)]
    pub synchronous_call_failure_policy: Option<FailurePolicy<'a>>,
    /// Conditional retry policies.
    #[serde(borrow)]
    pub conditional_failure_policies: Option<ConditionalFailurePolicies<'a>>,
    /// Final state after success.
    pub success_policy: Option<SuccessPolicy>,
    /// Error catcher run when the task fails.
    pub error_catcher_id: Option<&'a str>,
    /// Task-template name when `task` is a template.
    pub task_template: Option<&'a str>,
    /// JSON validation override.
    pub json_validation_option: Option<JsonValidationOption>,
    /// Canvas position.
    pub position: Option<Coordinate>,
    /// Keys this model does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

impl TaskConfig<'_> {
    /// The task id, or `""` when absent.
    pub fn id(&self) -> &str {
        self.task_id.unwrap_or("")
    }

    /// A label for messages: `task 3 ("Call REST Endpoint")`.
    pub fn describe(&self) -> String {
        match self.display_name.filter(|n| !n.is_empty()) {
            Some(name) => format!("task {} ({name:?})", self.id()),
            None => format!("task {}", self.id()),
        }
    }
}

/// An edge to a task: used by `nextTasks`, `startTasks` and `startErrorTasks`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct NextTask<'a> {
    /// Target task id.
    pub task_id: Option<&'a str>,
    /// Alternative target id (unused in practice).
    pub task_config_id: Option<&'a str>,
    /// Edge condition (`$x$ = 1`, `exists($y$)`).
    pub condition: Option<&'a str>,
    /// Edge label.
    pub display_name: Option<&'a str>,
    /// Description.
    pub description: Option<&'a str>,
    /// Keys this model does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A retry policy.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct FailurePolicy<'a> {
    /// How to retry.
    pub retry_strategy: Option<RetryStrategy>,
    /// Maximum retries (int32).
    pub max_retries: Option<i64>,
    /// Interval, a duration encoded as a timestamp from the epoch.
    pub interval_time: Option<&'a str>,
    /// Condition under which the policy applies (conditional policies).
    pub condition: Option<&'a str>,
    /// Keys this model does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Conditional retry policies of a task.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct ConditionalFailurePolicies<'a> {
    /// Policies tried in order.
    #[serde(borrow)]
    pub failure_policies: Vec<FailurePolicy<'a>>,
    /// Policy when no condition matches.
    #[serde(borrow)]
    pub default_failure_policy: Option<FailurePolicy<'a>>,
    /// Keys this model does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// What a successful task ends in.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct SuccessPolicy {
    /// Final state.
    pub final_state: Option<FinalState>,
    /// Keys this model does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// An error catcher: the start of an error flow.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct ErrorCatcherConfig<'a> {
    /// Unique id, referenced by `errorCatcherId` of tasks and triggers.
    pub error_catcher_id: Option<&'a str>,
    /// UI number.
    pub error_catcher_number: Option<&'a str>,
    /// Label.
    pub label: Option<&'a str>,
    /// Description.
    pub description: Option<&'a str>,
    /// First tasks of the error flow.
    #[serde(borrow)]
    pub start_error_tasks: Vec<NextTask<'a>>,
    /// Canvas position.
    pub position: Option<Coordinate>,
    /// Keys this model does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

string_enum! {
    /// `taskExecutionStrategy`.
    pub enum TaskExecutionStrategy {
        /// Not set (behaves as when-all).
        Unspecified = "TASK_EXECUTION_STRATEGY_UNSPECIFIED",
        /// Run when all incoming edges succeed.
        WhenAllSucceed = "WHEN_ALL_SUCCEED",
        /// Run when any incoming edge succeeds.
        WhenAnySucceed = "WHEN_ANY_SUCCEED",
        /// Run when all incoming tasks and conditions succeed.
        WhenAllTasksAndConditionsSucceed = "WHEN_ALL_TASKS_AND_CONDITIONS_SUCCEED",
    }
}

string_enum! {
    /// `nextTasksExecutionPolicy`.
    pub enum NextTasksExecutionPolicy {
        /// Not set.
        Unspecified = "NEXT_TASKS_EXECUTION_POLICY_UNSPECIFIED",
        /// Run every edge whose condition holds.
        RunAllMatch = "RUN_ALL_MATCH",
        /// Run the first edge whose condition holds.
        RunFirstMatch = "RUN_FIRST_MATCH",
    }
}

string_enum! {
    /// `externalTaskType`.
    pub enum ExternalTaskType {
        /// Not set.
        Unspecified = "EXTERNAL_TASK_TYPE_UNSPECIFIED",
        /// Part of a normal flow.
        NormalTask = "NORMAL_TASK",
        /// Part of an error-catch flow.
        ErrorTask = "ERROR_TASK",
    }
}

string_enum! {
    /// `FailurePolicy.retryStrategy`.
    pub enum RetryStrategy {
        /// Not set.
        Unspecified = "RETRY_STRATEGY_UNSPECIFIED",
        /// Ignore the failure.
        Ignore = "IGNORE",
        /// Do not retry.
        None = "NONE",
        /// Fail the integration.
        Fatal = "FATAL",
        /// Retry at a fixed interval.
        FixedInterval = "FIXED_INTERVAL",
        /// Retry with linear backoff.
        LinearBackoff = "LINEAR_BACKOFF",
        /// Retry with exponential backoff.
        ExponentialBackoff = "EXPONENTIAL_BACKOFF",
        /// Restart the whole integration with backoff.
        RestartIntegrationWithBackoff = "RESTART_INTEGRATION_WITH_BACKOFF",
    }
}

string_enum! {
    /// `SuccessPolicy.finalState`.
    pub enum FinalState {
        /// Not set.
        Unspecified = "FINAL_STATE_UNSPECIFIED",
        /// Succeeded.
        Succeeded = "SUCCEEDED",
        /// Suspended (approval tasks).
        Suspended = "SUSPENDED",
    }
}

string_enum! {
    /// `jsonValidationOption`.
    pub enum JsonValidationOption {
        /// Not set.
        Unspecified = "JSON_VALIDATION_OPTION_UNSPECIFIED",
        /// No validation.
        Skip = "SKIP",
        /// Validate inputs.
        PreExecution = "PRE_EXECUTION",
        /// Validate outputs.
        PostExecution = "POST_EXECUTION",
        /// Validate inputs and outputs.
        PrePostExecution = "PRE_POST_EXECUTION",
    }
}
