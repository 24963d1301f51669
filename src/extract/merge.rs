//! Merge: the parts found in the windows of one large text ([`crate::ingest::windows`]) as
//! one document's findings, as the whole text would have given them.
//!
//! Each window's spans are shifted to the whole text's original char offsets; targets and
//! task lists follow one another; a date seen in several windows is one entry with its
//! mentions added up and its first mention kept; places are resolved once against every
//! mention in the text ([`regions::items`]), so an ambiguous name in one window is settled
//! by a parent named in another.

use super::regions::Placed;
use super::Part;
use foldhash::HashMap;

/// The findings of the windows added so far, as one [`Part`] (its context the first
/// window's, which every later window was read against).
pub struct Merge {
    pub part: Part,
    /// Where each date value stands in `part.dates`.
    date_pos: HashMap<String, usize>,
}

/// Where a window starts in the whole text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Offset {
    /// Normalized chars before it (each earlier window's, and one for the line break
    /// between two windows).
    pub normalized: usize,
    /// Original chars before it.
    pub original: usize,
}

fn shift(span: [usize; 2], by: usize) -> [usize; 2] {
    [span[0] + by, span[1] + by]
}

impl Merge {
    /// Start with the first window's part.
    pub fn new(first: Part) -> Merge {
        let date_pos = first
            .dates
            .iter()
            .enumerate()
            .map(|(i, d)| (d.value.clone(), i))
            .collect();
        Merge {
            part: first,
            date_pos,
        }
    }

    /// Add the next window's part, found in a window that starts at `at`.
    pub fn add(&mut self, next: Part, at: Offset) {
        let by = at.original;
        let all = &mut self.part;
        all.targets.extend(next.targets.into_iter().map(|mut t| {
            t.span = shift(t.span, by);
            t
        }));
        for mut d in next.dates {
            match self.date_pos.get(&d.value) {
                Some(&i) => all.dates[i].mentions += d.mentions,
                None => {
                    d.span = shift(d.span, by);
                    self.date_pos.insert(d.value.clone(), all.dates.len());
                    all.dates.push(d);
                }
            }
        }
        all.places.extend(
            next.places
                .into_iter()
                .map(|p: Placed| p.shifted(at.normalized, at.original)),
        );
        let tasks = next
            .tasks
            .into_iter()
            .map(|mut l| {
                l.span = shift(l.span, by);
                l
            })
            .collect();
        super::tasks::join_windows(&mut all.tasks, tasks);
    }
}
