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

/// A decision time read as an instant, for comparing with the clock: one
/// written without an offset is taken in this computer's time zone (where
/// the person who wrote it most likely is).
pub fn instant(text: &str) -> Option<Timestamp> {
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Some(ts);
    }
    let civil: DateTime = text.parse().ok()?;
    civil
        .to_zoned(TimeZone::system())
        .ok()
        .map(|z| z.timestamp())
}

/// Now, to the minute, in this computer's time zone with its offset, as
/// decision times are written: `2026-06-03T14:00+02:00`.
pub fn now_to_the_minute() -> String {
    jiff::Zoned::now().strftime("%Y-%m-%dT%H:%M%:z").to_string()
}

/// `now_to_the_minute`, without the offset (for a log whose times have none).
pub fn now_to_the_minute_local() -> String {
    jiff::Zoned::now().strftime("%Y-%m-%dT%H:%M").to_string()
}

/// Whether a decision time carries an offset (`Z`, `+02:00`).
pub fn has_offset(text: &str) -> bool {
    text.len() > 16 && (text.ends_with('Z') || text[16..].contains(['+', '-']))
}

/// A decision time for people: `2026-06-03 at 14:00 (UTC+02:00)`.
pub fn readable_time(text: &str) -> String {
    let (Some(day), Some(clock)) = (text.get(..10), text.get(11..16)) else {
        return text.to_owned();
    };
    let rest = &text[16..];
    let (seconds, offset) = match rest.strip_prefix(':') {
        Some(r) if r.len() >= 2 => (&rest[..3], &r[2..]),
        _ => ("", rest),
    };
    let zone = match offset {
        "" => String::new(),
        "Z" => " (UTC)".to_owned(),
        offset => format!(" (UTC{offset})"),
    };
    format!("{day} at {clock}{seconds}{zone}")
}

/// What is wrong with text that should be a decision time
/// (`YYYY-MM-DDTHH:MM`, optional seconds and offset), in two parts as
/// `date_problem` gives them; `None` when it is one.
pub fn time_problem(text: &str) -> Option<(String, String)> {
    if time_shape(text) {
        if date(&text[..10]).is_some() {
            return None;
        }
        let (what, help) = date_problem(&text[..10])?;
        return Some((what, help));
    }
    let what = "is not written as YYYY-MM-DDTHH:MM".to_owned();
    // `2026-06-03 14:00`: a space where the T goes.
    let with_t = text.replacen(' ', "T", 1);
    if time_shape(&with_t) && date(&with_t[..10]).is_some() {
        return Some((what, format!("write it as {with_t}")));
    }
    if date(text).is_some() {
        return Some((
            what,
            format!(
                "add the time of day, e.g. {text}T09:00 (or {text}T09:00+02:00 with the offset)"
            ),
        ));
    }
    Some((
        what,
        "write it like 2026-06-03T14:00, or with the offset from UTC, 2026-06-03T14:00+02:00"
            .to_owned(),
    ))
}

/// The form the schema allows: `YYYY-MM-DDTHH:MM`, optional `:SS`, optional
/// `Z` or `+HH:MM`/`-HH:MM`, each number within its range.
fn time_shape(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range.clone())
            .filter(|d| d.iter().all(u8::is_ascii_digit))
            .and_then(|_| text[range].parse::<u32>().ok())
    };
    let within = |range: std::ops::Range<usize>, low: u32, high: u32| {
        digits(range).is_some_and(|n| (low..=high).contains(&n))
    };
    let base = b.len() >= 16
        && digits(0..4).is_some()
        && b[4] == b'-'
        && within(5..7, 1, 12)
        && b[7] == b'-'
        && within(8..10, 1, 31)
        && b[10] == b'T'
        && within(11..13, 0, 23)
        && b[13] == b':'
        && within(14..16, 0, 59);
    if !base {
        return false;
    }
    let mut rest = 16;
    if b.get(rest) == Some(&b':') {
        if !within(17..19, 0, 59) {
            return false;
        }
        rest = 19;
    }
    match &b[rest..] {
        [] | [b'Z'] => true,
        [sign, ..] if (*sign == b'+' || *sign == b'-') && b.len() == rest + 6 => {
            within(rest + 1..rest + 3, 0, 23)
                && b[rest + 3] == b':'
                && within(rest + 4..rest + 6, 0, 59)
        }
        _ => false,
    }
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
    fn decision_times_and_what_is_wrong_with_them() {
        for ok in [
            "2026-06-03T14:00",
            "2026-06-03T14:00:59",
            "2026-06-03T14:00Z",
            "2026-06-03T14:00+02:00",
            "2026-06-03T14:00:05-05:30",
        ] {
            assert_eq!(time_problem(ok), None, "{ok}");
        }
        let help = |t: &str| time_problem(t).map(|(what, help)| format!("{what}; {help}"));
        assert_eq!(
            help("2026-06-03 14:00").unwrap(),
            "is not written as YYYY-MM-DDTHH:MM; write it as 2026-06-03T14:00"
        );
        assert_eq!(
            help("2026-06-03").unwrap(),
            "is not written as YYYY-MM-DDTHH:MM; add the time of day, e.g. 2026-06-03T09:00 (or 2026-06-03T09:00+02:00 with the offset)"
        );
        assert_eq!(
            help("2026-06-31T10:00").unwrap(),
            "is not a real calendar date; check the day exists in that month"
        );
        for bad in [
            "2026-06-03T24:00",
            "2026-06-03T14:00+2",
            "tomorrow",
            "2026-06-03T14:00 ",
        ] {
            assert_eq!(
                help(bad).unwrap(),
                "is not written as YYYY-MM-DDTHH:MM; write it like 2026-06-03T14:00, or with the offset from UTC, 2026-06-03T14:00+02:00",
                "{bad}"
            );
        }
    }

    #[test]
    fn decision_times_for_people() {
        assert_eq!(
            readable_time("2026-06-03T14:00+02:00"),
            "2026-06-03 at 14:00 (UTC+02:00)"
        );
        assert_eq!(
            readable_time("2026-06-03T14:00:30Z"),
            "2026-06-03 at 14:00:30 (UTC)"
        );
        assert_eq!(readable_time("2026-06-03T14:00"), "2026-06-03 at 14:00");
        assert!(has_offset("2026-06-03T14:00-05:00") && has_offset("2026-06-03T14:00:00Z"));
        assert!(!has_offset("2026-06-03T14:00") && !has_offset("2026-06-03T14:00:00"));
        let now = now_to_the_minute();
        assert_eq!(time_problem(&now), None, "{now}");
        assert!(has_offset(&now));
    }

    #[test]
    fn day_counts() {
        let a = date("2026-01-01").unwrap();
        let b = date("2026-03-01").unwrap();
        assert_eq!(days_between(a, b), 59);
        assert_eq!(days_between(b, a), -59);
    }
}
