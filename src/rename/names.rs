//! What counts as a valid new name, and `OLD=NEW` arguments.

use crate::references::is_variable_name;
pub use crate::references::{strip_backticks, task_variable_renamed, with_backticks_of};

/// Splits an `OLD=NEW` argument at its first `=`.
pub fn parse_pair(arg: &str) -> Result<(String, String), String> {
    match arg.split_once('=') {
        Some((old, new)) if !old.is_empty() && !new.is_empty() => {
            Ok((old.to_string(), new.to_string()))
        }
        _ => Err(format!("expected OLD=NEW, got `{arg}`")),
    }
}

/// Why `name` cannot be a variable key, if it cannot.
pub fn check_variable_name(name: &str) -> Result<(), String> {
    if is_variable_name(name) {
        Ok(())
    } else {
        Err(format!(
            "invalid variable name `{name}`: use letters, digits, `_` and `-`, optionally \
             inside backticks (`` `Task_1_body` ``)"
        ))
    }
}

/// Why `id` cannot be a task id, if it cannot. Task ids are numeric in every file seen; letters
/// and `-` are accepted too, but not `_`, which would make `producer: "1_<id>"` and
/// `Task_<id>_<param>` ambiguous.
pub fn check_task_id(id: &str) -> Result<(), String> {
    if !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        Ok(())
    } else {
        Err(format!(
            "invalid task id `{id}`: use digits (letters and `-` are accepted too)"
        ))
    }
}

/// Why `label` cannot be a task's display name, if it cannot.
pub fn check_task_label(label: &str) -> Result<(), String> {
    if label.trim().is_empty() || label.chars().any(char::is_control) {
        Err(format!(
            "invalid task name `{label}`: it must be visible text on one line"
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_and_checks() {
        assert_eq!(parse_pair("a=b=c").unwrap(), ("a".into(), "b=c".into()));
        assert!(
            parse_pair("a=").is_err() && parse_pair("=b").is_err() && parse_pair("ab").is_err()
        );
        assert!(check_variable_name("`Task_1_body`").is_ok());
        assert!(check_variable_name("a.b").is_err());
        assert!(check_task_id("12").is_ok());
        assert!(check_task_id("1_2").is_err() && check_task_id("").is_err());
        assert!(check_task_label("Send mail").is_ok() && check_task_label(" ").is_err());
    }
}
