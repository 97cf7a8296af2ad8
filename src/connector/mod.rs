//! Integration Connectors files kept beside integrations: custom connector version specs
//! (`CustomConnectorVersion` of the connectors v1 API, exported from one project and created
//! in another) and integrationcli connection files (`connections create -f`).
//!
//! [`schema`] validates the shape of both against `schemas/connectors.schema.json`; [`checks`]
//! holds the checks (C001–C012) that `integ check` runs on them.

pub mod checks;
pub mod placeholder;
pub mod schema;
