//! Text from the documents made safe for the formats cuc writes, one
//! escaper per format.

/// Escapes text for HTML content and double-quoted attributes.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// Escapes text so Markdown shows it literally: punctuation that could start
/// markup gets a backslash, and `<`, `>` and `&` become entities (so no HTML
/// passes through). Line breaks become spaces.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            // `:` and `@` too, so no address becomes a link by itself.
            '\\' | '`' | '*' | '_' | '[' | ']' | '{' | '}' | '(' | ')' | '#' | '+' | '-' | '.'
            | '!' | '|' | '~' | '"' | ':' | '@' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
