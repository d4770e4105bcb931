//! Stable claim ids: the same document id and spans give the same id on every run, every
//! platform and every release (std's hashers promise none of that).

use crate::Span;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

struct Fnv1a(u64);

impl Fnv1a {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(FNV_PRIME);
        }
    }

    fn span(&mut self, span: Option<Span>) {
        let (s, e) = span.map_or((u64::MAX, u64::MAX), |s| (s.start as u64, s.end as u64));
        self.write(&s.to_le_bytes());
        self.write(&e.to_le_bytes());
    }
}

/// The id of a claim: 16 hex digits of FNV-1a over the document id and the spans.
pub(crate) fn claim_id(document_id: &str, speaker: Option<Span>, cue: Option<Span>, content: &[Span]) -> String {
    let mut h = Fnv1a(FNV_OFFSET);
    h.write(&(document_id.len() as u64).to_le_bytes());
    h.write(document_id.as_bytes());
    h.span(speaker);
    h.span(cue);
    for piece in content {
        h.span(Some(*piece));
    }
    hex16(h.0)
}

/// `format!("{n:016x}")`, without the formatting machinery (which cost ten times as much, at
/// every claim).
fn hex16(n: u64) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut digits = [0u8; 16];
    for (i, digit) in digits.iter_mut().enumerate() {
        *digit = DIGITS[(n >> (60 - 4 * i)) as usize & 0xf];
    }
    String::from_utf8(digits.to_vec()).expect("hex digits are ASCII")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_sixteen_lowercase_hex_digits() {
        for n in [0, 1, 0xf, 0xdead_beef, u64::MAX, 0x0123_4567_89ab_cdef, 1 << 63] {
            assert_eq!(hex16(n), format!("{n:016x}"));
        }
    }

    #[test]
    fn same_input_same_id() {
        let a = claim_id("doc-1", Some(Span::new(0, 4)), Some(Span::new(5, 9)), &[Span::new(10, 20)]);
        let b = claim_id("doc-1", Some(Span::new(0, 4)), Some(Span::new(5, 9)), &[Span::new(10, 20)]);
        assert_eq!(a, b);
        assert_eq!(a.len(), 16);
    }

    #[test]
    fn any_change_changes_the_id() {
        let base = claim_id("doc-1", Some(Span::new(0, 4)), None, &[Span::new(10, 20)]);
        assert_ne!(base, claim_id("doc-2", Some(Span::new(0, 4)), None, &[Span::new(10, 20)]));
        assert_ne!(base, claim_id("doc-1", None, None, &[Span::new(10, 20)]));
        assert_ne!(base, claim_id("doc-1", Some(Span::new(0, 4)), None, &[Span::new(10, 21)]));
        assert_ne!(base, claim_id("doc-1", Some(Span::new(0, 4)), Some(Span::new(5, 9)), &[Span::new(10, 20)]));
    }

}
