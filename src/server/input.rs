//! A request's document: its query parameters, its body (raw, a multipart `file`
//! field, or JSON `{"text": …}`), what kind of file it is, and the [`Document`] read
//! from it — all in memory.
//!
//! What must stay true: a body is never read past the size limit (a declared length
//! over it is refused before reading), the file name is only a hint (its folders are
//! dropped; it picks Word or text and names the record), and nothing here writes or
//! prints anything.

use std::path::Path;

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use encoding_rs::Encoding;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use serde::Deserialize;

use super::guard::ApiError;
use zongjie::Document;
use zongjie::i18n::Message;
use zongjie::input::decode::encoding_for_label;
use zongjie::input::docx::{self, DocxError, DocxLimits};
use zongjie::input::{ReadOptions, document_from_bytes};

/// The MIME type of a `.docx` file.
pub const DOCX_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// Query parameters of the API.
#[derive(Debug, Default, Clone)]
pub struct Params {
    /// `name`: the file name hint.
    pub name: Option<String>,
    /// `text`: end the record with the document's text.
    pub text: bool,
    /// `fix` (annotate): fixes as tracked changes too.
    pub fix: bool,
    /// `author` (annotate): the author of the comments.
    pub author: Option<String>,
}

/// Reads the query; `allowed` are the parameters this endpoint takes besides `name`
/// and `lang`. An unknown parameter or a bad value is a 400, so a typo never goes
/// unnoticed.
pub fn params(uri: &Uri, allowed: &[&str]) -> Result<Params, ApiError> {
    let mut params = Params::default();
    let Some(query) = uri.query() else {
        return Ok(params);
    };
    let pairs: Vec<(String, String)> = axum::extract::Query::try_from_uri(uri)
        .map(|q: axum::extract::Query<Vec<(String, String)>>| q.0)
        .map_err(|_| bad_query(query))?;
    for (key, value) in pairs {
        let bad = || bad_query(&key);
        match key.as_str() {
            "name" => params.name = Some(file_name(&value)?),
            "lang" => {
                zongjie::i18n::Lang::parse(&value).ok_or_else(bad)?;
            }
            "text" if allowed.contains(&"text") => params.text = flag(&value).ok_or_else(bad)?,
            "fix" if allowed.contains(&"fix") => params.fix = flag(&value).ok_or_else(bad)?,
            "author" if allowed.contains(&"author") => {
                if value.is_empty() || value.len() > 255 || value.chars().any(char::is_control) {
                    return Err(bad());
                }
                params.author = Some(value);
            }
            _ => return Err(bad()),
        }
    }
    Ok(params)
}

fn bad_query(name: &str) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        Message::new("serve-error-bad-query").arg("name", name),
    )
}

/// `true`/`1`/`yes`/empty or `false`/`0`/`no`.
fn flag(value: &str) -> Option<bool> {
    match value.to_ascii_lowercase().as_str() {
        "" | "1" | "true" | "yes" => Some(true),
        "0" | "false" | "no" => Some(false),
        _ => None,
    }
}

/// The file name a hint gives: its last component (a browser or curl may send a
/// path), at most 255 bytes, without control characters.
pub fn file_name(hint: &str) -> Result<String, ApiError> {
    let last = hint.rsplit(['/', '\\']).next().unwrap_or(hint).trim();
    if last.len() > 255 || last.chars().any(char::is_control) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            Message::new("serve-error-bad-name"),
        ));
    }
    Ok(last.to_string())
}

/// What the uploaded bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A Word `.docx` file.
    Word,
    /// Text, in this encoding or a detected one.
    Text(Option<&'static Encoding>),
    /// Pasted text as JSON `{"text": …, "name": …}`, parsed with the analysis (off
    /// the threads that serve connections).
    Pasted,
}

/// A document as it came in.
#[derive(Debug)]
pub struct Upload {
    /// Its file name (the record's `path`).
    pub name: String,
    /// Its bytes.
    pub bytes: Bytes,
    /// Word or text.
    pub kind: Kind,
}

/// A pasted text: `{"text": "…", "name": "draft.md"}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Pasted {
    text: String,
    #[serde(default)]
    name: Option<String>,
}

/// How a body is sent.
enum Shape {
    Raw { charset: Option<String>, word: bool },
    Multipart,
    Json,
}

/// Refuses a declared length over `max` before anything is read.
pub fn check_length(headers: &HeaderMap, max: usize) -> Result<(), ApiError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    match declared {
        Some(n) if n > max as u64 => Err(too_large(max)),
        _ => Ok(()),
    }
}

fn too_large(max: usize) -> ApiError {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        Message::new("serve-error-too-large").arg("limit", max),
    )
}

fn shape(headers: &HeaderMap) -> Result<Shape, ApiError> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Ok(Shape::Raw {
            charset: None,
            word: false,
        });
    };
    let text = String::from_utf8_lossy(value.as_bytes()).into_owned();
    let mut parts = text.split(';');
    let essence = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        (k.trim().eq_ignore_ascii_case("charset")).then(|| v.trim().trim_matches('"').to_string())
    });
    match essence.as_str() {
        "application/octet-stream" | "text/plain" | "text/markdown" | "text/x-markdown" => {
            Ok(Shape::Raw {
                charset,
                word: false,
            })
        }
        DOCX_TYPE => Ok(Shape::Raw {
            charset: None,
            word: true,
        }),
        "multipart/form-data" => Ok(Shape::Multipart),
        "application/json" => Ok(Shape::Json),
        _ => Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Message::new("serve-error-content-type").arg("type", text),
        )),
    }
}

/// Reads the document of `req` (at most `max` bytes of body).
pub async fn read(req: Request, max: usize, params: &Params) -> Result<Upload, ApiError> {
    match shape(req.headers())? {
        Shape::Raw { charset, word } => {
            let encoding = charset.as_deref().map(charset_encoding).transpose()?;
            let bytes = body_bytes(req.into_body(), max).await?;
            if bytes.is_empty() {
                return Err(empty());
            }
            let name = params.name.clone().filter(|n| !n.is_empty());
            upload(name, bytes, word, encoding)
        }
        Shape::Json => {
            let bytes = body_bytes(req.into_body(), max).await?;
            Ok(Upload {
                name: params
                    .name
                    .clone()
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| "pasted.txt".to_string()),
                bytes,
                kind: Kind::Pasted,
            })
        }
        Shape::Multipart => {
            let mut form = Multipart::from_request(req, &())
                .await
                .map_err(|e| bad_multipart(e.body_text()))?;
            let mut file: Option<(Option<String>, Bytes)> = None;
            loop {
                let field = match form.next_field().await {
                    Ok(Some(field)) => field,
                    Ok(None) => break,
                    Err(e) => return Err(multipart_error(&e, max)),
                };
                if field.name() != Some("file") {
                    continue;
                }
                if file.is_some() {
                    return Err(ApiError::new(
                        StatusCode::BAD_REQUEST,
                        Message::new("serve-error-two-files"),
                    ));
                }
                let name = field.file_name().map(file_name).transpose()?;
                let bytes = field.bytes().await.map_err(|e| multipart_error(&e, max))?;
                file = Some((name, bytes));
            }
            let Some((name, bytes)) = file else {
                return Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    Message::new("serve-error-no-file-field"),
                ));
            };
            if bytes.is_empty() {
                return Err(empty());
            }
            let name = name
                .filter(|n| !n.is_empty())
                .or_else(|| params.name.clone());
            upload(name, bytes, false, None)
        }
    }
}

fn empty() -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, Message::new("serve-error-empty"))
}

fn bad_multipart(why: String) -> ApiError {
    ApiError::new(
        StatusCode::BAD_REQUEST,
        Message::new("serve-error-bad-multipart").arg("why", why),
    )
}

fn multipart_error(e: &axum::extract::multipart::MultipartError, max: usize) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        too_large(max)
    } else {
        bad_multipart(e.body_text())
    }
}

fn charset_encoding(label: &str) -> Result<&'static Encoding, ApiError> {
    encoding_for_label(label).ok_or_else(|| {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Message::new("serve-error-charset").arg("charset", label),
        )
    })
}

/// The body, refused past `max` bytes whether its length was declared or not.
async fn body_bytes(body: Body, max: usize) -> Result<Bytes, ApiError> {
    match Limited::new(body, max).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => Err(too_large(max)),
        Err(e) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            Message::new("serve-error-body").arg("why", e.to_string()),
        )),
    }
}

fn upload(
    name: Option<String>,
    bytes: Bytes,
    word_type: bool,
    encoding: Option<&'static Encoding>,
) -> Result<Upload, ApiError> {
    let name = name.unwrap_or_else(|| {
        if word_type || is_zip(&bytes) {
            "upload.docx"
        } else {
            "upload.txt"
        }
        .to_string()
    });
    let kind = match kind_of(&name, &bytes, word_type)? {
        Kind::Text(_) => Kind::Text(encoding),
        other => other,
    };
    Ok(Upload { name, bytes, kind })
}

fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

fn file_type(name: &str) -> ApiError {
    ApiError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        Message::new("serve-error-file-type").arg("name", name),
    )
}

/// Word or text, by the name's extension; a name without one is Word when the body
/// was sent as the `.docx` type or is a zip archive.
fn kind_of(name: &str, bytes: &[u8], word_type: bool) -> Result<Kind, ApiError> {
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("docx") => Ok(Kind::Word),
        Some("txt" | "md" | "text" | "markdown") => Ok(Kind::Text(None)),
        None if word_type || is_zip(bytes) => Ok(Kind::Word),
        None => Ok(Kind::Text(None)),
        Some(_) => Err(file_type(name)),
    }
}

/// Reads the upload into a document (on the blocking pool: unzipping, decoding and
/// parsing are work).
pub fn document(upload: &Upload, limits: &DocxLimits) -> Result<Document, ApiError> {
    match upload.kind {
        Kind::Pasted => {
            let pasted: Pasted = serde_json::from_slice(&upload.bytes).map_err(|e| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    Message::new("serve-error-bad-json").arg("why", e.to_string()),
                )
            })?;
            let name = match pasted.name {
                Some(n) => file_name(&n)?,
                None => upload.name.clone(),
            };
            let name = if name.is_empty() {
                upload.name.clone()
            } else {
                name
            };
            if kind_of(&name, b"", false)? == Kind::Word {
                return Err(file_type(&name));
            }
            Ok(Document::new(name, "UTF-8", pasted.text))
        }
        Kind::Word => match docx::extract(&upload.bytes, limits) {
            Ok(extracted) => Ok(Document::from_word(upload.name.clone(), extracted)),
            Err(e) => Err(docx_error(&upload.name, &e)),
        },
        Kind::Text(encoding) => {
            let opts = ReadOptions {
                encoding,
                convert: None,
                ..ReadOptions::default()
            };
            document_from_bytes(Path::new(&upload.name), upload.bytes.to_vec(), &opts).map_err(
                |e| {
                    let why = match &e {
                        zongjie::Error::Binary { reason, .. } => reason.clone(),
                        other => other.to_string(),
                    };
                    ApiError::new(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        Message::new("serve-error-not-text")
                            .arg("name", &upload.name)
                            .arg("why", why),
                    )
                },
            )
        }
    }
}

/// A Word file that cannot be read: 413 when it unpacks past the limits (a zip bomb),
/// 422 when it is broken.
pub fn docx_error(name: &str, e: &DocxError) -> ApiError {
    let limit = matches!(
        e,
        DocxError::TooLarge { .. } | DocxError::TooManyEntries { .. } | DocxError::TooDeep { .. }
    );
    let (status, id) = if limit {
        (StatusCode::PAYLOAD_TOO_LARGE, "serve-error-docx-limit")
    } else {
        (StatusCode::UNPROCESSABLE_ENTITY, "serve-error-broken-docx")
    };
    ApiError::new(
        status,
        Message::new(id).arg("name", name).arg("why", e.to_string()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_their_last_part_and_refuse_control_chars() {
        let cases: &[(&str, Option<&str>)] = &[
            ("draft.docx", Some("draft.docx")),
            ("C:\\Users\\王\\述职报告.docx", Some("述职报告.docx")),
            ("../../etc/passwd", Some("passwd")),
            ("a/b/", Some("")),
            (" 总结.txt ", Some("总结.txt")),
            ("bad\nname.txt", None),
            ("bad\u{0}.txt", None),
        ];
        for (hint, want) in cases {
            assert_eq!(file_name(hint).ok().as_deref(), *want, "{hint:?}");
        }
        assert!(file_name(&"长".repeat(100)).is_err(), "300 bytes");
    }

    #[test]
    fn the_name_picks_word_or_text_and_refuses_other_files() {
        let zip = b"PK\x03\x04rest";
        let cases: &[(&str, &[u8], bool, Option<Kind>)] = &[
            ("a.docx", b"", false, Some(Kind::Word)),
            ("a.DOCX", b"", false, Some(Kind::Word)),
            ("a.txt", zip, false, Some(Kind::Text(None))),
            ("a.md", b"", false, Some(Kind::Text(None))),
            ("a", zip, false, Some(Kind::Word)),
            ("a", b"text", true, Some(Kind::Word)),
            ("a", b"text", false, Some(Kind::Text(None))),
            ("a.doc", b"", false, None),
            ("a.pdf", b"", false, None),
            ("photo.png", b"", false, None),
        ];
        for (name, bytes, word, want) in cases {
            assert_eq!(kind_of(name, bytes, *word).ok(), *want, "{name}");
        }
    }

    #[test]
    fn flags_and_unknown_parameters() {
        let uri: Uri = "/api/lint?name=%E6%80%BB%E7%BB%93.txt&text=1&lang=zh"
            .parse()
            .unwrap();
        let p = params(&uri, &["text"]).unwrap();
        assert_eq!(p.name.as_deref(), Some("总结.txt"));
        assert!(p.text);
        for bad in [
            "/api/lint?text=maybe",
            "/api/lint?fix=1",
            "/api/lint?lang=fr",
            "/api/lint?nmae=a.txt",
        ] {
            let uri: Uri = bad.parse().unwrap();
            let e = params(&uri, &["text"]).unwrap_err();
            assert_eq!(e.status, StatusCode::BAD_REQUEST, "{bad}");
        }
        let uri: Uri = "/api/annotate?fix&author=%E7%8E%8B%E7%A7%91%E9%95%BF"
            .parse()
            .unwrap();
        let p = params(&uri, &["fix", "author"]).unwrap();
        assert!(p.fix);
        assert_eq!(p.author.as_deref(), Some("王科长"));
    }

    #[test]
    fn content_types() {
        let shape_of = |ct: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::CONTENT_TYPE, ct.parse().unwrap());
            shape(&h)
        };
        assert!(matches!(
            shape_of("text/plain; charset=GBK"),
            Ok(Shape::Raw { charset: Some(c), word: false }) if c == "GBK"
        ));
        assert!(matches!(
            shape_of(DOCX_TYPE),
            Ok(Shape::Raw { word: true, .. })
        ));
        assert!(matches!(
            shape_of("multipart/form-data; boundary=x"),
            Ok(Shape::Multipart)
        ));
        assert!(matches!(
            shape_of("Application/JSON; charset=utf-8"),
            Ok(Shape::Json)
        ));
        for bad in [
            "image/png",
            "application/x-www-form-urlencoded",
            "text/html",
        ] {
            let e = shape_of(bad).err().expect(bad);
            assert_eq!(e.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        }
        assert!(matches!(
            shape(&HeaderMap::new()),
            Ok(Shape::Raw {
                charset: None,
                word: false
            })
        ));
    }
}
