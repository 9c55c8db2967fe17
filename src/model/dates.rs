//! Dates, times and durations as the documents write them.

use jiff::civil::{Date, DateTime};
use jiff::{Timestamp, tz::TimeZone};

/// A `YYYY-MM-DD` date (the schema has checked the form).
pub fn date(text: &str) -> Option<Date> {
    text.parse().ok()
}

/// A decision time: `YYYY-MM-DDTHH:MM`, optional seconds, optional offset.
/// Times without an offset are taken as UTC, so two such times compare as
/// written.
pub fn time(text: &str) -> Option<Timestamp> {
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Some(ts);
    }
    let civil: DateTime = text.parse().ok()?;
    civil.to_zoned(TimeZone::UTC).ok().map(|z| z.timestamp())
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: Date, to: Date) -> i64 {
    from.until((jiff::Unit::Day, to))
        .map_or(0, |span| i64::from(span.get_days()))
}

/// Hours from one time to another.
pub fn hours_between(from: Timestamp, to: Timestamp) -> f64 {
    to.duration_since(from).as_secs_f64() / 3600.0
}

/// A duration in days, written like `90d` or `12w`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Days(pub i64);

impl Days {
    pub fn parse(text: &str) -> Option<Days> {
        let text = text.trim();
        let (number, unit) = text.split_at(text.len().checked_sub(1)?);
        let n: i64 = number.parse().ok()?;
        match unit {
            "d" => Some(Days(n)),
            "w" => n.checked_mul(7).map(Days),
            _ => None,
        }
    }
}

impl std::fmt::Display for Days {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} days", self.0)
    }
}

/// `date` plus `days`, saturating at the ends of the calendar.
pub fn add_days(date: Date, days: i64) -> Date {
    jiff::Span::new()
        .try_days(days)
        .ok()
        .and_then(|span| date.checked_add(span).ok())
        .unwrap_or(if days < 0 { Date::MIN } else { Date::MAX })
}

/// What is wrong with text that should be a `YYYY-MM-DD` date, in two
/// parts: what it is ("is not a real calendar date", "is not written as
/// YYYY-MM-DD") and what to write instead. `None` when it is a date.
pub fn date_problem(text: &str) -> Option<(String, String)> {
    let shape_ok = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if shape_ok {
        if date(text).is_some() {
            return None;
        }
        let number = |range: std::ops::Range<usize>| text[range].parse::<i8>().unwrap_or(0);
        let (month, day) = (number(5..7), number(8..10));
        let help = if !(1..=12).contains(&month) {
            // `2026-30-11`: day and month the other way round.
            let year = text[0..4].parse::<i16>().unwrap_or(0);
            match Date::new(year, day, month).ok() {
                Some(swapped) => format!(
                    "there is no month {month}; if the day and month are the other way round, write {swapped}"
                ),
                None => format!("there is no month {month}: write the month as 01 to 12"),
            }
        } else {
            "check the day exists in that month".to_owned()
        };
        return Some(("is not a real calendar date".to_owned(), help));
    }
    // `20260630`: the same digits without their dashes.
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        let dashed = format!("{}-{}-{}", &text[..4], &text[4..6], &text[6..]);
        if date(&dashed).is_some() {
            return Some((
                "is not written as YYYY-MM-DD".to_owned(),
                format!("write it as {dashed}"),
            ));
        }
    }
    let what = "is not written as YYYY-MM-DD".to_owned();
    let help = match other_form(text).as_slice() {
        [one] => format!("write it as {one}"),
        [day_first, month_first] => {
            format!("write {month_first} if the month comes first, or {day_first} if the day does")
        }
        _ => "write dates as YYYY-MM-DD, e.g. 2026-03-01".to_owned(),
    };
    Some((what, help))
}

/// The real dates a date written in another common form can mean:
/// `2027/01/31`, or day and month around a four-digit year at the end
/// (`01/31/2027`, `31.01.2027`): one when only one reading is a real date,
/// two (day first, then month first) when both are.
fn other_form(text: &str) -> Vec<Date> {
    let parts: Vec<&str> = text.split(['/', '.', '-']).collect();
    let numbers: Option<Vec<i16>> = parts.iter().map(|p| p.parse().ok()).collect();
    let (Some(numbers), 3) = (numbers, parts.len()) else {
        return Vec::new();
    };
    let make =
        |y: i16, m: i16, d: i16| Date::new(y, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok();
    if parts[0].len() == 4 {
        return make(numbers[0], numbers[1], numbers[2])
            .into_iter()
            .collect();
    }
    if parts[2].len() != 4 {
        return Vec::new();
    }
    let day_first = make(numbers[2], numbers[1], numbers[0]);
    let month_first = make(numbers[2], numbers[0], numbers[1]);
    match (day_first, month_first) {
        (Some(a), Some(b)) if a == b => vec![a],
        (a, b) => a.into_iter().chain(b).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_other_forms_are_read_back_as_yyyy_mm_dd() {
        let help = |t: &str| date_problem(t).map(|(_, help)| help);
        assert_eq!(help("2027-01-31"), None);
        assert_eq!(help("01/31/2027").unwrap(), "write it as 2027-01-31");
        assert_eq!(help("31.01.2027").unwrap(), "write it as 2027-01-31");
        assert_eq!(help("2027/01/31").unwrap(), "write it as 2027-01-31");
        assert_eq!(
            help("02/03/2027").unwrap(),
            "write 2027-02-03 if the month comes first, or 2027-03-02 if the day does"
        );
        assert_eq!(help("05/05/2027").unwrap(), "write it as 2027-05-05");
        assert_eq!(
            help("next week").unwrap(),
            "write dates as YYYY-MM-DD, e.g. 2026-03-01"
        );
        assert_eq!(
            date_problem("2026-02-30").unwrap(),
            (
                "is not a real calendar date".to_owned(),
                "check the day exists in that month".to_owned()
            )
        );
        assert_eq!(
            help("2026-30-11").unwrap(),
            "there is no month 30; if the day and month are the other way round, write 2026-11-30"
        );
        assert_eq!(
            help("2027-00-01").unwrap(),
            "there is no month 0: write the month as 01 to 12"
        );
        assert_eq!(help("20260630").unwrap(), "write it as 2026-06-30");
    }

    #[test]
    fn durations() {
        assert_eq!(Days::parse("90d"), Some(Days(90)));
        assert_eq!(Days::parse("12w"), Some(Days(84)));
        assert_eq!(Days::parse("3m"), None);
    }

    #[test]
    fn times_with_and_without_offsets() {
        let a = time("2026-03-04T10:30").unwrap();
        let b = time("2026-03-04T12:30+01:00").unwrap();
        assert_eq!(hours_between(a, b), 1.0);
        assert!(time("2026-03-04T10:30:15Z").is_some());
    }

    #[test]
    fn day_counts() {
        let a = date("2026-01-01").unwrap();
        let b = date("2026-03-01").unwrap();
        assert_eq!(days_between(a, b), 59);
        assert_eq!(days_between(b, a), -59);
    }
}
