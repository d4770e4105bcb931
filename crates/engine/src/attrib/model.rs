//! A learned cue detector: an averaged perceptron that scores each word as the head of an
//! attribution cue, for the long tail of cues no hand lexicon lists ("pointed to", "backing",
//! "blasted", "sought").
//!
//! Features are hashed (FNV-1a, template id first) from the word, its affixes and shape, its
//! neighbours, the lexicon's class for it, and whether the rule reader makes a claim of it.
//! Weights are trained by `cargo run --release -p claimex-engine --example train_cues` on
//! PolNeAR's training articles and embedded in the binary (`model/cues.bin`): a count, then
//! sorted (feature, weight) pairs, little-endian. Loading builds a hash map once per engine.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::text::TokenKind;
use crate::types::ClaimKind;

use super::lexicon::{Form, LOWER_BUFFER, set, with_lower};
#[cfg(test)]
use super::lexicon::CueClass;
use super::Cx;

/// The trained weights shipped in the binary.
static SHIPPED: &[u8] = include_bytes!("../../model/cues.bin");

/// Training's decision boundary.
const BOUNDARY: f32 = 0.0;

/// Words scored above this are cues at run time: tuned on PolNeAR's dev articles and the seed
/// articles for precision, above the training boundary.
pub const THRESHOLD: f32 = 9.0;

/// A learned cue whose reading the text frames as a report (a quote, "that", a colon, content
/// before the cue) needs less from the model: tuned like [`THRESHOLD`].
pub const FRAMED_THRESHOLD: f32 = 3.0;

/// A word no rule reads is read plainly (subject, cue, rest of the sentence) above this score.
pub const READING_THRESHOLD: f32 = 6.0;

/// The shipped model keeps the features whose averaged weight is at least this large: 45,363
/// of 81,054. Tuned on PolNeAR's dev articles and the seed articles as the largest that moves
/// neither's scores (dev claim F1 0.7011 → 0.7013; at 1.0 it fell to 0.6988). The smaller
/// table and the words the filter then turns away make the engine about 1.05× faster.
pub const MIN_WEIGHT: f32 = 0.5;

/// Feature keys are already FNV hashes: the map uses them as they are.
#[derive(Debug, Default, Clone, Copy)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys are hashed here; fold anything else in for correctness.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Weights = HashMap<u64, f32, BuildHasherDefault<Prehashed>>;

/// A cue detector's weights.
#[derive(Debug, Default, Clone)]
pub struct Model {
    weights: Weights,
    /// A filter of the features with a positive weight: bit [`filter_bit`] of each is set.
    /// [`Model::leans_cue`] needs one of its two features to weigh above zero, and this 32 KiB
    /// table stays in cache where the weights (a megabyte) do not: most words are turned away
    /// by it without touching the weights.
    positive: Vec<u64>,
    /// The largest weight of each of the first four features of a rule reading (its `who`,
    /// kind, side and length) over the values it can take, and the hashes that make the fifth
    /// (stem and `who`) of each `who`: see [`Model::may_exceed_with_reading`].
    reading_max: [f32; 4],
    who_hashes: [u64; WHO.len()],
    /// [`Model::leans_cue`]'s answers for short words, which the text repeats.
    leaning: LeanMemo,
}

/// Answers of [`Model::leans_cue`], a pure function of the word, for words of up to 7 bytes,
/// in a direct-mapped table shared by the threads that use the model: a slot holds a word's
/// bytes and length, its answer and a bit that marks it filled, in one `u64` that is read and
/// written whole (so a slot another thread overwrites is a miss, never a wrong answer). Most
/// candidate cue words are short and come again and again; the model's filter and weights
/// they would otherwise be looked up in are out of cache.
struct LeanMemo(Box<[AtomicU64]>);

const LEAN_SLOTS: usize = 4096;
const LEAN_FILLED: u64 = 1 << 63;
const LEAN_YES: u64 = 1 << 62;
/// A word's bytes (56 bits) and its length (from bit 56).
const LEAN_KEY: u64 = (1 << 59) - 1;

impl LeanMemo {
    fn get(&self, word: &str, answer: impl FnOnce() -> bool) -> bool {
        let Some(key) = crate::key::short_key(word.as_bytes(), 0, word.len()) else {
            return answer();
        };
        let slot = &self.0[(key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - LEAN_SLOTS.trailing_zeros())) as usize];
        let held = slot.load(Ordering::Relaxed);
        if held & LEAN_FILLED != 0 && held & LEAN_KEY == key {
            return held & LEAN_YES != 0;
        }
        let yes = answer();
        slot.store(key | LEAN_FILLED | if yes { LEAN_YES } else { 0 }, Ordering::Relaxed);
        yes
    }
}

impl Default for LeanMemo {
    fn default() -> Self {
        LeanMemo((0..LEAN_SLOTS).map(|_| AtomicU64::new(0)).collect())
    }
}

/// A copy of a model starts with an empty table.
impl Clone for LeanMemo {
    fn clone(&self) -> Self {
        LeanMemo::default()
    }
}

impl std::fmt::Debug for LeanMemo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LeanMemo")
    }
}

/// The filter's size in bits: a power of two.
const FILTER_BITS: usize = 1 << 18;

/// A feature's bit in [`Model::positive`]: the high bits of a multiplicative hash of it.
fn filter_bit(feature: u64) -> usize {
    (feature.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - FILTER_BITS.trailing_zeros())) as usize
}

impl Model {
    fn new(weights: Weights) -> Self {
        let mut positive = vec![0u64; FILTER_BITS / 64];
        for (&feature, _) in weights.iter().filter(|&(_, &w)| w > 0.0) {
            let bit = filter_bit(feature);
            positive[bit / 64] |= 1 << (bit % 64);
        }
        let weight = |f: u64| weights.get(&f).copied().unwrap_or(0.0);
        let max = |fs: &mut dyn Iterator<Item = u64>| fs.map(weight).fold(f32::NEG_INFINITY, f32::max);
        let reading_max = [
            max(&mut WHO.iter().map(|who| hash(40, who.as_bytes()))),
            max(&mut KINDS.iter().map(|kind| hash(41, kind))),
            max(&mut SIDES.iter().map(|side| hash(42, side))),
            max(&mut LENGTHS.iter().map(|length| hash(43, length))),
        ];
        let who_hashes = WHO.map(|who| fnv(FNV_OFFSET, who.as_bytes()));
        Model { weights, positive, reading_max, who_hashes, leaning: LeanMemo::default() }
    }

    /// The mean of several models' weights: an ensemble of perceptrons trained on the same
    /// examples in different orders scores with less variance than any one of them.
    pub fn mean(models: &[Model]) -> Model {
        let mut sums: HashMap<u64, f32> = HashMap::new();
        for m in models {
            for (&f, &w) in &m.weights {
                *sums.entry(f).or_default() += w;
            }
        }
        let n = models.len().max(1) as f32;
        Model::new(sums.into_iter().map(|(f, w)| (f, w / n)).filter(|&(_, w)| w.abs() >= MIN_WEIGHT).collect())
    }

    /// Whether `feature` may weigh above zero; `false` means it surely does not.
    fn may_be_positive(&self, feature: u64) -> bool {
        let bit = filter_bit(feature);
        self.positive.get(bit / 64).is_some_and(|word| word >> (bit % 64) & 1 == 1)
    }

    /// The model shipped in the binary; empty if the file is malformed (a build-time bug,
    /// caught by this module's tests).
    pub fn shipped() -> Self {
        Model::from_bytes(SHIPPED).unwrap_or_default()
    }

    /// Reads weights written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let (count, mut rest) = bytes.split_first_chunk::<8>()?;
        let count = usize::try_from(u64::from_le_bytes(*count)).ok()?;
        let mut weights = Weights::with_capacity_and_hasher(count, Default::default());
        for _ in 0..count {
            let (feature, tail) = rest.split_first_chunk::<8>()?;
            let (weight, tail) = tail.split_first_chunk::<4>()?;
            weights.insert(u64::from_le_bytes(*feature), f32::from_le_bytes(*weight));
            rest = tail;
        }
        rest.is_empty().then_some(Model::new(weights))
    }

    /// The weights as bytes, sorted by feature so that the file is reproducible.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut pairs: Vec<(u64, f32)> = self.weights.iter().map(|(&f, &w)| (f, w)).collect();
        pairs.sort_by_key(|&(f, _)| f);
        let mut out = Vec::with_capacity(8 + pairs.len() * 12);
        out.extend_from_slice(&(pairs.len() as u64).to_le_bytes());
        for (f, w) in pairs {
            out.extend_from_slice(&f.to_le_bytes());
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// A cheap first look: whether the word itself (its form and stem) leans towards being a
    /// cue. Words that do not are never scored in full.
    pub fn leans_cue(&self, word: &str) -> bool {
        self.leaning.get(word, || self.leans_cue_unmemoized(word))
    }

    fn leans_cue_unmemoized(&self, word: &str) -> bool {
        with_lower(word, |lw| {
            let (word_feature, stem_feature) = (hash(1, lw.as_bytes()), hash(5, stem(lw).as_bytes()));
            // Two weights at most zero (or absent) cannot add up above zero.
            if !self.may_be_positive(word_feature) && !self.may_be_positive(stem_feature) {
                return false;
            }
            let w = self.weights.get(&word_feature).copied().unwrap_or(0.0);
            let s = self.weights.get(&stem_feature).copied().unwrap_or(0.0);
            w + s > 0.0
        })
        .unwrap_or(false)
    }

    /// The score of a feature set.
    pub fn score(&self, features: &[u64]) -> f32 {
        features.iter().filter_map(|f| self.weights.get(f)).sum()
    }

    /// `self.score(features)` for token `t`'s [`features`] without a reading: remembered from
    /// [`Model::may_exceed_with_reading`], which weighed the same features for its bound just
    /// before (the plain reading of a word scores them next, and a score is some twenty
    /// probes of a megabyte of weights).
    pub(super) fn plain_score(&self, cx: &Cx<'_>, t: usize, features: &[u64]) -> f32 {
        match cx.plain_score.get() {
            Some((token, score)) if token == t => score,
            _ => self.score(features),
        }
    }

    /// Whether token `t`, read by the rules in any way, could score above `threshold`: `false`
    /// means that whatever reading the rules make of it (who speaks, the kind, the side, the
    /// length), the [`Model::score`] of its [`features`] is at most `threshold`, so that the
    /// reading need not be made. The bound is that score with each of the reading's five
    /// features replaced by its largest weight over the values it can take, summed in the same
    /// order: float addition is monotone in each term, and a missing weight adds nothing, as
    /// a zero does. `out` is left holding the features without a reading, which the plain
    /// reading of the word asks for next (and [`features`] then does not make again).
    pub(super) fn may_exceed_with_reading(&self, cx: &Cx<'_>, t: usize, sentence: (usize, usize), threshold: f32, out: &mut Vec<u64>) -> bool {
        features(cx, t, sentence, None, out);
        // Each plain feature's weight, looked up once for the plain score and the bound.
        let mut weights = [None; 32];
        if out.len() > weights.len() {
            return self.score(out) > threshold;
        }
        for (w, f) in weights.iter_mut().zip(out.iter()) {
            *w = self.weights.get(f).copied();
        }
        let weights = &weights[..out.len()];
        // `self.score(out)`: the weights present, summed in the same order.
        let plain: f32 = weights.iter().flatten().sum();
        cx.plain_score.set(Some((t, plain)));
        // Without a reading the word's own features end with "norule" at `at`; with one, "rule"
        // is there and the reading's five follow it. A word too long to lowercase has none of
        // these (nor the two word pairs: at most seven features in all), and scores the same
        // either way.
        let at = 7 + usize::from(cx.r.cue(t).is_some());
        if out.len() <= 7 {
            return plain > threshold;
        }
        debug_assert_eq!(out[at], NO_RULE);
        let weight = |f: u64| self.weights.get(&f).copied().unwrap_or(0.0);
        let stem_and_who = with_lower(cx.r.word(t), |lw| fnv(fnv(fnv(FNV_OFFSET, &[44]), stem(lw).as_bytes()), &[0xff])).unwrap_or(0);
        let last = self.who_hashes.iter().map(|&who| weight(stem_and_who.wrapping_add(who))).fold(f32::NEG_INFINITY, f32::max);
        let reading = [weight(RULE), self.reading_max[0], self.reading_max[1], self.reading_max[2], self.reading_max[3], last];
        let known = |w: &Option<f32>| w.unwrap_or(0.0);
        let bound: f32 = weights[..at].iter().map(known).chain(reading).chain(weights[at + 1..].iter().map(known)).sum();
        bound > threshold
    }
}

/// Every `who` a [`Reading`] can have (`reading` in the attribution module). The learned cue
/// turns away `unknown` before scoring, and the rules give an object verb no `previous`, but
/// the bound does not count on either: a rule may change.
const WHO: [&str; 10] = ["pronoun", "name", "person", "organization", "government", "media", "group", "unknown", "previous", "implied"];

/// The feature values of a reading's kind, side and length, in [`features`].
const KINDS: [&[u8]; 4] = [b"direct", b"indirect", b"mixed", b"according"];
const SIDES: [&[u8]; 2] = [b"before", b"after"];
const LENGTHS: [&[u8]; 3] = [b"short", b"medium", b"long"];

/// Whether token `t` can be a cue head at all: a lowercase word (or the first of a sentence)
/// outside quotes, made of letters.
pub(super) fn candidate(cx: &Cx<'_>, t: usize, sentence_start: usize) -> bool {
    let tok = cx.layout.tokens[t];
    if tok.kind != TokenKind::Word || cx.quotes.inside(t).is_some() || (tok.capitalized && t != sentence_start) {
        return false;
    }
    let w = cx.r.word(t);
    w.len() >= 3 && w.bytes().all(|b| b.is_ascii_alphabetic()) && !cx.r.is_in(t, set::DETERMINER | set::AUX | set::CONNECTOR)
}

/// What the rule reader makes of a cue candidate: who speaks (a pronoun, a name, an entity
/// kind), the claim's kind, whether its content comes before the cue, and its length in words
/// (counted up to 9).
#[derive(Debug, Clone, Copy)]
pub(super) struct Reading {
    pub who: &'static str,
    pub kind: ClaimKind,
    pub before: bool,
    pub words: usize,
}

/// The features of token `t` as a cue head; `reading` is the claim the rule reader makes of it,
/// if any.
pub(super) fn features(cx: &Cx<'_>, t: usize, sentence: (usize, usize), reading: Option<Reading>, out: &mut Vec<u64>) {
    // The features without a reading that `Model::may_exceed_with_reading` just made for this
    // token in this buffer, which nothing but this function writes to.
    if reading.is_none() && !out.is_empty() && cx.plain_features.get() == Some((t, out.as_ptr() as usize)) {
        return;
    }
    cx.plain_features.set(None);
    out.clear();
    // At most 24 features: the caller's buffer, one per document, is sized once rather than
    // grown four times.
    out.reserve(32);
    let word = |i: usize| -> &str { if i >= sentence.0 && i < sentence.1 { cx.r.word(i) } else { "<s>" } };
    let w = word(t);
    // The previous token's shape, a feature alone and with the word.
    let prev_shape = if t > sentence.0 { shape(cx, t - 1) } else { Shape::Edge };
    // The neighbours' words and shapes, which come between the word's own features and its
    // pairs (in this order: a score sums the weights in it).
    let neighbours = |out: &mut Vec<u64>| {
        for (template, offset) in [(10u8, -2i64), (11, -1), (12, 1), (13, 2)] {
            let i = t as i64 + offset;
            let n = if i < 0 { "<s>" } else { word(i as usize) };
            out.extend(fnv_lowered(TEMPLATE[usize::from(template)], n));
        }
        // The shapes of the neighbours: punctuation, quotes, names, pronouns.
        out.push(SHAPE_HASHES[0][prev_shape as usize]);
        for (table, offset) in [(1, 1usize), (2, 2)] {
            let i = t + offset;
            let shape = if i >= sentence.1 { Shape::Edge } else { shape(cx, i) };
            out.push(SHAPE_HASHES[table][shape as usize]);
        }
    };
    // The word is lowercased once for all its features.
    let lowered = with_lower(w, |lw| {
        out.push(BIAS);
        out.push(hash(1, lw.as_bytes()));
        out.push(hash(2, suffix(lw, 3).as_bytes()));
        out.push(hash(3, suffix(lw, 2).as_bytes()));
        out.push(hash(4, prefix(lw, 4).as_bytes()));
        let stem = stem(lw);
        out.push(hash(5, stem.as_bytes()));
        // The reader's lookup of the token, which ignores case: `cx.r.lex.cue(lw)`.
        if let Some(cue) = cx.r.cue(t) {
            out.push(CLASS_HASHES[cue.class as usize]);
            out.push(FORM_HASHES[cue.form as usize]);
        } else {
            out.push(NO_CLASS);
        }
        out.push(if reading.is_some() { RULE } else { NO_RULE });
        if let Some(r) = reading {
            // `Model::may_exceed_with_reading` bounds these five features over these values.
            debug_assert!(WHO.contains(&r.who), "a reading's who {:?} is missing from WHO", r.who);
            out.push(hash(40, r.who.as_bytes()));
            let kind: &[u8] = match r.kind {
                ClaimKind::Direct => KINDS[0],
                ClaimKind::Indirect => KINDS[1],
                ClaimKind::Mixed => KINDS[2],
                ClaimKind::AccordingTo => KINDS[3],
            };
            out.push(hash(41, kind));
            out.push(hash(42, if r.before { SIDES[0] } else { SIDES[1] }));
            let length: &[u8] = match r.words {
                0..=2 => LENGTHS[0],
                3..=5 => LENGTHS[1],
                _ => LENGTHS[2],
            };
            out.push(hash(43, length));
            out.push(hash2(44, stem.as_bytes(), r.who.as_bytes()));
        }
        out.push(CAPITALIZED[usize::from(cx.layout.tokens[t].capitalized)]);
        neighbours(out);
        // Word with next word, and previous shape with word.
        let next = if t + 1 < sentence.1 { cx.r.word(t + 1) } else { "<s>" };
        let word_half = fnv(TEMPLATE_PAIR_30, lw.as_bytes());
        out.extend(fnv_lowered(FNV_OFFSET, next).map(|next_half| fnv(word_half, &[0xff]).wrapping_add(next_half)));
        out.push(SHAPE_PAIRS[prev_shape as usize].wrapping_add(fnv(FNV_OFFSET, lw.as_bytes())));
    });
    if lowered.is_none() {
        neighbours(out);
    }
    if reading.is_none() {
        cx.plain_features.set(Some((t, out.as_ptr() as usize)));
    }
}

/// A token's shape, a feature of its neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Quote,
    Comma,
    Colon,
    Punct,
    Pronoun,
    Cap,
    Det,
    That,
    To,
    Word,
    /// Past the sentence's edge.
    Edge,
}

/// Each [`Shape`]'s name, which its features hash.
const SHAPE_NAMES: [&str; 11] = ["quote", "comma", "colon", "punct", "pronoun", "cap", "det", "that", "to", "word", "edge"];

fn shape(cx: &Cx<'_>, i: usize) -> Shape {
    let tok = cx.layout.tokens[i];
    match tok.kind {
        TokenKind::Quote(_) => Shape::Quote,
        TokenKind::Punct(',') => Shape::Comma,
        TokenKind::Punct(':') => Shape::Colon,
        TokenKind::Punct(_) => Shape::Punct,
        TokenKind::Word => {
            let w = cx.r.word(i);
            if cx.r.is_pronoun(i) {
                Shape::Pronoun
            } else if tok.capitalized {
                Shape::Cap
            } else if cx.r.is_in(i, set::DETERMINER) {
                Shape::Det
            } else if w.eq_ignore_ascii_case("that") {
                Shape::That
            } else if w.eq_ignore_ascii_case("to") {
                Shape::To
            } else {
                Shape::Word
            }
        }
    }
}

#[cfg(test)]
fn class_name(class: CueClass) -> &'static str {
    match class {
        CueClass::Speech => "speech",
        CueClass::Addressed => "addressed",
        CueClass::Belief => "belief",
        CueClass::ThatOnly => "thatonly",
        CueClass::Naming => "naming",
        CueClass::Object => "object",
    }
}

#[cfg(test)]
fn form_name(form: Form) -> &'static str {
    match form {
        Form::Base => "base",
        Form::ThirdPerson => "third",
        Form::Past => "past",
        Form::Gerund => "gerund",
    }
}

/// The verb form a word's ending suggests.
pub(super) fn guess_form(word: &str) -> Form {
    if word.ends_with("ing") {
        Form::Gerund
    } else if word.ends_with("ed") {
        Form::Past
    } else if word.ends_with('s') {
        Form::ThirdPerson
    } else {
        Form::Base
    }
}

fn stem(lw: &str) -> &str {
    strip_all(strip_all(strip_all(lw, "ing"), "ed"), "s")
}

/// `word.trim_end_matches(suffix)` for a suffix that cannot overlap itself, without building a
/// string searcher per call (which cost more than the rest of [`Model::leans_cue`]).
fn strip_all<'a>(mut word: &'a str, suffix: &str) -> &'a str {
    while let Some(rest) = word.strip_suffix(suffix) {
        word = rest;
    }
    word
}

fn suffix(w: &str, n: usize) -> &str {
    let start = w.char_indices().rev().nth(n.saturating_sub(1)).map_or(0, |(i, _)| i);
    &w[start..]
}

fn prefix(w: &str, n: usize) -> &str {
    let end = w.char_indices().nth(n).map_or(w.len(), |(i, _)| i);
    &w[..end]
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

const fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(FNV_PRIME);
        i += 1;
    }
    h
}

const fn hash(template: u8, bytes: &[u8]) -> u64 {
    fnv(TEMPLATE[template as usize], bytes)
}

const fn hash2(template: u8, a: &[u8], b: &[u8]) -> u64 {
    fnv(fnv(TEMPLATE[template as usize], a), &[0xff]).wrapping_add(fnv(FNV_OFFSET, b))
}

/// `fnv(h, with_lower(word))`, hashing each byte lowercased rather than lowercasing into a
/// buffer first; `None` where [`with_lower`] gives `None` (a long word with an uppercase
/// letter), as the feature is then left out.
fn fnv_lowered(mut h: u64, word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    if bytes.len() > LOWER_BUFFER && bytes.iter().any(u8::is_ascii_uppercase) {
        return None;
    }
    for &b in bytes {
        h ^= u64::from(b.to_ascii_lowercase());
        h = h.wrapping_mul(FNV_PRIME);
    }
    Some(h)
}

/// The hash state after each template id, where every feature's hash starts.
const TEMPLATE: [u64; 256] = {
    let mut out = [0; 256];
    let mut i = 0;
    while i < 256 {
        out[i] = fnv(FNV_OFFSET, &[i as u8]);
        i += 1;
    }
    out
};

// The features whose values are a few fixed names, hashed at compile time: a feature set
// hashes about twenty names, and these are half of them.
const BIAS: u64 = hash(0, b"bias");
const NO_CLASS: u64 = hash(6, b"none");
const RULE: u64 = hash(8, b"rule");
const NO_RULE: u64 = hash(8, b"norule");
const CAPITALIZED: [u64; 2] = [hash(9, &[0]), hash(9, &[1])];
/// By `CueClass as usize` and `Form as usize`: [`class_name`] and [`form_name`] in
/// declaration order (checked by a test).
const CLASS_HASHES: [u64; 6] = names_hashed(6, [b"speech", b"addressed", b"belief", b"thatonly", b"naming", b"object"]);
const FORM_HASHES: [u64; 4] = names_hashed(7, [b"base", b"third", b"past", b"gerund"]);
/// By `Shape as usize`: templates 20 (the previous token), 21 and 22 (the next two).
const SHAPE_HASHES: [[u64; 11]; 3] = [shapes_hashed(20), shapes_hashed(21), shapes_hashed(22)];
/// The first half of `hash2(31, shape, word)` for each shape.
const SHAPE_PAIRS: [u64; 11] = {
    let mut out = [0; 11];
    let mut i = 0;
    while i < 11 {
        out[i] = fnv(fnv(TEMPLATE[31], SHAPE_NAMES[i].as_bytes()), &[0xff]);
        i += 1;
    }
    out
};
const TEMPLATE_PAIR_30: u64 = TEMPLATE[30];

const fn names_hashed<const N: usize>(template: u8, names: [&[u8]; N]) -> [u64; N] {
    let mut out = [0; N];
    let mut i = 0;
    while i < N {
        out[i] = hash(template, names[i]);
        i += 1;
    }
    out
}

const fn shapes_hashed(template: u8) -> [u64; 11] {
    let mut out = [0; 11];
    let mut i = 0;
    while i < 11 {
        out[i] = hash(template, SHAPE_NAMES[i].as_bytes());
        i += 1;
    }
    out
}

/// Trains an averaged perceptron over examples of (features, is a cue).
#[derive(Debug, Default)]
pub struct Trainer {
    weights: HashMap<u64, f32>,
    /// Sum over updates of (step × delta), for averaging.
    totals: HashMap<u64, f64>,
    step: u64,
}

impl Trainer {
    /// One example: updates the weights when the current model gets it wrong.
    pub fn learn(&mut self, features: &[u64], is_cue: bool) {
        self.step += 1;
        let score: f32 = features.iter().filter_map(|f| self.weights.get(f)).sum();
        if (score > BOUNDARY) == is_cue {
            return;
        }
        let delta = if is_cue { 1.0 } else { -1.0 };
        for &f in features {
            *self.weights.entry(f).or_default() += delta;
            *self.totals.entry(f).or_default() += self.step as f64 * f64::from(delta);
        }
    }

    /// The averaged weights, with those near zero dropped.
    pub fn finish(self) -> Model {
        let n = self.step.max(1) as f64;
        // Averaged weight = w − Σ(step·δ)/n, the standard lazy form of averaging.
        let weights = self
            .weights
            .iter()
            .map(|(&f, &w)| (f, (f64::from(w) - self.totals.get(&f).copied().unwrap_or(0.0) / n) as f32))
            .filter(|&(_, w)| w.abs() > 1e-3)
            .collect();
        Model::new(weights)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_model_loads() {
        let model = Model::shipped();
        assert!(!model.is_empty(), "model/cues.bin is empty or malformed: run the train_cues example");
        assert!(model.weights.values().all(|w| w.abs() >= MIN_WEIGHT), "model/cues.bin has weights below MIN_WEIGHT: run the train_cues example");
    }

    #[test]
    fn the_filter_turns_away_no_word_that_leans_cue() {
        let model = Model::shipped();
        let unfiltered = |word: &str| {
            let w = model.weights.get(&hash(1, word.as_bytes())).copied().unwrap_or(0.0);
            let s = model.weights.get(&hash(5, stem(word).as_bytes())).copied().unwrap_or(0.0);
            w + s > 0.0
        };
        let text = "The minister said on Monday that talks blasted sought backing pointed urged \
                    warned claimed the regime would never surrender, adding insisted hinted denied";
        let words = text.split_whitespace().map(|w| w.trim_matches(',').to_ascii_lowercase());
        let suffixes = ["", "s", "ed", "ing", "es"];
        let mut leaning = 0;
        for word in words.flat_map(|w| suffixes.map(|s| format!("{w}{s}"))).flat_map(|w| [w.clone(), w]) {
            assert_eq!(model.leans_cue(&word), unfiltered(&word), "for {word:?}");
            leaning += usize::from(unfiltered(&word));
        }
        assert!(leaning > 0, "the check saw no word that leans cue");
    }

    #[test]
    fn the_reading_bound_is_never_below_the_score_of_a_reading() {
        let attributor = super::super::Attributor::new();
        let text = "The minister blasted the plan on Monday, and officials backing him pointed to the vote. \
                    \"It is over,\" she hinted, while critics sought answers and the senator urged calm. \
                    Residents praised the mayor who slammed the deal, saying voters deserved better.";
        let doc = crate::Document { id: "d", text, published: None };
        let layout = crate::text::Layout::new(text);
        let cx = attributor.context(&doc, &layout, &[]);
        let (mut plain, mut read) = (Vec::new(), Vec::new());
        let mut scored = 0;
        for sentence in &layout.sentences {
            for t in sentence.tokens.0..sentence.tokens.1 {
                if !candidate(&cx, t, sentence.tokens.0) {
                    continue;
                }
                // The lowest threshold the bound can be asked about: it passes whenever some
                // reading scores above it.
                let lowest = [f32::NEG_INFINITY, -5.0, 0.0, 3.0];
                for kind in [ClaimKind::Direct, ClaimKind::Indirect, ClaimKind::Mixed, ClaimKind::AccordingTo] {
                    for (who, before, words) in WHO.iter().flat_map(|&who| [(who, false, 1), (who, true, 4), (who, false, 9)]) {
                        features(&cx, t, sentence.tokens, Some(Reading { who, kind, before, words }), &mut read);
                        let score = attributor.cues.score(&read);
                        for threshold in lowest.into_iter().chain([score - 0.01, score - 1e-6]) {
                            if score > threshold {
                                assert!(attributor.cues.may_exceed_with_reading(&cx, t, sentence.tokens, threshold, &mut plain), "token {t}, {who}, score {score}, threshold {threshold}");
                            }
                        }
                        scored += 1;
                    }
                }
                // What the bound leaves in the buffer is the features without a reading.
                attributor.cues.may_exceed_with_reading(&cx, t, sentence.tokens, 0.0, &mut plain);
                // And the plain score it remembers is the score of those features, bit for bit.
                assert_eq!(attributor.cues.plain_score(&cx, t, &plain).to_bits(), attributor.cues.score(&plain).to_bits(), "token {t}");
                let left = plain.clone();
                features(&cx, t, sentence.tokens, None, &mut read);
                assert_eq!(left, read, "token {t}");
            }
        }
        assert!(scored > 100, "too few candidates: {scored}");
    }

    #[test]
    fn bytes_round_trip() {
        let mut t = Trainer::default();
        for _ in 0..3 {
            t.learn(&[1, 2, 3], true);
            t.learn(&[1, 4], false);
        }
        let m = t.finish();
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(m.score(&[1, 2, 3]), back.score(&[1, 2, 3]));
        assert!(back.score(&[1, 2, 3]) > back.score(&[1, 4]));
        assert!(Model::from_bytes(&[1, 2, 3]).is_none());
    }

    #[test]
    fn the_tables_hash_the_names() {
        let classes = [CueClass::Speech, CueClass::Addressed, CueClass::Belief, CueClass::ThatOnly, CueClass::Naming, CueClass::Object];
        for class in classes {
            assert_eq!(CLASS_HASHES[class as usize], hash(6, class_name(class).as_bytes()), "for {class:?}");
        }
        for form in [Form::Base, Form::ThirdPerson, Form::Past, Form::Gerund] {
            assert_eq!(FORM_HASHES[form as usize], hash(7, form_name(form).as_bytes()), "for {form:?}");
        }
        for (i, name) in SHAPE_NAMES.iter().enumerate() {
            assert_eq!(SHAPE_PAIRS[i].wrapping_add(fnv(FNV_OFFSET, b"said")), hash2(31, name.as_bytes(), b"said"));
            for (table, template) in [20, 21, 22].into_iter().enumerate() {
                assert_eq!(SHAPE_HASHES[table][i], hash(template, name.as_bytes()));
            }
        }
        assert_eq!(Shape::Edge as usize, SHAPE_NAMES.len() - 1);
    }

    #[test]
    fn lowered_hashes_are_the_hashes_of_the_lowered_words() {
        for word in ["said", "Said", "SAID", "Élysée", "<s>", &"X".repeat(48), &"X".repeat(49), &"x".repeat(60)] {
            assert_eq!(fnv_lowered(TEMPLATE[12], word), with_lower(word, |lw| hash(12, lw.as_bytes())), "for {word:?}");
        }
    }

    #[test]
    fn stems_strip_repeated_endings() {
        for w in ["saying", "said", "claims", "inginged", "edss", "ss", "ing", "s", "", "announced", "pressing"] {
            assert_eq!(stem(w), w.trim_end_matches("ing").trim_end_matches("ed").trim_end_matches('s'), "for {w:?}");
        }
    }

    #[test]
    fn affixes_respect_char_boundaries() {
        assert_eq!(suffix("señor", 3), "ñor");
        assert_eq!(prefix("été", 2), "ét");
        assert_eq!(suffix("ab", 3), "ab");
    }
}
