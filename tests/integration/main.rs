//! One integration-test binary: the extractor corpora, the CLI, the JSON contract, the
//! normalization guarantees (encodings, offsets, OpenCC parity), the seed documents and one
//! synthetic document per capability (tests/fixtures/capabilities/).

mod capabilities;
mod cli;
mod corpus;
mod diff;
mod json_contract;
mod normalize;
mod records;
mod robustness;
mod seeds;
mod segment;
mod streaming;
mod tidy;
mod windows;

use policylens::engine::Engine;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The engine with the built-in dictionaries, built once for all tests.
pub fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::load(None).expect("the built-in dictionaries load"))
}

/// t2s with `ferrous-opencc` (pure Rust, the same OpenCC dictionaries), a second
/// implementation to check the converter in use against.
pub fn ferrous_t2s(s: &str) -> String {
    static C: OnceLock<Option<ferrous_opencc::OpenCC>> = OnceLock::new();
    C.get_or_init(|| {
        ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s).ok()
    })
    .as_ref()
    .map_or_else(|| s.to_string(), |c| c.convert(s))
}

/// s2t with `ferrous-opencc` (tests build traditional copies of their inputs with it).
pub fn ferrous_s2t(s: &str) -> String {
    static C: OnceLock<Option<ferrous_opencc::OpenCC>> = OnceLock::new();
    C.get_or_init(|| {
        ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::S2t).ok()
    })
    .as_ref()
    .map_or_else(|| s.to_string(), |c| c.convert(s))
}

/// The fields of a report that say what was found (all but `schema` and `path`), which two
/// runs over the same text must agree on.
pub const FINDINGS: [&str; 8] = [
    "published",
    "title",
    "source",
    "targets",
    "dates",
    "regions",
    "tasks",
    "task_summary",
];

/// Run `c` and return its standard output; a failed run fails the test with its stderr.
pub fn stdout_of(c: &mut assert_cmd::Command) -> Vec<u8> {
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The `policylens` binary in a known environment: whatever the machine running the tests
/// has set (a wide `COLUMNS`, a user dictionary folder, a colour preference) must not
/// change what the tests see. A test that is about one of these sets it itself.
pub fn bin() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("policylens").expect("binary builds");
    c.env_remove("COLUMNS")
        .env_remove("POLICYLENS_DICTS")
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1");
    c
}

/// The binary as [`bin`] sets it up, but as a plain process whose standard input is
/// /dev/null (assert_cmd always gives a pipe), for what happens with no input at all.
pub fn bin_null_stdin() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_policylens"));
    c.env_remove("COLUMNS")
        .env_remove("POLICYLENS_DICTS")
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::null());
    c
}

/// The crate's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A seed document's path.
pub fn seed(name: &str) -> PathBuf {
    let dir = root().join("seeds");
    std::fs::read_dir(&dir)
        .expect("seeds/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(name))
        })
        .unwrap_or_else(|| panic!("no seed {name}"))
}

/// A small deterministic generator, so randomized tests are the same on every run.
pub struct Lcg(pub u64);

impl Lcg {
    /// A number below `n`.
    pub fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}
