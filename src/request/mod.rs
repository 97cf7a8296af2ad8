//! Execute requests and test configurations: the bodies a user prepares around an integration.
//!
//! `projects.locations.integrations.execute` takes an `ExecuteIntegrationsRequest`
//! (`{"triggerId", "inputParameters": {KEY: ValueType}, "requestId"?, "doNotPropagateError"?}`);
//! integrationcli's test configurations hold the same `inputParameters`. [`execute_request`]
//! builds such a body from an integration and typed `KEY=VALUE` inputs; [`checks`] validates
//! a request file (shape, and with an integration: trigger, inputs, types).

pub mod checks;
mod execute;
mod input_text;
mod inputs;
pub mod value;

pub use execute::{ExecuteOptions, RequestError, execute_request, to_text};
pub use input_text::parse_input;
pub use inputs::{InputCatalog, InputLookup};
