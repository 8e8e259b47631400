//! How a path is shown to people, and how its exact bytes stay recoverable.
//!
//! Archives unzipped on Linux from a Windows machine keep their file names as GBK
//! bytes, which `Path::display` prints as `����.txt`. Such a name is shown decoded as
//! GB18030 when that decodes it cleanly; the exact bytes are kept, hex-encoded, for
//! programs that must open the file again.

use std::path::Path;

/// The path as people should read it: UTF-8 as is, GBK/GB18030 bytes decoded, anything
/// else with replacement characters.
pub fn shown(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        if let Ok(s) = std::str::from_utf8(bytes) {
            return s.to_string();
        }
        if let Some(s) =
            encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)
        {
            return s.into_owned();
        }
    }
    path.display().to_string()
}

/// The path's bytes in hex when they are not UTF-8 (so [`shown`] is not the exact
/// name), else `None`.
pub fn raw_hex(path: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::fmt::Write;
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        if std::str::from_utf8(bytes).is_err() {
            let mut hex = String::with_capacity(bytes.len() * 2);
            for b in bytes {
                let _ = write!(hex, "{b:02x}");
            }
            return Some(hex);
        }
    }
    let _ = path;
    None
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    #[test]
    fn gbk_names_are_shown_decoded_and_kept_exactly() {
        // 总结.txt in GBK.
        let gbk: &[u8] = b"\xd7\xdc\xbd\xe1.txt";
        let p = Path::new(OsStr::from_bytes(gbk));
        assert_eq!(shown(p), "总结.txt");
        assert_eq!(raw_hex(p).as_deref(), Some("d7dcbde12e747874"));
        let utf8 = Path::new("总结.txt");
        assert_eq!(shown(utf8), "总结.txt");
        assert_eq!(raw_hex(utf8), None);
        // Not GBK either: shown with replacement characters, bytes still kept.
        let junk = Path::new(OsStr::from_bytes(b"\xff\xfe.txt"));
        assert!(shown(junk).ends_with(".txt"));
        assert_eq!(raw_hex(junk).as_deref(), Some("fffe2e747874"));
    }
}
