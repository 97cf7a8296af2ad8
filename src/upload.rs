//! Upload request bodies: wrapping an integration file for `versions:upload`, and removing the
//! output-only fields the server sets itself.
//!
//! `versions:upload` takes `{"content": "<the file as a string>", "fileFormat": "JSON"}`. The
//! content is the file text byte for byte, JSON-escaped with only the escapes JSON requires,
//! so unwrapping the body gives back exactly the text that was wrapped.

use crate::document::{Document, EditError, EscapeStyle, remove_members};

/// Top-level fields of an integration version that the server sets (marked output only or
/// deprecated in the API description): a download carries them, an upload does not need them.
pub const OUTPUT_ONLY_FIELDS: &[&str] = &[
    "name",
    "createTime",
    "updateTime",
    "lastModifierEmail",
    "lockHolder",
    "snapshotNumber",
    "state",
    "status",
    "origin",
    "eucHardeningDisposition",
    "taskConfigsInternal",
    "triggerConfigsInternal",
    "integrationParametersInternal",
];

/// True when a top-level `key` is set by the server: one of [`OUTPUT_ONLY_FIELDS`], or any
/// other deprecated `…Internal` copy of a public field.
pub fn is_output_only(key: &str) -> bool {
    OUTPUT_ONLY_FIELDS.contains(&key)
        || key
            .strip_suffix("Internal")
            .is_some_and(|public| !public.is_empty())
}

/// The document without its output-only top-level fields, removed by edits on the original
/// text (so every other line stays as it was), and the keys that were removed.
pub fn strip_output_only(doc: &Document) -> Result<(Document, Vec<String>), EditError> {
    let Some(removal) = remove_members(doc, "", is_output_only) else {
        // Not an object: nothing to strip.
        return Ok((doc.clone(), Vec::new()));
    };
    if removal.edits.is_empty() {
        return Ok((doc.clone(), Vec::new()));
    }
    let stripped = doc.apply_expecting(removal.edits, &removal.expected)?;
    Ok((stripped, removal.removed))
}

/// The UploadIntegrationVersionRequest body holding `text` exactly, with a final newline.
pub fn upload_request(text: &str) -> String {
    let mut body = String::with_capacity(text.len() + text.len() / 8 + 40);
    body.push_str("{\"content\": ");
    body.push_str(&EscapeStyle::Minimal.quote(text));
    body.push_str(", \"fileFormat\": \"JSON\"}\n");
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_text_exactly() {
        let text = "{\n  \"a\": \"x\\u003dy <b> & \\\"q\\\"\"\n}";
        let body = upload_request(text);
        assert!(body.ends_with("\"fileFormat\": \"JSON\"}\n"));
        let parsed: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(parsed["content"].as_str(), Some(text));
        assert_eq!(parsed["fileFormat"], "JSON");
        assert_eq!(
            parsed.as_object().unwrap().keys().collect::<Vec<_>>(),
            ["content", "fileFormat"]
        );
    }

    #[test]
    fn output_only_keys() {
        for key in OUTPUT_ONLY_FIELDS {
            assert!(is_output_only(key), "{key}");
        }
        assert!(is_output_only("somethingNewInternal"));
        for key in [
            "triggerConfigs",
            "taskConfigs",
            "description",
            "userLabel",
            "Internal",
        ] {
            assert!(!is_output_only(key), "{key}");
        }
    }

    #[test]
    fn strips_header_of_a_download() {
        let text = "{\n  \"name\": \"projects/1/x\",\n  \"updateTime\": \"t\",\n  \"triggerConfigs\": [],\n  \"snapshotNumber\": \"3\",\n  \"userLabel\": \"v\"\n}";
        let (doc, removed) = strip_output_only(&Document::parse(text).unwrap()).unwrap();
        assert_eq!(removed, ["name", "updateTime", "snapshotNumber"]);
        assert_eq!(
            doc.text(),
            "{\n  \"triggerConfigs\": [],\n  \"userLabel\": \"v\"\n}"
        );
        let (same, removed) = strip_output_only(&doc).unwrap();
        assert!(removed.is_empty());
        assert_eq!(same.text(), doc.text());
    }
}
