//! The portfolio index of `cuc render --all`: one row per customer with the
//! `cuc status` columns, each linking to the customer's page.

use std::fmt::Write;

use super::html::{CSP, GENERATOR};
use crate::judge::summary::{Summary, days_from_today, money, totals};
use crate::text::escape::html as escape;
use crate::text::words::plural;

/// `pages` says which customers have a page (their documents validated).
pub fn render(
    rows: &[Summary],
    has_page: impl Fn(&str) -> bool,
    today: jiff::civil::Date,
    pages: &str,
) -> String {
    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n{GENERATOR}\n{CSP}\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Customer understanding: the portfolio</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n\
         <h1>Customer understanding</h1>\n<p class=\"meta\">{} as of {today}, those needing attention first</p>\n\
         <table>\n<thead><tr><th>Customer</th><th>Freshness</th><th>Renewal</th><th>ARR</th><th>Last review</th>\
         <th>Next milestone</th><th>Open high risks</th><th>Sign-off</th><th>Findings</th><th>Last changed</th></tr></thead>\n<tbody>\n",
        plural(rows.len(), "customer"),
    );
    for row in rows {
        let name = row.name.as_deref().unwrap_or(&row.id);
        let customer = if has_page(&row.id) {
            format!(
                "<a href=\"{}\">{}</a><div class=\"id\">{}</div>",
                escape(&super::url_segment(&super::page_file(&row.id, pages))),
                escape(name),
                escape(&row.id)
            )
        } else {
            format!(
                "{}<div class=\"id\">no page: the documents have errors; run <code>cuc validate customers/{}</code></div>",
                escape(name),
                escape(&row.id)
            )
        };
        let renewal = match row.renewal_in_days {
            Some(d) => days_from_today(d),
            None => "—".to_owned(),
        };
        let arr = row
            .arr
            .map(|a| money(a, row.currency.as_deref()))
            .unwrap_or_else(|| shown_unknown(row, "arr", "—"));
        let last = row
            .last_review_label()
            .unwrap_or_else(|| shown_unknown(row, "last_review", "never"));
        let next = row
            .next_milestone_label()
            .unwrap_or_else(|| shown_unknown(row, "next_milestone", "—"));
        let renewal = if row.renewal_in_days.is_none() {
            shown_unknown(row, "renewal_in_days", &renewal)
        } else {
            renewal
        };
        let risks = row.open_high_risks.map_or_else(
            || shown_unknown(row, "open_high_risks", "—"),
            |n| n.to_string(),
        );
        let signoff = row
            .signoff
            .map_or_else(|| shown_unknown(row, "signoff", "—"), str::to_owned);
        let unknown = row.unknown_lines();
        let customer = if unknown.is_empty() {
            customer
        } else {
            format!(
                "{customer}<div class=\"id\">{}</div>",
                unknown
                    .iter()
                    .map(|l| escape(l))
                    .collect::<Vec<_>>()
                    .join("<br>")
            )
        };
        let changed = row.last_changed_day().unwrap_or_else(|| "—".to_owned());
        let _ = writeln!(
            html,
            "<tr><td>{customer}</td><td><span class=\"f {}\">{}</span></td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td>\
             <td class=\"num\">{}</td><td>{}</td><td>{}, {}</td><td>{}</td></tr>",
            row.freshness,
            row.freshness,
            escape(&renewal),
            escape(&arr),
            escape(&last),
            escape(&next),
            escape(&risks),
            escape(&signoff),
            plural(row.errors, "error"),
            plural(row.warnings, "warning"),
            escape(&changed),
        );
    }
    html.push_str("</tbody>\n</table>\n");
    for line in totals(rows) {
        let _ = writeln!(html, "<p class=\"total\">{}</p>", escape(&line));
    }
    html.push_str("<p class=\"meta\">Rendered by cuc render --all. Freshness and sign-off as in <code>cuc status</code>.</p>\n</main>\n</body>\n</html>\n");
    html
}

/// "unknown" for a field whose part of the documents has an error, else
/// what the index shows for an absent value.
fn shown_unknown(row: &Summary, field: &str, absent: &str) -> String {
    if row.unknown(field).is_some() {
        "unknown".to_owned()
    } else {
        absent.to_owned()
    }
}

const STYLE: &str = "body { font-family: Helvetica, Arial, \"Liberation Sans\", sans-serif; font-size: 10pt; color: #1c2433; background: #fff; }
main { margin: 8mm; }
h1 { color: #2b4a7a; font-size: 16pt; }
.meta, .id { color: #667; font-size: 8.5pt; }
table { border-collapse: collapse; width: 100%; margin-top: 4mm; }
th { text-align: left; font-size: 8.5pt; color: #556; border-bottom: 1px solid #a0aec0; padding: 4px 8px 4px 0; }
td { vertical-align: top; border-bottom: 1px solid #e2e8f0; padding: 4px 8px 4px 0; }
td.num { text-align: right; }
.f { font-weight: 700; } .f.stale { color: #c53030; } .f.warn { color: #c05621; } .f.ok { color: #2f855a; }
a { color: #2b4a7a; font-weight: 700; }
.total { margin: 1mm 0; }
";

/// The index as Markdown, for `render --all --format markdown`.
pub fn markdown(
    rows: &[Summary],
    has_page: impl Fn(&str) -> bool,
    today: jiff::civil::Date,
) -> String {
    use super::markdown::GENERATOR as MD_GENERATOR;
    use crate::text::escape::{Spot, markdown as md_escape, markdown_code};
    let md = |text: &str| md_escape(text, Spot::Cell);
    let mut text = format!(
        "{MD_GENERATOR}\n# Customer understanding\n\n{} as of {today}, those needing attention first.\n\n\
         | Customer | Freshness | Renewal in days | ARR | Last review | Next milestone | Open high risks | Sign-off | Errors | Warnings |\n\
         |---|---|---|---|---|---|---|---|---|---|\n",
        plural(rows.len(), "customer")
    );
    for row in rows {
        let name = md(row.name.as_deref().unwrap_or(&row.id));
        let customer = if has_page(&row.id) {
            format!(
                "[{name}]({})",
                super::url_segment(&super::page_file(&row.id, "md"))
            )
        } else {
            let unknown = row.unknown_lines();
            let unknown = if unknown.is_empty() {
                String::new()
            } else {
                format!("; {}", md(&unknown.join("; ")))
            };
            format!(
                "{name} ({}; no page: the documents have errors, see {}{unknown})",
                markdown_code(&row.id, Spot::Cell),
                markdown_code(&format!("cuc validate customers/{}", row.id), Spot::Cell)
            )
        };
        let _ = writeln!(
            text,
            "| {customer} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            row.freshness,
            row.renewal_in_days.map_or_else(
                || shown_unknown(row, "renewal_in_days", ""),
                |d| d.to_string()
            ),
            md(&row
                .arr
                .map(|a| money(a, row.currency.as_deref()))
                .unwrap_or_else(|| shown_unknown(row, "arr", ""))),
            md(&row
                .last_review_label()
                .unwrap_or_else(|| shown_unknown(row, "last_review", ""))),
            md(&row.next_milestone_label().unwrap_or_else(|| shown_unknown(
                row,
                "next_milestone",
                ""
            ))),
            row.open_high_risks.map_or_else(
                || shown_unknown(row, "open_high_risks", ""),
                |n| n.to_string()
            ),
            row.signoff
                .map_or_else(|| shown_unknown(row, "signoff", ""), str::to_owned),
            row.errors,
            row.warnings,
        );
    }
    text.push('\n');
    for line in totals(rows) {
        let _ = writeln!(text, "{}  ", md_escape(&line, Spot::LineStart));
    }
    text
}
