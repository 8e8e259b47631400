//! The JSON API: `POST /api/lint`, `/api/outline`, `/api/annotate`, `GET /healthz`,
//! and the JSON answers for unknown routes and methods.
//!
//! `lint` and `outline` answer exactly what `zongjie lint --format json` and
//! `zongjie outline --format json` print for the same file: the same reporter writes
//! both (one document, its record, the summary). `annotate` answers the Word file
//! with every finding as a comment, as `zongjie lint --annotate` writes it.

use std::path::Path;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::AppState;
use super::gate::RunError;
use super::guard::{ApiError, json_headers, request_lang, retry_seconds};
use super::input::{self, DOCX_TYPE, Kind, Params, Upload};
use zongjie::edit;
use zongjie::i18n::{Lang, Message};
use zongjie::input::docx::{AnnotateOptions, DocxLimits, Placement};
use zongjie::render::json::JsonReporter;
use zongjie::render::{ReportOptions, Reporter, Style, Tally, View};
use zongjie::report::SCHEMA_VERSION;
use zongjie::{Analyzer, DocReport, Document};

/// What an API call asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Lint,
    Outline,
    Annotate,
}

impl Action {
    /// Query parameters it takes besides `name` and `lang`.
    fn params(self) -> &'static [&'static str] {
        match self {
            Action::Lint | Action::Outline => &["text"],
            Action::Annotate => &["fix", "author"],
        }
    }
}

/// `POST /api/lint`: the findings, as `zongjie lint --format json`.
pub async fn lint(State(state): State<Arc<AppState>>, req: Request) -> Response {
    handle(state, req, Action::Lint).await
}

/// `POST /api/outline`: headings, missing sections, numbering, completeness, as
/// `zongjie outline --format json`.
pub async fn outline(State(state): State<Arc<AppState>>, req: Request) -> Response {
    handle(state, req, Action::Outline).await
}

/// `POST /api/annotate`: the Word file with every finding as a comment.
pub async fn annotate(State(state): State<Arc<AppState>>, req: Request) -> Response {
    handle(state, req, Action::Annotate).await
}

async fn handle(state: Arc<AppState>, req: Request, action: Action) -> Response {
    let lang = request_lang(req.uri(), req.headers(), state.default_lang);
    match respond(&state, req, action, lang).await {
        Ok(response) => response,
        Err(e) => e.respond(lang),
    }
}

async fn respond(
    state: &Arc<AppState>,
    req: Request,
    action: Action,
    lang: Lang,
) -> Result<Response, ApiError> {
    let params = input::params(req.uri(), action.params())?;
    input::check_length(req.headers(), state.max_body)?;
    // Admitted before the body is read: bodies in memory are bounded by the gate.
    let ticket = state.gate.admit().ok_or_else(|| {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            Message::new("serve-error-busy"),
        )
        .retry_after(1)
    })?;
    let upload = input::read(req, state.max_body, &params).await?;
    if action == Action::Annotate && upload.kind != Kind::Word {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Message::new("serve-error-annotate-word-only"),
        ));
    }
    let job = Job {
        analyzer: state.analyzer(lang),
        upload,
        action,
        params,
        lang,
        limits: state.docx,
        author: state.author.clone(),
    };
    match state.gate.run(ticket, move || job.run()).await {
        Ok(result) => result,
        Err(RunError::Panicked) => Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            Message::new("serve-error-internal"),
        )
        .retry_after(retry_seconds(state))),
    }
}

/// One analysis, run on the blocking pool.
struct Job {
    analyzer: Arc<Analyzer>,
    upload: Upload,
    action: Action,
    params: Params,
    lang: Lang,
    limits: DocxLimits,
    author: String,
}

impl Job {
    fn run(self) -> Result<Response, ApiError> {
        let doc = input::document(&self.upload, &self.limits)?;
        match self.action {
            Action::Lint => {
                let report = self.analyzer.lint_report(&doc);
                self.json(View::Lint, &report, &doc)
            }
            Action::Outline => {
                let report = self.analyzer.structure(&doc);
                self.json(View::Outline, &report, &doc)
            }
            Action::Annotate => self.annotated(&doc),
        }
    }

    /// The CLI's JSON for one document: the reporter's framing, the record, the
    /// summary.
    fn json(&self, view: View, report: &DocReport, doc: &Document) -> Result<Response, ApiError> {
        let opts = ReportOptions {
            view,
            style: Style {
                color: false,
                lang: self.lang,
            },
            quiet: true,
            show_shared: false,
        };
        let mut reporter = JsonReporter::new(opts, false).with_text(self.params.text);
        let mut tally = Tally::default();
        tally.add(report);
        let mut body = Vec::new();
        let written = reporter.record(report, Some(doc)).and_then(|record| {
            reporter.begin(&mut body)?;
            reporter.write(&mut body, report, &record)?;
            reporter.finish(&mut body, &tally, None)
        });
        written.map_err(|_| internal())?;
        Ok((StatusCode::OK, json_headers(), body).into_response())
    }

    /// The annotated copy, named as `lint --annotate` names it.
    fn annotated(&self, doc: &Document) -> Result<Response, ApiError> {
        let report = self.analyzer.lint_report(doc);
        let opts = AnnotateOptions {
            author: self.params.author.clone().unwrap_or(self.author.clone()),
            limits: self.limits,
            ..AnnotateOptions::default()
        };
        let style = Style {
            color: false,
            lang: self.lang,
        };
        let annotated = edit::annotate_document(
            &self.upload.bytes,
            &report.diagnostics,
            self.params.fix,
            &opts,
            style,
        )
        .map_err(|e| match e {
            edit::EditError::Docx(d) => input::docx_error(&self.upload.name, &d),
            other => ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                Message::new("serve-error-annotate").arg("why", other.to_string()),
            ),
        })?;
        let placed = annotated
            .comments
            .iter()
            .filter(|p| !matches!(p, Placement::NotPlaced))
            .count();
        let out_name = edit::annotated_path(Path::new(&self.upload.name))
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "annotated.zongjie.docx".to_string());
        let mut response = (StatusCode::OK, annotated.bytes).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(DOCX_TYPE));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let Ok(v) = HeaderValue::from_str(&content_disposition(&out_name)) {
            headers.insert(header::CONTENT_DISPOSITION, v);
        }
        headers.insert(
            "x-zongjie-findings",
            HeaderValue::from(report.diagnostics.len()),
        );
        headers.insert("x-zongjie-comments", HeaderValue::from(placed));
        Ok(response)
    }
}

fn internal() -> ApiError {
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        Message::new("serve-error-internal"),
    )
}

/// `attachment` with an ASCII `filename` for old clients and the exact name as
/// `filename*` (RFC 6266, RFC 5987).
pub fn content_disposition(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && !matches!(c, '"' | '\\' | '%' | ';') || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// The answer of `GET /healthz`.
#[derive(Serialize)]
struct Health {
    version: u32,
    status: &'static str,
    zongjie: &'static str,
}

/// `GET /healthz`: `{"version":2,"status":"ok","zongjie":"0.1.0"}`. No token needed:
/// it holds no document.
pub async fn healthz() -> Response {
    let body = serde_json::to_vec(&Health {
        version: SCHEMA_VERSION,
        status: "ok",
        zongjie: env!("CARGO_PKG_VERSION"),
    })
    .unwrap_or_default();
    (StatusCode::OK, json_headers(), body).into_response()
}

/// Any other path: 404 in JSON.
pub async fn not_found(State(state): State<Arc<AppState>>, req: Request) -> Response {
    let lang = request_lang(req.uri(), req.headers(), state.default_lang);
    ApiError::new(
        StatusCode::NOT_FOUND,
        Message::new("serve-error-not-found").arg("path", req.uri().path()),
    )
    .respond(lang)
}

/// A known path with another method: 405 in JSON.
pub async fn method_not_allowed(State(state): State<Arc<AppState>>, req: Request) -> Response {
    let lang = request_lang(req.uri(), req.headers(), state.default_lang);
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        Message::new("serve-error-method").arg("method", req.method().as_str()),
    )
    .respond(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_disposition_keeps_chinese_names_exact() {
        assert_eq!(
            content_disposition("draft.zongjie.docx"),
            "attachment; filename=\"draft.zongjie.docx\"; filename*=UTF-8''draft.zongjie.docx"
        );
        assert_eq!(
            content_disposition("总结 \"A\".zongjie.docx"),
            "attachment; filename=\"__ _A_.zongjie.docx\"; \
             filename*=UTF-8''%E6%80%BB%E7%BB%93%20%22A%22.zongjie.docx"
        );
    }
}
