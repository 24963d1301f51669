//! The loaded state every stage shares: dictionaries and the indexes built from them.
//! Built once per process ([`Engine::get`]); extractors receive it read-only.

use crate::dicts::{self, Dicts};
use crate::error::DictError;
use crate::extract::regions::RegionIndex;
use std::sync::OnceLock;

/// Dictionaries plus the indexes built from them.
pub struct Engine {
    pub dicts: Dicts,
    regions: OnceLock<RegionIndex>,
}

static ENGINE: OnceLock<Engine> = OnceLock::new();

impl Engine {
    /// Build an engine from the built-in dictionaries extended by `user_dir`.
    pub fn load(user_dir: Option<&std::path::Path>) -> Result<Engine, DictError> {
        Ok(Engine {
            dicts: Dicts::load(user_dir)?,
            regions: OnceLock::new(),
        })
    }

    /// Load the process-wide engine now, so that a bad user dictionary is reported before
    /// any input is read. Later calls return the same engine.
    pub fn init() -> Result<&'static Engine, DictError> {
        if let Some(e) = ENGINE.get() {
            return Ok(e);
        }
        let e = Engine::load(dicts::user_dir().as_deref())?;
        Ok(ENGINE.get_or_init(|| e))
    }

    /// The process-wide engine. If the user dictionaries fail to load here (callers that
    /// skipped [`Engine::init`]), the built-in dictionaries are used and a warning printed.
    pub fn get() -> &'static Engine {
        ENGINE.get_or_init(|| match Engine::load(dicts::user_dir().as_deref()) {
            Ok(e) => e,
            Err(err) => {
                eprintln!("policylens: {err}; using the built-in dictionaries");
                Engine::load(None).expect("the built-in dictionaries load (tests check them)")
            }
        })
    }

    /// The region index, built on first use.
    pub fn regions(&self) -> &RegionIndex {
        self.regions.get_or_init(|| RegionIndex::build(&self.dicts))
    }
}
