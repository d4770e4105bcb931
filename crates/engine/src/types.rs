//! The engine's input and output types.

use chrono::NaiveDate;

/// A UTF-8 byte range `[start, end)` into a document's text, on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers.
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// One document to read.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    /// The caller's id, copied into claims and hashed into claim ids.
    pub id: &'a str,
    /// The full text.
    pub text: &'a str,
    /// Publication date: the anchor of relative time expressions.
    pub published: Option<NaiveDate>,
}

/// How a claim is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClaimKind {
    Direct,
    Indirect,
    Mixed,
    AccordingTo,
}

/// What kind of entity a speaker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    Person,
    Organization,
    Government,
    Media,
    Group,
    Unknown,
}

/// The TIMEX3 type of a time expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeKind {
    Date,
    Time,
    Duration,
    Set,
}

/// A time expression with its TIMEX3 value (`2023-12-24`, `P3D`, `PAST_REF`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExpr {
    pub span: Span,
    pub value: String,
    pub kind: TimeKind,
}

/// Who made a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    /// The mention at this claim; `None` when the speaker is only implied.
    pub span: Option<Span>,
    /// The canonical name across the document.
    pub name: String,
    pub kind: EntityKind,
    /// Index into [`Extraction::entities`], when the speaker was linked to one.
    pub entity: Option<usize>,
}

/// The medium a claim came through ("in an interview", "a report by the Observer Network").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub span: Span,
    /// The outlet's name when one is named, else the medium's head noun.
    pub name: String,
}

/// One attributed claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Stable id: a hash of the document id and the speaker, cue and content spans.
    pub id: String,
    pub kind: ClaimKind,
    pub speaker: Speaker,
    /// The attributing word or phrase; `None` for a cue-less quote.
    pub cue: Option<Span>,
    /// The content, in one or more pieces, in text order (never empty).
    pub content: Vec<Span>,
    pub when: Option<TimeExpr>,
    pub source: Option<Source>,
    /// The sentence or sentences the claim stands in.
    pub sentence: Span,
    pub confidence: f32,
}

impl Claim {
    /// The whole content range, first piece to last.
    pub fn content_span(&self) -> Span {
        let first = self.content.first().copied().unwrap_or_default();
        let last = self.content.last().copied().unwrap_or(first);
        first.cover(last)
    }
}

/// A canonical entity: one speaker across its mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub name: String,
    pub kind: EntityKind,
    pub mentions: Vec<Span>,
    pub claim_count: u32,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub claims: Vec<Claim>,
    pub times: Vec<TimeExpr>,
    pub entities: Vec<Entity>,
}
