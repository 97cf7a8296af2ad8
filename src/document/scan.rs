//! Finding the bytes that end a run of string content, eight bytes at a time.
//!
//! JSON strings are mostly plain runs between a few special bytes (the closing quote, the
//! backslash of an escape, a control character, which is an error), and the runs of escaped
//! JSON held in strings are short. These read a 64-bit word at a time (SWAR): for each byte of
//! a word, `has_zero` sets its top bit when the byte is zero, so comparing against a repeated
//! byte turns "equals" into "is zero". Bits above the first match may be false positives (a
//! borrow carries into them), so only the lowest set bit is used, and it is always exact.

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

fn has_zero(x: u64) -> u64 {
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// `has_zero` for the bytes of `word` equal to `b`.
fn has_byte(word: u64, b: u8) -> u64 {
    has_zero(word ^ u64::from_ne_bytes([b; 8]))
}

/// The eight bytes at `i`, as a little-endian word.
fn word_at(bytes: &[u8], i: usize) -> Option<u64> {
    let chunk = bytes.get(i..i + 8)?;
    Some(u64::from_le_bytes(chunk.try_into().expect("eight bytes")))
}

/// The top bit of every byte of `word` that is a quote, a backslash or a control character (the
/// lowest one exact).
fn special_bytes(word: u64) -> u64 {
    // A byte below 0x20 has none of the bits 0xE0; bytes of 0x80 and above are excluded by
    // `!word`, as in `has_zero`.
    let control = (word & u64::from_ne_bytes([0xE0; 8])).wrapping_sub(ONES) & !word & HIGHS;
    has_byte(word, b'"') | has_byte(word, b'\\') | control
}

fn is_special(b: u8) -> bool {
    b == b'"' || b == b'\\' || b < 0x20
}

/// The offset of the first byte at or after `from` that ends a run of plain string content: a
/// quote, a backslash or a control character (`bytes.len()` when there is none).
pub(crate) fn special_byte(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(word) = word_at(bytes, i) {
        let found = special_bytes(word);
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while bytes.get(i).is_some_and(|&b| !is_special(b)) {
        i += 1;
    }
    i
}

/// Appends the run of plain string content at `from` to `out`, and returns where it ends (as
/// [`special_byte`]). Words are appended whole, and the bytes from the special one on are cut
/// off again.
#[inline(always)]
pub(crate) fn copy_plain(bytes: &[u8], from: usize, out: &mut Vec<u8>) -> usize {
    let mut i = from;
    while let Some(word) = word_at(bytes, i) {
        out.extend_from_slice(&word.to_le_bytes());
        let found = special_bytes(word);
        if found != 0 {
            let n = (found.trailing_zeros() / 8) as usize;
            out.truncate(out.len() - 8 + n);
            return i + n;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i).filter(|&&b| !is_special(b)) {
        out.push(b);
        i += 1;
    }
    i
}

/// The offset of the first backslash or `quote` byte at or after `from` (`bytes.len()` when
/// there is none): where a run of the content of a string token quoted with `quote` ends, in
/// text that is not checked for control characters (JSON held in strings, either quote).
pub(crate) fn escape_or_quote(bytes: &[u8], from: usize, quote: u8) -> usize {
    let mut i = from;
    while let Some(word) = word_at(bytes, i) {
        let found = has_byte(word, b'\\') | has_byte(word, quote);
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while bytes.get(i).is_some_and(|&b| b != b'\\' && b != quote) {
        i += 1;
    }
    i
}

/// The top bit of exactly the zero bytes of `x` (no false positives, unlike `has_zero`): a
/// byte's low seven bits plus 0x7F carry into its top bit unless they are all zero, and cannot
/// carry further.
fn zero_bytes(x: u64) -> u64 {
    let low = !HIGHS;
    !(((x & low).wrapping_add(low)) | x | low)
}

/// How many bytes of `bytes` are a quote, a backslash or a control character: in the decoded
/// value of a JSON string token, exactly the bytes its two-byte escapes produced (`\"`, `\\`,
/// `\n` and the like).
pub(crate) fn count_escaped(bytes: &[u8]) -> usize {
    let mut count = 0;
    let mut words = bytes.chunks_exact(8);
    for chunk in &mut words {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let quote = zero_bytes(word ^ u64::from_ne_bytes([b'"'; 8]));
        let backslash = zero_bytes(word ^ u64::from_ne_bytes([b'\\'; 8]));
        let control = zero_bytes(word & u64::from_ne_bytes([0xE0; 8]));
        count += (quote | backslash | control).count_ones() as usize;
    }
    count + words.remainder().iter().filter(|&&b| is_special(b)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value at every position of a word, after fillers of both halves of the byte
    /// range (so that borrows and high bits are exercised), from the start and from the byte.
    fn cases(mut check: impl FnMut(&[u8], usize)) {
        for len in 1..20 {
            for at in 0..len {
                for b in 0..=255u8 {
                    for filler in [b'a', 0xC3, 0x7F, 0x20, 0x00, b'"', b'\\', b'\''] {
                        let mut bytes = vec![filler; len];
                        bytes[at] = b;
                        check(&bytes, 0);
                        check(&bytes, at);
                    }
                }
            }
        }
    }

    fn naive(bytes: &[u8], from: usize, stop: impl Fn(u8) -> bool) -> usize {
        (from..bytes.len())
            .find(|&i| stop(bytes[i]))
            .unwrap_or(bytes.len())
    }

    #[test]
    fn special_byte_and_copy_plain_stop_at_the_first_quote_backslash_or_control_character() {
        cases(|bytes, from| {
            let end = naive(bytes, from, |b| matches!(b, b'"' | b'\\' | 0..=0x1f));
            assert_eq!(special_byte(bytes, from), end, "{bytes:?} from {from}");
            let mut out = vec![b'-'];
            assert_eq!(copy_plain(bytes, from, &mut out), end);
            assert_eq!(out[1..], bytes[from..end], "{bytes:?} from {from}");
        });
    }

    #[test]
    fn count_escaped_counts_exactly_the_quotes_backslashes_and_control_characters() {
        cases(|bytes, from| {
            let naive = bytes[from..].iter().filter(|&&b| is_special(b)).count();
            assert_eq!(
                count_escaped(&bytes[from..]),
                naive,
                "{bytes:?} from {from}"
            );
        });
    }

    #[test]
    fn escape_or_quote_finds_the_first_backslash_or_quote() {
        cases(|bytes, from| {
            for quote in [b'"', b'\''] {
                let end = naive(bytes, from, |b| b == b'\\' || b == quote);
                assert_eq!(
                    escape_or_quote(bytes, from, quote),
                    end,
                    "{bytes:?} from {from}"
                );
            }
        });
    }
}
