//! Legacy word-processor files (`.doc`, `.wps`, `.odt`, `.rtf`) turned into `.docx` by
//! LibreOffice, when it is installed.
//!
//! [`to_docx`] copies the file into a private temporary folder (so that odd file names
//! never reach LibreOffice's command line and nothing is written beside the input), runs
//! `soffice --headless --convert-to docx` there with a profile of its own (two
//! conversions at once never share a LibreOffice profile, which would hand the second to
//! the first's process), waits at most [`ConvertOptions::timeout`] and kills the whole
//! process group past it, and returns the `.docx` bytes; the folder is removed whatever
//! happens. At most [`ConvertOptions::max_parallel`] conversions run at once in a
//! process, whatever the number of threads asking.
//!
//! A Kingsoft WPS `.wps` file is a Word 97 compound file in practice; LibreOffice tells
//! the two apart by content, not by extension, and reads it with its Word filter.
//! LibreOffice reads a file it cannot recognise as plain text rather than failing, so a
//! `.doc` that is really a text file comes out as its text.
//!
//! What must stay true: no conversion outlives its timeout; the input is never written;
//! the converted file is read within the caller's size limit.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Extensions LibreOffice converts for us.
pub const CONVERTIBLE: &[&str] = &["doc", "wps", "odt", "rtf"];

/// How conversions run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConvertOptions {
    /// The LibreOffice program; `None` looks for `soffice`, then `libreoffice`, on PATH.
    pub soffice: Option<PathBuf>,
    /// Longest a conversion may take before it is killed.
    pub timeout: Duration,
    /// Most conversions running at once in this process.
    pub max_parallel: usize,
    /// Largest converted `.docx` read back, in bytes.
    pub max_output_bytes: u64,
}

impl Default for ConvertOptions {
    /// Two minutes each, as many at once as there are cores (at most 4), 256 MiB out.
    fn default() -> Self {
        ConvertOptions {
            soffice: None,
            timeout: Duration::from_secs(120),
            max_parallel: std::thread::available_parallelism()
                .map_or(1, usize::from)
                .clamp(1, 4),
            max_output_bytes: 256 << 20,
        }
    }
}

impl ConvertOptions {
    /// The program to run: the one configured, else the one found on PATH.
    pub fn program(&self) -> Option<PathBuf> {
        self.soffice.clone().or_else(find_soffice)
    }
}

/// Why a conversion failed.
#[derive(Debug, thiserror::Error)]
pub enum ConvertError {
    /// LibreOffice could not be started.
    #[error("cannot run LibreOffice ({program}): {source}")]
    Spawn {
        /// The program tried.
        program: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// The conversion took longer than the timeout and was stopped.
    #[error("LibreOffice did not finish within {seconds} s and was stopped")]
    Timeout {
        /// The timeout, in seconds.
        seconds: u64,
    },
    /// LibreOffice ran but wrote no `.docx`.
    #[error("LibreOffice could not convert it{detail}")]
    Failed {
        /// What LibreOffice said, if anything (`: …`).
        detail: String,
    },
    /// The converted file is larger than allowed.
    #[error("the converted .docx is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The limit.
        limit: u64,
    },
    /// The private folder could not be prepared or read.
    #[error("cannot prepare the conversion: {0}")]
    Io(#[from] std::io::Error),
}

/// `soffice` (or `libreoffice`) on PATH, if any.
pub fn find_soffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["soffice", "libreoffice"].iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| is_executable(p))
    })
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file()
}

/// Conversions running in this process, and a signal when one ends.
struct Slots {
    used: Mutex<usize>,
    freed: Condvar,
}

static SLOTS: Slots = Slots {
    used: Mutex::new(0),
    freed: Condvar::new(),
};

/// A running conversion's slot, given back when dropped.
struct Slot;

impl Slot {
    fn acquire(limit: usize) -> Slot {
        let mut used = SLOTS.used.lock().unwrap_or_else(PoisonError::into_inner);
        while *used >= limit.max(1) {
            used = SLOTS
                .freed
                .wait(used)
                .unwrap_or_else(PoisonError::into_inner);
        }
        *used += 1;
        Slot
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut used = SLOTS.used.lock().unwrap_or_else(PoisonError::into_inner);
        *used = used.saturating_sub(1);
        SLOTS.freed.notify_one();
    }
}

/// Converts `path` to `.docx` with the LibreOffice program `soffice` (see the module
/// docs) and returns its bytes.
///
/// # Errors
/// [`ConvertError`]: LibreOffice missing or failing, too slow, or writing nothing.
pub fn to_docx(
    path: &Path,
    soffice: &Path,
    opts: &ConvertOptions,
) -> Result<Vec<u8>, ConvertError> {
    let _slot = Slot::acquire(opts.max_parallel);
    let dir = tempfile::Builder::new()
        .prefix("zongjie-convert-")
        .tempdir()?;
    let input_dir = dir.path().join("in");
    let output_dir = dir.path().join("out");
    std::fs::create_dir(&input_dir)?;
    std::fs::create_dir(&output_dir)?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let input = input_dir.join(format!("input.{ext}"));
    std::fs::copy(path, &input)?;
    let log = dir.path().join("soffice.log");

    let mut command = Command::new(soffice);
    command
        .arg(format!(
            "-env:UserInstallation={}",
            file_url(&dir.path().join("profile"))
        ))
        .args([
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
        ])
        .arg(&output_dir)
        .arg(&input)
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&log)?)
        .stderr(std::fs::File::create(dir.path().join("soffice.err"))?);
    #[cfg(unix)]
    {
        // A group of its own, so that a timeout kills soffice.bin too, not only the
        // shell script and launcher in front of it.
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    let mut child = command.spawn().map_err(|source| ConvertError::Spawn {
        program: soffice.display().to_string(),
        source,
    })?;
    wait(&mut child, opts.timeout)?;

    let output = output_dir.join("input.docx");
    if !output.is_file() {
        let said = [log, dir.path().join("soffice.err")]
            .iter()
            .filter_map(|p| std::fs::read(p).ok())
            .map(|b| String::from_utf8_lossy(&b).trim().to_string())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let detail = last_chars(&said, 300);
        return Err(ConvertError::Failed {
            detail: if detail.is_empty() {
                String::new()
            } else {
                format!(": {detail}")
            },
        });
    }
    let mut bytes = Vec::new();
    std::fs::File::open(&output)?
        .take(opts.max_output_bytes.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > opts.max_output_bytes {
        return Err(ConvertError::TooLarge {
            limit: opts.max_output_bytes,
        });
    }
    Ok(bytes)
}

/// Waits for `child` at most `timeout`, killing its process group past it.
fn wait(child: &mut Child, timeout: Duration) -> Result<(), ConvertError> {
    let started = Instant::now();
    let mut pause = Duration::from_millis(10);
    loop {
        if child.try_wait()?.is_some() {
            return Ok(());
        }
        if started.elapsed() >= timeout {
            kill(child);
            return Err(ConvertError::Timeout {
                seconds: timeout.as_secs(),
            });
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(100));
    }
}

fn kill(child: &mut Child) {
    #[cfg(unix)]
    {
        let group = i32::try_from(child.id())
            .ok()
            .and_then(rustix::process::Pid::from_raw);
        if let Some(group) = group {
            let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// A `file://` URL for `path`, its bytes percent-encoded outside the unreserved set.
fn file_url(path: &Path) -> String {
    let mut url = String::from("file://");
    let text = path.to_string_lossy();
    if !text.starts_with('/') {
        url.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~' | b':') {
            url.push(char::from(b));
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

fn last_chars(s: &str, n: usize) -> String {
    let count = s.chars().count();
    s.chars().skip(count.saturating_sub(n)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_escape_what_urls_cannot_hold() {
        assert_eq!(
            file_url(Path::new("/tmp/zongjie-convert-ab_1/profile")),
            "file:///tmp/zongjie-convert-ab_1/profile"
        );
        assert_eq!(
            file_url(Path::new("/tmp/a b/总")),
            "file:///tmp/a%20b/%E6%80%BB"
        );
    }

    #[test]
    fn slots_limit_parallel_conversions() {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicUsize, Ordering};
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let threads: Vec<_> = (0..6)
            .map(|_| {
                let (running, most) = (running.clone(), most.clone());
                std::thread::spawn(move || {
                    let _slot = Slot::acquire(2);
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(30));
                    running.fetch_sub(1, Ordering::SeqCst);
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert!(most.load(Ordering::SeqCst) <= 2);
    }

    /// A stand-in for LibreOffice that never finishes: the timeout kills it and its
    /// children.
    #[cfg(unix)]
    #[test]
    fn a_hanging_converter_is_killed_at_the_timeout() {
        let dir = tempfile::tempdir().unwrap();
        let fake = dir.path().join("soffice");
        std::fs::write(&fake, "#!/bin/sh\nsleep 30 &\nsleep 30\n").unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
        let input = dir.path().join("old.doc");
        std::fs::write(&input, b"whatever").unwrap();
        let opts = ConvertOptions {
            timeout: Duration::from_millis(300),
            ..ConvertOptions::default()
        };
        let started = Instant::now();
        let err = to_docx(&input, &fake, &opts).unwrap_err();
        assert!(matches!(err, ConvertError::Timeout { .. }), "{err}");
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn a_converter_that_writes_nothing_is_a_failure() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("old.rtf");
        std::fs::write(&input, b"{\\rtf1 x}").unwrap();
        let err = to_docx(&input, Path::new("/bin/true"), &ConvertOptions::default()).unwrap_err();
        assert!(matches!(err, ConvertError::Failed { .. }), "{err}");
        let err = to_docx(
            &input,
            Path::new("/nonexistent/soffice"),
            &ConvertOptions::default(),
        )
        .unwrap_err();
        assert!(matches!(err, ConvertError::Spawn { .. }), "{err}");
    }
}
