//! Times in the store: Unix seconds (UTC). Dates stated by sources are kept as given and, when
//! they are ISO 8601 (what the feed loader writes), also as seconds for sorting.

/// Seconds since the Unix epoch, now.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

/// `2026-12-01 08:00 UTC`.
pub fn format_utc(secs: i64) -> String {
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60
    )
}

/// Seconds of an ISO 8601 date or date-time (`2026-12-01`, `2026-12-01T08:00:00Z`,
/// `2026-12-01T10:00:00+02:00`); `None` for anything else.
pub fn parse_iso(s: &str) -> Option<i64> {
    let s = s.trim();
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if s.get(4..5)? != "-"
        || s.get(7..8)? != "-"
        || !(1..=12).contains(&m)
        || !(1..=31).contains(&d)
    {
        return None;
    }
    let mut secs = days_from_civil(y, m, d) * 86_400;
    let rest = &s[10..];
    if rest.is_empty() {
        return Some(secs);
    }
    let t = rest.strip_prefix(['T', ' '])?;
    let part = |r: std::ops::Range<usize>| t.get(r)?.parse::<i64>().ok();
    let (h, min) = (part(0..2)?, part(3..5)?);
    let sec = if t.get(5..6) == Some(":") {
        part(6..8)?
    } else {
        0
    };
    secs += h * 3600 + min * 60 + sec;
    let zone = t.find(['Z', '+', '-']).map(|p| &t[p..]).unwrap_or("");
    if let Some(sign) = zone.chars().next().filter(|c| matches!(c, '+' | '-')) {
        let zh: i64 = zone.get(1..3)?.parse().ok()?;
        let zm: i64 = zone
            .get(4..6)
            .or_else(|| zone.get(3..5))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let offset = zh * 3600 + zm * 60;
        secs += if sign == '+' { -offset } else { offset };
    }
    Some(secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates() {
        assert_eq!(parse_iso("1970-01-01"), Some(0));
        assert_eq!(parse_iso("2026-12-01T08:00:00Z"), Some(1_796_112_000));
        assert_eq!(parse_iso("2026-12-01T10:00:00+02:00"), Some(1_796_112_000));
        assert_eq!(parse_iso("Tue, 01 Dec 2026"), None);
        assert_eq!(parse_iso("2026-13-01"), None);
        assert_eq!(format_utc(1_796_112_000), "2026-12-01 08:00 UTC");
        assert_eq!(format_utc(0), "1970-01-01 00:00 UTC");
    }
}
