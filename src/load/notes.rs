//! Markdown notes: free text, with optional YAML front matter that is
//! validated like any document.

use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag};

use crate::load::source::SourceText;

/// The end (byte offset) of a note's YAML front matter, if it has one.
/// The front matter begins the file with `---`, so the text up to this end
/// parses as a YAML document whose positions are the note's own.
/// A byte order mark before the `---` (left by some Windows editors) is no
/// character anyone sees: the front matter still begins the file.
pub fn front_matter_end(source: &SourceText) -> Option<usize> {
    let whole = source.text();
    let text = whole.strip_prefix('\u{feff}').unwrap_or(whole);
    let skipped = whole.len() - text.len();
    let mut in_block = false;
    let mut end = None;
    let parser =
        Parser::new_ext(text, Options::ENABLE_YAML_STYLE_METADATA_BLOCKS).into_offset_iter();
    for (event, range) in parser {
        match event {
            Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)) => in_block = true,
            Event::Text(_) if in_block => end = Some(skipped + range.end),
            Event::End(_) if in_block => return Some(end.unwrap_or(skipped + range.start)),
            _ if !in_block => return None,
            _ => {}
        }
    }
    end
}

/// Where a note's Markdown body begins: after the line that closes its
/// front matter, or at the start when it has none.
pub fn body_start(source: &SourceText) -> usize {
    let text = source.text();
    match front_matter_end(source) {
        // Skip the closing `---` line of the front matter.
        Some(end) => text[end..]
            .find('\n')
            .map_or(text.len(), |newline| end + newline + 1),
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_begins_after_the_front_matter() {
        let src = SourceText::new("---\ndate: 2026-01-05\n---\n# Kick-off\n".to_owned());
        assert_eq!(&src.text()[body_start(&src)..], "# Kick-off\n");
        let src = SourceText::new("---\ntitle: x\n---".to_owned());
        assert_eq!(&src.text()[body_start(&src)..], "");
        let src = SourceText::new("# Kick-off\n".to_owned());
        assert_eq!(body_start(&src), 0);
    }

    #[test]
    fn finds_front_matter() {
        let src = SourceText::new("---\ndate: 2026-01-05\n---\n# Kick-off\n".to_owned());
        let end = front_matter_end(&src).unwrap();
        assert_eq!(&src.text()[..end], "---\ndate: 2026-01-05\n");
    }

    #[test]
    fn finds_front_matter_after_a_byte_order_mark() {
        let src = SourceText::new("\u{feff}---\ntitle: x\n---\nBody\n".to_owned());
        let end = front_matter_end(&src).unwrap();
        assert_eq!(&src.text()[..end], "\u{feff}---\ntitle: x\n");
        assert_eq!(&src.text()[body_start(&src)..], "Body\n");
    }

    #[test]
    fn no_front_matter() {
        let src = SourceText::new("# Kick-off\n\n---\n".to_owned());
        assert_eq!(front_matter_end(&src), None);
    }
}
