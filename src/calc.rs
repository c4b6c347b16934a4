//! Derived figures: net, cumulative, totals, payback and break-even, programme totals, and the
//! comparison of stated figures with computed ones. Pure functions over the model, exact
//! Decimal arithmetic, no rounding except where a comparison says so.

use crate::model::{FinancialProfile, FinancialYear, Initiative, Kpi, Money};
use rust_decimal::Decimal;

/// Everything derived from one initiative's profile.
#[derive(Debug, Clone, PartialEq)]
pub struct InitiativeFigures {
    pub years: Vec<FinancialYear>,
    /// Per year, summing the investment lines that count towards totals.
    pub investment: Vec<Money>,
    pub gross_saving: Vec<Money>,
    /// investment + gross saving, per year. Negative = net saving.
    pub net: Vec<Money>,
    /// Running total of `net`.
    pub cumulative_net: Vec<Money>,
    /// Row total of each investment line, including lines outside the totals.
    pub line_totals: Vec<Money>,
    pub total_investment: Money,
    pub total_gross_saving: Money,
    pub total_net: Money,
    /// Index of the first year whose net figure is a saving (the seed's "Payback").
    pub first_net_saving: Option<usize>,
    /// Index of the first year by which cumulative savings exceed cumulative investment.
    pub break_even: Option<usize>,
}

/// Sums column-wise; rows must be as long as `len` (validation guarantees it).
fn column_sums<'a>(rows: impl Iterator<Item = &'a [Money]>, len: usize) -> Vec<Money> {
    let mut out = vec![Money::ZERO; len];
    for row in rows {
        for (o, v) in out.iter_mut().zip(row) {
            *o = *o + *v;
        }
    }
    out
}

fn running(values: &[Money]) -> Vec<Money> {
    let mut acc = Money::ZERO;
    values
        .iter()
        .map(|v| {
            acc = acc + *v;
            acc
        })
        .collect()
}

/// Computes every derived figure of a profile.
pub fn initiative(p: &FinancialProfile) -> InitiativeFigures {
    let n = p.years.len();
    let investment = column_sums(
        p.investment
            .iter()
            .filter(|l| l.in_totals)
            .map(|l| l.values.as_slice()),
        n,
    );
    let gross_saving = p.gross_saving.clone();
    let net: Vec<Money> = investment
        .iter()
        .zip(&gross_saving)
        .map(|(i, g)| *i + *g)
        .collect();
    let cumulative_net = running(&net);
    InitiativeFigures {
        years: p.years.clone(),
        line_totals: p.investment.iter().map(|l| l.values.iter().sum()).collect(),
        total_investment: investment.iter().sum(),
        total_gross_saving: gross_saving.iter().sum(),
        total_net: net.iter().sum(),
        first_net_saving: net.iter().position(|v| v.is_negative()),
        break_even: cumulative_net.iter().position(|v| v.is_negative()),
        investment,
        gross_saving,
        net,
        cumulative_net,
    }
}

/// "Year 2", counting the first year shown as Year 1, or "N/A": the seed's Payback column.
pub fn payback_label(first_net_saving: Option<usize>) -> String {
    match first_net_saving {
        Some(i) => format!("Year {}", i + 1),
        None => "N/A".to_string(),
    }
}

/// Reads a stated payback: "Year 2", "year 2", "2017/18" (given the years) or "N/A".
/// Returns `Some(None)` for N/A, `None` when it cannot be read.
pub fn parse_payback(text: &str, years: &[FinancialYear]) -> Option<Option<usize>> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("n/a") || t.eq_ignore_ascii_case("none") || t == "-" {
        return Some(None);
    }
    if let Some(n) = t
        .strip_prefix("Year")
        .or_else(|| t.strip_prefix("year"))
        .and_then(|n| n.trim().parse::<usize>().ok())
    {
        // `checked_sub`, not `then_some(n - 1)`: that evaluates eagerly and "Year 0" would panic.
        return n.checked_sub(1).map(Some);
    }
    let fy = FinancialYear::parse(t).ok()?;
    years.iter().position(|y| *y == fy).map(Some)
}

/// Programme totals across the initiatives of a report.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgrammeFigures {
    /// Every year any of the initiatives covers, in order: initiatives of different spans
    /// (4-year bids beside 5-year ones) share one programme over the union of their years.
    pub years: Vec<FinancialYear>,
    /// How many initiatives cover each year: what each yearly total adds up (a year an
    /// initiative does not cover is blank for it, not zero, and is summed over the others).
    pub covering: Vec<usize>,
    pub investment: Vec<Money>,
    pub gross_saving: Vec<Money>,
    pub net: Vec<Money>,
    pub cumulative_net: Vec<Money>,
    pub total_investment: Money,
    pub total_gross_saving: Money,
    pub total_net: Money,
    pub first_net_saving: Option<usize>,
    pub break_even: Option<usize>,
}

impl ProgrammeFigures {
    /// How many printed figures each line's total for year `y` adds (see [`programme_terms`]).
    pub fn terms(&self, y: usize) -> [usize; 3] {
        programme_terms(self.covering.get(y).copied().unwrap_or(0))
    }
}

/// The years of a programme: every year of any of the profiles, in order, each once.
pub fn union_years<'a>(years: impl Iterator<Item = &'a [FinancialYear]>) -> Vec<FinancialYear> {
    let mut all: Vec<FinancialYear> = years.flatten().copied().collect();
    all.sort_unstable();
    all.dedup();
    all
}

/// A row of one initiative laid along the programme's `years`: its figure where it covers the
/// year, blank (`None`, never zero) where it does not.
pub fn aligned(
    own_years: &[FinancialYear],
    values: &[Money],
    years: &[FinancialYear],
) -> Vec<Option<Money>> {
    years
        .iter()
        .map(|y| {
            own_years
                .iter()
                .position(|o| o == y)
                .and_then(|i| values.get(i).copied())
        })
        .collect()
}

/// Adds up initiatives over the union of their years; each year sums the initiatives that
/// cover it.
pub fn programme(figures: &[&InitiativeFigures]) -> ProgrammeFigures {
    let years = union_years(figures.iter().map(|f| f.years.as_slice()));
    let n = years.len();
    let mut covering = vec![0usize; n];
    let mut investment = vec![Money::ZERO; n];
    let mut gross_saving = vec![Money::ZERO; n];
    let mut net = vec![Money::ZERO; n];
    for f in figures {
        for (i, y) in f.years.iter().enumerate() {
            // The union holds every year of every profile.
            let Ok(k) = years.binary_search(y) else {
                continue;
            };
            covering[k] += 1;
            let add = |to: &mut Money, row: &[Money]| {
                if let Some(v) = row.get(i) {
                    *to = *to + *v;
                }
            };
            add(&mut investment[k], &f.investment);
            add(&mut gross_saving[k], &f.gross_saving);
            add(&mut net[k], &f.net);
        }
    }
    let cumulative_net = running(&net);
    ProgrammeFigures {
        total_investment: investment.iter().sum(),
        total_gross_saving: gross_saving.iter().sum(),
        total_net: net.iter().sum(),
        first_net_saving: net.iter().position(|v| v.is_negative()),
        break_even: cumulative_net.iter().position(|v| v.is_negative()),
        years,
        covering,
        investment,
        gross_saving,
        net,
        cumulative_net,
    }
}

/// The first year of a run of consecutive `years` that does not follow the one before it:
/// `Some((before, after))` where the programme of a report would have a gap.
pub fn gap(years: &[FinancialYear]) -> Option<(FinancialYear, FinancialYear)> {
    years
        .windows(2)
        .find(|w| w[1] != w[0].next())
        .map(|w| (w[0], w[1]))
}

/// The figures of a report's initiatives, each in the report's unit, and their programme.
pub struct ReportFigures<'a> {
    /// The initiatives, in the report's order.
    pub initiatives: Vec<&'a Initiative>,
    /// Their profiles in the report's unit.
    pub profiles: Vec<std::borrow::Cow<'a, FinancialProfile>>,
    pub figures: Vec<InitiativeFigures>,
    pub programme: ProgrammeFigures,
}

/// Computes [`ReportFigures`]: what every view, chart and summary of a report prints, from
/// the initiatives of the input folder (the report names its own by index).
pub fn report<'a>(
    initiatives: &'a [Initiative],
    report: &'a crate::model::Report,
) -> ReportFigures<'a> {
    let unit = crate::model::table::Unit::from(report.units);
    let initiatives: Vec<&Initiative> = report
        .initiatives
        .iter()
        .map(|&i| &initiatives[i])
        .collect();
    let profiles: Vec<_> = initiatives.iter().map(|i| i.finance_in(unit)).collect();
    let figures: Vec<InitiativeFigures> = profiles.iter().map(|p| initiative(p)).collect();
    let refs: Vec<&InitiativeFigures> = figures.iter().collect();
    let programme = programme(&refs);
    ReportFigures {
        initiatives,
        profiles,
        figures,
        programme,
    }
}

/// The total of a KPI row, when it is a count that adds up (not a percentage).
pub fn kpi_total(kpi: &Kpi) -> Option<Decimal> {
    if !kpi.is_summed() || kpi.values.iter().all(Option::is_none) {
        return None;
    }
    Some(kpi.values.iter().flatten().copied().sum())
}

/// How many printed figures each yearly programme total adds, for the rounding allowance:
/// investment and gross saving one per initiative, net two (its investment and its saving).
pub fn programme_terms(initiatives: usize) -> [usize; 3] {
    let k = initiatives.max(1);
    [k, k, 2 * k]
}

/// How many printed figures a year's net adds: each investment line in the totals, and the
/// gross saving. The net row's Cumulative adds this many for every year.
pub fn net_terms(p: &FinancialProfile) -> usize {
    p.investment.iter().filter(|l| l.in_totals).count() + 1
}

pub use crate::model::Agreement;

/// The most that `terms` printed figures, each rounded to `dp` places, can be out by when
/// added up: half a unit in the last place per term, and never less than one unit (a stated
/// total is itself rounded).
pub fn rounding_tolerance(terms: usize, dp: u32) -> Money {
    let unit = Decimal::new(1, dp.min(10));
    let half = unit / Decimal::TWO;
    Money::new((half * Decimal::from(terms as u64)).max(unit))
}

/// Compares a stated figure with the computed one. `terms` is how many printed figures the
/// computed one adds up; the tolerance uses the stated figure's own decimal places.
pub fn compare(stated: Money, computed: Money, terms: usize) -> Agreement {
    let diff = stated - computed;
    if diff.is_zero() {
        Agreement::Exact
    } else if diff.abs() <= rounding_tolerance(terms, stated.scale().max(computed.scale())) {
        Agreement::Rounding(diff)
    } else {
        Agreement::Mismatch(diff)
    }
}

/// A stated figure that differs from the computed one by rounding, disclosed in the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Disclosure {
    /// What the figure is, e.g. "CYPS 1A Investment, Cumulative" or "Table 2 net, 2018/19".
    pub what: String,
    pub stated: Money,
    pub computed: Money,
}

/// A published row: its name, the stated figures, the computed ones, and the index of its
/// line in [`ProgrammeFigures::terms`].
type StatedRow<'a> = (&'a str, &'a Option<Vec<Money>>, &'a Vec<Money>, usize);

/// Every stated figure of the report that rounding puts off the computed sum, in report order.
/// Each initiative's stated figures are compared in its own unit (where the initiative wrote
/// them, so the rounding allowance is that of its printed places), and told in the report's
/// unit `to`.
pub fn disclosures(
    initiatives: &[(&Initiative, &InitiativeFigures)],
    published: Option<&crate::model::PublishedTotals>,
    programme: &ProgrammeFigures,
    to: crate::model::table::Unit,
) -> Vec<Disclosure> {
    let mut out = Vec::new();
    for (init, f) in initiatives {
        let convert = |m: Money| init.money_in(m, to);
        let mut push = |what: String, stated: Money, computed: Money, terms: usize| {
            if let Agreement::Rounding(_) = compare(stated, computed, terms) {
                out.push(Disclosure {
                    what,
                    stated: convert(stated),
                    computed: convert(computed),
                });
            }
        };
        let p = &init.finance;
        let n = p.years.len();
        for (line, total) in p.investment.iter().zip(&f.line_totals) {
            if let Some(s) = line.stated_cumulative {
                push(
                    format!("{} {}, Cumulative", init.reference, line.label),
                    s,
                    *total,
                    n,
                );
            }
        }
        if let Some(s) = p.stated_gross_cumulative {
            let what = format!("{} {}, Cumulative", init.reference, p.gross_saving_label);
            push(what, s, f.total_gross_saving, n);
        }
        let terms = net_terms(p);
        if let Some(stated) = &p.stated_net {
            for ((s, c), y) in stated.iter().zip(&f.net).zip(&p.years) {
                push(format!("{} Net, {y}", init.reference), *s, *c, terms);
            }
        }
        if let Some(s) = p.stated_net_cumulative {
            push(
                format!("{} Net, Cumulative", init.reference),
                s,
                f.total_net,
                n * terms,
            );
        }
    }
    if let Some(pt) = published {
        let caption = pt
            .caption
            .clone()
            .unwrap_or_else(|| "Published programme totals".to_string());
        let rows: [StatedRow; 3] = [
            ("investment", &pt.investment, &programme.investment, 0),
            ("gross saving", &pt.gross_saving, &programme.gross_saving, 1),
            ("net", &pt.net, &programme.net, 2),
        ];
        for (name, stated, computed, line) in rows {
            if let Some(stated) = stated {
                for (k, ((s, c), y)) in stated
                    .iter()
                    .zip(computed)
                    .zip(&programme.years)
                    .enumerate()
                {
                    let terms = programme.terms(k)[line];
                    if let Agreement::Rounding(_) = compare(*s, *c, terms) {
                        out.push(Disclosure {
                            what: format!("{caption}: {name}, {y}"),
                            stated: *s,
                            computed: *c,
                        });
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::InvestmentLine;

    fn m(s: &str) -> Money {
        Money::parse(s).unwrap()
    }
    fn row(v: &[&str]) -> Vec<Money> {
        v.iter().map(|s| m(s)).collect()
    }
    fn years(n: usize) -> Vec<FinancialYear> {
        let mut y = FinancialYear::parse("2016/17").unwrap();
        (0..n)
            .map(|_| {
                let c = y;
                y = y.next();
                c
            })
            .collect()
    }
    fn profile(inv: &[&[&str]], gross: &[&str]) -> FinancialProfile {
        FinancialProfile {
            years: years(gross.len()),
            investment: inv
                .iter()
                .map(|v| InvestmentLine {
                    label: "Investment".into(),
                    values: row(v),
                    in_totals: true,
                    stated_cumulative: None,
                })
                .collect(),
            gross_saving_label: "Gross Saving".into(),
            gross_saving: row(gross),
            stated_gross_cumulative: None,
            stated_net: None,
            stated_net_cumulative: None,
            stated_payback: None,
            current_budget: None,
            notes: vec![],
            net_label: None,
        }
    }

    #[test]
    fn cyps2_family_group_conferencing() {
        // Seed 004 paragraph 3.43.
        let p = profile(
            &[&["0.100", "0.164", "0.164", "0.164", "0.164"]],
            &["0.000", "(0.165)", "(0.627)", "(1.254)", "(1.914)"],
        );
        let f = initiative(&p);
        assert_eq!(
            f.net,
            row(&["0.100", "(0.001)", "(0.463)", "(1.090)", "(1.750)"])
        );
        assert_eq!(f.total_investment, m("0.756"));
        assert_eq!(f.total_gross_saving, m("(3.960)"));
        assert_eq!(f.total_net, m("(3.204)"));
        assert_eq!(payback_label(f.first_net_saving), "Year 2");
        // Cumulative net: 0.100, 0.099, (0.364): break-even in the third year.
        assert_eq!(f.break_even, Some(2));
    }

    #[test]
    fn lines_outside_totals_are_shown_but_not_added() {
        let mut p = profile(
            &[&["0.061", "0.339"], &["0.000", "0.489"]],
            &["0.000", "0.000"],
        );
        p.investment[1].in_totals = false;
        let f = initiative(&p);
        assert_eq!(f.investment, row(&["0.061", "0.339"]));
        assert_eq!(f.line_totals, row(&["0.400", "0.489"]));
        assert_eq!(payback_label(f.first_net_saving), "N/A");
        assert_eq!(f.break_even, None);
    }

    #[test]
    fn payback_reads_the_forms_officers_write() {
        let y = years(5);
        assert_eq!(parse_payback("Year 2", &y), Some(Some(1)));
        assert_eq!(parse_payback("N/A", &y), Some(None));
        assert_eq!(parse_payback("2018/19", &y), Some(Some(2)));
        assert_eq!(parse_payback("year 3", &y), Some(Some(2)));
        assert_eq!(parse_payback(" None ", &y), Some(None));
        assert_eq!(parse_payback("-", &y), Some(None));
        assert_eq!(parse_payback("2021/22", &y), None);
        assert_eq!(parse_payback("Year 0", &y), None);
        assert_eq!(parse_payback("soon", &y), None);
    }

    #[test]
    fn programme_adds_initiatives_by_year() {
        let a = initiative(&profile(&[&["0.100", "0.164"]], &["0.000", "(0.165)"]));
        let b = initiative(&profile(&[&["0.000", "0.350"]], &["0.000", "(0.165)"]));
        let p = programme(&[&a, &b]);
        assert_eq!(p.investment, row(&["0.100", "0.514"]));
        assert_eq!(p.net, row(&["0.100", "0.184"]));
        assert_eq!(p.first_net_saving, None);
    }

    #[test]
    fn programme_spans_the_union_of_the_years_and_sums_what_is_there() {
        // A 5-year CYPS bid beside a 4-year Adult Care bid that starts a year later.
        let cyps = initiative(&profile(
            &[&["0.100", "0.164", "0.164", "0.164", "0.164"]],
            &["0.000", "(0.165)", "(0.627)", "(1.254)", "(1.914)"],
        ));
        let mut adult = profile(
            &[&["0.210", "0.210", "0.000", "0.000"]],
            &["0.000", "(0.081)", "(0.113)", "(0.113)"],
        );
        adult.years = years(5)[1..].to_vec();
        let adult = initiative(&adult);
        let p = programme(&[&cyps, &adult]);
        assert_eq!(p.years, years(5));
        assert_eq!(p.covering, vec![1, 2, 2, 2, 2]);
        // 2016/17 is the CYPS bid's alone: blank for the other, not a zero added to it.
        assert_eq!(
            p.investment,
            row(&["0.100", "0.374", "0.374", "0.164", "0.164"])
        );
        assert_eq!(
            p.net,
            row(&["0.100", "0.209", "(0.334)", "(1.203)", "(1.863)"])
        );
        assert_eq!(p.total_net, m("(3.091)"));
        // The rounding allowance of each year counts the initiatives covering it.
        assert_eq!(p.terms(0), [1, 1, 2]);
        assert_eq!(p.terms(1), [2, 2, 4]);
        assert_eq!(
            aligned(&adult.years, &adult.net, &p.years),
            vec![
                None,
                Some(m("0.210")),
                Some(m("0.129")),
                Some(m("(0.113)")),
                Some(m("(0.113)"))
            ]
        );
        assert_eq!(gap(&p.years), None);
    }

    #[test]
    fn a_gap_between_spans_is_found() {
        let y = years(6);
        assert_eq!(gap(&[y[0], y[1], y[4], y[5]]), Some((y[1], y[4])));
        assert_eq!(gap(&y), None);
        assert_eq!(gap(&[]), None);
    }

    #[test]
    fn comparison_separates_rounding_from_slips() {
        // CYPS 1A investment: the row adds to 7.358, the seed prints 7.359.
        assert_eq!(
            compare(m("7.359"), m("7.358"), 5),
            Agreement::Rounding(m("0.001"))
        );
        assert_eq!(compare(m("(0.463)"), m("(0.463)"), 2), Agreement::Exact);
        assert_eq!(
            compare(m("(0.643)"), m("(0.463)"), 2),
            Agreement::Mismatch(m("(0.180)"))
        );
        assert_eq!(rounding_tolerance(11, 3), m("0.0055"));
        assert_eq!(rounding_tolerance(1, 3), m("0.001"));
    }

    #[test]
    fn kpi_totals_skip_percentages_and_blanks() {
        let k = |unit: &str, v: &[Option<i64>]| Kpi {
            name: "x".into(),
            unit: unit.into(),
            values: v.iter().map(|o| o.map(Decimal::from)).collect(),
            stated_total: None,
        };
        assert_eq!(
            kpi_total(&k("children", &[Some(0), Some(15), None])),
            Some(Decimal::from(15))
        );
        assert_eq!(kpi_total(&k("%", &[Some(43), Some(48)])), None);
        assert_eq!(kpi_total(&k("children", &[None, None])), None);
    }
}
