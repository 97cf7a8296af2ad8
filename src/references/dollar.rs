//! The `$…$` reference grammar (FORMAT.md §8.3), the one tokenizer every command reads
//! references with.
//!
//! ```text
//! reference := "$" key sub-path* "$"
//! key       := bare | "`" anything but ` $ " newline "`"
//! bare      := [A-Za-z0-9_-]+
//! sub-path  := "." segment | "[" digits "]"
//! segment   := words | "`" anything but ` $ " newline "`"
//! words     := bare (" " bare)*
//! ```
//!
//! So `$order$`, `` $`Task_1_x`$ ``, `$order.id$`, `$order.items[0].sku$`,
//! ``$order.`line items`$`` and `` $`Task_1_connectorInputPayload`.Path parameters.model$ ``
//! are references to `order`, `` `Task_1_x` `` and `` `Task_1_connectorInputPayload` ``. Only the
//! key is a name; a sub-path is JSON navigation inside the variable.
//!
//! The scanner is strict: `$schema"`, `$1 Billion` and `$ref` are not references. Where text
//! starts like a reference to a well-formed key (`$order.` or `$order[` or a backticked key)
//! but does not close as one, the scanner reports it as [`Unreadable`] instead of guessing, so
//! that `check` can say so and `rename` can refuse rather than skip it silently.

use crate::document::Span;

/// One `$…$` reference in a scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DollarRef {
    /// The key as written, backticks included.
    pub name: String,
    /// Where the key sits in the scanned text (backticks included, dollars excluded).
    pub span: Span,
    /// The whole reference, both dollars included.
    pub extent: Span,
    /// The sub-path after the key as written (`.id`, `[0].sku`, ``.`line items` ``); empty
    /// when there is none.
    pub sub_path: String,
}

/// Text that starts like a reference to `name` but does not read as one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// The key it starts with, backticks included.
    pub name: String,
    /// Where the key sits in the scanned text.
    pub span: Span,
    /// From the `$` to where reading stopped.
    pub extent: Span,
}

/// What [`scan`] finds in one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    /// The references, in order.
    pub references: Vec<DollarRef>,
    /// The look-alikes the grammar cannot read exactly, in order.
    pub unreadable: Vec<Unreadable>,
}

/// True for a byte allowed in a bare variable name.
pub fn is_bare_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// True when `name` is spelled like a variable key: a bare `[A-Za-z0-9_-]+` name, or a
/// backtick-quoted name without backticks, dollars, quotes, backslashes, dots or whitespace
/// inside.
pub fn is_variable_name(name: &str) -> bool {
    if let Some(inner) = name.strip_prefix('`').and_then(|n| n.strip_suffix('`')) {
        return !inner.is_empty()
            && inner.chars().all(|c| {
                !c.is_whitespace()
                    && !c.is_control()
                    && !matches!(c, '`' | '$' | '"' | '\'' | '\\' | '.')
            });
    }
    !name.is_empty() && name.bytes().all(is_bare_name_byte)
}

/// Length of a backticked token at `at`, both backticks included.
fn backticked_len(bytes: &[u8], at: usize) -> Option<usize> {
    if bytes.get(at) != Some(&b'`') {
        return None;
    }
    let close = at + 1 + memchr::memchr3(b'`', b'$', b'\n', &bytes[at + 1..])?;
    if bytes[close] != b'`' || close == at + 1 || bytes[at + 1..close].contains(&b'"') {
        return None;
    }
    Some(close + 1 - at)
}

fn bare_len(bytes: &[u8], at: usize) -> usize {
    bytes[at.min(bytes.len())..]
        .iter()
        .take_while(|b| is_bare_name_byte(**b))
        .count()
}

/// Length of a key at `at`: a bare name or a backtick-quoted one.
fn key_len(bytes: &[u8], at: usize) -> Option<usize> {
    if bytes.get(at) == Some(&b'`') {
        return backticked_len(bytes, at);
    }
    Some(bare_len(bytes, at)).filter(|n| *n > 0)
}

/// Length of a `.segment`'s segment at `at`: backticked, or bare words with single spaces.
fn segment_len(bytes: &[u8], at: usize) -> Option<usize> {
    if bytes.get(at) == Some(&b'`') {
        return backticked_len(bytes, at);
    }
    let mut end = at + Some(bare_len(bytes, at)).filter(|n| *n > 0)?;
    while bytes.get(end) == Some(&b' ') {
        let word = bare_len(bytes, end + 1);
        if word == 0 {
            break;
        }
        end += 1 + word;
    }
    Some(end - at)
}

/// Length of an `[index]` at `at`.
fn index_len(bytes: &[u8], at: usize) -> Option<usize> {
    if bytes.get(at) != Some(&b'[') {
        return None;
    }
    let digits = bytes[at + 1..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    (digits > 0 && bytes.get(at + 1 + digits) == Some(&b']')).then_some(digits + 2)
}

/// Reads the sub-path starting at `at`; returns where it ends.
fn sub_path_end(bytes: &[u8], mut at: usize) -> usize {
    loop {
        let step = match bytes.get(at) {
            Some(b'.') => segment_len(bytes, at + 1).map(|n| n + 1),
            Some(b'[') => index_len(bytes, at),
            _ => None,
        };
        match step {
            Some(n) => at += n,
            None => return at,
        }
    }
}

/// Every `$…$` reference in `text`, and every look-alike that cannot be read exactly.
pub fn scan(text: &str) -> Scan {
    let bytes = text.as_bytes();
    let mut found = Scan::default();
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'$', &bytes[i..]) {
        let start = i + offset;
        i = start + 1;
        let Some(len) = key_len(bytes, start + 1) else {
            continue;
        };
        let key = Span::new(start + 1, start + 1 + len);
        let name = &text[key.range()];
        if !is_variable_name(name) {
            continue;
        }
        let end = sub_path_end(bytes, key.end);
        if bytes.get(end) == Some(&b'$') {
            found.references.push(DollarRef {
                name: name.to_string(),
                span: key,
                extent: Span::new(start, end + 1),
                sub_path: text[key.end..end].to_string(),
            });
            i = end + 1;
            continue;
        }
        // `$name` followed by text is prose ("$5 off"); `$name.`, `$name[` and a backticked
        // key promise a reference, and one that does not close is reported.
        let promised = name.starts_with('`') || matches!(bytes.get(key.end), Some(b'.' | b'['));
        if promised {
            // Show what was read up to the first space: `$order.total` of `$order.total is`.
            let read = memchr::memchr(b' ', &bytes[key.end..end]).map_or(end, |n| key.end + n);
            let stop = read.max(key.end + 1).min(bytes.len());
            found.unreadable.push(Unreadable {
                name: name.to_string(),
                span: key,
                extent: Span::new(start, stop),
            });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(text: &str) -> Vec<(String, String)> {
        scan(text)
            .references
            .into_iter()
            .map(|r| (r.name, r.sub_path))
            .collect()
    }

    fn unreadable(text: &str) -> Vec<String> {
        scan(text).unreadable.into_iter().map(|u| u.name).collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn finds_every_form() {
        let text = "$a$ $`Task_1_x`$ $b.c.d$ $`T`.e$ exists($f-g$)";
        let found = scan(text);
        let keys: Vec<_> = found
            .references
            .iter()
            .map(|r| &text[r.span.range()])
            .collect();
        assert_eq!(keys, ["a", "`Task_1_x`", "b", "`T`", "f-g"]);
        let whole: Vec<_> = found
            .references
            .iter()
            .map(|r| &text[r.extent.range()])
            .collect();
        assert_eq!(
            whole,
            ["$a$", "$`Task_1_x`$", "$b.c.d$", "$`T`.e$", "$f-g$"]
        );
        assert_eq!(
            refs(text).iter().map(|r| r.1.as_str()).collect::<Vec<_>>(),
            ["", "", ".c.d", ".e", ""]
        );
        assert!(found.unreadable.is_empty());
    }

    #[test]
    fn reads_spaced_backticked_and_indexed_sub_paths() {
        assert_eq!(
            refs("$`Task_1_connectorInputPayload`.Path parameters.model$"),
            pairs(&[("`Task_1_connectorInputPayload`", ".Path parameters.model")])
        );
        assert_eq!(
            refs("$order.`line items`$ = 1"),
            pairs(&[("order", ".`line items`")])
        );
        assert_eq!(
            refs("$order.items[0].sku-id$ and $m[12]$"),
            pairs(&[("order", ".items[0].sku-id"), ("m", "[12]")])
        );
        // Words are separated by single spaces and the reference ends at once.
        assert!(refs("$a.b and $c$").iter().all(|r| r.0 == "c"));
        assert_eq!(unreadable("$a.b and $c$"), ["a"]);
    }

    #[test]
    fn ignores_look_alikes() {
        for text in [
            "\"$schema\": \"x\"",
            "$1 Billion and $ref",
            "price: $ 5 $",
            "$$",
            "local x = $.field; ${template}",
            "$~x$ and $a b$",
        ] {
            assert_eq!(scan(text), Scan::default(), "{text}");
        }
        assert_eq!(refs("$$x$"), pairs(&[("x", "")]));
        // The path outside the dollars is plain text after a whole reference.
        assert_eq!(
            refs("$`Task_2_loopMetadata`$.current_iteration_count = 0"),
            pairs(&[("`Task_2_loopMetadata`", "")])
        );
    }

    #[test]
    fn reports_what_it_cannot_read() {
        assert_eq!(unreadable("$order.total is due"), ["order"]);
        assert_eq!(unreadable("$order.$"), ["order"]);
        assert_eq!(unreadable("$order.items[x]$"), ["order"]);
        assert_eq!(unreadable("$`Task_1_x` is"), ["`Task_1_x`"]);
        assert_eq!(unreadable("costs $5.00"), ["5"]);
        assert!(unreadable("$order is").is_empty(), "prose, not a promise");
        let text = "x $order.total is due";
        let u = &scan(text).unreadable[0];
        assert_eq!(&text[u.span.range()], "order");
        assert_eq!(&text[u.extent.range()], "$order.total");
    }

    #[test]
    fn adjacent_references() {
        assert_eq!(
            refs("$a$$b$ and $c$"),
            pairs(&[("a", ""), ("b", ""), ("c", "")])
        );
    }

    #[test]
    fn validates_names() {
        for ok in [
            "order",
            "order-items",
            "a_1",
            "`Task_1_responseBody`",
            "`CONFIG_x`",
        ] {
            assert!(is_variable_name(ok), "{ok}");
        }
        for bad in [
            "", "a b", "a.b", "a$", "`a", "``", "`a`b`", "a`", "é", "`a.b`", "\"a\"",
        ] {
            assert!(!is_variable_name(bad), "{bad}");
        }
    }
}
