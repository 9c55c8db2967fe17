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

#[cfg(test)]
mod tests {
    use super::*;

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
