//! integrationcli projects: an integration together with its overrides, config variables and
//! tests, checked and renamed as one.
//!
//! `integrationcli integrations scaffold` writes, and `integrationcli integrations apply` reads,
//! a folder like this (FORMAT.md §10):
//!
//! ```text
//! orders/
//!   src/orders.json                         the integration (the first file of src/ is deployed)
//!   dev/overrides/overrides.json            task, connection, trigger and parameter overrides
//!   dev/config-variables/orders-config.json `` {"`CONFIG_x`": value} `` for publishing
//!   dev/tests/smoke.json                    test cases
//!   dev/test-configs/smoke.json             test inputs
//! ```
//!
//! integrationcli matches the overrides to the integration by task id and type, trigger
//! number and variable key, and silently drops an override that matches nothing; it reads
//! config variables from `<integration>-config.json` and ignores a file of any other name.
//! [`scan`] reads a project folder, [`layout`] finds the projects of the paths given, [`check`]
//! says what a project check (P001–P005, one file each) sees of a related file, and
//! `crate::check::project` runs them; the rename batch indexes related files with
//! [`crate::references::ReferenceIndex::build_for`] so a rename reaches them too.

pub mod check;
pub mod layout;
pub mod scan;

pub(crate) mod dangling_test_reference;
pub(crate) mod missing_config_value;
pub(crate) mod orphan_config_file;
pub(crate) mod override_matches_nothing;
pub(crate) mod undeclared_config_value;

pub use check::{Owner, ProjectCheck, ProjectRun, RelatedContext, RelatedFacts, check_scope};
pub use layout::{Layout, Place};
pub use scan::{Member, Project, ProjectFile};
