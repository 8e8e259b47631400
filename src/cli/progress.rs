//! The progress bar of long runs, drawn by one thread that owns it.
//!
//! Workers only bump an atomic counter; a drawing thread reads it a few times a second
//! and, once the run has lasted [`DELAY`] on a terminal, shows the bar on stderr. The
//! main thread prints through [`Progress::suspend`], which clears the bar for the
//! duration of a write. What must stay true: no thread holds a lock on stdout or
//! stderr while the workers run (a worker never writes to a stream at all), so the
//! bar can never wait on a lock the main thread holds across a parallel section.

use std::io::{self, IsTerminal};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Runs shorter than this show no bar.
pub const DELAY: Duration = Duration::from_secs(1);
/// How often the drawing thread looks at the counter.
const TICK: Duration = Duration::from_millis(100);

/// A counter the workers bump and the drawing thread shows.
pub struct Progress {
    done: Arc<AtomicU64>,
    /// The bar once it is shown, so the main thread can clear it around its writes.
    shown: Arc<Mutex<Option<ProgressBar>>>,
    stop: Option<Sender<()>>,
    owner: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts counting to `total`; the bar can appear only when `enabled` and stderr
    /// is a terminal.
    pub fn start(total: u64, enabled: bool) -> Self {
        let done = Arc::new(AtomicU64::new(0));
        let shown = Arc::new(Mutex::new(None));
        if !enabled || !io::stderr().is_terminal() {
            return Progress {
                done,
                shown,
                stop: None,
                owner: None,
            };
        }
        let (stop, stopped) = mpsc::channel::<()>();
        let owner = {
            let (done, shown) = (Arc::clone(&done), Arc::clone(&shown));
            std::thread::Builder::new()
                .name("zongjie-progress".into())
                .spawn(move || draw(total, &done, &shown, &stopped))
                .ok()
        };
        Progress {
            done,
            shown,
            stop: Some(stop),
            owner,
        }
    }

    /// Counts one more item done (called by workers; never blocks).
    pub fn inc(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// Runs `f` (a write to stdout or stderr) with the bar cleared, if it is shown.
    pub fn suspend<T>(&self, f: impl FnOnce() -> T) -> T {
        let bar = self
            .shown
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        match bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// Stops the drawing thread and clears the bar.
    pub fn finish(mut self) {
        self.stop_drawing();
    }

    fn stop_drawing(&mut self) {
        // Dropping the sender wakes the drawing thread, which clears the bar.
        self.stop.take();
        if let Some(owner) = self.owner.take() {
            let _ = owner.join();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop_drawing();
    }
}

/// The drawing thread: shows the bar after [`DELAY`], moves it every [`TICK`], and
/// clears it when the sender of `stopped` goes away.
fn draw(
    total: u64,
    done: &AtomicU64,
    shown: &Mutex<Option<ProgressBar>>,
    stopped: &mpsc::Receiver<()>,
) {
    let start = Instant::now();
    let mut bar: Option<ProgressBar> = None;
    // Woken every tick; a message or the sender going away ends the loop.
    while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(TICK) {
        if bar.is_none() && start.elapsed() >= DELAY {
            let new = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            if let Ok(style) =
                ProgressStyle::with_template("{wide_bar} {pos}/{len} files  {elapsed} (ETA {eta})")
            {
                new.set_style(style);
            }
            *shown.lock().unwrap_or_else(PoisonError::into_inner) = Some(new.clone());
            bar = Some(new);
        }
        if let Some(bar) = &bar {
            bar.set_position(done.load(Ordering::Relaxed));
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    shown.lock().unwrap_or_else(PoisonError::into_inner).take();
}
