//! Conversions between the contract's messages and the engine's types.
//!
//! Inbound: a proto [`Document`](proto::Document) is checked and borrowed as an engine
//! [`Document`](engine::Document). Outbound: engine results become proto messages whose spans
//! are `u32` byte offsets and whose texts are copied from the document at those spans.

use chrono::{DateTime, NaiveDate, Utc};
use claimex_engine as engine;

use crate::error::{Error, MAX_ID_BYTES};
use crate::proto;

/// Joins the pieces of a discontinuous text.
pub const PIECE_SEPARATOR: &str = " … ";

/// Checks a document's fields and borrows it as the engine's input. The engine checks the text
/// itself (empty, too large) in [`engine::Engine::validate`].
pub fn document(doc: &proto::Document) -> Result<engine::Document<'_>, Error> {
    if doc.id.len() > MAX_ID_BYTES {
        return Err(Error::IdTooLong { len: doc.id.len(), limit: MAX_ID_BYTES });
    }
    if !is_english(&doc.language) {
        return Err(Error::UnsupportedLanguage { language: doc.language.clone() });
    }
    let published = match doc.published_at {
        Some(ts) => Some(date_utc(ts)?),
        None => None,
    };
    Ok(engine::Document { id: &doc.id, text: &doc.text, published })
}

/// Empty means English; otherwise a BCP 47 tag whose primary subtag is `en`.
fn is_english(tag: &str) -> bool {
    let primary = tag.split(['-', '_']).next().unwrap_or_default();
    tag.is_empty() || primary.eq_ignore_ascii_case("en")
}

/// The calendar date of a timestamp in UTC.
pub fn date_utc(ts: pbjson_types::Timestamp) -> Result<NaiveDate, Error> {
    let at: DateTime<Utc> = ts.try_into().map_err(|_| Error::InvalidPublishedAt)?;
    Ok(at.date_naive())
}

/// The options of one extraction, checked.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Options {
    pub include_unattributed: bool,
    pub min_confidence: f32,
    /// Do not log the claims for Subscribe.
    pub dry_run: bool,
}

impl Options {
    /// Whether a claim passes these options.
    pub fn keeps(&self, claim: &engine::Claim) -> bool {
        if claim.speaker.kind == engine::EntityKind::Unknown && !self.include_unattributed {
            return false;
        }
        claim.confidence >= self.min_confidence
    }
}

/// Checks the request's options; absent options are the defaults.
pub fn options(options: Option<&proto::ExtractOptions>) -> Result<Options, Error> {
    let Some(options) = options else {
        return Ok(Options::default());
    };
    let min_confidence = options.min_confidence;
    if !(0.0..=1.0).contains(&min_confidence) {
        return Err(Error::InvalidOption {
            field: "min_confidence",
            reason: format!("is {min_confidence}, out of range: send a number from 0 to 1"),
        });
    }
    Ok(Options { include_unattributed: options.include_unattributed, min_confidence, dry_run: options.dry_run })
}

/// A span as `u32` offsets. The server's size limit keeps texts under 4 GiB, so offsets fit;
/// should one not, it is clamped rather than wrapped.
pub fn span(span: engine::Span) -> proto::Span {
    debug_assert!(span.end <= u32::MAX as usize, "span {span:?} does not fit u32");
    proto::Span { start: clamp_u32(span.start), end: clamp_u32(span.end) }
}

fn clamp_u32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// The text at a span; empty if the span is not a valid range of `text` (an engine bug, caught
/// by the debug assertion in tests).
pub fn text_slice(text: &str, span: engine::Span) -> &str {
    let piece = text.get(span.start..span.end);
    debug_assert!(piece.is_some(), "span {span:?} is not a char range of a {}-byte text", text.len());
    piece.unwrap_or_default()
}

/// [`text_slice`], copied.
fn text_at(text: &str, span: engine::Span) -> String {
    text_slice(text, span).to_owned()
}

/// A piece of text in one or more spans, in text order.
pub fn text_span(text: &str, pieces: &[engine::Span]) -> proto::TextSpan {
    let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
        return proto::TextSpan::default();
    };
    // One piece (nearly every cue and content) is copied once, without the joining.
    let joined = match pieces {
        [piece] => text_at(text, *piece),
        _ => pieces.iter().map(|piece| text_at(text, *piece)).collect::<Vec<_>>().join(PIECE_SEPARATOR),
    };
    proto::TextSpan {
        text: joined,
        span: Some(span(first.cover(*last))),
        spans: pieces.iter().copied().map(span).collect(),
    }
}

pub fn claim_kind(kind: engine::ClaimKind) -> proto::ClaimKind {
    match kind {
        engine::ClaimKind::Direct => proto::ClaimKind::Direct,
        engine::ClaimKind::Indirect => proto::ClaimKind::Indirect,
        engine::ClaimKind::Mixed => proto::ClaimKind::Mixed,
        engine::ClaimKind::AccordingTo => proto::ClaimKind::AccordingTo,
    }
}

pub fn entity_kind(kind: engine::EntityKind) -> proto::EntityKind {
    match kind {
        engine::EntityKind::Person => proto::EntityKind::Person,
        engine::EntityKind::Organization => proto::EntityKind::Organization,
        engine::EntityKind::Government => proto::EntityKind::Government,
        engine::EntityKind::Media => proto::EntityKind::Media,
        engine::EntityKind::Group => proto::EntityKind::Group,
        engine::EntityKind::Unknown => proto::EntityKind::Unknown,
    }
}

pub fn time_type(kind: engine::TimeKind) -> proto::TimeType {
    match kind {
        engine::TimeKind::Date => proto::TimeType::Date,
        engine::TimeKind::Time => proto::TimeType::Time,
        engine::TimeKind::Duration => proto::TimeType::Duration,
        engine::TimeKind::Set => proto::TimeType::Set,
    }
}

pub fn time_expression(doc: &engine::Document<'_>, time: engine::TimeExpr) -> proto::TimeExpression {
    proto::TimeExpression {
        text: text_at(doc.text, time.span),
        span: Some(span(time.span)),
        value: time.value,
        r#type: time_type(time.kind) as i32,
        document_id: doc.id.to_owned(),
    }
}

/// A claim as the contract sends it; the engine's strings (id, names, time value) move in.
pub fn claim(doc: &engine::Document<'_>, claim: engine::Claim) -> proto::Claim {
    let speaker = proto::Speaker {
        text: claim.speaker.span.map(|s| text_at(doc.text, s)).unwrap_or_default(),
        span: claim.speaker.span.map(span),
        name: claim.speaker.name,
        kind: entity_kind(claim.speaker.kind) as i32,
    };
    let source = claim.source.map(|source| proto::Source {
        text: text_at(doc.text, source.span),
        span: Some(span(source.span)),
        name: source.name,
    });
    proto::Claim {
        id: claim.id,
        document_id: doc.id.to_owned(),
        kind: claim_kind(claim.kind) as i32,
        speaker: Some(speaker),
        cue: claim.cue.map(|cue| text_span(doc.text, &[cue])),
        content: Some(text_span(doc.text, &claim.content)),
        when: claim.when.map(|time| time_expression(doc, time)),
        source,
        sentence: Some(span(claim.sentence)),
        confidence: claim.confidence,
    }
}

pub fn entity(entity: engine::Entity) -> proto::Entity {
    proto::Entity {
        name: entity.name,
        kind: entity_kind(entity.kind) as i32,
        mentions: entity.mentions.iter().copied().map(span).collect(),
        claim_count: entity.claim_count,
    }
}

/// A whole extraction, with the claims that pass `options`.
pub fn extraction(doc: &engine::Document<'_>, extraction: engine::Extraction, options: Options) -> proto::ExtractResponse {
    proto::ExtractResponse {
        document_id: doc.id.to_owned(),
        claims: extraction.claims.into_iter().filter(|c| options.keeps(c)).map(|c| claim(doc, c)).collect(),
        times: extraction.times.into_iter().map(|t| time_expression(doc, t)).collect(),
        entities: extraction.entities.into_iter().map(entity).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::Span;

    const TEXT: &str = "\u{201c}We will never sign,\u{201d} Anna Petrosyan said on Monday. \u{201c}Never.\u{201d}";

    fn find(needle: &str) -> Span {
        let start = TEXT.find(needle).expect("needle in text");
        Span::new(start, start + needle.len())
    }

    fn doc() -> engine::Document<'static> {
        engine::Document { id: "doc-1", text: TEXT, published: NaiveDate::from_ymd_opt(2024, 3, 1) }
    }

    fn sample_claim() -> engine::Claim {
        engine::Claim {
            id: "abc".into(),
            kind: engine::ClaimKind::Direct,
            speaker: engine::Speaker {
                span: Some(find("Anna Petrosyan")),
                name: "Anna Petrosyan".into(),
                kind: engine::EntityKind::Person,
                entity: Some(0),
            },
            cue: Some(find("said")),
            content: vec![find("We will never sign"), find("Never")],
            when: Some(engine::TimeExpr { span: find("on Monday"), value: "2024-02-26".into(), kind: engine::TimeKind::Date }),
            source: None,
            sentence: Span::new(0, TEXT.len()),
            confidence: 0.9,
        }
    }

    #[test]
    fn claim_copies_texts_at_spans() {
        let claim = claim(&doc(), sample_claim());
        assert_eq!(claim.document_id, "doc-1");
        assert_eq!(claim.kind, proto::ClaimKind::Direct as i32);
        let speaker = claim.speaker.expect("speaker");
        assert_eq!(speaker.text, "Anna Petrosyan");
        assert_eq!(speaker.kind, proto::EntityKind::Person as i32);
        assert_eq!(claim.cue.expect("cue").text, "said");
        let when = claim.when.expect("when");
        assert_eq!(when.text, "on Monday");
        assert_eq!(when.document_id, "doc-1");
        assert_eq!(when.r#type, proto::TimeType::Date as i32);
    }

    #[test]
    fn discontinuous_content_is_joined_and_covered() {
        let content = claim(&doc(), sample_claim()).content.expect("content");
        assert_eq!(content.text, "We will never sign … Never");
        assert_eq!(content.spans.len(), 2);
        let whole = content.span.expect("span");
        assert_eq!(whole.start, content.spans[0].start);
        assert_eq!(whole.end, content.spans[1].end);
    }

    #[test]
    fn spans_are_byte_offsets() {
        // The opening quote is 3 bytes in UTF-8, so "We" starts at byte 3.
        let content = claim(&doc(), sample_claim()).content.expect("content");
        assert_eq!(content.spans[0].start, 3);
    }

    #[test]
    fn options_filter_claims() {
        let mut unattributed = sample_claim();
        unattributed.speaker.kind = engine::EntityKind::Unknown;
        assert!(!Options::default().keeps(&unattributed));
        assert!(Options { include_unattributed: true, min_confidence: 0.0, dry_run: false }.keeps(&unattributed));
        assert!(!Options { include_unattributed: false, min_confidence: 0.95, dry_run: false }.keeps(&sample_claim()));
    }

    #[test]
    fn options_out_of_range_are_rejected() {
        for bad in [-0.1, 1.5, f32::NAN] {
            let options = proto::ExtractOptions { min_confidence: bad, ..Default::default() };
            assert!(matches!(super::options(Some(&options)), Err(Error::InvalidOption { .. })), "{bad}");
        }
        assert_eq!(super::options(None), Ok(Options::default()));
    }

    #[test]
    fn published_at_is_a_utc_date() {
        // 2023-12-26T23:30:00-02:00 is 2023-12-27T01:30:00Z.
        let proto_doc = proto::Document {
            text: "x".into(),
            published_at: Some(pbjson_types::Timestamp { seconds: 1_703_640_600, nanos: 0 }),
            ..Default::default()
        };
        assert_eq!(document(&proto_doc).expect("valid").published, NaiveDate::from_ymd_opt(2023, 12, 27));
        let bad = proto::Document { published_at: Some(pbjson_types::Timestamp { seconds: 0, nanos: -1 }), ..Default::default() };
        assert_eq!(document(&bad).err(), Some(Error::InvalidPublishedAt));
    }

    #[test]
    fn document_checks_id_and_language() {
        let long_id = proto::Document { id: "x".repeat(MAX_ID_BYTES + 1), ..Default::default() };
        assert!(matches!(document(&long_id), Err(Error::IdTooLong { .. })));
        for ok in ["", "en", "EN", "en-GB"] {
            let doc = proto::Document { language: ok.into(), ..Default::default() };
            assert!(document(&doc).is_ok(), "{ok}");
        }
        for bad in ["fr", "eng", "de-en"] {
            let doc = proto::Document { language: bad.into(), ..Default::default() };
            assert!(matches!(document(&doc), Err(Error::UnsupportedLanguage { .. })), "{bad}");
        }
    }
}
