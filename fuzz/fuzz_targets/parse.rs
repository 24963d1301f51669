//! The `parse` path on arbitrary UTF-8: the number and date grammars
//! (`policylens::fuzzing::parse_bytes`).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    policylens::fuzzing::parse_bytes(data);
});
