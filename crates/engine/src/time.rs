//! Time expressions: finding them and normalizing them to TIMEX3 values.
//! (Being written: the temporal tagger.)

use chrono::NaiveDate;

use crate::TimeExpr;

/// The temporal tagger, with its lexicons compiled.
#[derive(Debug, Default)]
pub struct Tagger {}

impl Tagger {
    pub fn new() -> Self {
        Tagger {}
    }

    /// Every time expression in `text`, in text order, not overlapping, with values resolved
    /// against `anchor` (the publication date) where given.
    pub fn tag(&self, text: &str, anchor: Option<NaiveDate>) -> Vec<TimeExpr> {
        let _ = (text, anchor);
        Vec::new()
    }
}
