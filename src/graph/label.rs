//! Fitting free text (display names, conditions, ids) into a few short label lines.

/// Collapses every run of whitespace and control characters (newlines, tabs, no-break
/// spaces…) into one space and trims the ends: a condition written over several lines reads
/// as one expression, and no renderer ever sees a control character.
pub fn normalize_space(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Wraps `text` (whitespace normalised) into lines of at most `width` characters, breaking at
/// spaces where it can and inside words where it must, and keeps at most `max_lines` lines;
/// when text is left over, the last line ends in `…`.
pub fn fit(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let width = width.max(2);
    let text = normalize_space(text);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_len = 0;
    for word in text.split(' ') {
        let mut word: Vec<char> = word.chars().collect();
        if current_len > 0 && current_len + 1 + word.len() <= width {
            current.push(' ');
            current.extend(&word);
            current_len += 1 + word.len();
            continue;
        }
        if current_len > 0 {
            lines.push(std::mem::take(&mut current));
        }
        while word.len() > width {
            let rest = word.split_off(width);
            lines.push(word.iter().collect());
            word = rest;
        }
        current = word.iter().collect();
        current_len = word.len();
    }
    if current_len > 0 {
        lines.push(current);
    }
    if lines.len() > max_lines.max(1) {
        lines.truncate(max_lines.max(1));
        let last = lines.last_mut().expect("at least one line");
        let mut chars: Vec<char> = last.chars().collect();
        chars.truncate(width - 1);
        while chars.last() == Some(&' ') {
            chars.pop();
        }
        *last = chars.into_iter().chain(['…']).collect();
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_whitespace() {
        assert_eq!(normalize_space("  a\n\n b\u{a0}c\t\u{1}d"), "a b c d");
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(
            fit("exists($ErrorMessage$) AND $x$ = 1", 16, 3),
            ["exists($ErrorMes", "sage$) AND $x$ =", "1"]
        );
        assert_eq!(fit("Call REST Endpoint", 12, 2), ["Call REST", "Endpoint"]);
        assert_eq!(fit("short", 40, 1), ["short"]);
        assert!(fit("", 40, 2).is_empty());
    }

    #[test]
    fn truncates_with_an_ellipsis() {
        let long =
            "$payload$ = \"{\\\"a\\\": 1, \\\"b\\\": [1, 2, 3], \\\"c\\\": {\\\"d\\\": true}}\"";
        let lines = fit(long, 20, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
        assert!(lines.iter().all(|l| l.chars().count() <= 20));
        let one = fit("one two three four five six", 9, 1);
        assert_eq!(one, ["one two…"]);
    }

    #[test]
    fn counts_characters_not_bytes() {
        assert_eq!(fit("ééééé ééééé", 5, 2), ["ééééé", "ééééé"]);
    }
}
