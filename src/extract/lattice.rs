//! The lattice: what one scan of each sentence finds, computed once per document and read by
//! every rule — quantities (value, unit, magnitude, comparator words) and dates (resolved
//! against the publication date). Offsets are byte offsets into the sentence text.

use super::dates::DateMatch;
use super::numbers::{self, Quantity};
use super::Resources;
use crate::normalize::Document;

/// The scans of every sentence of a document.
pub struct Lattice {
    /// Per sentence: its quantities.
    pub quantities: Vec<Vec<Quantity>>,
    /// Per sentence: its date expressions.
    pub dates: Vec<Vec<DateMatch>>,
}

impl Lattice {
    /// Scan every sentence once for quantities; `dates` are the sentences' date scans.
    pub fn new(doc: &Document, res: &Resources, dates: Vec<Vec<DateMatch>>) -> Lattice {
        let quantities = (0..doc.sentences.len())
            .map(|i| numbers::scan(doc.sentence_text(i), &res.numbers))
            .collect();
        Lattice { quantities, dates }
    }
}
