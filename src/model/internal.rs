//! The deprecated `*Internal` copies that full `versions.get` responses carry (flavor B,
//! FORMAT.md §4). They hold the same data as the public fields under older names
//! (`taskNumber`, `taskName`, `label`, `producedBy`).

use schemars::JsonSchema;
use serde::Deserialize;

use super::{
    Coordinate, ExternalTaskType, Extra, Members, NextTasksExecutionPolicy, TaskExecutionStrategy,
    TriggerConfigVariables, ValueType, string_enum,
};

/// Internal copy of a task (`taskConfigsInternal[]`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct TaskConfigInternal<'a> {
    /// Task implementation (public `task`).
    pub task_name: Option<&'a str>,
    /// Task id (public `taskId`).
    pub task_number: Option<&'a str>,
    /// Canvas label (public `displayName`).
    pub label: Option<&'a str>,
    /// Parameters, with their data types.
    #[serde(borrow)]
    pub parameters: Members<'a, ParameterEntryInternal<'a>>,
    /// Outgoing edges.
    #[serde(borrow)]
    pub next_tasks: Vec<NextTaskInternal<'a>>,
    /// When the task runs given its incoming edges.
    pub task_execution_strategy: Option<TaskExecutionStrategy>,
    /// Which outgoing edges run.
    pub next_tasks_execution_policy: Option<NextTasksExecutionPolicy>,
    /// Normal or error-flow task.
    pub external_task_type: Option<ExternalTaskType>,
    /// Error catcher run when the task fails.
    pub error_catcher_id: Option<&'a str>,
    /// Description.
    pub description: Option<&'a str>,
    /// Canvas position.
    pub position: Option<Coordinate>,
    /// Keys this model does not know (`taskEntity`, `failurePolicy`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// Internal task parameter: `key`, `value` and `dataType`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct ParameterEntryInternal<'a> {
    /// Parameter name.
    pub key: Option<&'a str>,
    /// The value (may use `protoValue`, kept in `extra`).
    #[serde(borrow)]
    pub value: Option<ValueType<'a>>,
    /// Data type.
    pub data_type: Option<InternalDataType>,
    /// Mask in logs.
    pub masked: Option<bool>,
    /// Keys this model does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Internal edge: `taskNumber` instead of `taskId`, `label` instead of `displayName`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct NextTaskInternal<'a> {
    /// Target task id.
    pub task_number: Option<&'a str>,
    /// Alternative target id.
    pub task_config_id: Option<&'a str>,
    /// Edge condition.
    pub condition: Option<&'a str>,
    /// Edge label.
    pub label: Option<&'a str>,
    /// Description.
    pub description: Option<&'a str>,
    /// Keys this model does not know (`combinedConditions`).
    #[serde(flatten)]
    pub extra: Extra,
}

/// Internal copy of a trigger (`triggerConfigsInternal[]`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct TriggerConfigInternal<'a> {
    /// Canvas label.
    pub label: Option<&'a str>,
    /// Tasks started by the trigger.
    #[serde(borrow)]
    pub start_tasks: Vec<NextTaskInternal<'a>>,
    /// Settings keyed by UI labels.
    #[serde(borrow)]
    pub properties: Members<'a, &'a str>,
    /// Kind of trigger (internal names).
    pub trigger_type: Option<InternalTriggerType>,
    /// Number unique in the integration.
    pub trigger_number: Option<&'a str>,
    /// Backend id.
    pub trigger_id: Option<&'a str>,
    /// Trigger name.
    pub trigger_name: Option<&'a str>,
    /// Client ids the trigger is enabled for.
    #[serde(borrow)]
    pub enabled_clients: Vec<&'a str>,
    /// Input variables.
    #[serde(borrow)]
    pub input_variables: Option<TriggerConfigVariables<'a>>,
    /// Output variables.
    #[serde(borrow)]
    pub output_variables: Option<TriggerConfigVariables<'a>>,
    /// Error catcher run when the trigger fails.
    pub error_catcher_id: Option<&'a str>,
    /// Description.
    pub description: Option<&'a str>,
    /// Canvas position.
    pub position: Option<Coordinate>,
    /// Keys this model does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `integrationParametersInternal`: `{parameters: [...]}`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default)]
pub struct WorkflowParameters<'a> {
    /// Variable declarations.
    #[serde(borrow)]
    pub parameters: Vec<WorkflowParameterEntry<'a>>,
    /// Keys this model does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Internal variable declaration.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct WorkflowParameterEntry<'a> {
    /// Variable key.
    pub key: Option<&'a str>,
    /// Display name (public `displayName`).
    pub name: Option<&'a str>,
    /// Data type (internal names).
    pub data_type: Option<InternalDataType>,
    /// Input/output role (public `inputOutputType`).
    pub in_out_type: Option<InputOutputTypeInternal>,
    /// Producer node, `1_<taskId>` or `2_<triggerNumber>`.
    pub producer: Option<&'a str>,
    /// Producer node, structured.
    #[serde(borrow)]
    pub produced_by: Option<NodeIdentifier<'a>>,
    /// Not persisted.
    pub is_transient: Option<bool>,
    /// Default value.
    #[serde(borrow)]
    pub default_value: Option<ValueType<'a>>,
    /// JSON Schema text.
    pub json_schema: Option<&'a str>,
    /// Description.
    pub description: Option<&'a str>,
    /// Child entries.
    #[serde(borrow)]
    pub children: Vec<WorkflowParameterEntry<'a>>,
    /// Keys this model does not know (`attributes`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The node that produces a variable.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeIdentifier<'a> {
    /// Task or trigger.
    pub element_type: Option<ElementType>,
    /// Task number or trigger number.
    pub element_identifier: Option<&'a str>,
    /// Keys this model does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

string_enum! {
    /// Internal `dataType` of parameters and variables.
    pub enum InternalDataType {
        /// Not set.
        Unspecified = "DATA_TYPE_UNSPECIFIED",
        /// String.
        StringValue = "STRING_VALUE",
        /// Integer.
        IntValue = "INT_VALUE",
        /// Double.
        DoubleValue = "DOUBLE_VALUE",
        /// Boolean.
        BooleanValue = "BOOLEAN_VALUE",
        /// Proto.
        ProtoValue = "PROTO_VALUE",
        /// Serialized object.
        SerializedObjectValue = "SERIALIZED_OBJECT_VALUE",
        /// String array.
        StringArray = "STRING_ARRAY",
        /// Integer array.
        IntArray = "INT_ARRAY",
        /// Double array.
        DoubleArray = "DOUBLE_ARRAY",
        /// Proto array.
        ProtoArray = "PROTO_ARRAY",
        /// Proto enum.
        ProtoEnum = "PROTO_ENUM",
        /// Boolean array.
        BooleanArray = "BOOLEAN_ARRAY",
        /// Proto enum array.
        ProtoEnumArray = "PROTO_ENUM_ARRAY",
        /// Bytes.
        Bytes = "BYTES",
        /// Bytes array.
        BytesArray = "BYTES_ARRAY",
        /// Non-serializable object.
        NonSerializableObject = "NON_SERIALIZABLE_OBJECT",
        /// JSON.
        JsonValue = "JSON_VALUE",
    }
}

string_enum! {
    /// Internal `inOutType`.
    pub enum InputOutputTypeInternal {
        /// Neither.
        Unspecified = "IN_OUT_TYPE_UNSPECIFIED",
        /// Input.
        In = "IN",
        /// Output.
        Out = "OUT",
        /// Both.
        InOut = "IN_OUT",
    }
}

string_enum! {
    /// Internal `triggerType`.
    pub enum InternalTriggerType {
        /// Unknown.
        Unknown = "UNKNOWN",
        /// Pub/Sub.
        CloudPubsub = "CLOUD_PUBSUB",
        /// Internal.
        Goops = "GOOPS",
        /// Salesforce sync.
        SfdcSync = "SFDC_SYNC",
        /// Schedule.
        Cron = "CRON",
        /// API trigger.
        Api = "API",
        /// Internal.
        ManifoldTrigger = "MANIFOLD_TRIGGER",
        /// Internal.
        DatalayerDataChange = "DATALAYER_DATA_CHANGE",
        /// Salesforce channel.
        SfdcChannel = "SFDC_CHANNEL",
        /// Pub/Sub subscription.
        CloudPubsubExternal = "CLOUD_PUBSUB_EXTERNAL",
        /// Salesforce CDC channel.
        SfdcCdcChannel = "SFDC_CDC_CHANNEL",
        /// Salesforce platform events.
        SfdcPlatformEventsChannel = "SFDC_PLATFORM_EVENTS_CHANNEL",
        /// Cloud Scheduler.
        CloudScheduler = "CLOUD_SCHEDULER",
        /// Integration Connectors event subscription.
        IntegrationConnectorTrigger = "INTEGRATION_CONNECTOR_TRIGGER",
        /// Private trigger.
        PrivateTrigger = "PRIVATE_TRIGGER",
        /// Eventarc.
        EventarcTrigger = "EVENTARC_TRIGGER",
    }
}

string_enum! {
    /// `producedBy.elementType`.
    pub enum ElementType {
        /// Unknown.
        UnknownType = "UNKNOWN_TYPE",
        /// A task.
        TaskConfig = "TASK_CONFIG",
        /// A trigger.
        TriggerConfig = "TRIGGER_CONFIG",
    }
}
