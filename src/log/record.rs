//! One record of the embedded claim log, as it stands in a segment file:
//!
//! ```text
//! len: u32 LE | crc: u32 LE | sequence: u64 LE | logged_at: i64 LE (unix nanos) | payload: len bytes
//! ```
//!
//! `crc` is the CRC-32 (crc32fast) of every other byte of the record: `len`, `sequence`,
//! `logged_at` and the payload. A record is valid only whole and with a matching checksum; a
//! crash mid-write leaves a short or mismatched record at the tail, which recovery cuts.

use std::io::{self, Read};

/// Bytes before the payload.
pub const HEADER_BYTES: usize = 24;

/// The largest payload accepted. A claim copies at most a few texts of a document, which the
/// server limits to 4 GiB - 1, but a length this large at the tail is far likelier to be garbage.
pub const MAX_PAYLOAD_BYTES: u32 = 256 << 20;

/// A record read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub sequence: u64,
    /// When the record was appended, in nanoseconds since the Unix epoch.
    pub logged_at: i64,
    pub payload: Vec<u8>,
}

/// What the next bytes of a segment hold.
#[derive(Debug, PartialEq, Eq)]
pub enum Next {
    /// A whole record whose checksum matches.
    Record(Record),
    /// The segment ends exactly here.
    End,
    /// The bytes here are not a valid record: a torn write, garbage or corruption.
    Invalid { reason: &'static str },
}

/// Appends the encoding of one record to `out`.
pub fn encode(sequence: u64, logged_at: i64, payload: &[u8], out: &mut Vec<u8>) {
    let len = u32::try_from(payload.len()).expect("payloads are checked against MAX_PAYLOAD_BYTES");
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(&len.to_le_bytes());
    hasher.update(&sequence.to_le_bytes());
    hasher.update(&logged_at.to_le_bytes());
    hasher.update(payload);
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&hasher.finalize().to_le_bytes());
    out.extend_from_slice(&sequence.to_le_bytes());
    out.extend_from_slice(&logged_at.to_le_bytes());
    out.extend_from_slice(payload);
}

/// The encoded size of a record with this payload.
pub fn encoded_len(payload_len: usize) -> u64 {
    (HEADER_BYTES + payload_len) as u64
}

/// Reads the next record. I/O errors are returned as such; bad bytes are [`Next::Invalid`].
pub fn read(reader: &mut impl Read) -> io::Result<Next> {
    let mut header = [0u8; HEADER_BYTES];
    match read_full(reader, &mut header)? {
        0 => return Ok(Next::End),
        HEADER_BYTES => {}
        _ => return Ok(Next::Invalid { reason: "short header" }),
    }
    let len = u32::from_le_bytes(header[0..4].try_into().expect("4 bytes"));
    let crc = u32::from_le_bytes(header[4..8].try_into().expect("4 bytes"));
    let sequence = u64::from_le_bytes(header[8..16].try_into().expect("8 bytes"));
    let logged_at = i64::from_le_bytes(header[16..24].try_into().expect("8 bytes"));
    if len > MAX_PAYLOAD_BYTES {
        return Ok(Next::Invalid { reason: "length over the limit" });
    }
    let mut payload = vec![0u8; len as usize];
    if read_full(reader, &mut payload)? < payload.len() {
        return Ok(Next::Invalid { reason: "short payload" });
    }
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(&header[0..4]);
    hasher.update(&header[8..24]);
    hasher.update(&payload);
    if hasher.finalize() != crc {
        return Ok(Next::Invalid { reason: "checksum mismatch" });
    }
    Ok(Next::Record(Record { sequence, logged_at, payload }))
}

/// Fills `buf` as far as the reader goes; returns how many bytes were read.
fn read_full(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
    Ok(filled)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(sequence: u64, payload: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        encode(sequence, 1_700_000_000_000_000_000, payload, &mut out);
        out
    }

    #[test]
    fn round_trips() {
        let mut bytes = encoded(7, b"a claim");
        bytes.extend(encoded(8, b""));
        let mut reader = bytes.as_slice();
        let Next::Record(first) = read(&mut reader).expect("read") else { panic!("not a record") };
        assert_eq!((first.sequence, first.payload.as_slice()), (7, b"a claim".as_slice()));
        let Next::Record(second) = read(&mut reader).expect("read") else { panic!("not a record") };
        assert_eq!((second.sequence, second.payload.len()), (8, 0));
        assert_eq!(read(&mut reader).expect("read"), Next::End);
    }

    #[test]
    fn every_cut_of_a_record_is_invalid() {
        let bytes = encoded(1, b"the whole record");
        assert_eq!(bytes.len() as u64, encoded_len(16));
        for cut in 1..bytes.len() {
            let next = read(&mut &bytes[..cut]).expect("read");
            assert!(matches!(next, Next::Invalid { .. }), "cut at {cut}: {next:?}");
        }
    }

    #[test]
    fn every_flipped_byte_is_caught() {
        let bytes = encoded(1, b"payload");
        for at in 0..bytes.len() {
            let mut bad = bytes.clone();
            bad[at] ^= 0x40;
            let next = read(&mut bad.as_slice()).expect("read");
            assert!(matches!(next, Next::Invalid { .. }), "flip at {at}: {next:?}");
        }
    }
}
