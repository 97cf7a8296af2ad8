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
pub struct TaskConfigInternal {
    /// Task implementation (public `task`).
    pub task_name: Option<String>,
    /// Task id (public `taskId`).
    pub task_number: Option<String>,
    /// Canvas label (public `displayName`).
    pub label: Option<String>,
    /// Parameters, with their data types.
    pub parameters: Members<ParameterEntryInternal>,
    /// Outgoing edges.
    pub next_tasks: Vec<NextTaskInternal>,
    /// When the task runs given its incoming edges.
    pub task_execution_strategy: Option<TaskExecutionStrategy>,
    /// Which outgoing edges run.
    pub next_tasks_execution_policy: Option<NextTasksExecutionPolicy>,
    /// Normal or error-flow task.
    pub external_task_type: Option<ExternalTaskType>,
    /// Error catcher run when the task fails.
    pub error_catcher_id: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Canvas position.
    pub position: Option<Coordinate>,
    /// Keys this model does not know (`taskEntity`, `failurePolicy`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// Internal task parameter: `key`, `value` and `dataType`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct ParameterEntryInternal {
    /// Parameter name.
    pub key: Option<String>,
    /// The value (may use `protoValue`, kept in `extra`).
    pub value: Option<ValueType>,
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
pub struct NextTaskInternal {
    /// Target task id.
    pub task_number: Option<String>,
    /// Alternative target id.
    pub task_config_id: Option<String>,
    /// Edge condition.
    pub condition: Option<String>,
    /// Edge label.
    pub label: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Keys this model does not know (`combinedConditions`).
    #[serde(flatten)]
    pub extra: Extra,
}

/// Internal copy of a trigger (`triggerConfigsInternal[]`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct TriggerConfigInternal {
    /// Canvas label.
    pub label: Option<String>,
    /// Tasks started by the trigger.
    pub start_tasks: Vec<NextTaskInternal>,
    /// Settings keyed by UI labels.
    pub properties: Members<String>,
    /// Kind of trigger (internal names).
    pub trigger_type: Option<InternalTriggerType>,
    /// Number unique in the integration.
    pub trigger_number: Option<String>,
    /// Backend id.
    pub trigger_id: Option<String>,
    /// Trigger name.
    pub trigger_name: Option<String>,
    /// Client ids the trigger is enabled for.
    pub enabled_clients: Vec<String>,
    /// Input variables.
    pub input_variables: Option<TriggerConfigVariables>,
    /// Output variables.
    pub output_variables: Option<TriggerConfigVariables>,
    /// Error catcher run when the trigger fails.
    pub error_catcher_id: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Canvas position.
    pub position: Option<Coordinate>,
    /// Keys this model does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `integrationParametersInternal`: `{parameters: [...]}`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default)]
pub struct WorkflowParameters {
    /// Variable declarations.
    pub parameters: Vec<WorkflowParameterEntry>,
    /// Keys this model does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Internal variable declaration.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct WorkflowParameterEntry {
    /// Variable key.
    pub key: Option<String>,
    /// Display name (public `displayName`).
    pub name: Option<String>,
    /// Data type (internal names).
    pub data_type: Option<InternalDataType>,
    /// Input/output role (public `inputOutputType`).
    pub in_out_type: Option<InputOutputTypeInternal>,
    /// Producer node, `1_<taskId>` or `2_<triggerNumber>`.
    pub producer: Option<String>,
    /// Producer node, structured.
    pub produced_by: Option<NodeIdentifier>,
    /// Not persisted.
    pub is_transient: Option<bool>,
    /// Default value.
    pub default_value: Option<ValueType>,
    /// JSON Schema text.
    pub json_schema: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Child entries.
    pub children: Vec<WorkflowParameterEntry>,
    /// Keys this model does not know (`attributes`, …).
    #[serde(flatten)]
    pub extra: Extra,
}

/// The node that produces a variable.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct NodeIdentifier {
    /// Task or trigger.
    pub element_type: Option<ElementType>,
    /// Task number or trigger number.
    pub element_identifier: Option<String>,
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
