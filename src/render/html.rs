//! The page as one self-contained HTML file: inline CSS, inline SVG, no
//! script, no fonts, images or requests (a Content-Security-Policy says so to
//! the browser too). Every string from the documents is escaped here.

use std::fmt::Write;

use super::Paper;
use super::fit;
use super::page::{Page, SignState};
use super::svg;
use crate::model::Stakeholder;
use crate::model::fields::Section;

/// Marks a file as written by `cuc render`, so a later render may replace it
/// and never replaces anything else.
pub const GENERATOR: &str = "<meta name=\"generator\" content=\"cuc render\">";

/// The policy every page carries: nothing may load or run; only the inline
/// styles apply.
pub const CSP: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">";

use crate::text::escape::html as escape;

pub fn render(page: &Page, paper: Paper) -> String {
    let mut html = String::with_capacity(24 * 1024);
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n{GENERATOR}\n{CSP}\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}: shared understanding{}</title>\n<style>\n{}</style>\n</head>\n<body>\n<main class=\"sheet{}\" data-estimated-mm=\"{:.1}\">\n",
        escape(&page.name),
        if page.internal() { " (internal)" } else { "" },
        stylesheet(paper, page.internal()),
        if page.internal() {
            " internal-page"
        } else {
            ""
        },
        fit::estimate(page).total(),
    );
    header(&mut html, page);
    context(&mut html, page);
    criteria(&mut html, page);
    let mut blocks = stakeholders(page);
    let mut sections: [String; 4] = Default::default();
    constraints(&mut sections[0], page);
    scope(&mut sections[1], page);
    commitments(&mut sections[2], page);
    decisions(&mut sections[3], page);
    let [constraints, scope, promises, decided] = sections;
    blocks.push(constraints);
    blocks.extend(risks(page));
    blocks.extend([scope, promises, decided]);
    let (starts, _) = fit::arrange(&fit::block_heights(page));
    html.push_str("<div class=\"cols\">\n");
    for (k, start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(blocks.len());
        html.push_str("<div>\n");
        for block in &blocks[*start..end] {
            html.push_str(block);
        }
        html.push_str("</div>\n");
    }
    html.push_str("</div>\n");
    timeline(&mut html, page);
    signoff(&mut html, page);
    footer(&mut html, page);
    html.push_str("</main>\n</body>\n</html>\n");
    html
}

/// Escaped text with each date (`2026-12-01`) kept on one line: a date
/// broken at its hyphen reads as two numbers.
fn nowrap_dates(escaped: &str) -> String {
    let bytes = escaped.as_bytes();
    let is_date = |at: usize| {
        bytes.len() >= at + 10
            && bytes[at..at + 10].iter().enumerate().all(|(k, b)| match k {
                4 | 7 => *b == b'-',
                _ => b.is_ascii_digit(),
            })
            && (at == 0 || !bytes[at - 1].is_ascii_digit())
            && bytes.get(at + 10).is_none_or(|b| !b.is_ascii_digit())
    };
    let mut out = String::with_capacity(escaped.len());
    let mut k = 0;
    while k < escaped.len() {
        if is_date(k) {
            out.push_str("<span class=\"nw\">");
            out.push_str(&escaped[k..k + 10]);
            out.push_str("</span>");
            k += 10;
        } else {
            let c = escaped[k..]
                .chars()
                .next()
                .expect("k is on a char boundary");
            out.push(c);
            k += c.len_utf8();
        }
    }
    out
}

/// The internal page's mark on what the customer's page leaves out.
const TAG: &str = "<span class=\"tag\">internal</span>";

fn tag(on: bool) -> &'static str {
    if on { TAG } else { "" }
}

/// The workspace's own fields an item fills in, as one small line.
fn details(
    page: &Page,
    section: Section,
    values: &serde_json::Map<String, serde_json::Value>,
) -> String {
    details_line(page, &page.details(section, values))
}

fn details_line(page: &Page, details: &[crate::render::page::Detail]) -> String {
    if details.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = details
        .iter()
        .map(|d| {
            format!(
                "<b>{}:</b> {}{}",
                escape(&d.label),
                nowrap_dates(&escape(&d.value)),
                tag(page.internal() && d.internal)
            )
        })
        .collect();
    format!("<div class=\"small\">{}</div>", parts.join(" · "))
}

fn header(html: &mut String, page: &Page) {
    let parts: Vec<String> = fit::header_parts(page)
        .iter()
        .map(|p| format!("<span class=\"nw\">{}</span>", escape(p)))
        .collect();
    let _ = write!(
        html,
        "<header>\n<h1>{}</h1>\n<p class=\"sub\">{}{}</p>\n{}<p class=\"meta\">{}</p>\n</header>\n",
        escape(&page.name),
        parts.join(" · "),
        tag(page.section_internal("contract")),
        details_line(page, &page.facts),
        escape(&fit::meta_line(page)),
    );
}

fn context(html: &mut String, page: &Page) {
    if page.context.is_empty() && page.initiatives.is_empty() {
        return;
    }
    let _ = write!(
        html,
        "<section>\n<h2>Why they bought{}</h2>\n<div class=\"context\">\n",
        tag(page.section_internal("business_context"))
    );
    for prose in &page.context {
        let _ = writeln!(
            html,
            "<div><h3>{}</h3><p>{}</p></div>",
            prose.label,
            escape(&prose.text)
        );
    }
    if !page.initiatives.is_empty() {
        let names: Vec<String> = page
            .initiatives
            .iter()
            .map(|i| format!("{}{}", escape(&i.text), tag(i.internal && page.internal())))
            .collect();
        let _ = writeln!(
            html,
            "<div><h3>Their initiatives</h3><p>{}</p></div>",
            names.join(" · ")
        );
    }
    html.push_str("</div>\n</section>\n");
}

fn criteria(html: &mut String, page: &Page) {
    if page.withholds("success_criteria") {
        return;
    }
    html.push_str("<section>\n<h2>How success is measured</h2>\n");
    if page.criteria.is_empty() {
        html.push_str(
            "<p class=\"gap\">No success criteria yet. How will they measure success?</p>\n</section>\n",
        );
        return;
    }
    let _ = write!(
        html,
        "<table class=\"criteria\">\n<colgroup><col style=\"width:{}mm\"><col><col style=\"width:{}mm\"><col style=\"width:{}mm\"><col style=\"width:{}mm\"></colgroup>\n\
         <thead><tr><th title=\"non-negotiable\">★</th><th>Outcome and how it is measured (★ non-negotiable)</th><th>By</th><th>Status</th><th>Baseline → now → target</th></tr></thead>\n<tbody>\n",
        fit::CRITERIA_STAR_MM,
        fit::CRITERIA_BY_MM,
        fit::CRITERIA_STATUS_MM,
        fit::CRITERIA_PROGRESS_MM
    );
    for c in &page.criteria {
        let star = if c.non_negotiable.unwrap_or(false) {
            "<span title=\"non-negotiable\">★</span>"
        } else {
            ""
        };
        let metric = c
            .metric
            .as_deref()
            .map(|m| format!(" <span class=\"small\">{}</span>", escape(m)))
            .unwrap_or_default();
        let status = c.status.as_deref().unwrap_or("not set");
        let _ = writeln!(
            html,
            "<tr><td class=\"star\">{star}</td><td><strong>{}</strong>{metric}{}{}</td><td class=\"nw\">{}</td>\
             <td><span class=\"status {}\">{}</span></td><td><div class=\"progress\">{}<span class=\"small\">{}</span></div></td></tr>",
            escape(&c.outcome),
            tag(page.internal() && crate::model::is_internal(&c.visibility)),
            details(page, Section::SuccessCriteria, &c.extra),
            escape(c.by.as_deref().unwrap_or("")),
            svg::status_class(c.status.as_deref()),
            escape(&status.replace('_', " ")),
            svg::bar(c),
            escape(&fit::criterion_numbers(c, page.locale)),
        );
    }
    html.push_str("</tbody>\n</table>\n</section>\n");
}

fn role_label(role: &str) -> String {
    let mut label = role.replace('_', " ");
    if let Some(first) = label.get(..1) {
        label = first.to_uppercase() + &label[1..];
    }
    label
}

fn person(html: &mut String, page: &Page, s: &Stakeholder) {
    html.push_str("<li>");
    if let Some(sentiment) = &s.sentiment {
        let _ = write!(
            html,
            "<span class=\"dot {}\" title=\"{}\"></span>",
            escape(sentiment),
            escape(sentiment),
        );
    }
    let _ = write!(html, "<strong>{}</strong>", escape(&s.name));
    if let Some(title) = &s.title {
        let _ = write!(html, ", {}", escape(title));
    }
    html.push_str(tag(
        page.internal() && crate::model::is_internal(&s.visibility)
    ));
    if let Some(also) = fit::person_meta(s) {
        let _ = write!(
            html,
            "<div class=\"small\">{}{}</div>",
            nowrap_dates(&escape(&also)),
            tag(s.last_contact.is_some() && page.marks("stakeholders.last_contact"))
        );
    }
    html.push_str(&details(page, Section::Stakeholders, &s.extra));
    if let Some(d) = &s.definition_of_success {
        let _ = write!(html, "<div class=\"quote\">“{}”</div>", escape(d));
    }
    html.push_str("</li>\n");
}

/// Who matters, as blocks: the heading with the first group, then each
/// further group (and our team), so a long list can go on in the next column.
fn stakeholders(page: &Page) -> Vec<String> {
    if page.withholds("stakeholders") && page.our_team.is_empty() {
        return vec![String::new()];
    }
    let sentiments = page
        .stakeholder_groups
        .iter()
        .flat_map(|(_, g)| g.iter())
        .chain(page.our_team.iter())
        .any(|s| s.sentiment.is_some());
    let mut heading = String::from("<h2>Who matters");
    if sentiments {
        let _ = write!(
            heading,
            " <span class=\"key\"><span class=\"dot supporter\"></span>supporter <span class=\"dot neutral\"></span>neutral <span class=\"dot skeptic\"></span>skeptic</span>{}",
            tag(page.marks("stakeholders.sentiment"))
        );
    }
    heading.push_str("</h2>\n");
    let mut groups: Vec<String> = Vec::new();
    for (role, group) in &page.stakeholder_groups {
        let label = if *role == "other" {
            "Also involved".to_owned()
        } else {
            role_label(role)
        };
        let mut html = format!(
            "<h3>{label}{}</h3>\n<ul class=\"people\">\n",
            tag(page.marks(&format!("stakeholders.roles.{role}")))
        );
        for s in group {
            person(&mut html, page, s);
        }
        html.push_str("</ul>\n");
        groups.push(html);
    }
    if !page.our_team.is_empty() {
        let mut html = String::from("<h3>Our team</h3>\n<ul class=\"people\">\n");
        for s in &page.our_team {
            person(&mut html, page, s);
        }
        html.push_str("</ul>\n");
        groups.push(html);
    }
    let mut blocks = Vec::new();
    if page.stakeholder_groups.is_empty() && !page.withholds("stakeholders") {
        blocks.push(format!(
            "<section>\n{heading}<p class=\"gap\">No one on the customer's side is named yet.</p>\n</section>\n"
        ));
    } else {
        blocks.push(format!(
            "<section>\n{heading}{}</section>\n",
            groups.remove(0)
        ));
    }
    for group in groups {
        blocks.push(format!("<section class=\"more\">\n{group}</section>\n"));
    }
    blocks
}

fn constraints(html: &mut String, page: &Page) {
    if page.constraints.is_empty() {
        return;
    }
    let _ = write!(
        html,
        "<section>\n<h2>What they work within{}</h2>\n<ul class=\"plain\">\n",
        tag(page.section_internal("constraints"))
    );
    for (label, items) in &page.constraints {
        for (k, item) in items.iter().enumerate() {
            let mark = tag(item.internal && page.internal());
            if k == 0 {
                let _ = writeln!(
                    html,
                    "<li><b>{label}:</b> {}{mark}</li>",
                    escape(&item.text)
                );
            } else {
                let _ = writeln!(html, "<li>{}{mark}</li>", escape(&item.text));
            }
        }
    }
    html.push_str("</ul>\n</section>\n");
}

/// Open risks, one block each: the heading with the first, so a long list
/// can go on in the next column.
fn risks(page: &Page) -> Vec<String> {
    if page.withholds("risks") {
        return vec![String::new()];
    }
    let mut blocks: Vec<String> = page
        .risks
        .iter()
        .map(|r| {
            let mut html = format!(
                "<li class=\"{}\"><strong>{}</strong>{}<div class=\"small\">{}</div>",
                escape(r.impact.as_deref().unwrap_or("unknown")),
                escape(&r.what),
                tag(page.internal() && crate::model::is_internal(&r.visibility)),
                escape(&fit::risk_meta(r))
            );
            html.push_str(&details(page, Section::Risks, &r.extra));
            if let Some(p) = &r.pull_the_plug {
                let _ = write!(
                    html,
                    "<div class=\"small\"><b>Would make them quit:</b> {}{}</div>",
                    escape(p),
                    tag(page.marks("risks.pull_the_plug"))
                );
            }
            if let Some(m) = &r.mitigation {
                let _ = write!(
                    html,
                    "<div class=\"small\"><b>Mitigation:</b> {}{}</div>",
                    escape(m),
                    tag(page.marks("risks.mitigation"))
                );
            }
            html.push_str("</li>\n");
            format!("<ul class=\"risks\">\n{html}</ul>\n")
        })
        .collect();
    if blocks.is_empty() {
        blocks.push("<p class=\"muted\">No open risks.</p>\n".to_owned());
    }
    if page.settled_risks > 0 {
        let last = blocks.last_mut().expect("one block at least");
        let _ = writeln!(
            last,
            "<p class=\"small muted\">{} more mitigated or closed</p>",
            page.settled_risks
        );
    }
    blocks
        .into_iter()
        .enumerate()
        .map(|(k, block)| {
            let heading = if k == 0 { "<h2>Open risks</h2>\n" } else { "" };
            let class = if k == 0 { "" } else { " class=\"more\"" };
            format!("<section{class}>\n{heading}{block}</section>\n")
        })
        .collect()
}

fn scope(html: &mut String, page: &Page) {
    if page.withholds("scope") {
        return;
    }
    let _ = write!(
        html,
        "<section>\n<h2>Scope{}</h2>\n",
        tag(page.section_internal("scope"))
    );
    if page.scope_in.is_empty() && page.scope_out.is_empty() {
        html.push_str("<p class=\"gap\">Scope is not written down yet.</p>\n");
    }
    for (label, items, class) in [
        ("In scope", &page.scope_in, "in"),
        ("Not in scope", &page.scope_out, "out"),
    ] {
        if items.is_empty() {
            continue;
        }
        let _ = write!(html, "<h3>{label}</h3>\n<ul class=\"scope {class}\">\n");
        for item in items {
            let _ = writeln!(
                html,
                "<li>{}{}</li>",
                escape(&item.text),
                tag(item.internal && page.internal())
            );
        }
        html.push_str("</ul>\n");
    }
    html.push_str("</section>\n");
}

fn commitments(html: &mut String, page: &Page) {
    if page.commitments.is_empty() {
        return;
    }
    html.push_str("<section>\n<h2>What we promised</h2>\n<ul class=\"promises\">\n");
    for c in &page.commitments {
        let class = c.status.as_deref().unwrap_or("planned");
        let _ = writeln!(
            html,
            "<li class=\"{}\">{}{}<div class=\"small\">{}{}</div>{}</li>",
            escape(class),
            escape(&c.what),
            tag(page.internal() && crate::model::is_internal(&c.visibility)),
            nowrap_dates(&escape(&fit::commitment_meta(page, c))),
            tag(c.confirmed_with_product.is_some()
                && page.marks("commitments.confirmed_with_product")),
            details(page, Section::Commitments, &c.extra),
        );
    }
    html.push_str("</ul>\n</section>\n");
}

fn decisions(html: &mut String, page: &Page) {
    if page.decisions.is_empty() {
        return;
    }
    html.push_str("<section>\n<h2>What we decided</h2>\n<ul class=\"plain\">\n");
    for d in &page.decisions {
        let _ = write!(
            html,
            "<li>{}{}<div class=\"small\">{}</div>",
            escape(&d.decision),
            tag(page.internal() && crate::model::is_internal(&d.visibility)),
            nowrap_dates(&escape(&fit::decision_meta(d))),
        );
        if let Some(context) = &d.context {
            let _ = write!(
                html,
                "<div class=\"small\"><b>Context:</b> {}{}</div>",
                escape(context),
                tag(page.marks("decisions.context"))
            );
        }
        html.push_str(&details(page, Section::Decisions, &d.extra));
        html.push_str("</li>\n");
    }
    html.push_str("</ul>\n</section>\n");
}

fn timeline(html: &mut String, page: &Page) {
    if page.timeline.is_none() {
        return;
    }
    let _ = write!(
        html,
        "<section>\n<h2>Milestones</h2>\n{}\n",
        svg::timeline(page)
    );
    let lines: Vec<(String, bool, String)> = page
        .milestones
        .iter()
        .filter_map(|m| {
            fit::milestone_line(m).map(|line| {
                (
                    line,
                    page.internal() && crate::model::is_internal(&m.milestone.visibility),
                    details(page, Section::Milestones, &m.milestone.extra),
                )
            })
        })
        .collect();
    if !lines.is_empty() {
        html.push_str("<ul class=\"plain milestones\">\n");
        for (line, internal, details) in lines {
            let _ = writeln!(
                html,
                "<li>{}{}{details}</li>",
                nowrap_dates(&escape(&line)),
                tag(internal)
            );
        }
        html.push_str("</ul>\n");
    }
    html.push_str("</section>\n");
}

fn signoff(html: &mut String, page: &Page) {
    let contact = escape(&page.cs);
    let _ = write!(
        html,
        "<section class=\"ask\">\n<p><strong>Is this right? What did we miss?</strong> \
         Tell {contact} what is wrong or missing. We correct this page and share it again; then your sponsors sign below.</p>\n</section>\n\
         <section class=\"signatures\">\n<div class=\"signoff\">\n"
    );
    for line in &page.signoff {
        let role = role_label(line.role);
        let (name, title) = match &line.name {
            Some(name) => (
                format!("<div class=\"name\">{}</div>", escape(name)),
                line.title
                    .as_deref()
                    .map(|t| format!("<div class=\"small\">{}</div>", escape(t)))
                    .unwrap_or_default(),
            ),
            None => (
                format!(
                    "<div class=\"name gap\">No {} named yet</div>",
                    escape(&role.to_lowercase())
                ),
                String::new(),
            ),
        };
        let (state, caption) = match &line.state {
            SignState::Open => (String::new(), "Signature and date"),
            SignState::Current { date } => (
                format!(
                    "<div class=\"state signed\">✓ Signed {} (this version)</div>",
                    escape(date)
                ),
                "",
            ),
            SignState::Outdated { date, code } => (
                format!(
                    "<div class=\"state outdated\">Signed {} an earlier version ({}): please sign again</div>",
                    escape(date),
                    escape(code)
                ),
                "Signature and date",
            ),
            SignState::Unverified { date } => (
                format!(
                    "<div class=\"state outdated\">Signed {}, version unknown: please sign again</div>",
                    escape(date)
                ),
                "Signature and date",
            ),
        };
        let _ = writeln!(
            html,
            "<div class=\"sign\"><div class=\"role\">{role}</div>{name}{title}{state}<div class=\"line\"></div><div class=\"caption\">{caption}</div></div>"
        );
    }
    html.push_str("</div>\n");
    for since in &page.since_signed {
        let _ = write!(
            html,
            "<div class=\"since\"><p><b>{}</b></p>\n<ul class=\"plain\">\n",
            nowrap_dates(&escape(&fit::since_signed_heading(page, since)))
        );
        for item in fit::since_signed_items(page, since) {
            let _ = writeln!(html, "<li>{}</li>", escape(&item));
        }
        html.push_str("</ul></div>\n");
    }
    html.push_str("</section>\n");
}

fn footer(html: &mut String, page: &Page) {
    html.push_str("<footer>\n");
    if page.overfull {
        html.push_str(
            "<p class=\"left-out\"><b>This page is fuller than cuc can check:</b> print it and look at the bottom.</p>\n",
        );
    }
    if !page.left_out.is_empty() {
        let _ = writeln!(
            html,
            "<p class=\"left-out\">{}</p>",
            escape(&fit::left_out_line(page))
        );
    }
    if page.shortened {
        let _ = writeln!(html, "<p>{}</p>", escape(&fit::shortened_line(page)));
    }
    if !page.notes.is_empty() {
        html.push_str("<p><b>Notes:</b> ");
        for (k, note) in page.notes.iter().enumerate() {
            if k > 0 {
                html.push_str(" · ");
            }
            let text = match &note.date {
                Some(d) => format!("{} ({d})", note.title),
                None => note.title.clone(),
            };
            match &note.href {
                Some(href) => {
                    let _ = write!(html, "<a href=\"{}\">{}</a>", escape(href), escape(&text));
                }
                None => html.push_str(&escape(&text)),
            }
        }
        html.push_str("</p>\n");
    }
    let _ = writeln!(
        html,
        "<p class=\"fine\">{}</p>\n</footer>",
        escape(&fit::colophon(page))
    );
}

/// The stylesheet, written from the geometry the fitting estimate uses.
pub fn stylesheet(paper: Paper, internal: bool) -> String {
    let size = match paper {
        Paper::Auto => "",
        Paper::A4 => "size: A4; ",
        Paper::Letter => "size: letter; ",
    };
    format!(
        "@page {{ {size}margin: {margin}mm; }}
* {{ box-sizing: border-box; margin: 0; padding: 0; }}
html {{ font-family: Helvetica, Arial, \"Liberation Sans\", \"DejaVu Sans\", sans-serif; font-size: {body}pt; line-height: {line}; color: #1c2433; }}
body {{ background: #eef1f5; }}
.sheet {{ width: {width}mm; margin: 0 auto; background: #fff; }}
@media screen {{ body {{ padding: 8mm 0; }} .sheet {{ width: {sheet}mm; padding: {margin}mm; box-shadow: 0 1px 6px rgba(0,0,0,.15); }} }}
@media print {{ body {{ background: none; }} .sheet {{ width: auto; }} }}
h1 {{ font-size: {title}pt; line-height: {line}; font-weight: 700; }}
.sub, .meta, .small, .legend, footer, .quote, h3, .role, .state, .ask {{ font-size: {small}pt; line-height: {line}; }}
.sub {{ color: #334; }} .meta {{ color: #667; }}
header {{ padding-bottom: 1.4mm; border-bottom: 0.4mm solid #2b4a7a; margin-bottom: 1.6mm; }}
h2 {{ height: {heading}mm; padding-top: 1.8mm; font-size: {body}pt; line-height: {line}; font-weight: 700; text-transform: uppercase; letter-spacing: .03em; color: #2b4a7a; overflow: hidden; }}
h3 {{ font-weight: 700; color: #445; }}
.context {{ display: grid; grid-template-columns: 1fr 1fr; column-gap: {gap}mm; }}
.context > div {{ padding-bottom: {item}mm; }}
table.criteria {{ width: 100%; border-collapse: collapse; table-layout: fixed; }}
.criteria th {{ font-size: {small}pt; line-height: {line}; text-align: left; color: #556; font-weight: 600; border-bottom: 0.2mm solid #ccd; padding-bottom: 0.6mm; }}
.criteria td {{ vertical-align: top; padding: 0.7mm 1.5mm 0.7mm 0; border-bottom: 0.2mm solid #e4e7ec; }}
.criteria td.star {{ color: #b7791f; }}
.legend {{ color: #667; }}
svg.bar {{ display: inline-block; vertical-align: middle; width: {bar}mm; height: 2.6mm; margin-right: 1.5mm; }}
.criteria .progress {{ display: flex; align-items: flex-start; }} .criteria .progress svg {{ flex: none; margin-top: 0.3mm; }}
.nw {{ white-space: nowrap; }}
.tag {{ display: inline-block; margin-left: 1mm; padding: 0 0.8mm; font-size: 5.5pt; line-height: 1.3; font-weight: 700; font-style: normal; text-transform: uppercase; letter-spacing: .04em; color: #9b2c2c; border: 0.2mm solid #9b2c2c; border-radius: 0.6mm; vertical-align: 0.2mm; }}
.internal-page header {{ border-bottom-color: #9b2c2c; }} .internal-page .meta {{ color: #9b2c2c; font-weight: 700; }}
.since {{ margin-top: 1.5mm; font-size: {small}pt; line-height: {line}; }}
ul.milestones li {{ font-size: {small}pt; margin-bottom: 0; }}
footer .fine {{ font-size: 5.5pt; color: #778; }}
h2 .key {{ font-size: 6pt; font-weight: 400; text-transform: none; letter-spacing: 0; color: #667; margin-left: 1.5mm; }}
h2 .key .dot {{ width: 1.6mm; height: 1.6mm; margin: 0 0.6mm 0 1mm; }}
.bar .track {{ fill: #e3e7ee; }} .bar .tick {{ fill: #1c2433; }}
.fill.good {{ fill: #2f855a; }} .fill.warn {{ fill: #c05621; }} .fill.bad {{ fill: #c53030; }} .fill.none {{ fill: #718096; }}
.status {{ font-weight: 600; }} .status.good {{ color: #2f855a; }} .status.warn {{ color: #c05621; }} .status.bad {{ color: #c53030; }}
.cols {{ display: grid; grid-template-columns: 1fr 1fr 1fr; column-gap: {gap}mm; }}
ul {{ list-style: none; }}
ul.plain li, ul.scope li, ul.promises li, ul.risks li {{ padding-left: 3mm; position: relative; margin-bottom: {item}mm; }}
ul.scope li {{ margin-bottom: 0; }}
ul.plain li::before, ul.scope.in li::before, ul.promises li::before {{ content: \"•\"; position: absolute; left: 0.5mm; color: #2b4a7a; }}
ul.scope.out li::before {{ content: \"✕\"; position: absolute; left: 0; color: #c53030; font-size: {small}pt; }}
ul.scope.out li {{ color: #445; }}
ul.risks li {{ border-left: 0.8mm solid #cbd5e0; padding-left: 2.2mm; }}
ul.risks li.high {{ border-left-color: #c53030; }} ul.risks li.medium {{ border-left-color: #dd6b20; }}
ul.promises li.delivered, ul.promises li.dropped {{ color: #667; }}
ul.people li {{ margin-bottom: {item}mm; }}
.quote {{ color: #556; font-style: italic; padding-left: 3mm; }}
.dot {{ display: inline-block; width: 2mm; height: 2mm; border-radius: 50%; margin-right: 1mm; background: #a0aec0; }}
{dots}.muted, .gap {{ color: #667; }} .gap {{ font-style: italic; }}
svg.timeline {{ display: block; width: 100%; height: {timeline}mm; }}
.timeline .axis {{ stroke: #a0aec0; stroke-width: 2; }}
.timeline .m {{ stroke-width: 3; }} .timeline .done {{ fill: #2f855a; stroke: #2f855a; }}
.timeline .ahead {{ fill: #fff; stroke: #2b4a7a; }} .timeline .overdue {{ fill: #fff; stroke: #c53030; }}
.timeline text {{ text-anchor: middle; font-family: inherit; }}
.timeline .label {{ font-size: 17px; font-weight: 700; fill: #1c2433; }}
.timeline .date {{ font-size: 15px; fill: #556; }}
.timeline .today {{ stroke: #c53030; stroke-width: 3; }} .timeline .today-label {{ font-size: 15px; fill: #c53030; font-weight: 700; }}
.ask {{ height: {ask}mm; margin-top: {ask_top}mm; padding: 1.2mm 3mm; background: #ebf4ff; border-left: 1mm solid #2b4a7a; overflow: hidden; }}
.ask strong {{ font-size: 8.5pt; }}
.signatures {{ margin-top: 2mm; }}
.signoff {{ display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 2mm {gap}mm; }}
.sign {{ height: {sign}mm; border: 0.3mm solid #cbd5e0; border-radius: 1mm; padding: 1.2mm 2mm; position: relative; overflow: hidden; }}
.sign .role {{ text-transform: uppercase; letter-spacing: .03em; color: #2b4a7a; font-weight: 700; }}
.sign .name {{ font-weight: 700; }}
.sign .line {{ position: absolute; left: 2mm; right: 2mm; bottom: 4.4mm; border-bottom: 0.3mm solid #1c2433; }}
.sign .caption {{ position: absolute; left: 2mm; right: 2mm; bottom: 1.0mm; font-size: 6.5pt; line-height: 1.2; color: #778; }}
.sign .state.signed {{ color: #2f855a; font-weight: 700; }} .sign .state.outdated {{ color: #c05621; font-weight: 700; }}
footer {{ margin-top: 2mm; padding-top: 1mm; border-top: 0.2mm solid #cbd5e0; color: #556; }}
a {{ color: #2b4a7a; }}
",
        margin = fit::MARGIN_MM,
        width = fit::PAGE_WIDTH_MM,
        sheet = fit::PAGE_WIDTH_MM + 2.0 * fit::MARGIN_MM,
        body = fit::BODY_PT,
        small = fit::SMALL_PT,
        title = fit::TITLE_PT,
        line = fit::LINE,
        heading = fit::HEADING_MM,
        gap = fit::COLUMN_GAP_MM,
        item = fit::ITEM_GAP_MM,
        timeline = fit::TIMELINE_MM,
        ask = fit::ASK_MM,
        ask_top = fit::ASK_TOP_MM,
        sign = fit::SIGN_BOX_MM,
        bar = fit::BAR_MM,
        // Sentiments are ours: their colours are not even named on the
        // customer's page.
        dots = if internal {
            ".dot.supporter { background: #2f855a; } .dot.neutral { background: #d69e2e; } .dot.skeptic { background: #c53030; }\n"
        } else {
            ""
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_stay_on_one_line() {
        assert_eq!(
            nowrap_dates("due 2026-12-01 · promised on 2026-08-12 · 12026-01-011"),
            "due <span class=\"nw\">2026-12-01</span> · promised on <span class=\"nw\">2026-08-12</span> · 12026-01-011"
        );
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("</title><script>alert(\"x\")</script> & more"),
            "&lt;/title&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more"
        );
    }
}
