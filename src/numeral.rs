//! Numbers as headings and enumerations write them: Chinese numerals (一 … 九百九十九),
//! Arabic digits (ASCII or full-width) and circled numbers (① … ㊿).
//!
//! Shared by the analyzers and the Word reader (automatic heading numbers), so it sits
//! below both rather than inside either.
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
    if n == 0 || n > MAX_HAN {
        return n.to_string();
    }
    han_number(n, HanDigits::Counting).unwrap_or_else(|| n.to_string())
}

/// Which characters [`han_number`] writes with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HanDigits {
    /// The everyday numerals 〇 一 二 … 九 with 十 百 千 万; 11 to 19 are written
    /// 十一 … 十九 (Word's `chineseCounting`).
    Counting,
    /// The financial forms 零 壹 贰 … 玖 with 拾 佰 仟 万; 11 is 壹拾壹 (Word's
    /// `chineseLegalSimplified`).
    Legal,
}

impl HanDigits {
    fn digits(self) -> &'static [char; 10] {
        const COUNTING: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
        const LEGAL: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
        match self {
            HanDigits::Counting => &COUNTING,
            HanDigits::Legal => &LEGAL,
        }
    }

    /// 十 百 千 (or 拾 佰 仟).
    fn units(self) -> [char; 3] {
        match self {
            HanDigits::Counting => ['十', '百', '千'],
            HanDigits::Legal => ['拾', '佰', '仟'],
        }
    }

    /// The zero written inside a number (一百零一): 〇 is a digit of its own only in
    /// digit strings (二〇二三).
    fn inner_zero(self) -> char {
        '零'
    }

    fn digit(self, d: u32) -> Option<char> {
        self.digits().get(usize::try_from(d).ok()?).copied()
    }
}

/// `n` written as a Chinese numeral, 0 to 99 999 999: 一, 十, 十一, 二十一, 一百零一,
/// 一千零一, 一万零一十, 十二万; `None` beyond. Agrees with [`han`] from 1 to
/// [`MAX_HAN`], and is what Word shows for its Chinese list numbers.
pub fn han_number(n: u32, style: HanDigits) -> Option<String> {
    if n >= 100_000_000 {
        return None;
    }
    let mut out = String::new();
    if n == 0 {
        out.push(style.digit(0)?);
        return Some(out);
    }
    let short_ten = style == HanDigits::Counting;
    let (high, low) = (n / 10_000, n % 10_000);
    if high > 0 {
        below_10000(high, style, short_ten, &mut out);
        out.push('万');
        if low > 0 {
            if low < 1000 {
                out.push(style.inner_zero());
            }
            below_10000(low, style, false, &mut out);
        }
    } else {
        below_10000(low, style, short_ten, &mut out);
    }
    Some(out)
}

/// Writes 1 … 9999; `short_ten` drops the leading 一 of 一十 when the number starts
/// with its tens.
fn below_10000(n: u32, style: HanDigits, short_ten: bool, out: &mut String) {
    let units = style.units();
    let places = [
        (n / 1000 % 10, Some(units[2])),
        (n / 100 % 10, Some(units[1])),
        (n / 10 % 10, Some(units[0])),
        (n % 10, None),
    ];
    let mut started = false;
    let mut zero_pending = false;
    for (position, (digit, unit)) in places.into_iter().enumerate() {
        if digit == 0 {
            zero_pending |= started;
            continue;
        }
        if zero_pending {
            out.push(style.inner_zero());
            zero_pending = false;
        }
        let drop_one = short_ten && !started && position == 2 && digit == 1;
        if let Some(c) = style.digit(digit).filter(|_| !drop_one) {
            out.push(c);
        }
        if let Some(u) = unit {
            out.push(u);
        }
        started = true;
    }
}

/// Each decimal digit of `n` as a Chinese digit, 〇 for zero: 105 → 一〇五, as years
/// are written (二〇二三) and Word's `ideographDigital` numbers.
pub fn han_digits(n: u32) -> String {
    n.to_string()
        .chars()
        .filter_map(|c| c.to_digit(10))
        .filter_map(|d| HanDigits::Counting.digit(d))
        .collect()
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

/// The circled character of `n`: ① … ⑳, ㉑ … ㉟, ㊱ … ㊿; `None` outside 1 to 50.
pub fn circled_char(n: u32) -> Option<char> {
    let code = match n {
        1..=20 => 0x2460 + n - 1,
        21..=35 => 0x3251 + n - 21,
        36..=50 => 0x32B1 + n - 36,
        _ => return None,
    };
    char::from_u32(code)
}

/// The circled form of `n` (1 to 50), or `n` in parentheses beyond.
pub fn circled(n: u32) -> String {
    circled_char(n).map_or_else(|| format!("（{n}）"), String::from)
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

    #[test]
    fn han_number_agrees_with_han_and_goes_past_a_thousand() {
        for n in 1..=MAX_HAN {
            assert_eq!(
                han_number(n, HanDigits::Counting).as_deref(),
                Some(&*han(n))
            );
        }
        let cases: &[(u32, HanDigits, &str)] = &[
            (0, HanDigits::Counting, "〇"),
            (10, HanDigits::Counting, "十"),
            (1000, HanDigits::Counting, "一千"),
            (1001, HanDigits::Counting, "一千零一"),
            (2020, HanDigits::Counting, "二千零二十"),
            (10_010, HanDigits::Counting, "一万零一十"),
            (120_000, HanDigits::Counting, "十二万"),
            (
                99_999_999,
                HanDigits::Counting,
                "九千九百九十九万九千九百九十九",
            ),
            (11, HanDigits::Legal, "壹拾壹"),
            (105, HanDigits::Legal, "壹佰零伍"),
            (0, HanDigits::Legal, "零"),
        ];
        for &(n, style, want) in cases {
            assert_eq!(han_number(n, style).as_deref(), Some(want), "{n}");
        }
        assert_eq!(han_number(100_000_000, HanDigits::Counting), None);
        assert_eq!(han_digits(2023), "二〇二三");
        assert_eq!(han_digits(0), "〇");
    }

    #[test]
    fn circled_chars_stop_at_fifty() {
        assert_eq!(circled_char(1), Some('①'));
        assert_eq!(circled_char(21), Some('㉑'));
        assert_eq!(circled_char(50), Some('㊿'));
        assert_eq!(circled_char(0), None);
        assert_eq!(circled_char(51), None);
    }
}
