//! How Word writes a list number in each `w:numFmt`: decimal, roman, letters, Chinese
//! counting and financial numerals, circled and parenthesised digits.
//!
//! The Chinese and circled numerals are those of [`crate::numeral`], so that a
//! heading number Word renders is spelled exactly as the outline analyzer expects.
//! What must stay true: every value of every format gives some text (an unsupported
//! range falls back to decimal), and nothing here panics.

use crate::numeral::{HanDigits, circled_char, han_digits, han_number};

/// How a list level writes its number (`w:numFmt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum NumFmt {
    #[default]
    Decimal,
    DecimalZero,
    UpperRoman,
    LowerRoman,
    UpperLetter,
    LowerLetter,
    Ordinal,
    ChineseCounting,
    ChineseLegal,
    IdeographDigital,
    IdeographTraditional,
    IdeographZodiac,
    IdeographEnclosedCircle,
    EnclosedCircle,
    EnclosedParen,
    EnclosedFullstop,
    FullWidth,
    Bullet,
    None,
}

impl NumFmt {
    /// `None` for `custom`, which Word pairs with a fallback format.
    pub(crate) fn parse(value: &str) -> Option<Self> {
        Some(match value {
            "custom" => return None,
            "decimalZero" => Self::DecimalZero,
            "upperRoman" => Self::UpperRoman,
            "lowerRoman" => Self::LowerRoman,
            "upperLetter" => Self::UpperLetter,
            "lowerLetter" => Self::LowerLetter,
            "ordinal" => Self::Ordinal,
            "chineseCounting"
            | "chineseCountingThousand"
            | "japaneseCounting"
            | "taiwaneseCounting"
            | "taiwaneseCountingThousand"
            | "koreanCounting" => Self::ChineseCounting,
            "chineseLegalSimplified" | "ideographLegalTraditional" | "japaneseLegal" => {
                Self::ChineseLegal
            }
            "ideographDigital"
            | "taiwaneseDigital"
            | "koreanDigital"
            | "japaneseDigitalTenThousand" => Self::IdeographDigital,
            "ideographTraditional" => Self::IdeographTraditional,
            "ideographZodiac" | "ideographZodiacTraditional" => Self::IdeographZodiac,
            "ideographEnclosedCircle" => Self::IdeographEnclosedCircle,
            "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => Self::EnclosedCircle,
            "decimalEnclosedParen" => Self::EnclosedParen,
            "decimalEnclosedFullstop" => Self::EnclosedFullstop,
            "decimalFullWidth" | "decimalFullWidth2" => Self::FullWidth,
            "bullet" => Self::Bullet,
            "none" => Self::None,
            _ => Self::Decimal,
        })
    }
}

/// Writes `n` in the list number format `fmt`; unsupported ranges fall back to decimal.
pub(crate) fn format_number(n: u32, fmt: NumFmt) -> String {
    let formatted = match fmt {
        NumFmt::Decimal => None,
        NumFmt::DecimalZero => (n < 10).then(|| format!("0{n}")),
        NumFmt::UpperRoman => roman(n),
        NumFmt::LowerRoman => roman(n).map(|s| s.to_lowercase()),
        NumFmt::UpperLetter => letters(n, b'A'),
        NumFmt::LowerLetter => letters(n, b'a'),
        NumFmt::Ordinal => Some(ordinal(n)),
        NumFmt::ChineseCounting => han_number(n, HanDigits::Counting),
        NumFmt::ChineseLegal => han_number(n, HanDigits::Legal),
        NumFmt::IdeographDigital => Some(han_digits(n)),
        NumFmt::IdeographTraditional => cyclic(n, &HEAVENLY_STEMS),
        NumFmt::IdeographZodiac => cyclic(n, &EARTHLY_BRANCHES),
        // ㊀ … ㊉, then plain Chinese numerals as Word does.
        NumFmt::IdeographEnclosedCircle => offset_char(n, 1, 10, 0x3280)
            .map(String::from)
            .or_else(|| han_number(n, HanDigits::Counting)),
        NumFmt::EnclosedCircle => circled_char(n).map(String::from),
        NumFmt::EnclosedParen => {
            Some(offset_char(n, 1, 20, 0x2474).map_or_else(|| format!("({n})"), String::from))
        }
        NumFmt::EnclosedFullstop => {
            Some(offset_char(n, 1, 20, 0x2488).map_or_else(|| format!("{n}."), String::from))
        }
        NumFmt::FullWidth => Some(
            n.to_string()
                .chars()
                .filter_map(|c| char::from_u32(u32::from(c).saturating_add(0xFEE0)))
                .collect(),
        ),
        NumFmt::Bullet | NumFmt::None => Some(String::new()),
    };
    formatted.unwrap_or_else(|| n.to_string())
}

const HEAVENLY_STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
const EARTHLY_BRANCHES: [char; 12] = [
    '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
];

/// `n` in `first..=last` as the character `base + (n - first)`.
fn offset_char(n: u32, first: u32, last: u32, base: u32) -> Option<char> {
    if (first..=last).contains(&n) {
        char::from_u32(base.checked_add(n.checked_sub(first)?)?)
    } else {
        None
    }
}

fn cyclic(n: u32, table: &[char]) -> Option<String> {
    let len = u32::try_from(table.len()).ok()?;
    let index = n.checked_sub(1)?.checked_rem(len)?;
    table
        .get(usize::try_from(index).ok()?)
        .map(|c| c.to_string())
}

fn roman(n: u32) -> Option<String> {
    if !(1..4000).contains(&n) {
        return None;
    }
    const PARTS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut rest = n;
    let mut out = String::new();
    for (value, symbol) in PARTS {
        while rest >= value {
            out.push_str(symbol);
            rest -= value;
        }
    }
    Some(out)
}

/// Word's letter numbering: A … Z, AA … ZZ, AAA …; up to 780 (30 repeats).
fn letters(n: u32, base: u8) -> Option<String> {
    if !(1..=780).contains(&n) {
        return None;
    }
    let index = u8::try_from((n - 1) % 26).ok()?;
    let repeat = usize::try_from((n - 1) / 26 + 1).ok()?;
    let letter = char::from(base.checked_add(index)?);
    Some(std::iter::repeat_n(letter, repeat).collect())
}

fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats() {
        let counting = |n| format_number(n, NumFmt::ChineseCounting);
        let expected = [
            (1, "一"),
            (2, "二"),
            (9, "九"),
            (10, "十"),
            (11, "十一"),
            (19, "十九"),
            (20, "二十"),
            (21, "二十一"),
            (55, "五十五"),
            (99, "九十九"),
            (100, "一百"),
            (101, "一百零一"),
            (110, "一百一十"),
            (1000, "一千"),
            (1001, "一千零一"),
            (10_010, "一万零一十"),
            (120_000, "十二万"),
            (0, "〇"),
        ];
        for (n, text) in expected {
            assert_eq!(counting(n), text, "{n}");
        }
        assert_eq!(counting(100_000_000), "100000000");
        assert_eq!(format_number(11, NumFmt::ChineseLegal), "壹拾壹");
        assert_eq!(format_number(3, NumFmt::IdeographTraditional), "丙");
        assert_eq!(format_number(11, NumFmt::IdeographTraditional), "甲");
        assert_eq!(format_number(105, NumFmt::IdeographDigital), "一〇五");
        assert_eq!(format_number(3, NumFmt::IdeographEnclosedCircle), "㊂");
        assert_eq!(format_number(11, NumFmt::IdeographEnclosedCircle), "十一");
        assert_eq!(format_number(1, NumFmt::EnclosedCircle), "①");
        assert_eq!(format_number(21, NumFmt::EnclosedCircle), "㉑");
        assert_eq!(format_number(51, NumFmt::EnclosedCircle), "51");
        assert_eq!(format_number(2, NumFmt::EnclosedParen), "⑵");
        assert_eq!(format_number(21, NumFmt::EnclosedParen), "(21)");
        assert_eq!(format_number(1, NumFmt::EnclosedFullstop), "⒈");
        assert_eq!(format_number(1994, NumFmt::UpperRoman), "MCMXCIV");
        assert_eq!(format_number(4, NumFmt::LowerRoman), "iv");
        assert_eq!(format_number(0, NumFmt::UpperRoman), "0");
        assert_eq!(format_number(28, NumFmt::UpperLetter), "BB");
        assert_eq!(format_number(u32::MAX, NumFmt::LowerLetter), "4294967295");
        assert_eq!(format_number(12, NumFmt::FullWidth), "１２");
        assert_eq!(format_number(7, NumFmt::DecimalZero), "07");
        assert_eq!(format_number(12, NumFmt::Ordinal), "12th");
        assert_eq!(format_number(22, NumFmt::Ordinal), "22nd");
        for n in [0, 1, 99, 9999, 10_000, 99_999_999, u32::MAX] {
            for fmt in [
                NumFmt::ChineseCounting,
                NumFmt::ChineseLegal,
                NumFmt::IdeographZodiac,
                NumFmt::IdeographEnclosedCircle,
                NumFmt::EnclosedCircle,
                NumFmt::FullWidth,
            ] {
                assert!(!format_number(n, fmt).is_empty());
            }
        }
    }
}
