//! BASE's layout, read from its text, and values of INCOMING printed in it.
//!
//! A merged file keeps BASE's bytes wherever BASE's values stay; only values that come from
//! INCOMING are printed anew, in the layout BASE uses: its indent unit (two spaces, four, a
//! tab), its colon spacing, its array style (the console's `[{` … `}, {` … `}]` or one element
//! per line), its line ending and its string escaping. Number and literal tokens are copied
//! from INCOMING byte for byte.

use crate::document::{Document, EscapeStyle, Span, SpanNode};

/// How a file lays out its JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// One level of indentation (`""` when minified).
    pub indent: String,
    /// The line ending.
    pub newline: &'static str,
    /// Between a key and its value (`": "`, `":"`).
    pub colon: String,
    /// Arrays the console's way: on one line, objects opening right after `[` and `, `.
    pub console_arrays: bool,
    /// Everything on one line.
    pub minified: bool,
    /// How new strings are escaped.
    pub escape: EscapeStyle,
}

impl Layout {
    /// Reads the layout of `doc` (an object with at least one member gives the most to read;
    /// otherwise the console layout is assumed).
    pub fn detect(doc: &Document) -> Layout {
        let text = doc.text();
        let root = doc.root();
        let newline = doc.text_style().newline();
        let escape = doc.escape_style();
        let minified = !text[root.span().range()].contains('\n');
        let (indent, colon) = match root {
            SpanNode::Object(_, entries) if !entries.is_empty() => {
                let (key, value) = &entries[0];
                let line_start = text[..key.start].rfind('\n').map_or(0, |i| i + 1);
                let indent = if minified {
                    String::new()
                } else {
                    text[line_start..key.start].to_string()
                };
                (indent, text[key.end..value.span().start].to_string())
            }
            _ => ("  ".to_string(), ": ".to_string()),
        };
        let console_arrays = !minified
            && crate::format::first_array_inline(text, root).unwrap_or(!indent.contains('\t'));
        Layout {
            indent: if minified || indent.is_empty() {
                String::new()
            } else {
                indent
            },
            newline,
            colon,
            console_arrays,
            minified,
            escape,
        }
    }

    /// The whitespace that starts a line at `depth`.
    pub fn line(&self, depth: usize) -> String {
        if self.minified {
            return String::new();
        }
        let mut out = self.newline.to_string();
        for _ in 0..depth {
            out.push_str(&self.indent);
        }
        out
    }

    /// The depth of the elements of an array that is a member of the root object.
    pub fn element_depth(&self) -> usize {
        if self.console_arrays || self.minified {
            1
        } else {
            2
        }
    }

    /// What separates two elements of an array whose elements sit at `depth`.
    pub fn element_separator(&self, depth: usize) -> String {
        if self.minified {
            ",".to_string()
        } else if self.console_arrays {
            ", ".to_string()
        } else {
            format!(",{}", self.line(depth))
        }
    }

    /// An array of root-member depth holding `items` (already printed at element depth).
    pub fn array(&self, items: &[String]) -> String {
        if items.is_empty() {
            return "[]".to_string();
        }
        let depth = self.element_depth();
        let body = items.join(&self.element_separator(depth));
        if self.minified || self.console_arrays {
            format!("[{body}]")
        } else {
            format!("[{}{body}{}]", self.line(depth), self.line(depth - 1))
        }
    }

    /// Prints the value `node` of `source` (a document of INCOMING) at `depth` in this layout.
    pub fn print(&self, source: &Document, node: &SpanNode, depth: usize) -> String {
        let mut out = String::new();
        let same_escape = source.escape_style() == self.escape;
        Printer {
            layout: self,
            text: source.text(),
            same_escape,
            out: &mut out,
        }
        .value(node, depth);
        out
    }
}

/// The style of the first non-empty array in `root`: `Some(true)` when its first element
/// follows `[` on the same line (console), `Some(false)` when it starts a new line.
struct Printer<'a> {
    layout: &'a Layout,
    text: &'a str,
    same_escape: bool,
    out: &'a mut String,
}

impl Printer<'_> {
    fn token(&mut self, span: Span) {
        let raw = &self.text[span.range()];
        if !self.same_escape && raw.starts_with('"') {
            if let Ok(decoded) = serde_json::from_str::<String>(raw) {
                self.out.push_str(&self.layout.escape.quote(&decoded));
                return;
            }
        }
        self.out.push_str(raw);
    }

    fn value(&mut self, node: &SpanNode, depth: usize) {
        match node {
            SpanNode::Scalar(span) => self.token(*span),
            SpanNode::Object(_, entries) => {
                self.out.push('{');
                if entries.is_empty() {
                    if self.layout.console_arrays {
                        self.out.push_str(&self.layout.line(depth));
                    }
                    self.out.push('}');
                    return;
                }
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.out.push_str(&self.layout.line(depth + 1));
                    self.token(*key);
                    self.out.push_str(&self.layout.colon);
                    self.value(value, depth + 1);
                }
                self.out.push_str(&self.layout.line(depth));
                self.out.push('}');
            }
            SpanNode::Array(_, items) => {
                self.out.push('[');
                if self.layout.console_arrays || self.layout.minified {
                    let separator = if self.layout.minified { "," } else { ", " };
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            self.out.push_str(separator);
                        }
                        self.value(item, depth);
                    }
                } else if !items.is_empty() {
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            self.out.push(',');
                        }
                        self.out.push_str(&self.layout.line(depth + 1));
                        self.value(item, depth + 1);
                    }
                    self.out.push_str(&self.layout.line(depth));
                }
                self.out.push(']');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::parse(text).unwrap()
    }

    #[test]
    fn detects_console_tab_expanded_and_minified_layouts() {
        let console = Layout::detect(&doc("{\n  \"a\": [{\n    \"b\": 1\n  }]\n}"));
        assert_eq!(
            (
                console.indent.as_str(),
                console.colon.as_str(),
                console.console_arrays
            ),
            ("  ", ": ", true)
        );
        let tab = Layout::detect(&doc(
            "{\n\t\"a\": [\n\t\t{\n\t\t\t\"b\": 1\n\t\t}\n\t]\n}\n",
        ));
        assert_eq!((tab.indent.as_str(), tab.console_arrays), ("\t", false));
        let four = Layout::detect(&doc("{\n    \"a\": \"x\"\n}"));
        assert_eq!((four.indent.as_str(), four.console_arrays), ("    ", true));
        let minified = Layout::detect(&doc("{\"a\":[{\"b\":1}]}"));
        assert!(minified.minified && minified.colon == ":");
        let crlf = Layout::detect(&doc("{\r\n  \"a\": [\r\n    1\r\n  ]\r\n}"));
        assert_eq!((crlf.newline, crlf.console_arrays), ("\r\n", false));
    }

    #[test]
    fn prints_values_in_the_detected_layout() {
        let incoming = doc(
            r#"{"t": {"taskId": "2", "next": [{"taskId": "3"}], "e": {}, "s": ["a", "b"], "n": 1.50}}"#,
        );
        let node = &incoming.node("/t").unwrap().1;
        let console = Layout::detect(&doc("{\n  \"a\": [{\n    \"b\": 1\n  }]\n}"));
        assert_eq!(
            console.print(&incoming, node, 1),
            "{\n    \"taskId\": \"2\",\n    \"next\": [{\n      \"taskId\": \"3\"\n    }],\n    \"e\": {\n    },\n    \"s\": [\"a\", \"b\"],\n    \"n\": 1.50\n  }"
        );
        let tab = Layout::detect(&doc(
            "{\n\t\"a\": [\n\t\t{\n\t\t\t\"b\": 1\n\t\t}\n\t]\n}\n",
        ));
        assert_eq!(
            tab.print(&incoming, node, 2),
            "{\n\t\t\t\"taskId\": \"2\",\n\t\t\t\"next\": [\n\t\t\t\t{\n\t\t\t\t\t\"taskId\": \"3\"\n\t\t\t\t}\n\t\t\t],\n\t\t\t\"e\": {},\n\t\t\t\"s\": [\n\t\t\t\t\"a\",\n\t\t\t\t\"b\"\n\t\t\t],\n\t\t\t\"n\": 1.50\n\t\t}"
        );
        let minified = Layout::detect(&doc("{\"a\":1}"));
        assert_eq!(
            minified.print(&incoming, node, 1),
            r#"{"taskId":"2","next":[{"taskId":"3"}],"e":{},"s":["a","b"],"n":1.50}"#
        );
    }

    #[test]
    fn reescapes_strings_in_base_style() {
        let gson = doc("{\n  \"a\": [{\n    \"b\": \"x\\u003dy\"\n  }]\n}");
        let layout = Layout::detect(&gson);
        let go = doc("{\n\t\"v\": \"a=b<c\"\n}");
        let node = &go.node("/v").unwrap().1;
        assert_eq!(layout.print(&go, node, 1), "\"a\\u003db\\u003cc\"");
    }

    #[test]
    fn arrays_of_root_members() {
        let console = Layout::detect(&doc("{\n  \"a\": [{\n    \"b\": 1\n  }]\n}"));
        assert_eq!(console.array(&["{x}".into(), "{y}".into()]), "[{x}, {y}]");
        let tab = Layout::detect(&doc("{\n\t\"a\": [\n\t\t1\n\t]\n}"));
        assert_eq!(
            tab.array(&["1".into(), "2".into()]),
            "[\n\t\t1,\n\t\t2\n\t]"
        );
        assert_eq!(tab.array(&[]), "[]");
    }
}
