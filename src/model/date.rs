//! `Date`: a calendar date from the input (meeting dates, approvals). Never the clock.

use serde::Serialize;
use std::fmt;

/// A calendar date written `YYYY-MM-DD` in YAML and "14 November 2016" in print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The name of month `m` (1–12): `April`.
pub fn month_name(m: u32) -> &'static str {
    MONTHS[(m as usize).saturating_sub(1) % 12]
}

/// A month as a table prints it: (month 1–12, the full year if written). Reads `Apr`,
/// `April`, `Apr-18`, `Apr 2018`; `None` for anything else (`Ap`, `Apr-1`, `Total`). The
/// rule that a table's months follow one another is `rules::calendar::months`.
pub fn month(s: &str) -> Option<(u32, Option<u32>)> {
    let t = s.trim().to_ascii_lowercase();
    let split = t
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(t.len());
    let (name, rest) = t.split_at(split);
    if name.len() < 3 {
        return None;
    }
    let month = MONTHS
        .iter()
        .position(|m| m.to_ascii_lowercase().starts_with(name))? as u32
        + 1;
    let rest = rest.trim_start_matches([' ', '-', '\'', '/']);
    if rest.is_empty() {
        return Some((month, None));
    }
    if !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year = match rest.len() {
        2 => 2000 + rest.parse::<u32>().ok()?,
        4 => rest.parse().ok()?,
        _ => return None,
    };
    Some((month, Some(year)))
}

impl Date {
    /// Parses an ISO date (`2016-11-14`), checking the day exists.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        // `u16::from_str` also takes a sign: `2016-+1-14` is not a date.
        if !text.trim().bytes().all(|b| b.is_ascii_digit() || b == b'-') {
            return None;
        }
        let year: u16 = y.parse().ok()?;
        let month: u8 = m.parse().ok()?;
        let day: u8 = d.parse().ok()?;
        if !(1900..=2199).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// "14 November 2016", the way council papers print dates.
    pub fn long(&self) -> String {
        format!(
            "{} {} {}",
            self.day,
            MONTHS[usize::from(self.month - 1)],
            self.year
        )
    }

    /// "2016-11-14".
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.long())
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_dates_only() {
        assert_eq!(
            Date::parse("2016-11-14").unwrap().long(),
            "14 November 2016"
        );
        assert!(Date::parse("2016-02-29").is_some());
        assert!(Date::parse("2017-02-29").is_none());
        assert!(Date::parse("2016-13-01").is_none());
        assert!(Date::parse("14/11/2016").is_none());
        assert!(Date::parse("2016-11-14-1").is_none());
    }

    #[test]
    fn date_with_signed_month_or_day_is_refused() {
        // `u16::from_str` took `+1` as month 1 (see `date_parse_accepts_only_iso_dates`).
        assert!(Date::parse("2016-+1-14").is_none());
        assert!(Date::parse("2016-11-+4").is_none());
        assert!(Date::parse("+016-11-14").is_none());
    }
}
