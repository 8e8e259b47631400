//! Placeholder until the .docx extractor lands.

/// Limits for docx extraction.
#[derive(Debug, Clone, Default)]
pub struct DocxLimits {}

/// Errors of docx extraction.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// Not supported yet.
    #[error("not a valid .docx (zip) file")]
    NotZip(String),
}

/// Extracts text.
pub fn extract_text(_bytes: &[u8], _limits: &DocxLimits) -> Result<String, DocxError> {
    Err(DocxError::NotZip("unsupported".into()))
}
