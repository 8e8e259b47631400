//! Helpers for running the binary on files in a temp dir.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The real seed document of the genre, when it sits beside the checkout
/// (`shared/seeds/` in the nearest folder above it). A fresh clone has none: the
/// caller then skips its extra check, and this says so on the test's output (written
/// to stderr directly, so the test harness does not swallow it).
pub fn seed() -> Option<PathBuf> {
    let name = "shared/seeds/000_8b951c6cf26f8b4e.txt";
    let found = root()
        .ancestors()
        .map(|dir| dir.join(name))
        .find(|p| p.is_file());
    if found.is_none() {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "note: {name} is not beside this checkout; skipping the extra check on the real seed"
        );
    }
    found
}

/// Our own 57-slot template in the seed's style (`tests/fixtures/template_study_2019.txt`):
/// level-2 headings with body text on the same line, inline 一是/二是 lists, titles with
/// brackets and quotes inside, coordinated plenums (`十九届二中、三中、四中全会`).
pub fn study() -> PathBuf {
    fixture("template_study_2019.txt")
}

/// A sample of `samples/`.
pub fn sample(name: &str) -> PathBuf {
    root().join("samples").join(name)
}

/// A file of `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// The result of one run.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }

    /// Each line of stdout as JSON.
    pub fn ndjson(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .map(|l| {
                serde_json::from_str(l).unwrap_or_else(|e| panic!("bad NDJSON line ({e}): {l}"))
            })
            .collect()
    }
}

/// Runs `zongjie` with `args` in `dir` (default: a fresh empty temp dir, so no
/// zongjie.toml of the developer's is picked up).
pub fn zongjie_in(dir: Option<&Path>, args: &[&str], stdin: Option<&[u8]>) -> Run {
    zongjie_env(dir, args, stdin, &[])
}

/// Runs `zongjie` as [`zongjie_in`] does, with `env` set for it.
pub fn zongjie_env(
    dir: Option<&Path>,
    args: &[&str],
    stdin: Option<&[u8]>,
    env: &[(&str, &str)],
) -> Run {
    let tmp = tempfile::tempdir().expect("temp dir");
    let cwd = dir.unwrap_or(tmp.path());
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zongjie"));
    cmd.envs(env.iter().copied());
    cmd.args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        // Messages follow the locale; tests read the English ones unless they ask.
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn zongjie");
    if let Some(input) = stdin {
        use std::io::Write;
        let mut pipe = child.stdin.take().expect("stdin");
        pipe.write_all(input).expect("write stdin");
    }
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().expect("wait");
    let run = Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    };
    assert_ne!(run.code, 101, "zongjie panicked:\n{}", run.stderr);
    assert_ne!(
        run.code, -1,
        "zongjie was killed by a signal:\n{}",
        run.stderr
    );
    run
}

/// Runs `zongjie` with `args` in a fresh temp dir.
pub fn zongjie(args: &[&str]) -> Run {
    zongjie_in(None, args, None)
}

/// A path as a `&str` for argument lists.
pub fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}
