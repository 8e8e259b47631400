//! What stands around the handlers: the request's language, JSON errors, the log line,
//! security headers, the Host check and, for the API, the token and the time limit.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::AppState;
use zongjie::i18n::{Lang, Message};
use zongjie::render::json::FatalError;
use zongjie::report::SCHEMA_VERSION;

/// A request that gets an error: its status, what to say, and when to come back.
#[derive(Debug)]
pub struct ApiError {
    /// The HTTP status (4xx, or 5xx for the service's own limits and bugs).
    pub status: StatusCode,
    /// What went wrong, said in the request's language.
    pub message: Message,
    /// Seconds for `Retry-After` (503 only).
    pub retry_after: Option<u64>,
}

impl ApiError {
    /// An error with `status` and the message `id`.
    pub fn new(status: StatusCode, message: Message) -> Self {
        ApiError {
            status,
            message,
            retry_after: None,
        }
    }

    /// The same error, telling the client to retry after `seconds`.
    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds);
        self
    }

    /// The JSON response `{"version":2,"error":"…"}`, in `lang`.
    pub fn respond(&self, lang: Lang) -> Response {
        let text = self.message.say(lang);
        let body = serde_json::to_vec(&FatalError {
            version: SCHEMA_VERSION,
            error: &text,
        })
        .unwrap_or_default();
        let mut response = (self.status, json_headers(), body).into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"zongjie\""),
            );
        }
        response
    }
}

/// Headers of a JSON answer that must not be cached.
pub fn json_headers() -> [(header::HeaderName, &'static str); 2] {
    [
        (header::CONTENT_TYPE, "application/json; charset=utf-8"),
        (header::CACHE_CONTROL, "no-store"),
    ]
}

/// The language a request asks for: `?lang=` (when valid), else the first language of
/// `Accept-Language` that zongjie speaks, else `default`.
pub fn request_lang(uri: &axum::http::Uri, headers: &HeaderMap, default: Lang) -> Lang {
    let from_query = uri.query().and_then(|q| {
        q.split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(k, _)| *k == "lang")
            .and_then(|(_, v)| Lang::parse(v))
    });
    from_query
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(accept_language)
        })
        .unwrap_or(default)
}

/// The language of an `Accept-Language` value zongjie speaks with the highest weight
/// (the first of equal weights); `None` when it names none.
pub fn accept_language(value: &str) -> Option<Lang> {
    let mut best: Option<(f32, Lang)> = None;
    for item in value.split(',') {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or("").trim();
        let q = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .map(|q| q.trim().parse::<f32>().unwrap_or(0.0))
            .unwrap_or(1.0);
        // `c` and `posix` are locale names, not language tags.
        let Some(lang) = Lang::parse(tag).filter(|_| tag.len() >= 2 && q > 0.0) else {
            continue;
        };
        if best.is_none_or(|(b, _)| q > b) {
            best = Some((q, lang));
        }
    }
    best.map(|(_, lang)| lang)
}

/// Writes one line per request on stderr: method, path (never the query, which may
/// hold a file name), status, milliseconds, bytes in (`-` when the body came in chunks
/// of unknown total) and out. Never a body.
pub async fn log(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    let bytes_in = match req.headers().get(header::CONTENT_LENGTH) {
        Some(v) => v.to_str().unwrap_or("-").to_string(),
        None if req.method() == Method::GET || req.method() == Method::HEAD => "0".into(),
        None => "-".into(),
    };
    let response = next.run(req).await;
    let bytes_out = axum::body::HttpBody::size_hint(response.body())
        .exact()
        .map_or_else(|| "-".to_string(), |n| n.to_string());
    let ms = format!("{:.1}", start.elapsed().as_secs_f64() * 1000.0);
    eprintln!(
        "zongjie serve: {}",
        Message::new("serve-log")
            .arg("method", method)
            .arg("path", path)
            .arg("status", response.status().as_u16().to_string())
            .arg("ms", ms)
            .arg("in", bytes_in)
            .arg("out", bytes_out)
            .say(state.default_lang)
    );
    response
}

/// Security headers on every answer; on a loopback service without a token, refuses
/// requests whose `Host` is not a loopback name, so a web page whose name was rebound
/// to 127.0.0.1 cannot read the service (DNS rebinding).
pub async fn host(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let lang = request_lang(req.uri(), req.headers(), state.default_lang);
    let mut response = match req.headers().get(header::HOST) {
        Some(h) if state.loopback_only && !is_loopback_host(h.to_str().unwrap_or("")) => {
            let host = String::from_utf8_lossy(h.as_bytes()).into_owned();
            ApiError::new(
                StatusCode::FORBIDDEN,
                Message::new("serve-error-host").arg("host", host),
            )
            .respond(lang)
        }
        _ => next.run(req).await,
    };
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// Whether a `Host` header names this machine: `localhost`, a 127.x.x.x address or
/// `[::1]`, with or without a port.
pub fn is_loopback_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(name, _)| name)
    };
    name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// For `/api/*`: the token (401 without it), then the time limit (503 past it).
pub async fn api(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let lang = request_lang(req.uri(), req.headers(), state.default_lang);
    if let Some(token) = &state.token {
        let given = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        let id = match given {
            Some(g) if same_secret(g.as_bytes(), token.as_bytes()) => None,
            Some(_) => Some("serve-error-wrong-token"),
            None => Some("serve-error-unauthorized"),
        };
        if let Some(id) = id {
            return ApiError::new(StatusCode::UNAUTHORIZED, Message::new(id)).respond(lang);
        }
    }
    match tokio::time::timeout(state.timeout, next.run(req)).await {
        Ok(response) => response,
        Err(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            Message::new("serve-error-timeout").arg("seconds", state.timeout.as_secs_f64()),
        )
        .retry_after(retry_seconds(&state))
        .respond(lang),
    }
}

/// Seconds a client should wait before trying again: about one time limit, at least 1.
pub fn retry_seconds(state: &AppState) -> u64 {
    state.timeout.as_secs().clamp(1, 30)
}

/// Compares two secrets in time that depends on their lengths only.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_heaviest_language_we_speak() {
        let cases: &[(&str, Option<Lang>)] = &[
            ("zh-CN,zh;q=0.9,en;q=0.8", Some(Lang::Zh)),
            ("en-US,en;q=0.9,zh-CN;q=0.8", Some(Lang::En)),
            ("fr-FR,fr;q=0.9,zh;q=0.5,en;q=0.4", Some(Lang::Zh)),
            ("en;q=0.2, zh-TW;q=0.7", Some(Lang::Zh)),
            ("zh;q=0, en", Some(Lang::En)),
            ("fr, de", None),
            ("*", None),
            ("", None),
            ("zh-Hant-HK", Some(Lang::Zh)),
            ("en;q=bogus, zh", Some(Lang::Zh)),
        ];
        for (value, want) in cases {
            assert_eq!(accept_language(value), *want, "{value:?}");
        }
    }

    #[test]
    fn the_query_wins_over_the_header() {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("zh-CN"));
        let uri: axum::http::Uri = "/api/lint?name=a.txt&lang=en".parse().unwrap();
        assert_eq!(request_lang(&uri, &headers, Lang::Zh), Lang::En);
        let uri: axum::http::Uri = "/api/lint?name=a.txt".parse().unwrap();
        assert_eq!(request_lang(&uri, &headers, Lang::En), Lang::Zh);
        assert_eq!(request_lang(&uri, &HeaderMap::new(), Lang::Zh), Lang::Zh);
    }

    #[test]
    fn only_loopback_names_are_loopback_hosts() {
        let cases = [
            ("127.0.0.1:8080", true),
            ("127.0.0.1", true),
            ("localhost:8080", true),
            ("LOCALHOST", true),
            ("[::1]:8080", true),
            ("127.12.0.3:80", true),
            ("evil.example:8080", false),
            ("evil.example", false),
            ("192.168.1.10:8080", false),
            ("[::2]:8080", false),
            ("localhost.evil.example", false),
            ("", false),
        ];
        for (host, want) in cases {
            assert_eq!(is_loopback_host(host), want, "{host:?}");
        }
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abc", b"abd"));
        assert!(!same_secret(b"abc", b"abcd"));
        assert!(!same_secret(b"", b"a"));
    }
}
