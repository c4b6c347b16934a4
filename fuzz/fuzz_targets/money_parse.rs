//! Arbitrary UTF-8 → `Money::parse`; whatever parses must format and parse back unchanged.
#![no_main]

use cabinet::model::{Money, NegativeStyle};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let Ok(m) = Money::parse(text) else { return };
    for style in [NegativeStyle::Brackets, NegativeStyle::Minus] {
        for dp in [0, 1, 3, m.scale(), 6] {
            // 999999999999999.9 rounds up to 16 digits, which `parse` refuses by design: the
            // round trip holds for every figure whose rounded value is still in range.
            if m.round_dp(dp).abs() > Money::parse("999999999999999.999999").unwrap() {
                continue;
            }
            let printed = m.format(dp, style);
            let back = Money::parse(&printed)
                .unwrap_or_else(|e| panic!("{text:?} printed as {printed:?} does not parse: {e}"));
            assert_eq!(
                back,
                m.round_dp(dp),
                "{text:?} at {dp} dp printed as {printed:?}"
            );
        }
    }
    // At its own scale the figure prints exactly as it was read.
    assert_eq!(
        Money::parse(&m.format(m.scale(), NegativeStyle::Brackets))
            .unwrap()
            .scale(),
        m.scale()
    );
});
