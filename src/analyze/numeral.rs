//! Numbers as headings and enumerations write them: Chinese numerals (一 … 九百九十九),
//! Arabic digits (ASCII or full-width) and circled numbers (① … ㊿).
//!
//! What must stay true: parsing never panics and never overflows, whatever the input
//! (`（99999999999）` is simply not a number here), and rendering a parsed value gives
//! back the canonical spelling (`十一`, never `一十一`).

/// The largest Chinese numeral understood: headings and lists never go past hundreds.
pub const MAX_HAN: u32 = 999;

/// Whether `c` can be part of a Chinese numeral.
pub fn is_han_digit(c: char) -> bool {
    han_digit(c).is_some() || matches!(c, '十' | '百' | '零' | '〇')
}

fn han_digit(c: char) -> Option<u32> {
    let d = match c {
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    };
    Some(d)
}

/// The value of a whole Chinese numeral from 1 to [`MAX_HAN`]: `三` 3, `十` 10,
/// `十二` 12, `二十` 20, `九十九` 99, `百` and `一百` 100, `一百零五` 105, `三百二十` 320.
///
/// The grammar is `[[D]百] [零D | [D]十] [D]` with `D` one of 一 … 九. Strings of digits
/// without units (`一一`, `二〇二三`), a lone `零`, and units out of order (`十百`) are
/// not numerals: `None`.
pub fn parse_han(s: &str) -> Option<u32> {
    let mut rest = s;
    let mut value = 0;
    if let Some((d, tail)) = with_unit(rest, '百') {
        value += d * 100;
        rest = tail;
        // `一百零五`: the zero stands for the missing tens and one digit must follow.
        if let Some(tail) = rest.strip_prefix(['零', '〇']) {
            return Some(value + single_digit(tail)?);
        }
    }
    if let Some((d, tail)) = with_unit(rest, '十') {
        value += d * 10;
        rest = tail;
    }
    if !rest.is_empty() {
        value += single_digit(rest)?;
    }
    (value > 0).then_some(value)
}

/// `[D]unit` at the start of `s`: the digit (1 when absent, as in `十二`) and the rest.
fn with_unit(s: &str, unit: char) -> Option<(u32, &str)> {
    let mut chars = s.chars();
    let first = chars.next()?;
    if first == unit {
        return Some((1, chars.as_str()));
    }
    let d = han_digit(first)?;
    chars.as_str().strip_prefix(unit).map(|tail| (d, tail))
}

/// The value of `s` if it is exactly one digit 一 … 九.
fn single_digit(s: &str) -> Option<u32> {
    let mut chars = s.chars();
    let d = han_digit(chars.next()?)?;
    chars.next().is_none().then_some(d)
}

/// The canonical Chinese numeral of `n` (1 to [`MAX_HAN`]); other values in Arabic
/// digits, so a message never shows nonsense.
pub fn han(n: u32) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let digit = |d: u32| DIGITS.get(d as usize).copied().unwrap_or("");
    if n == 0 || n > MAX_HAN {
        return n.to_string();
    }
    let (hundreds, tens, ones) = (n / 100, n / 10 % 10, n % 10);
    let mut out = String::new();
    if hundreds > 0 {
        out.push_str(digit(hundreds));
        out.push('百');
        if tens == 0 && ones > 0 {
            out.push('零');
        }
    }
    if tens > 0 {
        // `十二`, but `一百一十二`.
        if tens > 1 || hundreds > 0 {
            out.push_str(digit(tens));
        }
        out.push('十');
    }
    out.push_str(digit(ones));
    out
}

/// The value of a run of Arabic digits (ASCII or full-width), if it is at most `max`
/// and has no leading zero.
pub fn parse_arabic(s: &str, max: u32) -> Option<u32> {
    let mut value: u32 = 0;
    for (i, c) in s.chars().enumerate() {
        let d = arabic_digit(c)?;
        if i == 0 && d == 0 {
            return None;
        }
        value = value.checked_mul(10)?.checked_add(d)?;
        if value > max {
            return None;
        }
    }
    (value > 0).then_some(value)
}

/// The value of an ASCII or full-width digit.
pub fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// The value of a circled number: ① … ⑳, ㉑ … ㉟, ㊱ … ㊿.
pub fn parse_circled(c: char) -> Option<u32> {
    let n = match c {
        '\u{2460}'..='\u{2473}' => c as u32 - 0x2460 + 1,
        '\u{3251}'..='\u{325F}' => c as u32 - 0x3251 + 21,
        '\u{32B1}'..='\u{32BF}' => c as u32 - 0x32B1 + 36,
        _ => return None,
    };
    Some(n)
}

/// The circled form of `n` (1 to 50), or `n` in parentheses beyond.
pub fn circled(n: u32) -> String {
    let code = match n {
        1..=20 => 0x2460 + n - 1,
        21..=35 => 0x3251 + n - 21,
        36..=50 => 0x32B1 + n - 36,
        _ => return format!("（{n}）"),
    };
    char::from_u32(code).map_or_else(|| format!("（{n}）"), String::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One line a case: text, value.
    #[test]
    fn han_numerals() {
        let cases: &[(&str, Option<u32>)] = &[
            ("一", Some(1)),
            ("九", Some(9)),
            ("十", Some(10)),
            ("十一", Some(11)),
            ("二十", Some(20)),
            ("二十三", Some(23)),
            ("九十九", Some(99)),
            ("百", Some(100)),
            ("一百", Some(100)),
            ("一百零五", Some(105)),
            ("一百〇五", Some(105)),
            ("一百一十", Some(110)),
            ("一百十二", Some(112)),
            ("三百二十", Some(320)),
            ("九百九十九", Some(999)),
            ("", None),
            ("零", None),
            ("〇", None),
            ("一一", None),
            ("二〇二三", None),
            ("十十", None),
            ("十百", None),
            ("百百", None),
            ("一百零", None),
            ("二十零", None),
            ("十一二", None),
            ("一百零十", None),
            ("千", None),
            ("两", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_han(text), *want, "text: {text:?}");
        }
    }

    #[test]
    fn han_round_trips() {
        for n in 1..=MAX_HAN {
            assert_eq!(parse_han(&han(n)), Some(n), "{n} -> {}", han(n));
        }
        assert_eq!(han(11), "十一");
        assert_eq!(han(105), "一百零五");
        assert_eq!(han(1000), "1000");
        assert_eq!(han(0), "0");
    }

    /// One line a case: text, max, value.
    #[test]
    fn arabic_numbers() {
        let cases: &[(&str, u32, Option<u32>)] = &[
            ("1", 99, Some(1)),
            ("12", 99, Some(12)),
            ("１２", 99, Some(12)),
            ("1２", 99, Some(12)),
            ("99", 99, Some(99)),
            ("100", 99, None),
            ("2018", 99, None),
            ("99999999999999999999", 99, None),
            ("99999999999999999999", u32::MAX, None),
            ("01", 99, None),
            ("0", 99, None),
            ("", 99, None),
            ("1a", 99, None),
        ];
        for (text, max, want) in cases {
            assert_eq!(parse_arabic(text, *max), *want, "text: {text:?}");
        }
    }

    #[test]
    fn circled_numbers_round_trip() {
        for n in 1..=50 {
            let s = circled(n);
            let c = s.chars().next().unwrap();
            assert_eq!(s.chars().count(), 1);
            assert_eq!(parse_circled(c), Some(n));
        }
        assert_eq!(circled(51), "（51）");
        assert_eq!(parse_circled('1'), None);
    }
}
