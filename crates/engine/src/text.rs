//! Text layout: paragraphs and sentences as byte spans. (Being written.)

use crate::Span;

#[derive(Debug, Clone)]
pub struct Layout {
    pub sentences: Vec<Span>,
}

impl Layout {
    pub fn new(text: &str) -> Self {
        Layout { sentences: vec![Span::new(0, text.len())] }
    }
}
