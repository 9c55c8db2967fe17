//! Small helpers for writing numbers and words the way people read them.

/// Digits grouped by thousands: `250000` as `250,000`. `number` is a whole
/// number, or the digits of one (the whole part, without a sign).
pub fn thousands(number: impl std::fmt::Display) -> String {
    grouped(&number.to_string(), ',')
}

/// Digits grouped in threes from the right with `separator`: `1.234.567`.
pub fn grouped(digits: &str, separator: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// `1 error`, `3 errors`: a count and its word, in the plural unless one.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_by_three_from_the_right() {
        assert_eq!(thousands("0"), "0");
        assert_eq!(thousands("999"), "999");
        assert_eq!(thousands("1000"), "1,000");
        assert_eq!(thousands("250000"), "250,000");
        assert_eq!(thousands("1000000"), "1,000,000");
    }
}
