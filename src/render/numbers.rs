//! Numbers as the page writes them: one format everywhere, with the
//! workspace's thousands and decimal separators (`render.locale`), and the
//! currency or unit after the amount.

use serde_json::Value;

use crate::workspace::config::Locale;

/// A number as digits with separators: `2,400,000`, `12.5` (en);
/// `2.400.000`, `12,5` (de). Never in exponent form, never rounded.
pub fn number(value: &serde_json::Number, locale: Locale) -> String {
    let text = if let Some(n) = value.as_i64() {
        n.to_string()
    } else if let Some(n) = value.as_u64() {
        n.to_string()
    } else {
        // As written (`55.0` stays `55.0`), unless written with an
        // exponent: Rust writes a float's digits without one.
        let written = value.to_string();
        if written.contains(['e', 'E']) {
            value.as_f64().map(|f| f.to_string()).unwrap_or(written)
        } else {
            written
        }
    };
    grouped(&text, locale)
}

/// An amount of money: `96,000 USD`.
pub fn money(amount: f64, currency: Option<&str>, locale: Locale) -> String {
    let digits = grouped(&amount.to_string(), locale);
    match currency {
        Some(c) => format!("{digits} {c}"),
        None => digits,
    }
}

/// A measure as written: a number formatted, text as it is.
pub fn measure(value: &Value, locale: Locale) -> Option<String> {
    match value {
        Value::Number(n) => Some(number(n, locale)),
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        _ => None,
    }
}

/// Plain decimal digits (`-1234567.5`) with the locale's separators.
fn grouped(text: &str, locale: Locale) -> String {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (whole, fraction) = rest.split_once('.').unwrap_or((rest, ""));
    let (thousands, decimal) = match locale {
        Locale::En => (',', '.'),
        Locale::De => ('.', ','),
    };
    let mut out = String::from(sign);
    out.push_str(&crate::text::words::grouped(whole, thousands));
    if !fraction.is_empty() {
        out.push(decimal);
        out.push_str(fraction);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn n(v: Value) -> serde_json::Number {
        match v {
            Value::Number(n) => n,
            _ => unreachable!(),
        }
    }

    #[test]
    fn thousands_and_decimals_by_locale() {
        assert_eq!(number(&n(json!(2400000)), Locale::En), "2,400,000");
        assert_eq!(number(&n(json!(2400000)), Locale::De), "2.400.000");
        assert_eq!(number(&n(json!(12.5)), Locale::En), "12.5");
        assert_eq!(number(&n(json!(1234.75)), Locale::De), "1.234,75");
        assert_eq!(number(&n(json!(-1500)), Locale::En), "-1,500");
        assert_eq!(number(&n(json!(999)), Locale::En), "999");
        assert_eq!(
            number(&n(json!(1e21)), Locale::En),
            "1,000,000,000,000,000,000,000"
        );
    }

    #[test]
    fn money_puts_the_currency_after_the_amount() {
        assert_eq!(money(96000.0, Some("USD"), Locale::En), "96,000 USD");
        assert_eq!(money(186000.5, Some("EUR"), Locale::De), "186.000,5 EUR");
        assert_eq!(money(0.0, None, Locale::En), "0");
    }

    #[test]
    fn text_measures_stay_as_written() {
        assert_eq!(
            measure(&json!("about half"), Locale::En).as_deref(),
            Some("about half")
        );
        assert_eq!(measure(&json!(""), Locale::En), None);
        assert_eq!(measure(&Value::Null, Locale::En), None);
    }
}
