//! Merge: the parts found in the windows of one large text ([`crate::ingest::windows`]) as
//! one document's findings, as the whole text would have given them.
//!
//! Each window's spans are shifted to the whole text's original char offsets; targets and
//! task lists follow one another; a date seen in several windows is one entry with its
//! mentions added up and its first mention kept; places are resolved once against every
//! mention in the text ([`regions::items`]), so an ambiguous name in one window is settled
//! by a parent named in another.

use super::regions::{self, Gazetteer, Placed};
use super::{Context, Part};
use crate::report::{DateItem, RegionItem, Target, TaskList};
use std::collections::HashMap;

/// The findings of the windows added so far.
pub struct Merge {
    /// The first window's context, which every later window was read against.
    pub context: Context,
    pub targets: Vec<Target>,
    pub dates: Vec<DateItem>,
    date_pos: HashMap<String, usize>,
    places: Vec<Placed>,
    pub tasks: Vec<TaskList>,
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
    /// Start with the first window's context.
    pub fn new(context: Context) -> Merge {
        Merge {
            context,
            targets: Vec::new(),
            dates: Vec::new(),
            date_pos: HashMap::new(),
            places: Vec::new(),
            tasks: Vec::new(),
        }
    }

    /// Add the next window's part, found in a window that starts at `at`.
    pub fn add(&mut self, part: Part, at: Offset) {
        let by = at.original;
        self.targets.extend(part.targets.into_iter().map(|mut t| {
            t.span = shift(t.span, by);
            t
        }));
        for mut d in part.dates {
            match self.date_pos.get(&d.value) {
                Some(&i) => self.dates[i].mentions += d.mentions,
                None => {
                    d.span = shift(d.span, by);
                    self.date_pos.insert(d.value.clone(), self.dates.len());
                    self.dates.push(d);
                }
            }
        }
        self.places.extend(
            part.places
                .into_iter()
                .map(|p| p.shifted(at.normalized, at.original)),
        );
        let tasks = part
            .tasks
            .into_iter()
            .map(|mut l| {
                l.span = shift(l.span, by);
                l
            })
            .collect();
        super::tasks::join_windows(&mut self.tasks, tasks);
    }

    /// The places of the whole text, resolved against each other.
    pub fn regions(&mut self, g: &Gazetteer) -> Vec<RegionItem> {
        regions::items(g, std::mem::take(&mut self.places))
    }
}
