//! The little-endian byte form `build.rs` writes the default dictionary and the
//! part-of-speech model in, and the library reads back.
//!
//! Compiled into the build script as well as the library, so it depends on nothing else.
//! Reading never panics: a short or malformed buffer is `None`.

/// Appends values to a byte buffer.
#[derive(Default)]
pub(crate) struct Writer {
    pub(crate) buf: Vec<u8>,
}

impl Writer {
    pub(crate) fn u16(&mut self, v: u16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn i32(&mut self, v: i32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// The exact bits, so a decoded float equals the one written.
    pub(crate) fn f64(&mut self, v: f64) {
        self.u64(v.to_bits());
    }
    pub(crate) fn len(&mut self, n: usize) {
        self.u64(n as u64);
    }
    pub(crate) fn str(&mut self, s: &str) {
        self.len(s.len());
        self.buf.extend_from_slice(s.as_bytes());
    }
}

/// Reads values back in the order they were written.
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Reader<'a> {
        Reader { buf }
    }

    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.buf.split_first_chunk::<N>()?;
        self.buf = rest;
        Some(*head)
    }

    pub(crate) fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.buf.len() {
            return None;
        }
        let (head, rest) = self.buf.split_at(n);
        self.buf = rest;
        Some(head)
    }

    pub(crate) fn u16(&mut self) -> Option<u16> {
        self.take().map(u16::from_le_bytes)
    }
    pub(crate) fn u32(&mut self) -> Option<u32> {
        self.take().map(u32::from_le_bytes)
    }
    pub(crate) fn u64(&mut self) -> Option<u64> {
        self.take().map(u64::from_le_bytes)
    }
    pub(crate) fn f64(&mut self) -> Option<f64> {
        self.u64().map(f64::from_bits)
    }
    /// A count, refused when it could not fit in what is left at `min_size` bytes per item,
    /// so a corrupt count never makes a huge allocation.
    pub(crate) fn len(&mut self, min_size: usize) -> Option<usize> {
        let n = usize::try_from(self.u64()?).ok()?;
        (n.checked_mul(min_size)? <= self.buf.len()).then_some(n)
    }
    pub(crate) fn str(&mut self) -> Option<&'a str> {
        let n = self.len(1)?;
        std::str::from_utf8(self.bytes(n)?).ok()
    }
    /// `n` fixed-size records of `N` bytes each, handed to `f` in order; `None` as soon as
    /// the bytes run out or `f` refuses one.
    pub(crate) fn each<const N: usize>(&mut self, n: usize, mut f: impl FnMut([u8; N]) -> Option<()>) -> Option<()> {
        for c in self.bytes(n.checked_mul(N)?)?.chunks_exact(N) {
            f(c.try_into().ok()?)?;
        }
        Some(())
    }

    /// `n` fixed-size records of `N` bytes each, decoded by `f` into a vector.
    pub(crate) fn records<const N: usize, T>(&mut self, n: usize, f: impl Fn([u8; N]) -> T) -> Option<Vec<T>> {
        let mut out = Vec::with_capacity(n);
        self.each(n, |b| {
            out.push(f(b));
            Some(())
        })?;
        Some(out)
    }

    /// Whether everything was read.
    pub(crate) fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }
}
