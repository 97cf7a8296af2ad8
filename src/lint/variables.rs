//! Which variables an integration declares and uses, shared by the variable lints and their
//! fixes.

use super::{FastSet, LintContext};

use crate::document::{Edit, remove_elements};
use crate::model::{InputOutputType, IntegrationParameter, IntegrationVersion};
use crate::references::{
    Namespace, ReferenceIndex, backtick_alias, is_system_variable, strip_backticks,
};

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
            .filter_map(|p| p.key)
            .collect();
        if let Some(internal) = &model.integration_parameters_internal {
            variables.extend(internal.parameters.iter().filter_map(|p| p.key));
        }
        let config = model
            .integration_config_parameters
            .iter()
            .filter_map(|c| c.parameter.as_ref()?.key)
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

/// The names an integration uses, as the reference index reads them: what L005 and the fixes
/// that remove declarations ask before calling a declaration unneeded.
pub(crate) struct Usage<'a> {
    used: FastSet<&'a str>,
}

impl<'a> Usage<'a> {
    /// Every variable name read as used in `references`, and every name a place integ cannot
    /// read exactly may use.
    pub fn new(references: &'a ReferenceIndex) -> Usage<'a> {
        let used = references
            .references
            .iter()
            .filter(|r| r.namespace == Namespace::Variable && r.form.is_use())
            .map(|r| r.name.as_str())
            .chain(references.unreadable.iter().map(|u| u.name.as_str()))
            .collect();
        Usage { used }
    }

    /// True when `key` may be used: it is, or the same name with its backticks toggled is (a
    /// mention spelled that way may mean it).
    pub fn may_use(&self, key: &str) -> bool {
        self.used.contains(key) || self.used.contains(backtick_alias(key).as_str())
    }

    /// True when L005 reports the declaration `p` once it has no producer: it is not part of
    /// the integration's interface, not a system variable, and nothing uses it.
    pub fn unneeded(&self, p: &IntegrationParameter) -> bool {
        let interface = matches!(
            p.input_output_type,
            Some(InputOutputType::In | InputOutputType::Out | InputOutputType::InOut)
        );
        p.key
            .is_some_and(|key| !interface && !is_system_variable(key) && !self.may_use(key))
    }
}

/// The edits that delete the declaration `/integrationParameters/{index}` of `doc` and its
/// internal copy (the entry of `integrationParametersInternal.parameters` with the same key),
/// as one fix.
pub(crate) fn remove_declaration(ctx: &LintContext<'_>, index: usize) -> Option<Vec<Edit>> {
    let key = ctx.model.integration_parameters.get(index)?.key;
    let mut edits = remove_elements(ctx.doc, "/integrationParameters", |i| i == index)?;
    if let (Some(key), Some(internal)) = (key, &ctx.model.integration_parameters_internal) {
        let copies: Vec<usize> = internal
            .parameters
            .iter()
            .enumerate()
            .filter(|(_, p)| p.key == Some(key))
            .map(|(i, _)| i)
            .collect();
        if !copies.is_empty() {
            edits.extend(remove_elements(
                ctx.doc,
                "/integrationParametersInternal/parameters",
                |i| copies.contains(&i),
            )?);
        }
    }
    Some(edits)
}
