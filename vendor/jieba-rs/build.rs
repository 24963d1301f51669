//! Parse the default dictionary and the part-of-speech model once, at compile time, into the
//! byte form the library decodes at start-up (see `src/dict_model.rs`, `src/posseg_model.rs`).
//! The same source files that decode the bytes are compiled in here, so the two cannot drift.

use std::collections::HashMap;
use std::path::PathBuf;

type FxHashMap<K, V> = HashMap<K, V, rustc_hash::FxBuildHasher>;

#[allow(dead_code)]
#[path = "src/codec.rs"]
mod codec;
#[allow(dead_code)]
#[path = "src/dict_model.rs"]
mod dict_model;
#[allow(dead_code)]
#[path = "src/posseg_model.rs"]
mod posseg_model;
#[allow(dead_code)]
#[path = "src/trie.rs"]
mod trie;

fn main() {
    for input in [
        "build.rs",
        "src/codec.rs",
        "src/dict_model.rs",
        "src/posseg_model.rs",
        "src/trie.rs",
        "src/data/dict.txt",
        "src/data/posseg.txt",
    ] {
        println!("cargo:rerun-if-changed={input}");
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let dict = std::fs::read_to_string("src/data/dict.txt").expect("src/data/dict.txt is readable UTF-8");
    let model = dict_model::DictModel::parse(&dict);
    std::fs::write(out.join("dict.bin"), model.encode()).expect("OUT_DIR is writable");
    let posseg = std::fs::read_to_string("src/data/posseg.txt").expect("src/data/posseg.txt is readable UTF-8");
    let data = posseg_model::parse_posseg_data(&posseg);
    std::fs::write(out.join("posseg.bin"), data.to_bytes()).expect("OUT_DIR is writable");
}
