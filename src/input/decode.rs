//! Bytes to text: BOM sniffing, UTF-8, UTF-16, GBK/GB18030 detection, binary refusal.
//!
//! Order of decisions: a BOM wins; then a forced `--encoding`; then binary checks;
//! then valid UTF-8; then mostly-valid UTF-8 (a few stray bytes) decodes lossily with
//! a warning; anything else goes to chardetng, whose guess encoding_rs decodes. GBK
//! guesses decode as GB18030 (a strict superset) so no valid byte is lost.

use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

/// Text decoded from bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without BOM.
    pub text: String,
    /// The encoding's display name (`UTF-8`, `GBK`, `UTF-16LE`).
    pub encoding: String,
    /// Repairs made while decoding.
    pub warnings: Vec<String>,
}

/// Why bytes could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Not text; the string says why.
    Binary(String),
}

/// Looks up an encoding by a user-given label (`gbk`, `utf-8`, `utf16le`).
pub fn encoding_for_label(label: &str) -> Option<&'static Encoding> {
    let normalized = label.trim().to_ascii_lowercase().replace('_', "-");
    let alias = match normalized.as_str() {
        "utf8" => "utf-8",
        "utf16le" | "utf-16" => "utf-16le",
        "utf16be" => "utf-16be",
        "cp936" | "gb2312" => "gbk",
        other => other,
    };
    Encoding::for_label(alias.as_bytes())
}

/// Decodes `bytes`, detecting the encoding unless `forced` is given.
pub fn decode(bytes: &[u8], forced: Option<&'static Encoding>) -> Result<Decoded, DecodeError> {
    decode_owned(bytes.to_vec(), forced)
}

/// Like [`decode`], but takes the bytes so valid UTF-8 becomes the text without a copy.
pub fn decode_owned(
    bytes: Vec<u8>,
    forced: Option<&'static Encoding>,
) -> Result<Decoded, DecodeError> {
    let bytes = match String::from_utf8(bytes) {
        // NULs may be ASCII-heavy UTF-16 without a BOM: leave those to the full path.
        Ok(text)
            if forced.is_none()
                && !text.starts_with('\u{feff}')
                && memchr::memchr(0, &text.as_bytes()[..text.len().min(4096)]).is_none() =>
        {
            return match binary_reason(text.as_bytes()) {
                Some(reason) => Err(DecodeError::Binary(reason)),
                None => Ok(Decoded {
                    text,
                    encoding: "UTF-8".to_string(),
                    warnings: Vec::new(),
                }),
            };
        }
        Ok(text) => text.into_bytes(),
        Err(e) => e.into_bytes(),
    };
    let bytes = bytes.as_slice();
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(decode_with(encoding, &bytes[bom_len..]));
    }
    if let Some(encoding) = forced {
        return Ok(decode_with(encoding, bytes));
    }
    if let Some(encoding) = sniff_utf16(bytes) {
        return Ok(decode_with(encoding, bytes));
    }
    if let Some(reason) = binary_reason(bytes) {
        return Err(DecodeError::Binary(reason));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: text.to_string(),
            encoding: "UTF-8".to_string(),
            warnings: Vec::new(),
        });
    }
    let (valid_non_ascii, invalid) = utf8_stats(bytes);
    // A few stray bytes in otherwise multi-byte UTF-8 text are damage, not another
    // encoding: GBK text almost never forms valid UTF-8 sequences.
    if valid_non_ascii >= 8 * invalid.max(1) {
        let mut decoded = decode_with(UTF_8, bytes);
        decoded.warnings = vec![format!(
            "invalid UTF-8: {invalid} byte sequence(s) replaced with U+FFFD"
        )];
        return Ok(decoded);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    Ok(decode_with(guess, bytes))
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> Decoded {
    let name = display_name(encoding);
    // GBK decoding in encoding_rs is GB18030's decoder already; use it explicitly so
    // the four-byte sequences GBK lacks still decode.
    let decoder = if encoding == encoding_rs::GBK {
        GB18030
    } else {
        encoding
    };
    let (text, had_errors) = decoder.decode_without_bom_handling(bytes);
    let mut warnings = Vec::new();
    if had_errors {
        let replaced = text.chars().filter(|&c| c == '\u{fffd}').count();
        warnings.push(format!(
            "invalid {name}: {replaced} byte sequence(s) replaced with U+FFFD"
        ));
    }
    Decoded {
        text: text.into_owned(),
        encoding: name,
        warnings,
    }
}

fn display_name(encoding: &'static Encoding) -> String {
    encoding.name().to_string()
}

/// UTF-16 without a BOM: mostly-zero bytes in one parity and none in the other.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 16 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_zero = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zero = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    // ASCII-heavy UTF-16 has a zero in nearly every pair; CJK-heavy has few zeros,
    // so only the ASCII-heavy case is claimed without a BOM.
    if odd_zero * 10 >= pairs * 7 && even_zero * 20 <= pairs {
        Some(UTF_16LE)
    } else if even_zero * 10 >= pairs * 7 && odd_zero * 20 <= pairs {
        Some(UTF_16BE)
    } else if odd_zero + even_zero > 0 && bytes.len().is_multiple_of(2) {
        // CJK-heavy UTF-16 has zeros only in its ASCII (line ends, digits): claim it
        // when the sample decodes cleanly into text-like chars. Random bytes decode
        // to chars spread over the whole BMP and fail the share.
        [UTF_16LE, UTF_16BE]
            .into_iter()
            .find(|&enc| looks_like_text(enc, sample))
    } else {
        None
    }
}

/// Whether `sample` decodes without error into chars of which 9 in 10 are CJK,
/// CJK or full-width punctuation, or printable ASCII and whitespace.
fn looks_like_text(encoding: &'static Encoding, sample: &[u8]) -> bool {
    let (text, had_errors) = encoding.decode_without_bom_handling(sample);
    if had_errors {
        return false;
    }
    let total = text.chars().count();
    let texty = text
        .chars()
        .filter(|&c| {
            matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '\u{2010}'..='\u{2027}')
                || (c.is_ascii() && (!c.is_ascii_control() || c.is_ascii_whitespace()))
        })
        .count();
    total > 0 && texty * 10 >= total * 9
}

/// Why the bytes look binary, if they do.
fn binary_reason(bytes: &[u8]) -> Option<String> {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.starts_with(b"PK\x03\x04") {
        return Some("a zip archive".to_string());
    }
    if sample.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Some("an OLE2 document, e.g. legacy .doc".to_string());
    }
    if sample.starts_with(b"%PDF-") {
        return Some("a PDF document".to_string());
    }
    if memchr::memchr(0, sample).is_some() {
        return Some("contains NUL bytes".to_string());
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1a))
        .count();
    if control * 20 > sample.len() {
        return Some(format!(
            "{control} control bytes in the first {} bytes",
            sample.len()
        ));
    }
    None
}

/// (non-ASCII chars in valid stretches, invalid sequences) of possibly-bad UTF-8.
fn utf8_stats(bytes: &[u8]) -> (usize, usize) {
    let mut valid_non_ascii = 0;
    let mut invalid = 0;
    for chunk in bytes.utf8_chunks() {
        valid_non_ascii += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    (valid_non_ascii, invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "2018年，XX厅党组学习中心组以深入学习领会新时代中国特色社会主义思想为主线，紧紧围绕事业改革发展大局。";

    #[test]
    fn utf8_plain_and_with_bom() {
        let d = decode(SAMPLE.as_bytes(), None).unwrap();
        assert_eq!((d.encoding.as_str(), d.text.as_str()), ("UTF-8", SAMPLE));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(SAMPLE.as_bytes());
        let d = decode(&bom, None).unwrap();
        assert_eq!(d.text, SAMPLE);
    }

    #[test]
    fn gbk_is_detected() {
        let (bytes, _, _) = encoding_rs::GBK.encode(SAMPLE);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.text, SAMPLE);
        assert!(
            d.encoding == "GBK" || d.encoding == "gb18030",
            "{}",
            d.encoding
        );
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        for u in SAMPLE.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&le, None).unwrap();
        assert_eq!((d.encoding.as_str(), d.text.as_str()), ("UTF-16LE", SAMPLE));
        let mut be = vec![0xFE, 0xFF];
        for u in SAMPLE.encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be, None).unwrap().text, SAMPLE);
    }

    #[test]
    fn cjk_heavy_utf16_without_bom() {
        let text = format!("{SAMPLE}\n{SAMPLE}\n");
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = decode(&le, None).unwrap();
        assert_eq!(
            (d.encoding.as_str(), d.text.as_str()),
            ("UTF-16LE", text.as_str())
        );
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&be, None).unwrap().encoding, "UTF-16BE");
        // Bytes with NULs that are not text stay binary.
        let noise: Vec<u8> = (0..4000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert!(decode(&noise, None).is_err());
    }

    #[test]
    fn stray_bytes_in_utf8_decode_lossily_with_warning() {
        let mut bytes = SAMPLE.as_bytes().to_vec();
        bytes.insert(4, 0xFF);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.warnings.len(), 1);
        assert!(d.text.contains('\u{fffd}'));
        assert!(d.text.contains("XX厅党组"));
    }

    #[test]
    fn binary_is_refused() {
        assert!(decode(b"\x7fELF\x02\x01\x01\0\0\0\0", None).is_err());
        assert!(decode(b"PK\x03\x04rest", None).is_err());
        assert!(decode(b"%PDF-1.7\n", None).is_err());
    }

    #[test]
    fn forced_encoding_wins() {
        let (bytes, _, _) = encoding_rs::GBK.encode(SAMPLE);
        let d = decode(&bytes, encoding_for_label("gb18030")).unwrap();
        assert_eq!(d.text, SAMPLE);
        assert_eq!(d.encoding, "gb18030");
    }

    #[test]
    fn empty_is_empty_utf8() {
        let d = decode(b"", None).unwrap();
        assert_eq!((d.encoding.as_str(), d.text.as_str()), ("UTF-8", ""));
    }

    #[test]
    fn labels() {
        assert_eq!(encoding_for_label("GBK"), Some(encoding_rs::GBK));
        assert_eq!(encoding_for_label("utf8"), Some(UTF_8));
        assert_eq!(encoding_for_label("UTF16LE"), Some(UTF_16LE));
        assert_eq!(encoding_for_label("nonsense"), None);
    }
}
