//! Which variables an integration declares, shared by the variable lints.

use super::FastSet;

use crate::model::IntegrationVersion;
use crate::references::{backtick_alias, strip_backticks};

/// True for a config-variable key (`` `CONFIG_x` ``, backticks optional).
pub(crate) fn is_config(key: &str) -> bool {
    strip_backticks(key).starts_with("CONFIG_")
}

/// The declared keys of an integration, exactly as written (backticks are part of a key).
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
            .collect();
        if let Some(internal) = &model.integration_parameters_internal {
            variables.extend(internal.parameters.iter().filter_map(|p| p.key.as_deref()));
        }
        let config = model
            .integration_config_parameters
            .iter()
            .filter_map(|c| c.parameter.as_ref()?.key.as_deref())
            .collect();
        Declared { variables, config }
    }

    /// True when `key` is declared, exactly, as a variable or config variable.
    pub fn contains(&self, key: &str) -> bool {
        self.variables.contains(key) || self.config.contains(key)
    }

    /// The declared key spelled like `key` with its backticks toggled, if there is one: a
    /// reference written that way may or may not mean it.
    pub fn alias_of(&self, key: &str) -> Option<String> {
        let alias = backtick_alias(key);
        self.contains(&alias).then_some(alias)
    }
}
