//! policylens: pull the checkable content out of Chinese government policy documents —
//! targets, dates and planning periods, regions, task lists — and compare two plans' targets.
//!
//! Data flow: [`ingest`] (paths → decoded text) → [`normalize`] (clean simplified text with
//! offsets into the original) → [`segment`] (jieba tokens, on demand) → [`extract`] (one
//! module per kind of content) → [`report`] (the JSON contract) → [`output`] (table, json,
//! jsonl, csv, tsv). [`pipeline`] streams documents through these stages on all cores;
//! [`title`] names a document whose metadata has no title. [`engine`] holds the dictionaries
//! from `dicts/` and everything built from them, loaded once and passed to every stage;
//! [`rules`] names every extraction rule; [`charset`] is the char bitmap that normalization
//! and extraction both ask at every char.

#![warn(clippy::too_many_lines)]

pub mod charset;
pub mod cli;
pub mod commands;
pub mod dicts;
pub mod diff;
pub mod engine;
pub mod error;
pub mod extract;
pub mod fuzzing;
pub mod ingest;
pub mod normalize;
pub mod output;
pub mod pipeline;
pub mod report;
pub mod rules;
pub mod segment;
pub mod title;
