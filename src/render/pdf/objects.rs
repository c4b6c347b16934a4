//! Writing PDF objects and the file around them: numbers, names and strings in PDF syntax,
//! a dictionary builder that writes straight into bytes, and [`Pdf`], which numbers the
//! objects, deflates the streams (on both cores), packs the small objects into compressed
//! object streams and ends the file with a compressed cross-reference stream (PDF 1.5+).
//!
//! Objects are written once, as bytes, in the order they are made: there is no object tree
//! to build, walk, prune or renumber, which is what made the general-purpose writer slow.

/// Writes `v` with at most as many decimals as `scale` has zeros (100: two), no trailing
/// zeros, no exponent and no `-0`.
pub fn num(out: &mut Vec<u8>, v: f32, scale: i64) {
    let v = if v.is_finite() { v } else { 0.0 };
    let n = (f64::from(v) * scale as f64).round() as i64;
    if n < 0 {
        out.push(b'-');
    }
    let n = n.unsigned_abs();
    let scale = scale.unsigned_abs();
    int(out, n / scale);
    let mut frac = n % scale;
    if frac != 0 {
        out.push(b'.');
        let mut unit = scale / 10;
        while frac != 0 && unit != 0 {
            out.push(b'0' + (frac / unit) as u8);
            frac %= unit;
            unit /= 10;
        }
    }
}

/// Writes a non-negative integer.
pub fn int(out: &mut Vec<u8>, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

/// A PDF text string: literal when plain printable ASCII, UTF-16BE with a byte-order mark
/// (in hex) otherwise.
pub fn text(out: &mut Vec<u8>, s: &str) {
    if s.chars().all(|c| (' '..='~').contains(&c)) {
        bytes(out, s.as_bytes());
    } else {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        out.extend_from_slice(b"<FEFF");
        for u in s.encode_utf16() {
            for shift in [12, 8, 4, 0] {
                out.push(HEX[usize::from((u >> shift) & 0xf)]);
            }
        }
        out.push(b'>');
    }
}

/// A literal byte string, escaping what must be escaped and anything unprintable.
pub fn bytes(out: &mut Vec<u8>, b: &[u8]) {
    out.push(b'(');
    for &c in b {
        match c {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', c]),
            b' '..=b'~' => out.push(c),
            _ => out.extend_from_slice(format!("\\{c:03o}").as_bytes()),
        }
    }
    out.push(b')');
}

/// A dictionary written as it is built: `Dict::new().name("Type", "Page").end()`.
pub struct Dict(Vec<u8>);

impl Default for Dict {
    fn default() -> Self {
        Dict::new()
    }
}

impl Dict {
    pub fn new() -> Dict {
        let mut b = Vec::with_capacity(96);
        b.extend_from_slice(b"<<");
        Dict(b)
    }

    fn key(&mut self, k: &str) -> &mut Vec<u8> {
        self.0.push(b'/');
        self.0.extend_from_slice(k.as_bytes());
        &mut self.0
    }

    /// `/k /v` (a name value).
    pub fn name(mut self, k: &str, v: &str) -> Dict {
        let out = self.key(k);
        out.push(b'/');
        out.extend_from_slice(v.as_bytes());
        self
    }

    pub fn int(mut self, k: &str, v: i64) -> Dict {
        let out = self.key(k);
        out.push(b' ');
        if v < 0 {
            out.push(b'-');
        }
        int(out, v.unsigned_abs());
        self
    }

    /// `/k n 0 R`.
    pub fn r(mut self, k: &str, id: u32) -> Dict {
        let out = self.key(k);
        out.push(b' ');
        reference(out, id);
        self
    }

    pub fn text(mut self, k: &str, v: &str) -> Dict {
        text(self.key(k), v);
        self
    }

    pub fn bytes(mut self, k: &str, v: &[u8]) -> Dict {
        bytes(self.key(k), v);
        self
    }

    /// `/k` followed by already-serialised PDF (an array, a nested dictionary …).
    pub fn raw(mut self, k: &str, v: &[u8]) -> Dict {
        let out = self.key(k);
        if !matches!(v.first(), Some(b'[' | b'<' | b'(' | b'/')) {
            out.push(b' ');
        }
        out.extend_from_slice(v);
        self
    }

    pub fn end(mut self) -> Vec<u8> {
        self.0.extend_from_slice(b">>");
        self.0
    }
}

/// `n 0 R`.
pub fn reference(out: &mut Vec<u8>, id: u32) {
    int(out, u64::from(id));
    out.extend_from_slice(b" 0 R");
}

/// `n 0 R` as its own value.
pub fn reference_value(id: u32) -> Vec<u8> {
    let mut out = Vec::new();
    reference(&mut out, id);
    out
}

/// `[a b c]` of integers.
pub fn ints(values: &[i64]) -> Vec<u8> {
    let items: Vec<Vec<u8>> = values
        .iter()
        .map(|v| {
            let mut b = Vec::new();
            if *v < 0 {
                b.push(b'-');
            }
            int(&mut b, v.unsigned_abs());
            b
        })
        .collect();
    array(&items)
}

/// `[a b c]` of serialised objects.
pub fn array(items: &[Vec<u8>]) -> Vec<u8> {
    let mut out = vec![b'['];
    for (i, item) in items.iter().enumerate() {
        if i > 0 && !item.is_empty() {
            out.push(b' ');
        }
        out.extend_from_slice(item);
    }
    out.push(b']');
    out
}

/// `[n 0 R m 0 R …]`.
pub fn refs(ids: impl IntoIterator<Item = u32>) -> Vec<u8> {
    let mut out = vec![b'['];
    for (i, id) in ids.into_iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        reference(&mut out, id);
    }
    out.push(b']');
    out
}

/// `[a b c]` of numbers rounded to 1/100.
pub fn reals(values: &[f32]) -> Vec<u8> {
    let mut out = vec![b'['];
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        num(&mut out, *v, 100);
    }
    out.push(b']');
    out
}

enum Slot {
    Reserved,
    /// A dictionary, array or other direct value: goes into an object stream.
    Plain(Vec<u8>),
    /// A stream: its dictionary (without `/Length` or `/Filter`), its data, and whether it
    /// may be deflated.
    Stream {
        dict: Vec<u8>,
        data: Vec<u8>,
        deflate: bool,
    },
}

/// The objects of one PDF file, numbered from 1 in the order they were reserved.
#[derive(Default)]
pub struct Pdf {
    slots: Vec<Slot>,
}

/// Small objects per object stream: large enough to compress well, small enough that a
/// reader fetching one object does not inflate the whole document's structure.
const PER_OBJECT_STREAM: usize = 200;

impl Pdf {
    /// A number for an object written later with [`Pdf::set`] or [`Pdf::set_stream`].
    pub fn reserve(&mut self) -> u32 {
        self.slots.push(Slot::Reserved);
        self.slots.len() as u32
    }

    pub fn set(&mut self, id: u32, body: Vec<u8>) {
        if let Some(slot) = (id as usize)
            .checked_sub(1)
            .and_then(|i| self.slots.get_mut(i))
        {
            *slot = Slot::Plain(body);
        }
    }

    pub fn add(&mut self, body: Vec<u8>) -> u32 {
        let id = self.reserve();
        self.set(id, body);
        id
    }

    /// A stream; `dict` is a dictionary without `/Length` (and without `/Filter`, which is
    /// added if the data is deflated).
    pub fn set_stream(&mut self, id: u32, dict: Vec<u8>, data: Vec<u8>, deflate: bool) {
        if let Some(slot) = (id as usize)
            .checked_sub(1)
            .and_then(|i| self.slots.get_mut(i))
        {
            *slot = Slot::Stream {
                dict,
                data,
                deflate,
            };
        }
    }

    pub fn add_stream(&mut self, dict: Vec<u8>, data: Vec<u8>, deflate: bool) -> u32 {
        let id = self.reserve();
        self.set_stream(id, dict, data, deflate);
        id
    }

    /// The whole file. `trailer` holds the entries of the trailer (`/Root`, `/Info`, `/ID`),
    /// serialised, without the brackets; a reserved number never set becomes `null`.
    pub fn finish(self, trailer: &[u8]) -> Vec<u8> {
        let mut slots = self.slots;
        let count = slots.len();
        // Pack the small objects into object streams, which become streams themselves.
        let mut in_stream: Vec<(u32, u32)> = vec![(0, 0); count];
        let mut packs: Vec<(Vec<u32>, Vec<u8>)> = Vec::new();
        let mut current: (Vec<u32>, Vec<u8>) = (Vec::new(), Vec::new());
        let mut offsets: Vec<usize> = Vec::new();
        for (i, slot) in slots.iter_mut().enumerate() {
            let body = match slot {
                Slot::Plain(b) => std::mem::take(b),
                Slot::Reserved => b"null".to_vec(),
                Slot::Stream { .. } => continue,
            };
            current.0.push(i as u32 + 1);
            offsets.push(current.1.len());
            current.1.extend_from_slice(&body);
            current.1.push(b'\n');
            if current.0.len() == PER_OBJECT_STREAM {
                packs.push(std::mem::take(&mut current));
            }
        }
        if !current.0.is_empty() {
            packs.push(current);
        }
        let mut k = 0;
        for (ids, body) in packs {
            let mut header = Vec::new();
            for (j, id) in ids.iter().enumerate() {
                int(&mut header, u64::from(*id));
                header.push(b' ');
                int(&mut header, offsets[k + j] as u64);
                header.push(b' ');
            }
            let stream_id = (slots.len() + 1) as u32;
            for (j, id) in ids.iter().enumerate() {
                in_stream[*id as usize - 1] = (stream_id, j as u32);
            }
            k += ids.len();
            let dict = Dict::new()
                .name("Type", "ObjStm")
                .int("N", ids.len() as i64)
                .int("First", header.len() as i64)
                .end();
            header.extend_from_slice(&body);
            slots.push(Slot::Stream {
                dict,
                data: header,
                deflate: true,
            });
        }

        // Deflate every stream that allows it, shared between two threads by size, each
        // replaced by its deflated bytes as soon as they are made (so a long report's plain
        // content streams are let go one by one, not all held until the file is written).
        let mut work: Vec<&mut Vec<u8>> = slots
            .iter_mut()
            .filter_map(|s| match s {
                Slot::Stream {
                    data,
                    deflate: true,
                    ..
                } => Some(data),
                _ => None,
            })
            .collect();
        let deflated = {
            let _t = crate::trace::span(|| "pdf: deflate".into());
            deflate_all(&mut work)
        };
        let mut deflated = deflated.into_iter();

        let mut out = Vec::with_capacity(slots.iter().map(slot_len).sum::<usize>() + 1024);
        out.extend_from_slice(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
        let mut file_offsets = vec![0usize; slots.len()];
        for (i, slot) in slots.iter_mut().enumerate() {
            let Slot::Stream {
                dict,
                data,
                deflate,
            } = slot
            else {
                continue;
            };
            let packed = *deflate && deflated.next().unwrap_or(false);
            file_offsets[i] = out.len();
            int(&mut out, i as u64 + 1);
            out.extend_from_slice(b" 0 obj\n");
            out.extend_from_slice(&dict[..dict.len().saturating_sub(2)]);
            if packed {
                out.extend_from_slice(b"/Filter/FlateDecode");
            }
            out.extend_from_slice(b"/Length ");
            int(&mut out, data.len() as u64);
            out.extend_from_slice(b">>\nstream\n");
            out.extend_from_slice(data);
            out.extend_from_slice(b"\nendstream\nendobj\n");
            // Written: its bytes are not needed again.
            *data = Vec::new();
        }

        // The cross-reference stream: type 1 (offset) or 2 (in an object stream) per object,
        // with itself as the last entry.
        let xref_id = slots.len() + 1;
        let xref_offset = out.len();
        let mut rows = Vec::with_capacity((xref_id + 1) * 7);
        rows.extend_from_slice(&[0, 0, 0, 0, 0, 0xff, 0xff]);
        for i in 0..xref_id {
            let (kind, a, b) = if i + 1 == xref_id {
                (1u8, xref_offset as u32, 0u16)
            } else if i < count && !matches!(slots[i], Slot::Stream { .. }) {
                let (s, j) = in_stream[i];
                (2, s, j as u16)
            } else {
                (1, file_offsets[i] as u32, 0)
            };
            rows.push(kind);
            rows.extend_from_slice(&a.to_be_bytes());
            rows.extend_from_slice(&b.to_be_bytes());
        }
        let data = deflate(&png_up(&rows, 7));
        int(&mut out, xref_id as u64);
        out.extend_from_slice(b" 0 obj\n<</Type/XRef/Size ");
        int(&mut out, xref_id as u64 + 1);
        out.extend_from_slice(b"/W[1 4 2]");
        out.extend_from_slice(trailer);
        out.extend_from_slice(
            b"/Filter/FlateDecode/DecodeParms<</Predictor 12/Columns 7>>/Length ",
        );
        int(&mut out, data.len() as u64);
        out.extend_from_slice(b">>\nstream\n");
        out.extend_from_slice(&data);
        out.extend_from_slice(b"\nendstream\nendobj\nstartxref\n");
        int(&mut out, xref_offset as u64);
        out.extend_from_slice(b"\n%%EOF\n");
        out
    }
}

fn slot_len(s: &Slot) -> usize {
    match s {
        Slot::Stream { data, .. } => data.len() + 64,
        Slot::Plain(b) => b.len(),
        Slot::Reserved => 0,
    }
}

/// PNG "Up" predictor rows: each row behind a filter-type byte, minus the row above.
fn png_up(data: &[u8], columns: usize) -> Vec<u8> {
    let mut rows = Vec::with_capacity(data.len() + data.len() / columns + 1);
    let mut prev = vec![0u8; columns];
    for row in data.chunks(columns) {
        rows.push(2u8);
        for (i, b) in row.iter().enumerate() {
            rows.push(b.wrapping_sub(prev[i]));
            prev[i] = *b;
        }
    }
    rows
}

/// Deflates each buffer in place, on two threads split by bytes (one font file can outweigh
/// many pages); each left as it was where deflating would not make it smaller. Whether each
/// was deflated, in order.
fn deflate_all(work: &mut [&mut Vec<u8>]) -> Vec<bool> {
    let one = |d: &mut Vec<u8>| {
        let z = deflate(d);
        let smaller = !z.is_empty() && z.len() + 19 < d.len();
        if smaller {
            *d = z;
        }
        smaller
    };
    let total: usize = work.iter().map(|d| d.len()).sum();
    let mut split = 0;
    let mut acc = 0;
    while split < work.len() && acc < total / 2 {
        acc += work[split].len();
        split += 1;
    }
    let mut done = vec![false; work.len()];
    let run = |work: &mut [&mut Vec<u8>], done: &mut [bool]| {
        for (d, flag) in work.iter_mut().zip(done) {
            *flag = one(d);
        }
    };
    if split == work.len() || total < 64 * 1024 {
        run(work, &mut done);
        return done;
    }
    let (a, b) = work.split_at_mut(split);
    let (done_a, done_b) = done.split_at_mut(split);
    std::thread::scope(|scope| {
        let second = scope.spawn(|| run(b, done_b));
        run(a, done_a);
        // A panic on the helper thread cannot happen (deflate does not panic). If it did, each
        // of its streams is as its flag says: replaced by deflated bytes only once deflated.
        let _ = second.join();
    });
    done
}

/// libdeflate level for streams. Measured on the bundled example (six PDFs, 2.2 MB of
/// streams; callgrind instructions for the whole build): zlib-rs at level 4, used before,
/// gave 559 KB for 778 M instructions. libdeflate gives 558 KB at level 4 for 685 M,
/// 569 KB at level 2 for 680 M and 581 KB (4% more) at level 1 for 637 M. A build that
/// finishes sooner matters more to an officer than 4% of a 300 KB file. libdeflate also
/// compresses a whole buffer at once, so there is no stream state to reset between a
/// document's few hundred streams.
pub const LEVEL: i32 = 1;

/// zlib-wrapped deflate at [`LEVEL`]. The compressor (a few hundred kilobytes of tables) is
/// made once per thread.
pub fn deflate(bytes: &[u8]) -> Vec<u8> {
    thread_local! {
        static COMPRESS: std::cell::RefCell<Option<libdeflater::Compressor>> =
            const { std::cell::RefCell::new(None) };
    }
    COMPRESS.with(|c| {
        let mut c = c.borrow_mut();
        let c = c.get_or_insert_with(|| {
            libdeflater::Compressor::new(
                libdeflater::CompressionLvl::new(LEVEL)
                    .unwrap_or_else(|_| libdeflater::CompressionLvl::default()),
            )
        });
        let mut out = vec![0; c.zlib_compress_bound(bytes.len())];
        match c.zlib_compress(bytes, &mut out) {
            Ok(n) => {
                // The bound is the plain size and more: the rest is given back, not kept for
                // as long as the stream is.
                out.truncate(n);
                out.shrink_to_fit();
                out
            }
            // Cannot happen with a buffer of the bound's size; an empty result keeps the
            // plain stream.
            Err(_) => Vec::new(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(f: impl FnOnce(&mut Vec<u8>)) -> String {
        let mut out = Vec::new();
        f(&mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_are_short_and_exact() {
        assert_eq!(s(|o| num(o, 12.5, 100)), "12.5");
        assert_eq!(s(|o| num(o, -0.001, 100)), "0");
        assert_eq!(s(|o| num(o, -3.456, 100)), "-3.46");
        assert_eq!(s(|o| num(o, 841.89, 100)), "841.89");
        assert_eq!(s(|o| num(o, 0.05, 100)), "0.05");
        assert_eq!(s(|o| num(o, 0.1, 1000)), "0.1");
        assert_eq!(s(|o| num(o, 0.123_456_7, 10000)), "0.1235");
        assert_eq!(s(|o| num(o, f32::NAN, 100)), "0");
        assert_eq!(s(|o| int(o, 0)), "0");
        assert_eq!(
            s(|o| int(o, 18_446_744_073_709_551_615)),
            "18446744073709551615"
        );
    }

    #[test]
    fn strings_escape_and_fall_back_to_utf16() {
        assert_eq!(s(|o| text(o, "a (b) \\c")), "(a \\(b\\) \\\\c)");
        assert_eq!(s(|o| text(o, "£1")), "<FEFF00A30031>");
        assert_eq!(s(|o| bytes(o, b"x\ny")), "(x\\012y)");
    }

    #[test]
    fn dictionaries_are_valid_pdf() {
        let d = Dict::new()
            .name("Type", "Page")
            .int("N", -3)
            .r("P", 7)
            .raw("K", b"[1 2]")
            .raw("Z", b"null")
            .end();
        assert_eq!(
            String::from_utf8(d).unwrap(),
            "<</Type/Page/N -3/P 7 0 R/K[1 2]/Z null>>"
        );
    }

    #[test]
    fn a_file_parses_back_with_every_object() {
        let mut pdf = Pdf::default();
        let catalog = pdf.reserve();
        let pages = pdf.reserve();
        let content = pdf.add_stream(Dict::new().end(), b"BT ET\n".repeat(100), true);
        let page = pdf.add(
            Dict::new()
                .name("Type", "Page")
                .r("Parent", pages)
                .raw("MediaBox", &reals(&[0.0, 0.0, 595.28, 841.89]))
                .r("Contents", content)
                .end(),
        );
        pdf.set(
            pages,
            Dict::new()
                .name("Type", "Pages")
                .raw("Kids", &refs([page]))
                .int("Count", 1)
                .end(),
        );
        pdf.set(
            catalog,
            Dict::new().name("Type", "Catalog").r("Pages", pages).end(),
        );
        let unused = pdf.reserve();
        let mut trailer = Vec::new();
        trailer.extend_from_slice(b"/Root ");
        reference(&mut trailer, catalog);
        let bytes = pdf.finish(&trailer);
        assert!(bytes.ends_with(b"%%EOF\n"));
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        assert_eq!(doc.get_pages().len(), 1);
        let c = doc.get_page_content(doc.get_pages()[&1]);
        // lopdf ends each page's content with a newline of its own.
        assert_eq!(c.trim_ascii_end(), b"BT ET\n".repeat(100).trim_ascii_end());
        assert!(matches!(
            doc.get_object((unused, 0)),
            Ok(lopdf::Object::Null) | Err(_)
        ));
    }
}
