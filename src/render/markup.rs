//! Escaping text for markup: JUnit XML and Graphviz's HTML-like labels.

/// `text` made safe inside XML (or HTML) content and double-quoted attributes: `& < > "`
/// become entity references, and the control characters XML 1.0 forbids are dropped. Tab, line feed and carriage
/// return are kept; callers that want one line replace them first.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() && (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_forbids() {
        assert_eq!(
            escape_markup("a<b> & \"c\" 'd'\u{1}\te\n"),
            "a&lt;b&gt; &amp; &quot;c&quot; 'd'\te\n"
        );
    }
}
