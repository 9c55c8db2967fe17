//! Text from the documents made safe for the formats cuc writes, one
//! escaper per format.

/// Escapes text for HTML content and double-quoted attributes.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// Where in a Markdown document escaped text goes: what Markdown could
/// misread in it depends on the spot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spot {
    /// Where a line may begin: a paragraph or one of its lines, a list item
    /// after its `- `, a heading after its `#`.
    LineStart,
    /// After other text on the same line: `**Label.** text`, `a → b`.
    InLine,
    /// A table cell, or a link's text inside one.
    Cell,
}

/// Escapes text so Markdown (CommonMark, with GitHub's tables, strikethrough
/// and task lists) shows it as written, with a backslash only where Markdown
/// would otherwise read markup at that spot: `mid-market`, `2026-11-10`,
/// `v2.1` and `priya.nair@vendor.example` stay as they are, while `*b*`,
/// `[a](b)` and a `1. ` that would start a list do not.
///
/// The text becomes one line (line breaks become spaces) without the
/// spaces around it, which Markdown would not show. No HTML passes through:
/// a `<` that could open a tag, a comment or an autolink is written `&lt;`.
/// A bare address or URL may still be shown as a link by a reader that
/// links them (GitHub does); it stays the address it is.
pub fn markdown(text: &str, spot: Spot) -> String {
    let chars: Vec<char> = one_line(text).chars().collect();
    let escaped = markup(&chars, spot);
    let mut out = String::with_capacity(chars.len() + 8);
    for (&c, &escape) in chars.iter().zip(&escaped) {
        match (escape, c) {
            (true, '<') => out.push_str("&lt;"),
            (true, c) => {
                out.push('\\');
                out.push(c);
            }
            (false, c) => out.push(c),
        }
    }
    out
}

/// Text as one line: each line break a space, without the spaces around it.
pub fn one_line(text: &str) -> String {
    unbroken(text).trim().to_owned()
}

/// Each line break (`\r\n`, `\r` or `\n`) a space.
fn unbroken(text: &str) -> String {
    text.replace("\r\n", " ").replace(['\r', '\n'], " ")
}

/// Text as Markdown code (a file, a field's path), shown exactly as it is
/// but on one line: no backtick inside can end the code early, as its fence
/// is longer than any run of backticks in it. In a table cell, `|` is
/// escaped, as a cell ends at a pipe even inside code. Empty text is
/// nothing.
pub fn markdown_code(text: &str, spot: Spot) -> String {
    let text = unbroken(text);
    if text.is_empty() {
        return String::new();
    }
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    // Markdown drops one space on each side when both are there: it keeps a
    // backtick at either end from joining the fence, and spaces at both
    // ends from being dropped.
    let pad = text.starts_with('`')
        || text.ends_with('`')
        || (text.starts_with(' ') && text.ends_with(' ') && !text.trim_matches(' ').is_empty());
    let pad = if pad { " " } else { "" };
    let text = if spot == Spot::Cell {
        text.replace('|', "\\|")
    } else {
        text
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Which characters Markdown would read as markup at `spot` (every one
/// marked is ASCII punctuation, so a backslash makes it literal).
fn markup(chars: &[char], spot: Spot) -> Vec<bool> {
    let n = chars.len();
    let mut escape = vec![false; n];
    let at = |i: usize| chars.get(i).copied();
    let before = |i: usize| i.checked_sub(1).and_then(at);
    let blank = |c: Option<char>| matches!(c, Some(' ' | '\t'));
    let word = |c: Option<char>| c.is_some_and(word_char);

    let mut i = 0;
    while i < n {
        let c = chars[i];
        match c {
            // An escape of what follows, or a line break at the end of a line.
            '\\' => escape[i] = at(i + 1).is_none_or(|next| next.is_ascii_punctuation()),
            // A code span may close on any later backtick, even one cuc writes.
            '`' => escape[i] = true,
            // Emphasis, strong emphasis and strikethrough: a run of delimiters
            // can open or close unless blanks surround it. `_` cannot inside a
            // word either (`snake_case`). At either end of the text the
            // neighbour is cuc's (`**`, `“`, a line start), so the run is
            // escaped there.
            '*' | '~' | '_' => {
                let end = (i..n).find(|&j| chars[j] != c).unwrap_or(n);
                let (prev, next) = (before(i), at(end));
                let literal =
                    (blank(prev) && blank(next)) || (c == '_' && word(prev) && word(next));
                escape[i..end].fill(!literal);
                i = end;
                continue;
            }
            // Raw HTML and autolinks: a tag, comment, declaration or URL
            // begins with a letter, `/`, `!` or `?`; an address can begin
            // with other characters, but must close with a later `>`.
            '<' => {
                escape[i] = match at(i + 1) {
                    Some(next) if next.is_ascii_alphabetic() || matches!(next, '/' | '!' | '?') => {
                        true
                    }
                    Some(next) if !next.is_whitespace() => chars[i + 1..].contains(&'>'),
                    _ => false,
                }
            }
            // An entity or numeric character reference.
            '&' => escape[i] = entity_follows(&chars[i + 1..]),
            '|' => escape[i] = spot == Spot::Cell,
            _ => {}
        }
        i += 1;
    }

    brackets(chars, spot, &mut escape);
    // An image: `!` before a `[` that stayed a bracket.
    for i in 0..n.saturating_sub(1) {
        if chars[i] == '!' && chars[i + 1] == '[' && !escape[i + 1] {
            escape[i] = true;
        }
    }

    if spot != Spot::Cell {
        // A heading's closing `#`s: a run of them at the end, after a blank.
        let run = chars.iter().rev().take_while(|&&c| c == '#').count();
        if run > 0 && (run == n || before(n - run).is_some_and(char::is_whitespace)) {
            escape[n - run] = true;
        }
    }
    if spot == Spot::LineStart
        && n > 0
        && let Some(i) = block_start(chars)
    {
        escape[i] = true;
    }
    escape
}

/// Letters and digits, between which `_` is part of the word. The letters
/// that Unicode counts as symbols too (ⓐ, 🅰) are left out: Markdown sees
/// punctuation there.
fn word_char(c: char) -> bool {
    c.is_alphanumeric()
        && !('\u{2460}'..='\u{24ff}').contains(&c)
        && !('\u{1f100}'..='\u{1f1ff}').contains(&c)
}

/// Whether `&` followed by `rest` is a character reference: `&name;`,
/// `&#123;` or `&#x7b;`.
fn entity_follows(rest: &[char]) -> bool {
    let (digits, body): (fn(&char) -> bool, &[char]) = match rest {
        ['#', 'x' | 'X', body @ ..] => (char::is_ascii_hexdigit, body),
        ['#', body @ ..] => (char::is_ascii_digit, body),
        body => (char::is_ascii_alphanumeric, body),
    };
    let len = body.iter().take_while(|c| digits(c)).count();
    len > 0 && body.get(len) == Some(&';')
}

/// Links and images need brackets: a `[` and `]` that pair up are literal
/// (no link is defined for them) unless a `(` or `[` follows (an inline or
/// reference link), or the pair opens a line (a link definition, a task-list
/// box). A bracket without its pair is escaped, so text inside a link's
/// brackets cannot end the link early.
fn brackets(chars: &[char], spot: Spot, escape: &mut [bool]) {
    let mut open = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '[' => open.push(i),
            ']' => match open.pop() {
                Some(start) => {
                    let link = matches!(chars.get(i + 1), Some('(' | '['))
                        || (start == 0 && spot == Spot::LineStart);
                    escape[start] = link;
                    escape[i] = link;
                }
                None => escape[i] = true,
            },
            _ => {}
        }
    }
    for start in open {
        escape[start] = true;
    }
}

/// The character to escape when the text, at the start of a line, would
/// begin a block: a heading, a quote, a list item, a rule, a setext
/// underline or a table's delimiter row.
fn block_start(chars: &[char]) -> Option<usize> {
    // Readers differ on which spaces end a marker (a vertical tab does for
    // pulldown-cmark), so any space counts.
    let blank_or_end = |c: Option<&char>| c.is_none_or(|c| c.is_whitespace());
    match chars[0] {
        '#' => {
            let run = chars.iter().take_while(|&&c| c == '#').count();
            if run <= 6 && blank_or_end(chars.get(run)) {
                return Some(0);
            }
        }
        '>' => return Some(0),
        '-' | '+' | '*' if blank_or_end(chars.get(1)) => return Some(0),
        '0'..='9' => {
            let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits <= 9
                && matches!(chars.get(digits), Some('.' | ')'))
                && blank_or_end(chars.get(digits + 1))
            {
                return Some(digits);
            }
        }
        _ => {}
    }
    let rule = chars
        .iter()
        .all(|&c| matches!(c, '-' | '=' | '_' | '*' | '|' | ':' | '+') || c.is_whitespace())
        && chars.iter().any(|c| matches!(c, '-' | '=' | '_' | '*'));
    rule.then_some(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use pulldown_cmark::{Options, Parser};

    /// What cuc's readers use: CommonMark with tables, and GitHub's set
    /// (cuc's own note pages read notes with it, and pull requests show the
    /// diff with it).
    fn readers() -> [Options; 2] {
        [
            Options::ENABLE_TABLES,
            Options::ENABLE_TABLES
                | Options::ENABLE_STRIKETHROUGH
                | Options::ENABLE_TASKLISTS
                | Options::ENABLE_FOOTNOTES,
        ]
    }

    fn to_html(markdown: &str, options: Options) -> String {
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, Parser::new_ext(markdown, options));
        html
    }

    /// What a reader should show for `text`: one line, as `markdown` writes
    /// it.
    fn shown(text: &str) -> String {
        one_line(text)
    }

    /// The spots cuc writes text into, each as a document around `{}`.
    const CONTEXTS: &[(Spot, &str)] = &[
        (Spot::LineStart, "{}\n"),
        (Spot::LineStart, "- {}\n"),
        (Spot::LineStart, "# {}\n"),
        (Spot::LineStart, "#### {}\n"),
        (Spot::LineStart, "x\n{}\n"),
        (Spot::LineStart, "x  \n{}  \ny\n"),
        (Spot::LineStart, "- a\n- {}\n"),
        (Spot::LineStart, "- a\n\n  {}\n"),
        (Spot::InLine, "x {} y\n"),
        (Spot::InLine, "**{}**\n"),
        (Spot::InLine, "**Label.** {}\n"),
        (Spot::InLine, "- **{}** ({})\n"),
        (Spot::InLine, "x ~~{}~~ y\n"),
        (Spot::InLine, "- a: “{}”\n"),
        (Spot::InLine, "# x {}\n"),
        (Spot::InLine, "_from {} · y_\n"),
        (Spot::Cell, "| h | h |\n|---|---|\n| {} | x |\n"),
        (Spot::Cell, "| h | h |\n|---|---|\n| x | {} |\n"),
        (Spot::Cell, "| h |\n|---|\n| [{}](https://example.com/) |\n"),
    ];

    /// Reads `text` escaped at each spot back through the readers, and
    /// compares with the same document holding a plain word in its place.
    fn reads_back(text: &str) -> Result<(), TestCaseError> {
        let expected = shown(text);
        for &(spot, _) in CONTEXTS {
            let escaped = markdown(text, spot);
            prop_assert!(!escaped.contains('\n'), "{escaped:?}");
        }
        each_spot_reads_as(
            text,
            CONTEXTS,
            |spot| markdown(text, spot),
            "zqzq",
            &expected,
        )
    }

    /// The spots cuc writes code into.
    const CODE_CONTEXTS: &[(Spot, &str)] = &[
        (Spot::LineStart, "{}\n"),
        (Spot::LineStart, "{} (new)\n"),
        (Spot::InLine, "- **changed** {}: a → b\n"),
        (Spot::Cell, "| h | h |\n|---|---|\n| x ({}; y) | x |\n"),
    ];

    /// Reads `text` written as code back through the readers: one code span
    /// holding the text as it is (on one line).
    fn code_reads_back(text: &str) -> Result<(), TestCaseError> {
        let shown = unbroken(text);
        each_spot_reads_as(
            text,
            CODE_CONTEXTS,
            |spot| markdown_code(text, spot),
            "`zqzq`",
            &shown,
        )
    }

    /// `written(spot)` at each of `contexts`, read by every reader, must give
    /// the page that `placeholder` there gives with `shown` in its place.
    fn each_spot_reads_as(
        text: &str,
        contexts: &[(Spot, &str)],
        written: impl Fn(Spot) -> String,
        placeholder: &str,
        shown: &str,
    ) -> Result<(), TestCaseError> {
        let mut body = String::new();
        let _ = pulldown_cmark_escape::escape_html_body_text(&mut body, shown);
        for &(spot, context) in contexts {
            let written = written(spot);
            for options in readers() {
                let page = to_html(&context.replace("{}", &written), options);
                let expected = to_html(&context.replace("{}", placeholder), options);
                prop_assert_eq!(
                    &page,
                    &expected.replace("zqzq", &body),
                    "{:?} at {:?} in {:?}, written {:?}",
                    text,
                    spot,
                    context,
                    written
                );
            }
        }
        Ok(())
    }

    /// Pieces of text Markdown cares about, to build strings from.
    fn piece() -> impl Strategy<Value = String> {
        let fragments: &[&str] = &[
            "&amp;",
            "&#35;",
            "&#x41;",
            "&copy;",
            "&copy",
            "&#;",
            "http://a.example",
            "www.b.example",
            "a@b.example",
            "<a>",
            "<a href=x>",
            "</b>",
            "<!--",
            "-->",
            "<?",
            "?>",
            "<![CDATA[",
            "<div",
            "<script",
            "1.",
            "1)",
            "123456789.",
            "1234567890.",
            "- ",
            "+ ",
            "* ",
            "# ",
            "###### ",
            "####### ",
            "> ",
            "```",
            "~~~",
            "    ",
            "|",
            "---",
            "===",
            "- - -",
            "[ ]",
            "[x]",
            "](",
            "![",
            "[^1]",
            "[^1]:",
            "**",
            "__",
            "~~",
            "\\",
            "\\\\",
            " \\",
            ":-:",
            "|-|",
            "snake_case",
            "a_b",
            "_a_",
            "*a*",
            "`a`",
            "[a](b)",
            "[a]: b",
            "<a@b.c>",
            "<http://x>",
            "2026-11-10",
            "mid-market",
        ];
        prop_oneof![
            4 => proptest::char::range(' ', '~').prop_map(String::from),
            2 => proptest::sample::select(fragments).prop_map(str::to_owned),
            1 => proptest::sample::select(
                &[
                    "\t", "\n", "\r", "\r\n", " ", "  ", "é", "“", "”", "★", "\u{a0}", "\u{3000}",
                    "Ⓐ", "🅰", "½", "日", "\u{2028}", "\u{0}", "\u{b}", "\u{c}", "\u{85}", "ß",
                ][..]
            )
            .prop_map(str::to_owned),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn escaped_text_reads_back_as_written(pieces in proptest::collection::vec(piece(), 1..12)) {
            let text = pieces.concat();
            prop_assume!(!shown(&text).is_empty());
            reads_back(&text)?;
        }

        #[test]
        fn any_text_reads_back_as_written(text in "(?s).{1,16}") {
            prop_assume!(!shown(&text).is_empty());
            reads_back(&text)?;
        }

        #[test]
        fn code_reads_back_as_written(pieces in proptest::collection::vec(piece(), 1..8)) {
            code_reads_back(&pieces.concat())?;
        }
    }

    #[test]
    fn code_fences_outrun_the_backticks_inside() {
        assert_eq!(markdown_code("x", Spot::InLine), "`x`");
        assert_eq!(markdown_code("a`b", Spot::InLine), "``a`b``");
        assert_eq!(markdown_code("`a``", Spot::InLine), "``` `a`` ```");
        assert_eq!(markdown_code(" a ", Spot::InLine), "`  a  `");
        assert_eq!(markdown_code("a|b", Spot::Cell), "`a\\|b`");
        assert_eq!(markdown_code("a|b", Spot::InLine), "`a|b`");
        assert_eq!(markdown_code("", Spot::InLine), "");
    }

    #[test]
    fn ordinary_writing_keeps_no_backslash() {
        for text in [
            "mid-market",
            "2026-11-10",
            "priya.nair@vendor.example",
            "https://vendor.example/freight/rates?lane=US-MX&mode=ftl",
            "www.vendor.example",
            "v2.1",
            "Q3/Q4",
            "1,200.50",
            "240,000 USD",
            "3.5%",
            "-5% on the lane",
            "+2 points",
            "e-mail",
            "cost-to-serve 10% by 2027",
            "snake_case_name",
            "Ruth's credibility with the CFO",
            "\"Every load goes to the best carrier\" (Ruth Delgado, 2025-10-02)",
            "enterprise, industrial manufacturing (US) · Customer success: mei.lin@vendor.example",
            "Shared understanding as of 2026-11-20 · version sha256:17cf02727696",
            "61.4 → 54.2 → 55.0 USD per ton (100%)",
            "sc-1 and sc-3",
            "A + B",
            "5 * 3 = 15",
            "x < y and y > z",
            "churn <5%",
            "R&D",
            "AT&T",
            "C:\\Users\\maria",
            "Done!",
            "See the [draft] note",
            "#1 priority",
            "status in_progress",
            "Q4 2026: go-live",
            "Oracle EBS; MuleSoft only.",
            "50/50",
            "1 more mitigated or closed.",
        ] {
            for spot in [Spot::LineStart, Spot::InLine, Spot::Cell] {
                assert_eq!(markdown(text, spot), text, "{spot:?}");
            }
        }
    }

    #[test]
    fn markup_is_escaped_where_it_would_be_read() {
        for (text, spot, escaped) in [
            ("*b*", Spot::InLine, "\\*b\\*"),
            ("_b_", Spot::InLine, "\\_b\\_"),
            ("a*b*c", Spot::InLine, "a\\*b\\*c"),
            (
                "[a](javascript:alert(1))",
                Spot::InLine,
                "\\[a\\](javascript:alert(1))",
            ),
            ("![a](b)", Spot::InLine, "!\\[a\\](b)"),
            (
                "<script>x</script>",
                Spot::InLine,
                "&lt;script>x&lt;/script>",
            ),
            (
                "<https://x.example>",
                Spot::InLine,
                "&lt;https://x.example>",
            ),
            ("a|b", Spot::Cell, "a\\|b"),
            ("a|b", Spot::InLine, "a|b"),
            ("`code`", Spot::InLine, "\\`code\\`"),
            ("&copy;", Spot::InLine, "\\&copy;"),
            ("- item", Spot::LineStart, "\\- item"),
            ("- item", Spot::InLine, "- item"),
            ("1. first", Spot::LineStart, "1\\. first"),
            ("2026) next", Spot::LineStart, "2026\\) next"),
            ("# title", Spot::LineStart, "\\# title"),
            ("> quoted", Spot::LineStart, "\\> quoted"),
            ("[ ] open", Spot::LineStart, "\\[ \\] open"),
            ("---", Spot::LineStart, "\\---"),
            ("===", Spot::LineStart, "\\==="),
            ("Acme #", Spot::LineStart, "Acme \\#"),
            ("ends with \\", Spot::InLine, "ends with \\\\"),
            ("  two\nlines  ", Spot::InLine, "two lines"),
        ] {
            assert_eq!(markdown(text, spot), escaped, "{text:?} at {spot:?}");
        }
    }
}
