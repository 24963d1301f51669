//! The whole analyze path on arbitrary bytes: decode → Document → extract::analyze, with
//! the report's spans and JSON read-back checked (`policylens::fuzzing::analyze_bytes`).

#![no_main]

use libfuzzer_sys::fuzz_target;
use policylens::engine::Engine;
use std::sync::OnceLock;

/// The engine with the built-in dictionaries, built once for the whole fuzzing run.
fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::load(None).expect("the built-in dictionaries load"))
}

fuzz_target!(|data: &[u8]| {
    policylens::fuzzing::analyze_bytes(engine(), data);
});
