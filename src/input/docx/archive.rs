//! Reading zip entries within limits, so that a hostile `.docx` costs bounded memory and
//! time.
//!
//! What must stay true: the entry count is checked before any entry is read; every
//! entry is read through a `take(limit + 1)` reader whatever size it declares; the bytes
//! read from all parts together stay within `max_total_bytes`.

use std::io::{Cursor, Read};

use zip::ZipArchive;

use super::{DocxError, DocxLimits};

/// Initial buffer for one entry, whatever size the archive declares.
const MAX_INITIAL_BUFFER: u64 = 8 << 20;

/// An opened `.docx` container plus what may still be read from it.
pub(crate) struct Package<'b> {
    pub archive: ZipArchive<Cursor<&'b [u8]>>,
    budget: Budget,
}

impl<'b> Package<'b> {
    /// Opens the zip container and checks the entry count.
    pub fn open(bytes: &'b [u8], limits: &DocxLimits) -> Result<Self, DocxError> {
        let archive =
            ZipArchive::new(Cursor::new(bytes)).map_err(|e| DocxError::NotZip(e.to_string()))?;
        if archive.len() > limits.max_entries {
            return Err(DocxError::TooManyEntries {
                count: archive.len(),
                limit: limits.max_entries,
            });
        }
        Ok(Self {
            archive,
            budget: Budget::new(limits),
        })
    }

    /// Whether the archive has an entry of this name.
    pub fn has(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }

    /// Reads one entry by name; `Ok(None)` if the archive has no such entry.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, DocxError> {
        let Some(index) = self.archive.index_for_name(name) else {
            return Ok(None);
        };
        let file = self
            .archive
            .by_index(index)
            .map_err(|e| DocxError::Zip(format!("{name}: {e}")))?;
        let (limit, reported) = self.budget.next_limit();
        let declared = file.size();
        if declared > limit {
            return Err(DocxError::TooLarge {
                entry: name.to_string(),
                limit: reported,
            });
        }
        let data = read_limited(file, name, declared, limit, reported)?;
        self.budget.remaining = self
            .budget
            .remaining
            .saturating_sub(u64::try_from(data.len()).unwrap_or(u64::MAX));
        Ok(Some(data))
    }

    /// Reads and parses an optional part. A missing part gives the default value, a
    /// damaged one the default value and a description of the damage; only limit errors
    /// are passed on.
    pub fn optional<T: Default>(
        &mut self,
        name: &str,
        parse: impl FnOnce(&[u8]) -> Result<T, DocxError>,
    ) -> Result<(T, Option<DocxError>), DocxError> {
        let parsed = match self.read(name) {
            Ok(Some(bytes)) => parse(&bytes),
            Ok(None) => Ok(T::default()),
            Err(e) => Err(e),
        };
        match parsed {
            Ok(value) => Ok((value, None)),
            Err(e) if e.is_limit() => Err(e),
            Err(e) => Ok((T::default(), Some(e))),
        }
    }
}

/// Bytes still allowed to be read from the archive.
struct Budget {
    remaining: u64,
    entry_limit: u64,
    total_limit: u64,
}

impl Budget {
    fn new(limits: &DocxLimits) -> Self {
        Self {
            remaining: limits.max_total_bytes,
            entry_limit: limits.max_entry_bytes,
            total_limit: limits.max_total_bytes,
        }
    }

    /// The byte limit for the next entry, and the configured limit to report if exceeded.
    fn next_limit(&self) -> (u64, u64) {
        if self.entry_limit <= self.remaining {
            (self.entry_limit, self.entry_limit)
        } else {
            (self.remaining, self.total_limit)
        }
    }
}

/// Reads at most `limit + 1` bytes whatever `reader` claims, so that a zip bomb costs at
/// most `limit + 1` bytes of memory and the time to inflate them.
pub(crate) fn read_limited<R: Read>(
    reader: R,
    name: &str,
    size_hint: u64,
    limit: u64,
    reported_limit: u64,
) -> Result<Vec<u8>, DocxError> {
    let initial = size_hint.min(limit).min(MAX_INITIAL_BUFFER);
    let mut data = Vec::with_capacity(usize::try_from(initial).unwrap_or(0));
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut data)
        .map_err(|e| DocxError::Zip(format!("{name}: {e}")))?;
    if u64::try_from(data.len()).unwrap_or(u64::MAX) > limit {
        return Err(DocxError::TooLarge {
            entry: name.to_string(),
            limit: reported_limit,
        });
    }
    Ok(data)
}
