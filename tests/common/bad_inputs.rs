//! The bad inputs of issue 8, shared by the tests that feed them to each command.

/// One bad input: a file name, its bytes, and what integ says about it.
pub struct Case {
    /// The file name, inside a fresh folder.
    pub name: &'static str,
    /// Its content.
    pub bytes: Vec<u8>,
    /// `file:line:column` of the error, or `None` for valid JSON that is not an integration.
    pub at: Option<&'static str>,
    /// The start of the message (after the position).
    pub message: &'static str,
}

/// Texts that are not JSON, or JSON integ refuses, each with the position of its error.
pub fn invalid() -> Vec<Case> {
    let deep = "[".repeat(200_000) + &"]".repeat(200_000);
    let case = |name, bytes: &[u8], at, message| Case {
        name,
        bytes: bytes.to_vec(),
        at: Some(at),
        message,
    };
    vec![
        case(
            "empty.json",
            b"",
            "empty.json:1:1",
            "invalid JSON: empty document",
        ),
        case(
            "truncated.json",
            b"{\n  \"taskConfigs\": [{\n    \"taskId\": \"1",
            "truncated.json:3:17",
            "invalid JSON: unterminated string",
        ),
        case(
            "prose.json",
            b"not json at all",
            "prose.json:1:1",
            "invalid JSON: expected a JSON value, found `not`",
        ),
        case(
            "latin1.json",
            b"{\"a\": \"caf\xe9\"}",
            "latin1.json:1:11",
            "invalid UTF-8 (byte 0xe9)",
        ),
        case(
            "nul.json",
            b"{\"a\": \"x\0y\"}",
            "nul.json:1:9",
            "invalid JSON: control character inside a string",
        ),
        case(
            "nul-outside.json",
            b"{\"a\": 1}\0",
            "nul-outside.json:1:9",
            "invalid JSON: trailing characters",
        ),
        case(
            "duplicate.json",
            b"{\n  \"taskId\": \"1\",\n  \"taskId\": \"2\"\n}",
            "duplicate.json:3:3",
            "invalid JSON: duplicate key \"taskId\"",
        ),
        case(
            "deep.json",
            deep.as_bytes(),
            "deep.json:1:513",
            "invalid JSON: nesting deeper than 512 levels",
        ),
        case(
            "garbage.json",
            b"{\"a\": 1} {\"b\": 2}",
            "garbage.json:1:10",
            "invalid JSON: trailing characters after the JSON value",
        ),
    ]
}

/// Valid JSON whose top level is not an object, so it cannot be an integration.
pub fn not_objects() -> Vec<Case> {
    vec![
        Case {
            name: "array.json",
            bytes: b"[{\"taskId\": \"1\"}]".to_vec(),
            at: None,
            message: "the top level is an array",
        },
        Case {
            name: "string.json",
            bytes: b"\"$customer$\"".to_vec(),
            at: None,
            message: "the top level is a string",
        },
    ]
}

/// `file:line:column: message`, as the writing commands print it.
pub fn located(case: &Case) -> String {
    format!("{}: {}", case.at.unwrap_or(case.name), case.message)
}
