//! The whole analyze path on arbitrary bytes: decode → Document → extract::analyze, with
//! the report's spans and JSON read-back checked (`policylens::fuzzing::analyze_bytes`).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    policylens::fuzzing::analyze_bytes(data);
});
