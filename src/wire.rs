//! The `Extract` response written straight from the engine's extraction.
//!
//! [`convert::extraction`] builds the response message and prost then encodes it: every text
//! copied into a `String` of its own, every span list into a `Vec`, and prost works out each
//! nested message's length once per level it is nested in. Together with freeing the message
//! that cost some 17 µs a 5 KB document, 7% of the engine's own time. [`extract_response`]
//! writes the same bytes from the extraction and the document's text with no allocation but
//! the buffer, each message's length worked out once, before the message. The tests below hold
//! it to prost's encoding of `convert::extraction`, byte for byte.
//!
//! Fields are written as prost writes them: in field-number order, proto3 defaults (empty
//! strings, zeros, `false`) left out, a present message always written, even when empty.

use bytes::{BufMut, Bytes};
use claimex_engine as engine;
use tonic::Status;
use tonic::codec::{Codec, EncodeBuf, Encoder};

use crate::convert::{self, Options, PIECE_SEPARATOR};

/// The encoded `ExtractResponse` of the claims of `extraction` that pass `options`.
pub fn extract_response(doc: &engine::Document<'_>, extraction: &engine::Extraction, options: Options) -> Vec<u8> {
    // A response copies the texts of its claims: about one and a half times the document's on
    // news; the buffer grows past that where it must.
    let mut buf = Vec::with_capacity(doc.text.len() + doc.text.len() / 2 + 256);
    put_string(&mut buf, 1, doc.id);
    for claim in extraction.claims.iter().filter(|c| options.keeps(c)) {
        let lens = ClaimLens::new(doc, claim);
        put_message(&mut buf, 2, lens.claim);
        put_claim(&mut buf, doc, claim, &lens);
    }
    for time in &extraction.times {
        put_message(&mut buf, 3, time_len(doc, time));
        put_time(&mut buf, doc, time);
    }
    for entity in &extraction.entities {
        put_message(&mut buf, 4, entity_len(entity));
        put_entity(&mut buf, entity);
    }
    buf
}

// The lengths of the messages' bodies, each worked out once: a claim's, with those of the
// messages in it, before the claim is written.

struct ClaimLens {
    claim: usize,
    speaker: usize,
    cue: Option<TextSpanLens>,
    content: TextSpanLens,
    when: Option<usize>,
    source: Option<usize>,
}

impl ClaimLens {
    fn new(doc: &engine::Document<'_>, claim: &engine::Claim) -> Self {
        let speaker = speaker_len(doc, &claim.speaker);
        let cue = claim.cue.map(|cue| TextSpanLens::new(doc.text, &[cue]));
        let content = TextSpanLens::new(doc.text, &claim.content);
        let when = claim.when.as_ref().map(|time| time_len(doc, time));
        let source = claim.source.as_ref().map(|source| source_len(doc, source));
        let claim = string_len(1, &claim.id)
            + string_len(2, doc.id)
            + enum_len(3, convert::claim_kind(claim.kind) as i32)
            + message_len(4, speaker)
            + cue.as_ref().map_or(0, |cue| message_len(5, cue.message))
            + message_len(6, content.message)
            + when.map_or(0, |when| message_len(7, when))
            + source.map_or(0, |source| message_len(8, source))
            + message_len(9, span_len(claim.sentence))
            + float_len(10, claim.confidence);
        ClaimLens { claim, speaker, cue, content, when, source }
    }
}

/// A `TextSpan`'s length, and that of its text: the pieces joined with [`PIECE_SEPARATOR`].
struct TextSpanLens {
    message: usize,
    joined: usize,
}

impl TextSpanLens {
    fn new(text: &str, pieces: &[engine::Span]) -> Self {
        let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
            return TextSpanLens { message: 0, joined: 0 };
        };
        let joined = pieces.iter().map(|&piece| convert::text_slice(text, piece).len()).sum::<usize>() + PIECE_SEPARATOR.len() * (pieces.len() - 1);
        let text_field = if joined == 0 { 0 } else { key_len(1) + varint_len(joined as u64) + joined };
        let message = text_field + message_len(2, span_len(first.cover(*last))) + pieces.iter().map(|&piece| message_len(3, span_len(piece))).sum::<usize>();
        TextSpanLens { message, joined }
    }
}

fn speaker_len(doc: &engine::Document<'_>, speaker: &engine::Speaker) -> usize {
    speaker.span.map_or(0, |span| string_len(1, convert::text_slice(doc.text, span)) + message_len(2, span_len(span)))
        + string_len(3, &speaker.name)
        + enum_len(4, convert::entity_kind(speaker.kind) as i32)
}

fn time_len(doc: &engine::Document<'_>, time: &engine::TimeExpr) -> usize {
    string_len(1, convert::text_slice(doc.text, time.span))
        + message_len(2, span_len(time.span))
        + string_len(3, &time.value)
        + enum_len(4, convert::time_type(time.kind) as i32)
        + string_len(5, doc.id)
}

fn source_len(doc: &engine::Document<'_>, source: &engine::Source) -> usize {
    string_len(1, convert::text_slice(doc.text, source.span)) + message_len(2, span_len(source.span)) + string_len(3, &source.name)
}

fn entity_len(entity: &engine::Entity) -> usize {
    string_len(1, &entity.name)
        + enum_len(2, convert::entity_kind(entity.kind) as i32)
        + entity.mentions.iter().map(|&mention| message_len(3, span_len(mention))).sum::<usize>()
        + uint_len(4, entity.claim_count)
}

fn span_len(span: engine::Span) -> usize {
    let span = convert::span(span);
    uint_len(1, span.start) + uint_len(2, span.end)
}

// The messages' fields.

fn put_claim(buf: &mut Vec<u8>, doc: &engine::Document<'_>, claim: &engine::Claim, lens: &ClaimLens) {
    put_string(buf, 1, &claim.id);
    put_string(buf, 2, doc.id);
    put_enum(buf, 3, convert::claim_kind(claim.kind) as i32);
    put_message(buf, 4, lens.speaker);
    put_speaker(buf, doc, &claim.speaker);
    if let (Some(cue), Some(cue_lens)) = (claim.cue, &lens.cue) {
        put_message(buf, 5, cue_lens.message);
        put_text_span(buf, doc.text, &[cue], cue_lens.joined);
    }
    put_message(buf, 6, lens.content.message);
    put_text_span(buf, doc.text, &claim.content, lens.content.joined);
    if let (Some(time), Some(when)) = (&claim.when, lens.when) {
        put_message(buf, 7, when);
        put_time(buf, doc, time);
    }
    if let (Some(source), Some(source_len)) = (&claim.source, lens.source) {
        put_message(buf, 8, source_len);
        put_string(buf, 1, convert::text_slice(doc.text, source.span));
        put_span(buf, 2, source.span);
        put_string(buf, 3, &source.name);
    }
    put_span(buf, 9, claim.sentence);
    put_float(buf, 10, claim.confidence);
}

fn put_speaker(buf: &mut Vec<u8>, doc: &engine::Document<'_>, speaker: &engine::Speaker) {
    if let Some(span) = speaker.span {
        put_string(buf, 1, convert::text_slice(doc.text, span));
        put_span(buf, 2, span);
    }
    put_string(buf, 3, &speaker.name);
    put_enum(buf, 4, convert::entity_kind(speaker.kind) as i32);
}

/// A `TextSpan`'s fields; `joined`: the length of its text, from [`TextSpanLens`].
fn put_text_span(buf: &mut Vec<u8>, text: &str, pieces: &[engine::Span], joined: usize) {
    let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
        return;
    };
    if joined > 0 {
        put_key(buf, 1, LENGTH_DELIMITED);
        put_varint(buf, joined as u64);
        for (i, &piece) in pieces.iter().enumerate() {
            if i > 0 {
                buf.put_slice(PIECE_SEPARATOR.as_bytes());
            }
            buf.put_slice(convert::text_slice(text, piece).as_bytes());
        }
    }
    put_span(buf, 2, first.cover(*last));
    for &piece in pieces {
        put_span(buf, 3, piece);
    }
}

fn put_time(buf: &mut Vec<u8>, doc: &engine::Document<'_>, time: &engine::TimeExpr) {
    put_string(buf, 1, convert::text_slice(doc.text, time.span));
    put_span(buf, 2, time.span);
    put_string(buf, 3, &time.value);
    put_enum(buf, 4, convert::time_type(time.kind) as i32);
    put_string(buf, 5, doc.id);
}

fn put_entity(buf: &mut Vec<u8>, entity: &engine::Entity) {
    put_string(buf, 1, &entity.name);
    put_enum(buf, 2, convert::entity_kind(entity.kind) as i32);
    for &mention in &entity.mentions {
        put_span(buf, 3, mention);
    }
    put_uint(buf, 4, entity.claim_count);
}

/// A `Span` message field.
fn put_span(buf: &mut Vec<u8>, field: u32, span: engine::Span) {
    put_message(buf, field, span_len(span));
    let span = convert::span(span);
    put_uint(buf, 1, span.start);
    put_uint(buf, 2, span.end);
}

// Protobuf's wire format: a key (field number and wire type), then a varint, four bytes, or a
// length and that many bytes.

const VARINT: u32 = 0;
const LENGTH_DELIMITED: u32 = 2;
const FIXED32: u32 = 5;

fn varint_len(value: u64) -> usize {
    // Seven bits a byte: ((bits needed) * 9 + 73) / 64 is prost's way of dividing by 7, up.
    ((((value | 1).leading_zeros() ^ 63) * 9 + 73) / 64) as usize
}

fn key_len(field: u32) -> usize {
    varint_len(u64::from(field << 3))
}

fn string_len(field: u32, value: &str) -> usize {
    if value.is_empty() { 0 } else { key_len(field) + varint_len(value.len() as u64) + value.len() }
}

fn message_len(field: u32, body: usize) -> usize {
    key_len(field) + varint_len(body as u64) + body
}

fn uint_len(field: u32, value: u32) -> usize {
    if value == 0 { 0 } else { key_len(field) + varint_len(u64::from(value)) }
}

/// An enum is an `int32`: a negative one takes ten bytes (none of the contract's is).
fn enum_len(field: u32, value: i32) -> usize {
    if value == 0 { 0 } else { key_len(field) + varint_len(value as i64 as u64) }
}

fn float_len(field: u32, value: f32) -> usize {
    if value == 0.0 { 0 } else { key_len(field) + 4 }
}

fn put_varint(buf: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        buf.put_u8((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    buf.put_u8(value as u8);
}

fn put_key(buf: &mut Vec<u8>, field: u32, wire_type: u32) {
    put_varint(buf, u64::from(field << 3 | wire_type));
}

fn put_string(buf: &mut Vec<u8>, field: u32, value: &str) {
    if value.is_empty() {
        return;
    }
    put_key(buf, field, LENGTH_DELIMITED);
    put_varint(buf, value.len() as u64);
    buf.put_slice(value.as_bytes());
}

/// The key and length of a message field; its body follows.
fn put_message(buf: &mut Vec<u8>, field: u32, body: usize) {
    put_key(buf, field, LENGTH_DELIMITED);
    put_varint(buf, body as u64);
}

fn put_uint(buf: &mut Vec<u8>, field: u32, value: u32) {
    if value != 0 {
        put_key(buf, field, VARINT);
        put_varint(buf, u64::from(value));
    }
}

fn put_enum(buf: &mut Vec<u8>, field: u32, value: i32) {
    if value != 0 {
        put_key(buf, field, VARINT);
        put_varint(buf, value as i64 as u64);
    }
}

fn put_float(buf: &mut Vec<u8>, field: u32, value: f32) {
    if value != 0.0 {
        put_key(buf, field, FIXED32);
        buf.put_f32_le(value);
    }
}

/// A gRPC codec whose responses are messages encoded already ([`extract_response`]) and whose
/// requests prost decodes.
#[derive(Debug)]
pub struct EncodedCodec<U>(std::marker::PhantomData<U>);

impl<U> Default for EncodedCodec<U> {
    fn default() -> Self {
        EncodedCodec(std::marker::PhantomData)
    }
}

impl<U: prost::Message + Default + Send + 'static> Codec for EncodedCodec<U> {
    type Encode = Bytes;
    type Decode = U;
    type Encoder = EncodedEncoder;
    type Decoder = tonic_prost::ProstDecoder<U>;

    fn encoder(&mut self) -> Self::Encoder {
        EncodedEncoder
    }

    fn decoder(&mut self) -> Self::Decoder {
        tonic_prost::ProstDecoder::default()
    }
}

/// Writes a message encoded already.
#[derive(Debug, Clone, Copy)]
pub struct EncodedEncoder;

impl Encoder for EncodedEncoder {
    type Item = Bytes;
    type Error = Status;

    fn encode(&mut self, item: Bytes, dst: &mut EncodeBuf<'_>) -> Result<(), Status> {
        dst.put_slice(&item);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimex_engine::Engine;
    use prost::Message;
    use proptest::prelude::*;

    /// The bytes prost writes for the message `convert` builds.
    fn by_prost(doc: &engine::Document<'_>, extraction: &engine::Extraction, options: Options) -> Vec<u8> {
        convert::extraction(doc, extraction.clone(), options).encode_to_vec()
    }

    fn assert_same(id: &str, text: &str, options: Options) {
        let engine = Engine::default();
        let published = chrono::NaiveDate::from_ymd_opt(2024, 3, 14);
        let doc = engine::Document { id, text, published };
        let extraction = engine.extract(&doc).expect("extracts");
        assert_eq!(extract_response(&doc, &extraction, options), by_prost(&doc, &extraction, options), "for {text:?}");
    }

    /// Every field of the response: direct, indirect, mixed and "according to" claims, a cue
    /// and a cue-less quote, a content in two pieces, times inherited from a report and a
    /// medium, pronouns linked to entities, an unattributed claim, non-ASCII text.
    const ARTICLE: &str = "\
Prime Minister Ana Moreau said on Tuesday that the bridge would reopen in May.

“We will not wait,” she told reporters in an interview with Radio Nord. “The work is done.”

According to a report by the Northern Times, the contractor was paid twice last year.

Moreau’s office called the claim “a fabrication” and said the figures were wrong.

“The ministry has nothing to hide from anyone in this country.”

“This is the best day of my life,” a fan shouted. Officials warned of delays — again.

Élodie Brönte, a spokeswoman, said the ministry “never lied” to anyone since 2019.";

    #[test]
    fn writes_what_prost_writes_for_the_converted_response() {
        assert_same("doc-1", ARTICLE, Options::default());
        assert_same("doc-1", ARTICLE, Options { include_unattributed: true, ..Options::default() });
        assert_same("doc-1", ARTICLE, Options { min_confidence: 0.7, ..Options::default() });
        // An id long enough for a two-byte length, and none at all.
        assert_same(&"x".repeat(200), ARTICLE, Options::default());
        assert_same("", ARTICLE, Options::default());
        // No claims, no times.
        assert_same("doc-2", "The weather was fine.", Options::default());
    }

    #[test]
    fn the_test_article_reaches_every_optional_field() {
        let engine = Engine::default();
        let doc = engine::Document { id: "doc-1", text: ARTICLE, published: chrono::NaiveDate::from_ymd_opt(2024, 3, 14) };
        let extraction = engine.extract(&doc).expect("extracts");
        let response = convert::extraction(&doc, extraction, Options { include_unattributed: true, ..Options::default() });
        let claims = &response.claims;
        assert!(claims.iter().any(|c| c.cue.is_none()), "a cue-less claim");
        assert!(claims.iter().any(|c| c.cue.is_some()), "a cue");
        assert!(claims.iter().any(|c| c.when.is_some()), "a time");
        assert!(claims.iter().any(|c| c.source.is_some()), "a medium");
        assert!(claims.iter().any(|c| c.content.as_ref().is_some_and(|t| t.spans.len() > 1)), "a content in pieces");
        assert!(claims.iter().any(|c| c.speaker.as_ref().is_some_and(|s| s.span.is_none())), "an implied speaker");
        assert!(!response.times.is_empty() && !response.entities.is_empty());
    }

    #[test]
    fn varint_lengths_are_those_written() {
        for value in [0, 1, 127, 128, 16_383, 16_384, u64::from(u32::MAX), u64::MAX] {
            let mut buf = Vec::new();
            put_varint(&mut buf, value);
            assert_eq!(buf.len(), varint_len(value), "for {value}");
            assert_eq!(buf.len(), prost::encoding::encoded_len_varint(value), "for {value}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Sentences of reporting words, quotes, names, dates and odd characters in any order.
        #[test]
        fn writes_what_prost_writes_for_any_text(words in proptest::collection::vec(prop_oneof![
            Just("said"), Just("told"), Just("according to"), Just("“"), Just("”"), Just("\""), Just("."), Just(","), Just("\n\n"),
            Just("Moreau"), Just("Ana"), Just("she"), Just("they"), Just("the ministry"), Just("on Monday"), Just("in 2019"),
            Just("last week"), Just("in an interview"), Just("that"), Just("the bridge is closed"), Just("é"), Just("—"), Just("🙂"),
        ], 1..60), published in proptest::option::of(0i64..20_000)) {
            let text = words.join(" ");
            let published = published.and_then(|days| chrono::NaiveDate::from_num_days_from_ce_opt(700_000 + days as i32));
            let engine = Engine::default();
            let doc = engine::Document { id: "p", text: &text, published };
            if let Ok(extraction) = engine.extract(&doc) {
                for options in [Options::default(), Options { include_unattributed: true, ..Options::default() }] {
                    prop_assert_eq!(extract_response(&doc, &extraction, options), by_prost(&doc, &extraction, options));
                }
            }
        }
    }
}
