//! Character classes of Chinese text that the punctuation and formulation checks share.
//!
//! What must stay true: [`is_han`] holds for every CJK ideograph a summary can contain
//! (the URO, Extension A, the compatibility block and the supplementary planes) and for
//! `〇`, and for nothing that is punctuation, a digit or a letter.

/// A Chinese character (ideograph), including `〇` (the numeral zero).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}'
        | '〇')
}

/// Punctuation and symbols of Chinese text: the CJK symbols block (`、。《》「」【】`),
/// the full-width forms (`，；：（）！？`), curly quotes, `…`, `—` and `·`.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'
        | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
        | '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

/// A char that makes its surroundings Chinese text: an ideograph or Chinese punctuation.
pub fn is_cjk(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// A Chinese numeral char, as counts and ordinals use them (`两学一做`, `十九届`).
pub fn is_han_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二'
            | '两'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '零'
            | '〇'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        for c in ['中', '〇', '㐀', '𠀀', '鿏'] {
            assert!(is_han(c), "{c}");
        }
        for c in ['、', '，', '（', '“', '》', 'a', '1', '１', 'Ｘ', ',', '…'] {
            assert!(!is_han(c), "{c}");
        }
        for c in ['、', '，', '（', '）', '“', '”', '》', '：', '；', '…'] {
            assert!(is_cjk_punct(c), "{c}");
        }
        // Full-width letters and digits are not punctuation.
        for c in ['１', 'Ｘ', 'ａ', ',', '(', 'a'] {
            assert!(!is_cjk_punct(c), "{c}");
        }
        assert!(is_han_numeral('两') && !is_han_numeral('做'));
    }
}
