//! claimex's extraction engine: attributed claims and time expressions from English news text.
//!
//! Pure and synchronous: one document in, claims out, no I/O, no async runtime. Every span is a
//! UTF-8 byte range into the original text, on char boundaries. Lexicons and automata are built
//! once, in [`Engine::new`]; an [`Engine`] is `Send + Sync` and meant to be shared.
//!
//! The pipeline (see `ARCHITECTURE.md` at the repository root):
//! 1. [`text`]: sentences and paragraphs, with boilerplate lines (menus, newsletter prompts)
//!    marked so that they yield nothing.
//! 2. [`time`]: time expressions, normalized against the publication date.
//! 3. [`attrib`]: quotes, cues, speakers, sources and the claims they make, with speakers
//!    resolved to canonical entities across the document.

pub mod attrib;
pub mod text;
pub mod time;

mod id;
mod key;
mod types;

pub use types::*;

use std::ops::ControlFlow;

/// The default limit on a document's text: 1 MiB.
pub const DEFAULT_MAX_TEXT_BYTES: usize = 1 << 20;

/// Why a document cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// The text is empty or only white space.
    EmptyText,
    /// The text is longer than the configured limit.
    TextTooLarge { len: usize, limit: usize },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::EmptyText => write!(f, "document text is empty: send the article body in `text`"),
            Error::TextTooLarge { len, limit } => write!(
                f,
                "document text is {len} bytes, over the limit of {limit} bytes: split the document or raise the server's limit"
            ),
        }
    }
}

impl std::error::Error for Error {}

/// Engine settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// Longest text accepted, in bytes.
    pub max_text_bytes: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config { max_text_bytes: DEFAULT_MAX_TEXT_BYTES }
    }
}

/// The extraction engine: compiled lexicons and settings. Build once, share everywhere.
#[derive(Debug)]
pub struct Engine {
    config: Config,
    attrib: attrib::Attributor,
    times: time::Tagger,
}

impl Engine {
    /// Builds the engine, compiling every lexicon.
    pub fn new(config: Config) -> Self {
        Engine { config, attrib: attrib::Attributor::new(), times: time::Tagger::new() }
    }

    /// The engine's settings.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Checks a document against the limits without extracting anything.
    pub fn validate(&self, doc: &Document<'_>) -> Result<(), Error> {
        if doc.text.len() > self.config.max_text_bytes {
            return Err(Error::TextTooLarge { len: doc.text.len(), limit: self.config.max_text_bytes });
        }
        if doc.text.trim().is_empty() {
            return Err(Error::EmptyText);
        }
        Ok(())
    }

    /// Extracts everything from one document.
    pub fn extract(&self, doc: &Document<'_>) -> Result<Extraction, Error> {
        self.extract_with(doc, |_| ControlFlow::Continue(()))
    }

    /// Extracts everything from one document, handing each claim to `on_claim` as soon as it is
    /// found, in document order. When `on_claim` breaks, extraction stops and the claims found
    /// so far are returned.
    pub fn extract_with(
        &self,
        doc: &Document<'_>,
        mut on_claim: impl FnMut(&Claim) -> ControlFlow<()>,
    ) -> Result<Extraction, Error> {
        self.validate(doc)?;
        let layout = text::Layout::new(doc.text);
        let times = self.times.tag(doc.text, doc.published);
        let mut claims = Vec::new();
        let entities = self.attrib.run(doc, &layout, &times, |claim| {
            let flow = on_claim(&claim);
            claims.push(claim);
            flow
        });
        Ok(Extraction { claims, times, entities })
    }

    /// Uses another cue model (for evaluating a freshly trained one).
    pub fn with_cue_model(mut self, cues: attrib::model::Model) -> Self {
        self.attrib = self.attrib.with_cue_model(cues);
        self
    }

    /// Training examples for the cue model from one document with its gold cue spans: the
    /// features of every candidate word and whether it heads a gold cue.
    pub fn cue_examples(&self, doc: &Document<'_>, cues: &[Span], example: impl FnMut(&[u64], bool)) {
        let layout = text::Layout::new(doc.text);
        let times = self.times.tag(doc.text, doc.published);
        self.attrib.cue_examples(doc, &layout, &times, cues, example);
    }

    /// Only the time expressions of a text.
    pub fn times(&self, doc: &Document<'_>) -> Result<Vec<TimeExpr>, Error> {
        self.validate(doc)?;
        Ok(self.times.tag(doc.text, doc.published))
    }
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new(Config::default())
    }
}
