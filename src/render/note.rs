//! A note from `notes/` as its own page: Markdown through pulldown-cmark,
//! then through ammonia's sanitiser. No script, event handler, `javascript:`
//! or `data:` URL survives, and images become their description (a page
//! makes no requests).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::fmt::Write;

use super::html::{CSP, GENERATOR};
use crate::text::escape::html as escape;

/// The note's title and date from its front matter, or its file name.
#[derive(Debug, Clone, Default)]
pub struct NoteMeta {
    pub title: Option<String>,
    pub date: Option<String>,
}

/// Markdown (front matter already removed) to sanitised HTML.
pub fn to_safe_html(markdown: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut in_image = false;
    let events = Parser::new_ext(markdown, options).filter_map(|event| match event {
        // An image becomes its description in brackets.
        Event::Start(Tag::Image { .. }) => {
            in_image = true;
            Some(Event::Text("[image: ".into()))
        }
        Event::End(TagEnd::Image) => {
            in_image = false;
            Some(Event::Text("]".into()))
        }
        Event::Text(text) if in_image => Some(Event::Text(text)),
        other if in_image => match other {
            Event::Code(c) => Some(Event::Text(c)),
            _ => None,
        },
        // Raw HTML is shown as text, not interpreted; the sanitiser would
        // remove what is dangerous, but showing it keeps the note honest.
        Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
        other => Some(other),
    });
    let mut unsafe_html = String::new();
    pulldown_cmark::html::push_html(&mut unsafe_html, events);
    ammonia::Builder::default()
        .rm_tags(["img"])
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .clean(&unsafe_html)
        .to_string()
}

pub fn page(customer: &str, file: &str, meta: &NoteMeta, markdown: &str) -> String {
    let title = meta
        .title
        .clone()
        .unwrap_or_else(|| file.rsplit('/').next().unwrap_or(file).to_owned());
    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n{GENERATOR}\n{CSP}\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}: {}</title>\n<style>\n{}</style>\n</head>\n<body>\n<main>\n\
         <p class=\"where\">{} · {}{}</p>\n{}</main>\n</body>\n</html>\n",
        escape(customer),
        escape(&title),
        STYLE,
        escape(customer),
        escape(file),
        meta.date
            .as_deref()
            .map(|d| format!(" · {}", escape(d)))
            .unwrap_or_default(),
        to_safe_html(markdown)
    );
    html
}

const STYLE: &str = "body { font-family: Helvetica, Arial, \"Liberation Sans\", sans-serif; font-size: 10.5pt; line-height: 1.45; color: #1c2433; background: #fff; }
main { max-width: 170mm; margin: 10mm auto; padding: 0 6mm; }
.where { color: #667; font-size: 9pt; }
h1, h2, h3 { color: #2b4a7a; line-height: 1.25; margin: 1em 0 .4em; }
table { border-collapse: collapse; margin: .6em 0; }
th, td { border: 1px solid #cbd5e0; padding: 2px 8px; text-align: left; }
a { color: #2b4a7a; }
@page { margin: 15mm; }
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_active_survives() {
        let hostile = "# Hi <script>alert(1)</script>\n\n\
            <img src=x onerror=alert(1)>\n\n\
            [click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=)\n\n\
            ![tracker](https://example.com/pixel.png)\n\n\
            <a href=\"https://example.com\" onclick=\"steal()\">ok</a>\n";
        let html = to_safe_html(hostile);
        // Every tag that is left: no handler, no script URL, nothing to load.
        let tags = html
            .split('<')
            .skip(1)
            .filter(|t| t.starts_with(|c: char| c.is_ascii_alphabetic()));
        for tag in tags {
            let tag = &tag[..tag.find('>').unwrap()];
            for bad in ["script", "img", " on", "javascript:", "data:", "src="] {
                assert!(!tag.contains(bad), "{bad} survived in <{tag}> of {html}");
            }
        }
        assert!(
            html.contains("<a rel=\"noopener noreferrer\">click</a>"),
            "{html}"
        );
        assert!(html.contains("[image: tracker]"), "{html}");
        assert!(
            html.contains("&lt;script&gt;"),
            "raw HTML is shown as text: {html}"
        );
    }

    #[test]
    fn ordinary_markdown_stays() {
        let html = to_safe_html(
            "**Actions**\n\n- Jana: calls\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[docs](https://example.com)",
        );
        assert!(html.contains("<strong>Actions</strong>"), "{html}");
        assert!(html.contains("<li>Jana: calls</li>"), "{html}");
        assert!(html.contains("<table>"), "{html}");
        assert!(
            html.contains("<a href=\"https://example.com\" rel=\"noopener noreferrer\">docs</a>"),
            "{html}"
        );
    }
}
