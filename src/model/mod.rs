//! Read-only typed views of an integration version.
//!
//! The structs mirror the API's `IntegrationVersion` message (FORMAT.md §2–5) and are built from
//! a parsed [`Document`] with [`IntegrationVersion::from_document`] (that is,
//! `T::deserialize(doc.value())`). They borrow their strings from the document's value (a
//! model lives no longer than its document), and they are never serialised: files change only
//! through edits of the original text. To read every real file:
//!
//! * every field is optional (`Option`, or an empty `Vec`/map when absent);
//! * every enum keeps values it does not know in an `Other(String)` variant (`""` included);
//! * every struct keeps the keys it does not model in `extra`.
//!
//! Array fields keep the file's order, so `task_configs[i]` is the value at `/taskConfigs/i`.

mod internal;

mod task;
mod trigger;
mod variable;

pub use internal::{
    ElementType, InputOutputTypeInternal, InternalDataType, InternalTriggerType, NextTaskInternal,
    NodeIdentifier, ParameterEntryInternal, TaskConfigInternal, TriggerConfigInternal,
    WorkflowParameterEntry, WorkflowParameters,
};
pub use task::{
    ConditionalFailurePolicies, ErrorCatcherConfig, ExternalTaskType, FailurePolicy, FinalState,
    JsonValidationOption, NextTask, NextTasksExecutionPolicy, RetryStrategy, SuccessPolicy,
    TaskConfig, TaskExecutionStrategy,
};
pub use trigger::{CloudSchedulerConfig, TriggerConfig, TriggerConfigVariables, TriggerType};
pub use variable::{
    BooleanParameterArray, DataType, DoubleParameterArray, EventParameter, InputOutputType,
    IntParameterArray, IntegrationConfigParameter, IntegrationParameter, StringParameterArray,
    ValueType,
};

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::document::Document;

/// Unknown keys of an object, in file order.
///
/// Nearly every object of a file has none, so this is one pointer, and a map is allocated only
/// when there are some: the model's structs, built and moved for every task and parameter,
/// stay small.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extra(Option<Box<Map<String, Value>>>);

impl Extra {
    /// The value of unknown key `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.as_ref()?.get(key)
    }

    /// True when `key` is one of the unknown keys.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// True when the object has no unknown key.
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// The unknown keys and their values, in file order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.0.iter().flat_map(|map| map.iter())
    }
}

impl std::ops::Index<&str> for Extra {
    type Output = Value;

    /// The value of unknown key `key`; `null` when there is none, as `serde_json::Map` does.
    fn index(&self, key: &str) -> &Value {
        static NULL: Value = Value::Null;
        self.get(key).unwrap_or(&NULL)
    }
}

impl<'de> Deserialize<'de> for Extra {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ExtraVisitor)
    }
}

/// Reads the unknown keys, making a map only once there is a first one: a `serde_json::Map`
/// seeds its hasher when it is made, which the empty `Extra` of nearly every object skips.
struct ExtraVisitor;

impl<'de> serde::de::Visitor<'de> for ExtraVisitor {
    type Value = Extra;

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("the unknown keys of an object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut access: A) -> Result<Extra, A::Error> {
        let Some((key, value)) = access.next_entry::<String, Value>()? else {
            return Ok(Extra(None));
        };
        let mut map = Map::new();
        map.insert(key, value);
        while let Some((key, value)) = access.next_entry::<String, Value>()? {
            map.insert(key, value);
        }
        Ok(Extra(Some(Box::new(map))))
    }
}

impl JsonSchema for Extra {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        <Map<String, Value>>::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Map<String, Value>>::json_schema(generator)
    }

    fn inline_schema() -> bool {
        <Map<String, Value>>::inline_schema()
    }
}

/// A JSON object the model keeps as a map (task parameters, trigger properties), in file
/// order; hashed with foldhash, as lookups by name are frequent and keys are not chosen by an
/// attacker who could exploit a fast hash.
pub type Members<'a, V> = indexmap::IndexMap<&'a str, V, foldhash::fast::RandomState>;

/// Declares a string enum of the API that keeps unknown values losslessly.
///
/// Each known variant is written as `Variant = "WIRE_NAME"`; values outside the list (an empty
/// string written by integrationcli, a value added by a newer API) become `Other(text)`.
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Deserialize, schemars::JsonSchema)]
        $vis enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant,)+
            /// A value outside the known list, kept as written (`""` included).
            #[serde(untagged)]
            Other(String),
        }

        impl $name {
            /// Every known value, as written in files.
            pub const KNOWN: &'static [&'static str] = &[$($text),+];

            /// The value as written in the file.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $text,)+
                    Self::Other(text) => text,
                }
            }

            /// False for values outside the known list.
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Other(_))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use string_enum;

/// One integration version: the content of an integration file (FORMAT.md §2).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct IntegrationVersion<'a> {
    /// Resource name `projects/…/locations/…/integrations/…/versions/…` (output only).
    pub name: Option<&'a str>,
    /// The integration's description.
    pub description: Option<&'a str>,
    /// Triggers.
    #[serde(borrow)]
    pub trigger_configs: Vec<TriggerConfig<'a>>,
    /// Tasks.
    #[serde(borrow)]
    pub task_configs: Vec<TaskConfig<'a>>,
    /// Variable declarations.
    #[serde(borrow)]
    pub integration_parameters: Vec<IntegrationParameter<'a>>,
    /// Config-variable declarations.
    #[serde(borrow)]
    pub integration_config_parameters: Vec<IntegrationConfigParameter<'a>>,
    /// Error catchers.
    #[serde(borrow)]
    pub error_catcher_configs: Vec<ErrorCatcherConfig<'a>>,
    /// Database persistence of execution data.
    pub database_persistence_policy: Option<DatabasePersistencePolicy>,
    /// Cloud Logging settings.
    pub cloud_logging_details: Option<CloudLoggingDetails>,
    /// Snapshot counter (int64 as a string; output only).
    pub snapshot_number: Option<&'a str>,
    /// Last update (RFC 3339; output only).
    pub update_time: Option<&'a str>,
    /// Creation (RFC 3339; output only).
    pub create_time: Option<&'a str>,
    /// E-mail of the last modifier.
    pub last_modifier_email: Option<&'a str>,
    /// E-mail of the edit-lock holder.
    pub lock_holder: Option<&'a str>,
    /// Lifecycle state (output only).
    pub state: Option<IntegrationState>,
    /// Deprecated lifecycle status (output only).
    pub status: Option<IntegrationStatus>,
    /// Deprecated origin of the version.
    pub origin: Option<Origin>,
    /// User label set at version creation.
    pub user_label: Option<&'a str>,
    /// True when variable masking is on.
    pub enable_variable_masking: Option<bool>,
    /// Run-as service account.
    pub run_as_service_account: Option<&'a str>,
    /// Template the version was created from.
    pub parent_template_id: Option<&'a str>,
    /// Resource name of the source template.
    pub created_from_template: Option<&'a str>,
    /// CMEK key name.
    pub cloud_kms_key: Option<&'a str>,
    /// EUC hardening disposition (output only).
    pub euc_hardening_disposition: Option<EucHardeningDisposition>,
    /// Legacy copy of `taskConfigs` (flavor B).
    #[serde(borrow)]
    pub task_configs_internal: Vec<TaskConfigInternal<'a>>,
    /// Legacy copy of `triggerConfigs` (flavor B).
    #[serde(borrow)]
    pub trigger_configs_internal: Vec<TriggerConfigInternal<'a>>,
    /// Legacy copy of `integrationParameters` (flavor B).
    #[serde(borrow)]
    pub integration_parameters_internal: Option<WorkflowParameters<'a>>,
    /// Keys this model does not know (e.g. `teardown`).
    #[serde(flatten)]
    pub extra: Extra,
}

impl<'a> IntegrationVersion<'a> {
    /// Reads the typed view of `doc`, borrowing its strings. Fails only when a known field has
    /// the wrong JSON type (the schema reports those too).
    pub fn from_document(doc: &'a Document) -> Result<IntegrationVersion<'a>, serde_json::Error> {
        IntegrationVersion::deserialize(doc.value())
    }

    /// The task with id `task_id` and its index in `task_configs`.
    pub fn task(&self, task_id: &str) -> Option<(usize, &TaskConfig<'a>)> {
        self.task_configs
            .iter()
            .enumerate()
            .find(|(_, t)| t.task_id == Some(task_id))
    }
}

/// Cloud Logging settings of a version.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct CloudLoggingDetails {
    /// Severity of the logged executions.
    pub cloud_logging_severity: Option<CloudLoggingSeverity>,
    /// True when Cloud Logging is on.
    pub enable_cloud_logging: Option<bool>,
    /// Keys this model does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A canvas position (int32 numbers; zero values are omitted by the API).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Coordinate {
    /// Horizontal position.
    pub x: Option<i64>,
    /// Vertical position.
    pub y: Option<i64>,
    /// Keys this model does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

string_enum! {
    /// `databasePersistencePolicy`.
    pub enum DatabasePersistencePolicy {
        /// Persistence of all execution data (the default).
        Unspecified = "DATABASE_PERSISTENCE_POLICY_UNSPECIFIED",
        /// No persistence.
        Disabled = "DATABASE_PERSISTENCE_DISABLED",
        /// Asynchronous persistence.
        Async = "DATABASE_PERSISTENCE_ASYNC",
    }
}

string_enum! {
    /// `cloudLoggingDetails.cloudLoggingSeverity`.
    pub enum CloudLoggingSeverity {
        /// Not set.
        Unspecified = "CLOUD_LOGGING_SEVERITY_UNSPECIFIED",
        /// Info and above.
        Info = "INFO",
        /// Errors only.
        Error = "ERROR",
        /// Warnings and above.
        Warning = "WARNING",
    }
}

string_enum! {
    /// `state` (output only).
    pub enum IntegrationState {
        /// Not set.
        Unspecified = "INTEGRATION_STATE_UNSPECIFIED",
        /// Draft.
        Draft = "DRAFT",
        /// Published.
        Active = "ACTIVE",
        /// Archived.
        Archived = "ARCHIVED",
        /// Snapshot.
        Snapshot = "SNAPSHOT",
    }
}

string_enum! {
    /// `status` (deprecated, output only).
    pub enum IntegrationStatus {
        /// Unknown.
        Unknown = "UNKNOWN",
        /// Draft.
        Draft = "DRAFT",
        /// Published.
        Active = "ACTIVE",
        /// Archived.
        Archived = "ARCHIVED",
        /// Snapshot.
        Snapshot = "SNAPSHOT",
    }
}

string_enum! {
    /// `origin` (deprecated).
    pub enum Origin {
        /// Not set.
        Unspecified = "UNSPECIFIED",
        /// Created in the console.
        Ui = "UI",
        /// Internal.
        PiperV2 = "PIPER_V2",
        /// Internal.
        PiperV3 = "PIPER_V3",
        /// Provisioned.
        ApplicationIpProvisioning = "APPLICATION_IP_PROVISIONING",
        /// Created by a test case.
        TestCase = "TEST_CASE",
    }
}

string_enum! {
    /// `eucHardeningDisposition` (output only).
    pub enum EucHardeningDisposition {
        /// Not recorded.
        Unspecified = "EUC_HARDENING_DISPOSITION_UNSPECIFIED",
        /// Created before the cutover.
        Legacy = "LEGACY",
        /// Created after the cutover.
        Hardened = "HARDENED",
    }
}

/// The integration name in a version's `name` (`projects/…/integrations/NAME/versions/…`).
pub fn integration_name(value: &serde_json::Value) -> Option<String> {
    let name = value.get("name")?.as_str()?;
    let mut segments = name.split('/');
    segments.find(|s| *s == "integrations")?;
    segments
        .next()
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_unknown_keys_and_unknown_enum_values() {
        let doc = Document::parse(
            r#"{"databasePersistencePolicy": "", "cloudLoggingDetails": {"cloudLoggingSeverity": "LOUD"},
               "taskConfigs": [{"taskId": "1", "task": "X", "taskExecutionStrategy": "WHEN_ANY_SUCCEED",
                 "parameters": {"p": {"key": "p", "value": {"protoValue": {"@type": "t"}}}},
                 "futureField": [1, 2]}],
               "triggerConfigs": [{"triggerType": "API", "triggerNumber": "1"}],
               "teardown": {}}"#,
        )
        .unwrap();
        let model = IntegrationVersion::from_document(&doc).unwrap();
        assert_eq!(
            model.database_persistence_policy,
            Some(DatabasePersistencePolicy::Other(String::new()))
        );
        let severity = model
            .cloud_logging_details
            .as_ref()
            .unwrap()
            .cloud_logging_severity
            .clone();
        assert_eq!(severity.as_ref().map(|s| s.as_str()), Some("LOUD"));
        assert!(!severity.unwrap().is_known());
        let task = &model.task_configs[0];
        assert_eq!(
            task.task_execution_strategy,
            Some(TaskExecutionStrategy::WhenAnySucceed)
        );
        assert_eq!(task.extra["futureField"], serde_json::json!([1, 2]));
        assert!(
            task.parameters["p"]
                .value
                .as_ref()
                .unwrap()
                .extra
                .contains_key("protoValue")
        );
        assert_eq!(
            model.trigger_configs[0].trigger_type,
            Some(TriggerType::Api)
        );
        assert_eq!(TriggerType::Api.to_string(), "API");
        assert!(model.extra.contains_key("teardown"));
        assert_eq!(model.task("1").map(|(i, _)| i), Some(0));
        assert!(model.task("10").is_none());
    }

    #[test]
    fn extra_holds_only_unknown_keys() {
        let doc =
            Document::parse(r#"{"taskConfigs": [{"taskId": "1"}, {"taskId": "2", "later": 1}]}"#)
                .unwrap();
        let model = IntegrationVersion::from_document(&doc).unwrap();
        let (known, unknown) = (&model.task_configs[0].extra, &model.task_configs[1].extra);
        assert!(known.is_empty() && model.extra.is_empty());
        assert!(known["later"].is_null());
        assert_eq!(unknown["later"], 1);
        let keys: Vec<&String> = unknown.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["later"]);
    }

    #[test]
    fn wrong_json_types_are_errors() {
        let doc = Document::parse(r#"{"taskConfigs": {"taskId": "1"}}"#).unwrap();
        assert!(IntegrationVersion::from_document(&doc).is_err());
    }

    #[test]
    fn name_from_resource_name() {
        let v =
            serde_json::json!({"name": "projects/1/locations/us/integrations/crud/versions/abc"});
        assert_eq!(integration_name(&v).as_deref(), Some("crud"));
        assert_eq!(integration_name(&serde_json::json!({"name": "x"})), None);
    }
}
