//! JSON held in strings (`jsonValue`, `jsonSchema`): decoded so it is compared as JSON, not text.
//!
//! Ten real payloads are not strict JSON: they quote keys and strings with `'` and escape a quote
//! inside as `\'`. Those are rewritten to double quotes token by token (never by a blind
//! replace, so an apostrophe inside a double-quoted string stays an apostrophe) and parsed again.
//! Text that is neither is compared as text.

use serde_json::Value;

/// The JSON document held in `text`, when it holds an object or an array (strict JSON first,
/// then the single-quoted dialect). Scalars and anything unparsable give `None`: such strings
/// are compared as they are written.
pub fn decode(text: &str) -> Option<Value> {
    let trimmed = text.trim();
    if !(trimmed.starts_with('{') || trimmed.starts_with('[')) {
        return None;
    }
    let value = serde_json::from_str::<Value>(trimmed)
        .ok()
        .or_else(|| serde_json::from_str::<Value>(&requote(trimmed)?).ok())?;
    (value.is_object() || value.is_array()).then_some(value)
}

/// Rewrites single-quoted strings of a JSON-like text as double-quoted JSON strings. Returns
/// `None` when a string is not closed.
fn requote(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push('"');
                loop {
                    let c = chars.next()?;
                    out.push(c);
                    match c {
                        '\\' => out.push(chars.next()?),
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '\'' => {
                out.push('"');
                loop {
                    match chars.next()? {
                        '\\' => match chars.next()? {
                            '\'' => out.push('\''),
                            escaped => {
                                out.push('\\');
                                out.push(escaped);
                            }
                        },
                        '"' => out.push_str("\\\""),
                        '\'' => break,
                        c => out.push(c),
                    }
                }
                out.push('"');
            }
            c => out.push(c),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn decodes_strict_json_and_ignores_layout() {
        let a = decode("{\n  \"a\": [1, 2]\n}").unwrap();
        let b = decode("{\"a\":[1,2]}").unwrap();
        assert_eq!(a, b);
        assert_eq!(a, json!({"a": [1, 2]}));
    }

    #[test]
    fn decodes_single_quoted_payloads() {
        let text = r#"{ '@type': 'x.y', 'stringValue': '{ \'RemoteFile\' : \'$f$\' }', 'say': 'he said "hi"', "it's": "ok" }"#;
        assert_eq!(
            decode(text).unwrap(),
            json!({"@type": "x.y", "stringValue": "{ 'RemoteFile' : '$f$' }", "say": "he said \"hi\"", "it's": "ok"})
        );
    }

    #[test]
    fn leaves_scalars_and_text_alone() {
        assert_eq!(decode("\"abc\""), None);
        assert_eq!(decode("12"), None);
        assert_eq!(decode("{ not json"), None);
        assert_eq!(decode("{'open: 1}"), None);
        assert_eq!(decode("hello"), None);
    }
}
