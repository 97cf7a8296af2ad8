//! Layout printers for `integ fmt`: they change whitespace only.
//!
//! Every key, string and number token is copied byte for byte from the source, so escapes and
//! number spellings survive; only the whitespace between tokens is chosen by the style. The
//! byte-order mark, the line-ending convention and whatever follows the root value (the final
//! newline, or its absence) are kept from the source.

use crate::document::{Document, SpanNode};

/// A layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Style {
    /// The console's export layout (protobuf-java): 2-space indent, `[{` … `}, {` … `}]`,
    /// scalar arrays on one line, an empty object as `{` newline indent `}`.
    Console,
    /// Go `json.MarshalIndent` with a tab, as integrationcli writes.
    Tab,
    /// Two spaces, one array element per line, `{}` and `[]` when empty.
    Expanded,
    /// One line, no whitespace.
    Minified,
}

impl Style {
    /// The style `text` (whose span tree is `root`) is already written in, as near as the
    /// styles go: minified when the root value is on one line, tab when members are indented
    /// with a tab, console when arrays open on the line of their first element (`[{`),
    /// expanded when they do not; console when nothing tells.
    pub fn detect(text: &str, root: &SpanNode) -> Style {
        if !text[root.span().range()].contains('\n') {
            return Style::Minified;
        }
        let tab_indented = match root {
            SpanNode::Object(_, entries) => entries.first().is_some_and(|(key, _)| {
                let line_start = text[..key.start].rfind('\n').map_or(0, |i| i + 1);
                text[line_start..key.start].starts_with('\t')
            }),
            _ => false,
        };
        if tab_indented {
            return Style::Tab;
        }
        match first_array_inline(text, root) {
            Some(false) => Style::Expanded,
            _ => Style::Console,
        }
    }
}

/// Whether the first non-empty array of `root` opens on the line of its first element
/// (`[{`, the console's way) or not; `None` when there is no such array.
pub fn first_array_inline(text: &str, root: &SpanNode) -> Option<bool> {
    match root {
        SpanNode::Scalar(_) => None,
        SpanNode::Array(span, items) => items
            .first()
            .map(|first| !text[span.start + 1..first.span().start].contains('\n')),
        SpanNode::Object(_, entries) => entries
            .iter()
            .find_map(|(_, value)| first_array_inline(text, value)),
    }
}

/// Reprints `doc` in `style`.
pub fn reprint(doc: &Document, style: Style) -> String {
    reprint_layout(doc.text(), doc.root(), style)
}

/// Reprints `text`, whose span tree is `root` (from [`crate::document::parse_layout`]), in `style`.
pub fn reprint_layout(text: &str, root: &SpanNode, style: Style) -> String {
    let text_style = crate::document::TextStyle::detect(text);
    let mut printer = Printer {
        text,
        out: String::with_capacity(text.len()),
        newline: text_style.newline(),
        style,
    };
    if text_style.bom {
        printer.out.push('\u{feff}');
    }
    printer.value(root, 0);
    printer.out.push_str(&text[root.span().end..]);
    printer.out
}

struct Printer<'a> {
    text: &'a str,
    out: String,
    newline: &'static str,
    style: Style,
}

impl Printer<'_> {
    fn indent(&mut self, depth: usize) {
        let unit = match self.style {
            Style::Console | Style::Expanded => "  ",
            Style::Tab => "\t",
            Style::Minified => "",
        };
        for _ in 0..depth {
            self.out.push_str(unit);
        }
    }

    fn line(&mut self, depth: usize) {
        if self.style != Style::Minified {
            self.out.push_str(self.newline);
            self.indent(depth);
        }
    }

    fn value(&mut self, node: &SpanNode, depth: usize) {
        match node {
            SpanNode::Scalar(span) => self.out.push_str(&self.text[span.range()]),
            SpanNode::Object(_, entries) => self.object(entries, depth),
            SpanNode::Array(_, items) => self.array(items, depth),
        }
    }

    fn object(&mut self, entries: &[(crate::document::Span, SpanNode)], depth: usize) {
        self.out.push('{');
        if entries.is_empty() {
            if self.style == Style::Console {
                self.line(depth);
            }
            self.out.push('}');
            return;
        }
        let colon = if self.style == Style::Minified {
            ":"
        } else {
            ": "
        };
        for (i, (key, value)) in entries.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.line(depth + 1);
            self.out.push_str(&self.text[key.range()]);
            self.out.push_str(colon);
            self.value(value, depth + 1);
        }
        self.line(depth);
        self.out.push('}');
    }

    fn array(&mut self, items: &[SpanNode], depth: usize) {
        self.out.push('[');
        match self.style {
            Style::Console => {
                // protobuf-java never breaks lines inside arrays; objects bring their own.
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    self.value(item, depth);
                }
            }
            _ if items.is_empty() => {}
            _ => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.out.push(',');
                    }
                    self.line(depth + 1);
                    self.value(item, depth + 1);
                }
                self.line(depth);
            }
        }
        self.out.push(']');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "{\"a\": [{\"b\": [1, 2.50], \"c\": {}}], \"d\": [], \"e\": \"\\u003d\"}";

    fn print(style: Style, text: &str) -> String {
        reprint(&Document::parse(text).unwrap(), style)
    }

    #[test]
    fn console_layout() {
        let expected = "{\n  \"a\": [{\n    \"b\": [1, 2.50],\n    \"c\": {\n    }\n  }],\n  \"d\": [],\n  \"e\": \"\\u003d\"\n}";
        assert_eq!(print(Style::Console, SAMPLE), expected);
    }

    #[test]
    fn tab_layout() {
        let expected = "{\n\t\"a\": [\n\t\t{\n\t\t\t\"b\": [\n\t\t\t\t1,\n\t\t\t\t2.50\n\t\t\t],\n\t\t\t\"c\": {}\n\t\t}\n\t],\n\t\"d\": [],\n\t\"e\": \"\\u003d\"\n}";
        assert_eq!(print(Style::Tab, SAMPLE), expected);
        let expanded = print(Style::Expanded, SAMPLE);
        assert_eq!(expanded, expected.replace('\t', "  "));
    }

    #[test]
    fn minified_layout() {
        assert_eq!(
            print(Style::Minified, SAMPLE),
            "{\"a\":[{\"b\":[1,2.50],\"c\":{}}],\"d\":[],\"e\":\"\\u003d\"}"
        );
    }

    #[test]
    fn keeps_bom_crlf_and_trailing_text() {
        let out = print(Style::Console, "\u{feff}{\"a\": 1,\r\n\"b\": {}}\r\n");
        assert_eq!(
            out,
            "\u{feff}{\r\n  \"a\": 1,\r\n  \"b\": {\r\n  }\r\n}\r\n"
        );
        assert_eq!(print(Style::Console, "[1]"), "[1]");
    }
}
