//! Attribution: quotes, cues, speakers, sources and the claims they make.
//! (Being written.)

use std::ops::ControlFlow;

use crate::text::Layout;
use crate::{Claim, Document, Entity, TimeExpr};

#[derive(Debug, Default)]
pub struct Attributor {}

impl Attributor {
    pub fn new() -> Self {
        Attributor {}
    }

    pub fn run(
        &self,
        doc: &Document<'_>,
        layout: &Layout,
        times: &[TimeExpr],
        mut on_claim: impl FnMut(Claim) -> ControlFlow<()>,
    ) -> Vec<Entity> {
        let _ = (doc, layout, times, &mut on_claim);
        Vec::new()
    }
}
