//! Admission and the analyses' permits: a bounded queue in front of a bounded pool.
//!
//! A request is admitted ([`Gate::admit`]) before its body is read, or refused at
//! once when `jobs + queue` requests are already in; an admitted request waits for one
//! of `jobs` permits and runs its analysis on tokio's blocking pool ([`Gate::run`]).
//! Both the admission and the permit move into the blocking task and are released
//! only when the analysis returns, even if the request was given up on time before:
//! a busy core is never counted as free.

use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The bounds: `jobs` analyses at once, `queue` more requests waiting.
pub struct Gate {
    admitted: Arc<Semaphore>,
    running: Arc<Semaphore>,
}

/// An admitted request's place; dropping it leaves.
pub struct Ticket {
    _place: OwnedSemaphorePermit,
}

/// Why an admitted request got no result.
#[derive(Debug)]
pub enum RunError {
    /// The analysis panicked (a bug): the request gets a 500, the service goes on.
    Panicked,
}

impl Gate {
    /// A gate for `jobs` analyses at once (at least one) and `queue` waiting requests.
    pub fn new(jobs: usize, queue: usize) -> Self {
        let jobs = jobs.max(1);
        Gate {
            admitted: Arc::new(Semaphore::new(jobs.saturating_add(queue))),
            running: Arc::new(Semaphore::new(jobs)),
        }
    }

    /// A place for one more request, or `None` when the service is full.
    pub fn admit(&self) -> Option<Ticket> {
        Arc::clone(&self.admitted)
            .try_acquire_owned()
            .ok()
            .map(|place| Ticket { _place: place })
    }

    /// Waits for a permit, then runs `work` on the blocking pool holding `ticket` and
    /// the permit until `work` returns.
    pub async fn run<T, F>(&self, ticket: Ticket, work: F) -> Result<T, RunError>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        // The semaphore is never closed, so acquiring only waits.
        let permit = Arc::clone(&self.running)
            .acquire_owned()
            .await
            .map_err(|_| RunError::Panicked)?;
        tokio::task::spawn_blocking(move || {
            let _held = (ticket, permit);
            work()
        })
        .await
        .map_err(|_| RunError::Panicked)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn admission_is_bounded_and_held_until_the_work_ends() {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let gate = Arc::new(Gate::new(1, 1));
            let first = gate.admit().expect("room for the first");
            let second = gate.admit().expect("room for one waiting");
            assert!(gate.admit().is_none(), "jobs + queue = 2 admitted at most");
            let (tx, rx) = std::sync::mpsc::channel::<()>();
            let g = Arc::clone(&gate);
            // The first request is given up at once, but its work goes on.
            let running = tokio::spawn(async move {
                g.run(first, move || {
                    rx.recv_timeout(Duration::from_secs(10)).is_ok()
                })
                .await
            });
            tokio::time::sleep(Duration::from_millis(50)).await;
            running.abort();
            drop(second);
            let third = gate.admit().expect("the waiting place is free again");
            assert!(
                gate.admit().is_none(),
                "the given-up request still holds its place while its work runs"
            );
            tx.send(()).unwrap();
            // Once the work ends, its place is free.
            let mut freed = None;
            for _ in 0..100 {
                freed = gate.admit();
                if freed.is_some() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            assert!(freed.is_some());
            assert_eq!(gate.run(third, || 7).await.unwrap(), 7);
            let panicking = gate.admit().unwrap();
            let r = gate.run(panicking, || -> u8 { panic!("a bug") }).await;
            assert!(matches!(r, Err(RunError::Panicked)));
        });
    }
}
