//! `zongjie serve`: a local HTTP service over the library — a page to drop a draft on,
//! and a JSON API that answers with the CLI's contract (version 2).
//!
//! The layers, outermost first: a log line per request ([`guard::log`]); security
//! headers and the Host check that keeps a loopback service from answering a
//! rebound name ([`guard::host`]); for `/api/*` the token and the time limit
//! ([`guard::api`]); then the handlers ([`api`], [`page`]). An API request is admitted
//! by the [`gate::Gate`] before its body is read, so the memory held by bodies is
//! bounded by `(jobs + queue) × max_body`.
//!
//! What must stay true:
//! - an upload lives only in memory: it is never written to disk and never logged (a
//!   log line holds the method, the path without its query, the status, the time and
//!   the sizes);
//! - analysis never runs on the async reactor: it runs on tokio's blocking pool, at
//!   most `jobs` at once, and a request given up on time keeps its place until its
//!   analysis really ends, so the bound is honest;
//! - every bad request gets a 4xx JSON error `{"version":2,"error":"…"}` in the
//!   request's language, every bound reached a 413 or 503, and no request ends the
//!   service.

mod api;
mod gate;
mod guard;
mod input;
mod page;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use zongjie::i18n::{Lang, Message};
use zongjie::input::docx::DocxLimits;
use zongjie::{Analyzer, Config};

/// How `zongjie serve` runs.
#[derive(Debug)]
pub struct Options {
    /// Where to listen.
    pub addr: SocketAddr,
    /// The token every API call must carry; required off loopback.
    pub token: Option<String>,
    /// Largest request body, in bytes.
    pub max_body: usize,
    /// Analyses run at once.
    pub jobs: usize,
    /// Requests admitted beyond the running ones, waiting for an analysis.
    pub queue: usize,
    /// Time allowed per API request.
    pub timeout: Duration,
    /// The settings; its language is the one for requests that choose none.
    pub config: Config,
}

/// What every handler shares.
pub(crate) struct AppState {
    /// One analyzer per language: a finding's message is said when it becomes a
    /// diagnostic, so each language has its own.
    analyzers: Vec<(Lang, Arc<Analyzer>)>,
    /// The language of requests that choose none.
    default_lang: Lang,
    /// The API token, if any.
    token: Option<String>,
    /// Whether only loopback host names are answered (loopback, no token).
    loopback_only: bool,
    /// Largest request body.
    max_body: usize,
    /// Limits for reading Word files.
    docx: DocxLimits,
    /// Time allowed per API request.
    timeout: Duration,
    /// Admission and the analyses' permits.
    gate: gate::Gate,
    /// Author of the comments of annotated copies.
    author: String,
}

impl AppState {
    /// The analyzer that speaks `lang`.
    fn analyzer(&self, lang: Lang) -> Arc<Analyzer> {
        self.analyzers
            .iter()
            .find(|(l, _)| *l == lang)
            .or_else(|| self.analyzers.first())
            .map(|(_, a)| Arc::clone(a))
            .unwrap_or_else(|| Arc::new(Analyzer::new(Config::default())))
    }
}

/// Limits for Word files read by the service: a quarter of the command line's, since
/// several requests may unpack at once.
fn docx_limits() -> DocxLimits {
    DocxLimits {
        max_entry_bytes: 16 << 20,
        max_total_bytes: 32 << 20,
        ..DocxLimits::default()
    }
}

/// The service's routes and layers over `state`.
pub(crate) fn router(state: Arc<AppState>) -> Router {
    let api = Router::new()
        .route("/api/lint", post(api::lint))
        .route("/api/outline", post(api::outline))
        .route("/api/annotate", post(api::annotate))
        .route_layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            guard::api,
        ));
    Router::new()
        .route("/", get(page::index))
        .route("/app.js", get(page::script))
        .route("/style.css", get(page::style))
        .route("/favicon.svg", get(page::icon))
        .route("/healthz", get(api::healthz))
        .merge(api)
        .fallback(api::not_found)
        .method_not_allowed_fallback(api::method_not_allowed)
        // Multipart bodies are bounded by this; raw and JSON bodies by the handlers.
        .layer(DefaultBodyLimit::max(state.max_body))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            guard::host,
        ))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&state),
            guard::log,
        ))
        .with_state(state)
}

/// Runs the service until Ctrl-C (or SIGTERM); returns the exit code.
pub fn run(opts: Options) -> Result<u8> {
    let default_lang = opts.config.language();
    let mut analyzers = Vec::new();
    for lang in Lang::ALL {
        let mut config = opts.config.clone();
        config.lang = Some(lang);
        let analyzer = Analyzer::new(config);
        if analyzer.config().enabled(zongjie::Rule::RepeatedPhrase) {
            // jieba's tables load now rather than on the first request.
            analyzer.prepare();
        }
        analyzers.push((lang, Arc::new(analyzer)));
    }
    let state = Arc::new(AppState {
        analyzers,
        default_lang,
        loopback_only: opts.token.is_none() && opts.addr.ip().is_loopback(),
        token: opts.token,
        max_body: opts.max_body,
        docx: docx_limits(),
        timeout: opts.timeout,
        gate: gate::Gate::new(opts.jobs, opts.queue),
        author: opts
            .config
            .author
            .clone()
            .unwrap_or_else(|| "zongjie".to_string()),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("zongjie-serve")
        .build()
        .context("starting the runtime")?;
    let result = runtime.block_on(serve(opts.addr, state, default_lang));
    // A request given up on time may still be analysing: its answer is gone, so
    // there is nothing to wait for.
    runtime.shutdown_timeout(Duration::from_secs(1));
    result
}

async fn serve(addr: SocketAddr, state: Arc<AppState>, lang: Lang) -> Result<u8> {
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        anyhow::anyhow!(
            "{}",
            Message::new("serve-cannot-bind")
                .arg("addr", addr.to_string())
                .arg("why", e.to_string())
                .say(lang)
        )
    })?;
    let local = listener.local_addr()?;
    let url = format!("http://{local}/");
    eprintln!(
        "zongjie serve: {}",
        Message::new("serve-listening").arg("url", &url).say(lang)
    );
    if state.token.is_some() {
        eprintln!(
            "zongjie serve: {}",
            Message::new("serve-token-on").arg("url", &url).say(lang)
        );
    }
    let app = router(state);
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            stop_signal().await;
            eprintln!("zongjie serve: {}", lang.tr("serve-stopping"));
        })
        .await?;
    eprintln!("zongjie serve: {}", lang.tr("serve-stopped"));
    Ok(crate::cli::exit::CLEAN)
}

/// Ctrl-C, or SIGTERM (what `kill` and service managers send).
async fn stop_signal() {
    let ctrl_c = async {
        // Without a handler there is no Ctrl-C to wait for; SIGTERM still works.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
