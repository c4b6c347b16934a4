//! Compressing the cross-reference stream lopdf writes uncompressed: the stream is the last
//! object of the file, so it is re-encoded in place (PNG "Up" predictor + Flate) without
//! moving any other object. Anything unexpected leaves the bytes as they were.

/// Returns `pdf` with its final cross-reference stream compressed, or `pdf` unchanged.
pub fn compress(pdf: Vec<u8>) -> Vec<u8> {
    try_compress(&pdf).unwrap_or(pdf)
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn number_after(hay: &[u8], at: usize) -> Option<(usize, usize)> {
    let digits = hay
        .get(at..)?
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let n = std::str::from_utf8(&hay[at..at + digits])
        .ok()?
        .parse()
        .ok()?;
    Some((n, at + digits))
}

fn try_compress(pdf: &[u8]) -> Option<Vec<u8>> {
    let sx = rfind(pdf, b"startxref\n")?;
    let (offset, _) = number_after(pdf, sx + b"startxref\n".len())?;
    let stream_kw = find(pdf, b">>stream\n", offset)? + 2;
    let dict = &pdf[offset..stream_kw];
    if find(dict, b"/Type/XRef", 0).is_none()
        || find(dict, b"/W[1 4 2]", 0).is_none()
        || find(dict, b"/Filter", 0).is_some()
    {
        return None;
    }
    let len_at = find(dict, b"/Length ", 0)?;
    let (len, len_end) = number_after(dict, len_at + b"/Length ".len())?;
    let data_start = stream_kw + b"stream\n".len();
    let data = pdf.get(data_start..data_start + len)?;
    if !pdf[data_start + len..].starts_with(b"\nendstream") || len % 7 != 0 {
        return None;
    }
    // PNG Up predictor: each row's bytes minus the row above, behind a filter-type byte.
    let mut rows = Vec::with_capacity(len + len / 7);
    let mut prev = [0u8; 7];
    for row in data.chunks(7) {
        rows.push(2u8);
        for (i, b) in row.iter().enumerate() {
            rows.push(b.wrapping_sub(prev[i]));
            prev[i] = *b;
        }
    }
    let mut stream = lopdf::Stream::new(lopdf::Dictionary::new(), rows);
    stream.compress().ok()?;
    stream.dict.get(b"Filter").ok()?;
    let mut out = Vec::with_capacity(pdf.len());
    out.extend_from_slice(&pdf[..offset + len_at]);
    out.extend_from_slice(b"/Filter/FlateDecode/DecodeParms<</Predictor 12/Columns 7>>/Length ");
    out.extend_from_slice(stream.content.len().to_string().as_bytes());
    out.extend_from_slice(&dict[len_end..]);
    out.extend_from_slice(b"stream\n");
    out.extend_from_slice(&stream.content);
    out.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{offset}\n%%EOF\n").as_bytes());
    Some(out)
}
