//! How a file escapes characters inside strings, detected from the file and reused for new text.

/// The escape convention of a file's string tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EscapeStyle {
    /// Console exports (Gson / protobuf-java): `= ' < > &` as lowercase `\u003d \u0027 \u003c \u003e \u0026`.
    Gson,
    /// Go `encoding/json` (integrationcli): only `< > &` as `\u003c \u003e \u0026`.
    Go,
    /// Only what JSON requires: quotes, backslashes and control characters.
    Minimal,
}

impl EscapeStyle {
    /// Detects the style of `text`: Gson when `\u003d`/`\u0027` occur or when console-style
    /// HTML-safe escapes occur in a file laid out by the console; Go when only `\u003c
    /// \u003e \u0026` occur; otherwise the layout decides (console layout → Gson, tab → Go).
    pub fn detect(text: &str) -> EscapeStyle {
        let (mut gson_only, mut html) = (false, false);
        let mut rest = text;
        while let Some(at) = rest.find("\\u00") {
            match rest.as_bytes().get(at + 4..at + 6) {
                Some(b"3d" | b"27") => gson_only = true,
                Some(b"3c" | b"3e" | b"26") => html = true,
                _ => {}
            }
            if gson_only {
                return EscapeStyle::Gson;
            }
            rest = &rest[at + 4..];
        }
        let console_layout = text.contains("[{\n") || text.contains("[{\r\n");
        match (html, console_layout) {
            (_, true) => EscapeStyle::Gson,
            (true, false) => EscapeStyle::Go,
            (false, false) if text.contains("\n\t") => EscapeStyle::Go,
            (false, false) => EscapeStyle::Minimal,
        }
    }

    fn escapes(self, c: char) -> bool {
        match self {
            EscapeStyle::Gson => {
                matches!(c, '<' | '>' | '&' | '=' | '\'' | '\u{2028}' | '\u{2029}')
            }
            EscapeStyle::Go => matches!(c, '<' | '>' | '&' | '\u{2028}' | '\u{2029}'),
            EscapeStyle::Minimal => false,
        }
    }

    /// Escapes `s` as the inside of a JSON string token (without the surrounding quotes).
    pub fn escape_into(self, s: &str, out: &mut String) {
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                c if (c as u32) < 0x20 || self.escapes(c) => {
                    out.push_str(&format!("\\u{:04x}", c as u32));
                }
                c => out.push(c),
            }
        }
    }

    /// Escapes `s` (without quotes).
    pub fn escape(self, s: &str) -> String {
        let mut out = String::with_capacity(s.len() + 2);
        self.escape_into(s, &mut out);
        out
    }

    /// Renders `s` as a complete JSON string token, quotes included.
    pub fn quote(self, s: &str) -> String {
        let mut out = String::with_capacity(s.len() + 2);
        out.push('"');
        self.escape_into(s, &mut out);
        out.push('"');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_each_style() {
        let s = "a=b's <x> & \"q\"\n\u{1}";
        assert_eq!(
            EscapeStyle::Gson.quote(s),
            r#""a\u003db\u0027s \u003cx\u003e \u0026 \"q\"\n\u0001""#
        );
        assert_eq!(
            EscapeStyle::Go.quote(s),
            r#""a=b's \u003cx\u003e \u0026 \"q\"\n\u0001""#
        );
        assert_eq!(
            EscapeStyle::Minimal.quote(s),
            r#""a=b's <x> & \"q\"\n\u0001""#
        );
    }

    #[test]
    fn detects_styles() {
        assert_eq!(
            EscapeStyle::detect(r#"{"a": "x\u003dy"}"#),
            EscapeStyle::Gson
        );
        assert_eq!(
            EscapeStyle::detect("{\n\t\"a\": \"\\u003c\"\n}"),
            EscapeStyle::Go
        );
        assert_eq!(
            EscapeStyle::detect("{\n  \"a\": [{\n  }]\n}"),
            EscapeStyle::Gson
        );
        assert_eq!(EscapeStyle::detect("{\n\t\"a\": 1\n}"), EscapeStyle::Go);
        assert_eq!(EscapeStyle::detect(r#"{"a": 1}"#), EscapeStyle::Minimal);
    }
}
