//! `FinancialYear`: a UK local-government financial year (1 April to 31 March), written "2016/17".

use serde::Serialize;
use std::fmt;

/// A financial year, identified by the calendar year in which it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FinancialYear {
    start: u16,
}

/// Why a financial year could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YearError {
    /// Not of the form `2016/17`.
    Format,
    /// The two halves are not consecutive years (`2016/18`).
    NotConsecutive,
    /// Outside 1900/01–2199/00.
    OutOfRange,
}

impl fmt::Display for YearError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            YearError::Format => "a financial year is written like `2016/17`",
            YearError::NotConsecutive => "the second half must be the year after the first",
            YearError::OutOfRange => "the year is outside 1900/01 to 2199/00",
        })
    }
}

impl FinancialYear {
    pub fn new(start: u16) -> Result<Self, YearError> {
        if (1900..=2199).contains(&start) {
            Ok(FinancialYear { start })
        } else {
            Err(YearError::OutOfRange)
        }
    }

    /// Accepts `2016/17`, `2016-17` and `2016/2017`.
    pub fn parse(text: &str) -> Result<Self, YearError> {
        let t = text.trim();
        let (a, b) = t
            .split_once('/')
            .or_else(|| t.split_once('-'))
            .ok_or(YearError::Format)?;
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
        if a.len() != 4 || !digits(a) || !(b.len() == 2 || b.len() == 4) || !digits(b) {
            return Err(YearError::Format);
        }
        let start: u16 = a.parse().map_err(|_| YearError::Format)?;
        let end: u16 = b.parse().map_err(|_| YearError::Format)?;
        let expected = if b.len() == 2 {
            (start + 1) % 100
        } else {
            start + 1
        };
        if end != expected {
            return Err(YearError::NotConsecutive);
        }
        FinancialYear::new(start)
    }

    pub fn start_year(self) -> u16 {
        self.start
    }

    pub fn next(self) -> FinancialYear {
        FinancialYear {
            start: self.start + 1,
        }
    }
}

impl fmt::Display for FinancialYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{:02}", self.start, (self.start + 1) % 100)
    }
}

impl Serialize for FinancialYear {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_council_form() {
        let y = FinancialYear::parse("2016/17").unwrap();
        assert_eq!(y.to_string(), "2016/17");
        assert_eq!(FinancialYear::parse("2016-17").unwrap(), y);
        assert_eq!(FinancialYear::parse("2016/2017").unwrap(), y);
        assert_eq!(y.next().to_string(), "2017/18");
        assert_eq!(
            FinancialYear::parse("1999/00").unwrap().to_string(),
            "1999/00"
        );
    }

    #[test]
    fn refuses_malformed_years() {
        assert_eq!(
            FinancialYear::parse("2016/18"),
            Err(YearError::NotConsecutive)
        );
        assert_eq!(FinancialYear::parse("2016"), Err(YearError::Format));
        assert_eq!(FinancialYear::parse("16/17"), Err(YearError::Format));
        assert_eq!(FinancialYear::parse("abcd/ef"), Err(YearError::Format));
        assert_eq!(
            FinancialYear::parse("1800/02"),
            Err(YearError::NotConsecutive)
        );
        assert_eq!(FinancialYear::parse("1800/01"), Err(YearError::OutOfRange));
        assert_eq!(FinancialYear::parse("1850/51"), Err(YearError::OutOfRange));
    }

    #[test]
    fn orders_by_start() {
        let a = FinancialYear::parse("2016/17").unwrap();
        assert!(a < a.next());
    }
}
