//! Triggers (FORMAT.md §3.1).

use schemars::JsonSchema;
use serde::Deserialize;

use super::{Coordinate, Extra, Members, NextTask, NextTasksExecutionPolicy, string_enum};

/// One trigger of the integration.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct TriggerConfig<'a> {
    /// Canvas label.
    pub label: Option<&'a str>,
    /// Tasks started by the trigger.
    #[serde(borrow)]
    pub start_tasks: Vec<NextTask<'a>>,
    /// Settings keyed by UI labels (`Trigger name`, `Timer Name`, …).
    #[serde(borrow)]
    pub properties: Members<'a, &'a str>,
    /// Kind of trigger.
    pub trigger_type: Option<TriggerType>,
    /// Number unique in the integration (`"1"`, `"2"`, …); producers use `2_<triggerNumber>`.
    pub trigger_number: Option<&'a str>,
    /// Backend id derived from type and properties (`api_trigger/<name>`).
    pub trigger_id: Option<&'a str>,
    /// Description.
    pub description: Option<&'a str>,
    /// Canvas position.
    pub position: Option<Coordinate>,
    /// Input variables of API and private triggers (bare keys).
    #[serde(borrow)]
    pub input_variables: Option<TriggerConfigVariables<'a>>,
    /// Output variables of API and private triggers (bare keys).
    #[serde(borrow)]
    pub output_variables: Option<TriggerConfigVariables<'a>>,
    /// Which start tasks run.
    pub next_tasks_execution_policy: Option<NextTasksExecutionPolicy>,
    /// Error catcher run when the trigger fails.
    pub error_catcher_id: Option<&'a str>,
    /// Trigger name for monitoring.
    pub trigger: Option<&'a str>,
    /// Cloud Scheduler settings.
    #[serde(borrow)]
    pub cloud_scheduler_config: Option<CloudSchedulerConfig<'a>>,
    /// Keys this model does not know (e.g. `alertConfig`).
    #[serde(flatten)]
    pub extra: Extra,
}

impl TriggerConfig<'_> {
    /// A label for messages: `trigger 1 ("API Trigger")`.
    pub fn describe(&self) -> String {
        let number = self.trigger_number.unwrap_or("?");
        match self.label.filter(|l| !l.is_empty()) {
            Some(label) => format!("trigger {number} ({label:?})"),
            None => format!("trigger {number}"),
        }
    }
}

/// Names of a trigger's input or output variables.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default)]
pub struct TriggerConfigVariables<'a> {
    /// Variable keys, without `$`.
    #[serde(borrow)]
    pub names: Vec<&'a str>,
    /// Keys this model does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

/// Cloud Scheduler settings of a trigger.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(default, rename_all = "camelCase")]
pub struct CloudSchedulerConfig<'a> {
    /// Cron expression.
    pub cron_tab: Option<&'a str>,
    /// Scheduler location.
    pub location: Option<&'a str>,
    /// Service account.
    pub service_account_email: Option<&'a str>,
    /// Last error.
    pub error_message: Option<&'a str>,
    /// Keys this model does not know.
    #[serde(flatten)]
    pub extra: Extra,
}

string_enum! {
    /// `triggerType`.
    pub enum TriggerType {
        /// Not set.
        Unspecified = "TRIGGER_TYPE_UNSPECIFIED",
        /// Schedule (cron).
        Cron = "CRON",
        /// API trigger.
        Api = "API",
        /// Salesforce channel.
        SfdcChannel = "SFDC_CHANNEL",
        /// Pub/Sub subscription.
        CloudPubsubExternal = "CLOUD_PUBSUB_EXTERNAL",
        /// Salesforce CDC channel.
        SfdcCdcChannel = "SFDC_CDC_CHANNEL",
        /// Cloud Scheduler.
        CloudScheduler = "CLOUD_SCHEDULER",
        /// Integration Connectors event subscription.
        IntegrationConnectorTrigger = "INTEGRATION_CONNECTOR_TRIGGER",
        /// Private trigger (called by other integrations).
        PrivateTrigger = "PRIVATE_TRIGGER",
        /// Pub/Sub (internal).
        CloudPubsub = "CLOUD_PUBSUB",
        /// Eventarc.
        EventarcTrigger = "EVENTARC_TRIGGER",
    }
}
