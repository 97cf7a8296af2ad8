//! Which variables an integration declares, shared by the variable lints.

use super::FastSet;

use crate::model::IntegrationVersion;
use crate::model::references::bare_key;

/// System variables the runtime provides whether declared or not (FORMAT.md §8.1).
pub(crate) const SYSTEM_VARIABLES: &[&str] = &[
    "ExecutionId",
    "ExecutionMode",
    "ErrorInfo",
    "IntegrationName",
    "Region",
    "ProjectId",
];

/// True for a system variable key (backticks optional).
pub(crate) fn is_system(key: &str) -> bool {
    SYSTEM_VARIABLES.contains(&bare_key(key))
}

/// True for a config-variable key (`` `CONFIG_x` ``, backticks optional).
pub(crate) fn is_config(key: &str) -> bool {
    bare_key(key).starts_with("CONFIG_")
}

/// The declared keys of an integration, compared without backticks.
pub(crate) struct Declared<'a> {
    /// `integrationParameters[].key` and `integrationParametersInternal.parameters[].key`.
    pub variables: FastSet<&'a str>,
    /// `integrationConfigParameters[].parameter.key`.
    pub config: FastSet<&'a str>,
}

impl<'a> Declared<'a> {
    /// Collects the declarations of `model`.
    pub fn new(model: &'a IntegrationVersion) -> Declared<'a> {
        let mut variables: FastSet<&str> = model
            .integration_parameters
            .iter()
            .filter_map(|p| p.key.as_deref())
            .map(bare_key)
            .collect();
        if let Some(internal) = &model.integration_parameters_internal {
            variables.extend(
                internal
                    .parameters
                    .iter()
                    .filter_map(|p| p.key.as_deref())
                    .map(bare_key),
            );
        }
        let config = model
            .integration_config_parameters
            .iter()
            .filter_map(|c| c.parameter.as_ref()?.key.as_deref())
            .map(bare_key)
            .collect();
        Declared { variables, config }
    }

    /// True when `key` (backticks optional) is declared as a variable or config variable.
    pub fn contains(&self, key: &str) -> bool {
        let key = bare_key(key);
        self.variables.contains(key) || self.config.contains(key)
    }
}
