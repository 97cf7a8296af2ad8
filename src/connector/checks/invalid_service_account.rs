//! C006: a `serviceAccount` that is not an e-mail address.

use super::{ConnectorCheck, ConnectorContext};
use crate::connector::placeholder::has_placeholder;
use crate::diagnostic::{Check, Diagnostic, Severity};

pub(crate) static CHECK: ConnectorCheck = ConnectorCheck::new(
    Check {
        code: "C006",
        name: "invalid-service-account",
        severity: Severity::Error,
        summary: "`serviceAccount` is not a service account e-mail address",
        explanation: "\
## What it does
Checks that `serviceAccount` of a custom connector spec or a connection is an e-mail
address (`name@project.iam.gserviceaccount.com`). A value holding a template placeholder is
left to C012.

## Why is this bad?
The API refuses a service account that is not an e-mail address; integrationcli passes the
file's value through unchanged.

## How to fix
Write the full e-mail address of the service account.
",
    },
    check,
);

/// True for `local@domain.tld` without spaces.
fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(|c| c.is_whitespace() || c == '/')
        && !domain.contains('@')
}

fn check(ctx: &ConnectorContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(account) = ctx.get("/serviceAccount").and_then(|v| v.as_str()) else {
        return;
    };
    if is_email(account) || has_placeholder(account) {
        return;
    }
    out.push(ctx.at(
        &CHECK.check,
        "/serviceAccount",
        format!("serviceAccount {account:?} is not an e-mail address such as name@project.iam.gserviceaccount.com"),
    ));
}

#[cfg(test)]
mod tests {
    use super::super::testing::pointers;
    use super::*;

    #[test]
    fn accepts_addresses_and_placeholders() {
        assert!(is_email("sa@p.iam.gserviceaccount.com"));
        for bad in ["sa", "sa@", "@p.com", "sa@p", "s a@p.com", "sa@p.com."] {
            assert!(!is_email(bad), "{bad}");
        }
        let text =
            |sa: &str| format!(r#"{{"specLocation": "gs://b/o", "serviceAccount": "{sa}"}}"#);
        assert_eq!(
            pointers(&CHECK, &text("reservation-demo")),
            ["/serviceAccount"]
        );
        assert!(pointers(&CHECK, &text("REPLACE_SERVICE_ACCOUNT")).is_empty());
        assert!(pointers(&CHECK, &text("x@PROJECT_ID.iam.gserviceaccount.com")).is_empty());
    }
}
