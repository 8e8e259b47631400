//! The page: one HTML file, its script, its style sheet and its icon, embedded in the
//! binary, so the service works with no network at all.
//!
//! The page's texts are Fluent messages like every other text: the HTML carries the
//! ids ([`MESSAGES`]) in both languages as a JSON block, and the script shows them in
//! the language chosen (`?lang=`, else `Accept-Language`, else the service's) and
//! switches without a reload. The Content-Security-Policy allows nothing but this
//! service: no script, style, font or connection from anywhere else.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::AppState;
use super::guard::request_lang;
use zongjie::i18n::Lang;

const INDEX: &str = include_str!("page/index.html");
const SCRIPT: &str = include_str!("page/app.js");
const STYLE: &str = include_str!("page/style.css");
const ICON: &str = include_str!("page/favicon.svg");

/// Everything the page allows itself: its own files and its own API.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// The message ids the page shows (`data-i18n` attributes and `t('…')` calls in the
/// script; a unit test keeps this list and the files in step).
pub const MESSAGES: &[&str] = &[
    "page-title",
    "page-heading",
    "page-intro",
    "page-drop",
    "page-or",
    "page-choose",
    "page-paste-label",
    "page-paste-placeholder",
    "page-check",
    "page-token-label",
    "page-token-hint",
    "page-token-save",
    "page-token-needed",
    "page-checking",
    "page-findings",
    "page-no-findings",
    "page-document",
    "page-profile",
    "page-download",
    "page-download-hint",
    "page-downloading",
    "page-downloaded",
    "page-network-error",
    "page-too-large",
    "page-empty-text",
    "page-fix",
    "page-footer",
    "page-lang-zh",
    "page-lang-en",
    "severity-info",
    "severity-warning",
    "severity-error",
    "colon",
    "quote-open",
    "quote-close",
    "list-separator",
];

/// What the script needs to start: the language, the service's settings and the
/// texts in both languages.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PageData {
    lang: &'static str,
    token_required: bool,
    max_body: usize,
    version: &'static str,
    messages: BTreeMap<&'static str, BTreeMap<&'static str, String>>,
}

/// The page's data as JSON that is safe inside `<script type="application/json">`.
fn page_data(state: &AppState, lang: Lang) -> String {
    let messages = Lang::ALL
        .iter()
        .map(|l| {
            let texts = MESSAGES.iter().map(|id| (*id, l.tr(id))).collect();
            (l.code(), texts)
        })
        .collect();
    let data = PageData {
        lang: lang.code(),
        token_required: state.token.is_some(),
        max_body: state.max_body,
        version: env!("CARGO_PKG_VERSION"),
        messages,
    };
    // `<` only occurs inside JSON strings, where `\u003c` means the same; so no text
    // can close the script element.
    serde_json::to_string(&data)
        .unwrap_or_else(|_| "{}".to_string())
        .replace('<', "\\u003c")
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `GET /`: the page, in the request's language.
pub async fn index(State(state): State<Arc<AppState>>, req: Request) -> Response {
    let lang = request_lang(req.uri(), req.headers(), state.default_lang);
    let html = INDEX
        .replace("{{lang}}", html_lang(lang))
        .replace("{{title}}", &escape_html(&lang.tr("page-title")))
        .replace("{{data}}", &page_data(&state, lang));
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, CSP),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        html,
    )
        .into_response()
}

fn html_lang(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    }
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

/// `GET /app.js`.
pub async fn script() -> Response {
    asset("text/javascript; charset=utf-8", SCRIPT)
}

/// `GET /style.css`.
pub async fn style() -> Response {
    asset("text/css; charset=utf-8", STYLE)
}

/// `GET /favicon.svg`.
pub async fn icon() -> Response {
    asset("image/svg+xml", ICON)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every id the page files use is listed, every listed id is used, and each has a
    /// text in every language.
    #[test]
    fn the_page_says_every_text_through_fluent() {
        let mut used = Vec::new();
        for (file, text) in [("index.html", INDEX), ("app.js", SCRIPT)] {
            for pattern in ["data-i18n=\"", "data-i18n-placeholder=\"", "t('"] {
                for (i, _) in text.match_indices(pattern) {
                    // `t('` is the call only when it starts a word: not `set('`.
                    let word_start = text[..i]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '.'));
                    if pattern == "t('" && !word_start {
                        continue;
                    }
                    let rest = &text[i + pattern.len()..];
                    let end = rest.find(['"', '\'']).unwrap_or(0);
                    used.push((file, rest[..end].to_string()));
                }
            }
        }
        assert!(used.len() > 20, "{used:?}");
        for (file, id) in &used {
            assert!(
                MESSAGES.contains(&id.as_str()),
                "{file}: {id} is not in MESSAGES"
            );
        }
        for id in MESSAGES {
            assert!(
                used.iter().any(|(_, u)| u == id),
                "{id} is listed but no page file uses it"
            );
            for lang in Lang::ALL {
                assert_ne!(lang.tr(id), *id, "{id} has no {} text", lang.code());
            }
        }
    }

    #[test]
    fn page_data_cannot_close_its_script_element() {
        let state = AppState {
            analyzers: Vec::new(),
            default_lang: Lang::Zh,
            token: Some("t".into()),
            loopback_only: false,
            max_body: 1024,
            docx: super::super::docx_limits(),
            timeout: std::time::Duration::from_secs(1),
            gate: super::super::gate::Gate::new(1, 0),
            author: "zongjie".into(),
        };
        let data = page_data(&state, Lang::Zh);
        assert!(!data.contains('<'), "{data}");
        let v: serde_json::Value = serde_json::from_str(&data).unwrap();
        assert_eq!(v["lang"], "zh");
        assert_eq!(v["tokenRequired"], true);
        assert_eq!(v["messages"]["zh"]["page-heading"], "检查工作总结");
        assert_eq!(v["messages"]["en"]["page-heading"], "Check a work summary");
        assert!(INDEX.contains("{{data}}") && INDEX.contains("{{lang}}"));
    }
}
