//! Synthetic but realistic inputs for benchmarks: N initiatives with five-year profiles, KPIs
//! and narrative, and R reports that share them out. Deterministic (a fixed-seed generator),
//! so every benchmark run measures the same work.
//!
//! With more than one report it also writes `pack.yaml`: an agenda pack with the usual
//! procedural items and one item per report (`cabinet pack DIR/pack.yaml --inputs DIR`).
//!
//! `cargo run --release --example generate -- --initiatives 100 --reports 1 --out DIR`

use std::fmt::Write as _;
use std::path::PathBuf;

/// A small linear congruential generator: deterministic and dependency-free.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    /// A figure in thousandths of £m between lo and hi.
    fn milli(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

fn fig(milli: i64) -> String {
    let s = format!("{}.{:03}", milli.abs() / 1000, milli.abs() % 1000);
    if milli < 0 {
        format!("({s})")
    } else {
        s
    }
}

const YEARS: [&str; 5] = ["2016/17", "2017/18", "2018/19", "2019/20", "2020/21"];
const PARAGRAPH: &str = "Family Group Conferencing is an effective tool for identifying and engaging with wider family members at an early stage of concern about a child. This initiative seeks to minimise the financial pressure within the looked after children budget by working to prevent children entering the care system, and progress will be reported monthly to the Children's Transformation Programme Board.";

fn initiative(i: usize, rng: &mut Lcg) -> String {
    let inv: Vec<i64> = (0..5)
        .map(|y| {
            if y == 0 {
                rng.milli(0, 120) as i64
            } else {
                rng.milli(50, 900) as i64
            }
        })
        .collect();
    let gross: Vec<i64> = (0..5)
        .map(|y| -((rng.milli(0, 400) * y as u64) as i64))
        .collect();
    let net: Vec<i64> = inv.iter().zip(&gross).map(|(a, b)| a + b).collect();
    let kpi: Vec<u64> = (0..5).map(|y| rng.milli(0, 10) * y as u64).collect();
    let mut s = String::new();
    let _ = writeln!(
        s,
        "kind: initiative\nreference: SYN {i}\ntitle: Synthetic initiative {i}"
    );
    let _ = writeln!(s, "service_area: Children's Social Care\ndirectorate: Children and Young People's Services\ncabinet_member: Councillor Example\nstatus: proposed");
    let _ = writeln!(s, "summary: |\n  {PARAGRAPH}\n\n  {PARAGRAPH}");
    let _ = writeln!(s, "finance:\n  years: [{}]", YEARS.join(", "));
    let row = |v: &[i64]| v.iter().map(|m| fig(*m)).collect::<Vec<_>>().join(", ");
    let _ = writeln!(
        s,
        "  investment:\n    - label: Investment\n      values: [{}]\n      cumulative: {}",
        row(&inv),
        fig(inv.iter().sum())
    );
    let _ = writeln!(
        s,
        "  gross_saving:\n    values: [{}]\n    cumulative: {}",
        row(&gross),
        fig(gross.iter().sum())
    );
    let _ = writeln!(
        s,
        "  net:\n    values: [{}]\n    cumulative: {}",
        row(&net),
        fig(net.iter().sum())
    );
    let _ = writeln!(
        s,
        "kpis:\n  - name: LAC Reduction\n    unit: children\n    values: [{}]\n    total: {}",
        kpi.iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        kpi.iter().sum::<u64>()
    );
    let _ = writeln!(
        s,
        "bid:\n  why_needed: |\n    {PARAGRAPH}\n  outcomes_monitoring: |\n    {PARAGRAPH}"
    );
    s
}

fn report(r: usize, refs: &[String]) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "kind: report\ncommittee: Cabinet\nmeeting_date: 2016-11-14\ntitle: Synthetic investment report {r}");
    let _ = writeln!(s, "agenda_item: \"{}\"\nkey_decision: true\nforward_plan: true\nstrategic_director: A Director", r + 1);
    let _ = writeln!(s, "summary: |\n  {PARAGRAPH}\nrecommendations:\n  - Note the contents of this report.\n  - Approve the investment proposals.");
    let _ = writeln!(s, "initiatives: [{}]", refs.join(", "));
    let _ = writeln!(s, "sections:\n  background: |\n    {PARAGRAPH}\n  financial: |\n    {PARAGRAPH}\n  risks: |\n    {PARAGRAPH}");
    s
}

/// An agenda pack: apologies, declarations and minutes, then one item per report.
fn pack(reports: usize) -> String {
    let mut s = [
        "kind: pack",
        "authority: Synthetic Metropolitan Borough Council",
        "committee: Cabinet",
        "meeting_date: 2016-11-14",
        "time: 10.00 a.m.",
        "venue: Town Hall",
        "contact_officer:",
        "  name: A Clerk",
        "  role: Democratic Services",
        "items:",
        "  - number: 1",
        "    title: Apologies for absence",
        "    text: To receive any apologies for absence.",
        "  - number: 2",
        "    title: Declarations of interest",
        "    text: To invite members to declare any interests.",
        "  - number: 3",
        "    title: Minutes of the previous meeting",
        "    text: To approve the minutes.",
        "",
    ]
    .join("\n");
    for r in 1..=reports {
        let _ = writeln!(
            s,
            "  - number: {}\n    title: Synthetic investment report {r}\n    report: report-{r:02}.yaml",
            r + 3
        );
    }
    s
}

fn main() {
    let mut initiatives = 11usize;
    let mut reports = 1usize;
    let mut out = PathBuf::from("target/bench/generated");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let v = args.next().unwrap_or_default();
        match a.as_str() {
            "--initiatives" => initiatives = v.parse().expect("--initiatives N"),
            "--reports" => reports = v.parse().expect("--reports N"),
            "--out" => out = PathBuf::from(v),
            other => panic!("unknown argument {other}"),
        }
    }
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(out.join("initiatives")).expect("create output folder");
    let mut rng = Lcg(20161114);
    let refs: Vec<String> = (1..=initiatives).map(|i| format!("SYN {i}")).collect();
    for i in 1..=initiatives {
        std::fs::write(
            out.join(format!("initiatives/syn-{i}.yaml")),
            initiative(i, &mut rng),
        )
        .expect("write");
    }
    let per = initiatives.div_ceil(reports.max(1));
    let written = refs.chunks(per.max(1)).len();
    for (r, chunk) in refs.chunks(per.max(1)).enumerate() {
        std::fs::write(
            out.join(format!("report-{:02}.yaml", r + 1)),
            report(r + 1, chunk),
        )
        .expect("write");
    }
    if written > 1 {
        std::fs::write(out.join("pack.yaml"), pack(written)).expect("write");
    }
    eprintln!(
        "wrote {initiatives} initiatives and {reports} report(s) to {}",
        out.display()
    );
}
