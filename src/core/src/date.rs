//! A tiny proleptic-Gregorian civil date: enough for PAT expiry arithmetic and the
//! date formats the token page shows (`2026/9/10`, `2026-09-10`, German `10.9.2026`).
//! No time zones: Azure DevOps shows expiry in UTC and callers pass "today" in UTC.

use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// A valid date, or `None` for e.g. 2026-02-30.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// The civil date `days` days after 1970-01-01 (negative: before).
    /// Howard Hinnant's `civil_from_days`.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097); // [0, 146096]
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
        let mp = (5 * doy + 2) / 153; // [0, 11]
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Days since 1970-01-01 (Hinnant's `days_from_civil`).
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let m = i64::from(self.month);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn add_days(self, days: i64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }

    /// Parses `YYYY/M/D`, `YYYY-MM-DD` (ISO, also with single digits) and the German
    /// `D.M.YYYY` (trailing dot tolerated). Surrounding whitespace is ignored.
    pub fn parse(text: &str) -> Option<Date> {
        let t = text.trim();
        let (parts, year_first): (Vec<&str>, bool) = if t.contains('/') {
            (t.split('/').collect(), true)
        } else if t.contains('-') {
            (t.split('-').collect(), true)
        } else if t.contains('.') {
            (t.trim_end_matches('.').split('.').collect(), false)
        } else {
            return None;
        };
        if parts.len() != 3 {
            return None;
        }
        let num = |s: &str, max_len: usize| -> Option<u32> {
            let s = s.trim();
            if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            s.parse().ok()
        };
        let (y, m, d) = if year_first {
            (num(parts[0], 4)?, num(parts[1], 2)?, num(parts[2], 2)?)
        } else {
            (num(parts[2], 4)?, num(parts[1], 2)?, num(parts[0], 2)?)
        };
        if y < 1000 {
            return None; // two-digit years are ambiguous; the page shows four digits
        }
        Date::new(y as i32, m as u8, d as u8)
    }

    /// `YYYY-MM`, as used in suggested token names.
    pub fn year_month(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

impl fmt::Display for Date {
    /// ISO `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn epoch_round_trips() {
        assert_eq!(Date::from_days_since_epoch(0), d(1970, 1, 1));
        assert_eq!(d(1970, 1, 1).days_since_epoch(), 0);
        assert_eq!(d(2000, 3, 1).days_since_epoch(), 11_017);
        assert_eq!(Date::from_days_since_epoch(-1), d(1969, 12, 31));
        for days in (-800_000..800_000).step_by(997) {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
    }

    #[test]
    fn known_dates() {
        // 2026-12-01 is 20_788 days after the epoch.
        assert_eq!(d(2026, 12, 1).days_since_epoch(), 20_788);
        assert_eq!(d(2024, 2, 29).add_days(365), d(2025, 2, 28));
        assert_eq!(d(2026, 11, 28).add_days(3), d(2026, 12, 1));
        assert_eq!(d(2026, 11, 28).add_days(-28), d(2026, 10, 31));
        assert_eq!(d(2026, 11, 28).days_until(d(2027, 11, 28)), 365);
        assert_eq!(d(2028, 1, 1).days_until(d(2027, 12, 31)), -1);
    }

    #[test]
    fn validates_calendar() {
        assert!(Date::new(2026, 2, 29).is_none());
        assert!(Date::new(2028, 2, 29).is_some());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2026, 13, 1).is_none());
        assert!(Date::new(2026, 4, 31).is_none());
        assert!(Date::new(2026, 1, 0).is_none());
    }

    #[test]
    fn parses_page_formats() {
        assert_eq!(Date::parse("2026/9/10"), Some(d(2026, 9, 10)));
        assert_eq!(Date::parse(" 2026/09/10 "), Some(d(2026, 9, 10)));
        assert_eq!(Date::parse("2026-09-10"), Some(d(2026, 9, 10)));
        assert_eq!(Date::parse("10.9.2026"), Some(d(2026, 9, 10)));
        assert_eq!(Date::parse("01.12.2026"), Some(d(2026, 12, 1)));
        assert_eq!(Date::parse("1.12.2026."), Some(d(2026, 12, 1)));
    }

    #[test]
    fn rejects_malformed_dates() {
        for bad in [
            "",
            "2026",
            "2026/9",
            "2026/9/10/1",
            "26/9/10",
            "2026/13/1",
            "2026-02-30",
            "31.4.2026",
            "10.9.26",
            "2026/x/10",
            "2026/+9/10",
            "9/10/2026",
            "2026.9.10",
            "20261/1/1",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn formats_iso_and_year_month() {
        assert_eq!(d(2026, 9, 1).to_string(), "2026-09-01");
        assert_eq!(d(2026, 9, 1).year_month(), "2026-09");
        assert!(d(2026, 9, 1) < d(2026, 10, 1));
    }
}
