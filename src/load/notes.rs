//! Markdown notes: free text, with optional YAML front matter that is
//! validated like any document.

use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag};

use crate::load::source::SourceText;

/// The end (byte offset) of a note's YAML front matter, if it has one.
/// The front matter begins the file with `---`, so the text up to this end
/// parses as a YAML document whose positions are the note's own.
pub fn front_matter_end(source: &SourceText) -> Option<usize> {
    let text = source.text();
    let mut in_block = false;
    let mut end = None;
    let parser =
        Parser::new_ext(text, Options::ENABLE_YAML_STYLE_METADATA_BLOCKS).into_offset_iter();
    for (event, range) in parser {
        match event {
            Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)) => in_block = true,
            Event::Text(_) if in_block => end = Some(range.end),
            Event::End(_) if in_block => return Some(end.unwrap_or(range.start)),
            _ if !in_block => return None,
            _ => {}
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_front_matter() {
        let src = SourceText::new("---\ndate: 2026-01-05\n---\n# Kick-off\n".to_owned());
        let end = front_matter_end(&src).unwrap();
        assert_eq!(&src.text()[..end], "---\ndate: 2026-01-05\n");
    }

    #[test]
    fn no_front_matter() {
        let src = SourceText::new("# Kick-off\n\n---\n".to_owned());
        assert_eq!(front_matter_end(&src), None);
    }
}
