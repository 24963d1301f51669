//! The `parse` path on arbitrary UTF-8: the number and date grammars
//! (`policylens::fuzzing::parse_bytes`).

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
    policylens::fuzzing::parse_bytes(engine(), data);
});
