//! Naming conventions of variable keys: backticks, and the `Task_<id>_<param>` variables a
//! task produces (FORMAT.md §8.1). Rename, lints and diff all spell names through these.

/// System variables the runtime provides whether declared or not (FORMAT.md §8.1).
pub const SYSTEM_VARIABLES: &[&str] = &[
    "ExecutionId",
    "ExecutionMode",
    "ErrorInfo",
    "IntegrationName",
    "Region",
    "ProjectId",
];

/// True for a system variable key (backticks optional).
pub fn is_system_variable(key: &str) -> bool {
    SYSTEM_VARIABLES.contains(&strip_backticks(key))
}

/// `` `name` `` → `name`; other names unchanged.
pub fn strip_backticks(name: &str) -> &str {
    name.strip_prefix('`')
        .and_then(|n| n.strip_suffix('`'))
        .unwrap_or(name)
}

/// The key with its backticks toggled: `` `x` `` → `x`, `x` → `` `x` ``. A reference spelled
/// that way may or may not name the same variable; the index reports it as ambiguous.
pub fn backtick_alias(name: &str) -> String {
    match name.strip_prefix('`').and_then(|n| n.strip_suffix('`')) {
        Some(inner) => inner.to_string(),
        None => format!("`{name}`"),
    }
}

/// The name with the backticks `like` has: `` `x` `` for a backticked `like`, else `x`.
pub fn with_backticks_of(like: &str, name: &str) -> String {
    let bare = strip_backticks(name);
    if like.starts_with('`') {
        format!("`{bare}`")
    } else {
        bare.to_string()
    }
}

/// For variable `name` produced by task `id` (`Task_<id>_<param>`, backticks optional), the
/// same variable named for task `new_id`.
pub fn task_variable_renamed(name: &str, id: &str, new_id: &str) -> Option<String> {
    let bare = strip_backticks(name);
    let param = bare
        .strip_prefix("Task_")?
        .strip_prefix(id)?
        .strip_prefix('_')?;
    (!param.is_empty()).then(|| with_backticks_of(name, &format!("Task_{new_id}_{param}")))
}

/// For a task variable `Task_<id>_<param>` (backticks optional), the task id and parameter.
pub fn task_variable_parts(name: &str) -> Option<(&str, &str)> {
    let rest = strip_backticks(name).strip_prefix("Task_")?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let param = rest[digits..].strip_prefix('_')?;
    (digits > 0 && !param.is_empty()).then(|| (&rest[..digits], param))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backticks() {
        assert_eq!(strip_backticks("`Task_1_x`"), "Task_1_x");
        assert_eq!(strip_backticks("plain"), "plain");
        assert_eq!(backtick_alias("`Task_1_x`"), "Task_1_x");
        assert_eq!(backtick_alias("order"), "`order`");
        assert_eq!(with_backticks_of("`a`", "b"), "`b`");
        assert_eq!(with_backticks_of("a", "`b`"), "b");
        assert!(is_system_variable("`ErrorInfo`") && is_system_variable("ExecutionId"));
        assert!(!is_system_variable("`ErrorInfos`"));
    }

    #[test]
    fn task_variables_follow_the_id() {
        assert_eq!(
            task_variable_renamed("`Task_1_responseBody`", "1", "7").as_deref(),
            Some("`Task_7_responseBody`")
        );
        assert_eq!(
            task_variable_renamed("Task_1_x", "1", "7").as_deref(),
            Some("Task_7_x")
        );
        assert_eq!(task_variable_renamed("`Task_10_x`", "1", "7"), None);
        assert_eq!(task_variable_renamed("`Task_1_`", "1", "7"), None);
        assert_eq!(task_variable_renamed("`MyTask_1_x`", "1", "7"), None);
        assert_eq!(
            task_variable_parts("`Task_12_responseBody`"),
            Some(("12", "responseBody"))
        );
        assert_eq!(task_variable_parts("Task_3_x_y"), Some(("3", "x_y")));
        assert_eq!(task_variable_parts("`Task__x`"), None);
        assert_eq!(task_variable_parts("`Task_1_`"), None);
        assert_eq!(task_variable_parts("order"), None);
    }
}
