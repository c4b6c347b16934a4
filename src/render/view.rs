//! The view model handed to templates: every figure already computed (templates do no
//! arithmetic), every plain value escaped for Markdown, every narrative prepared. Figures stay
//! exact (`Money` serialises as a decimal string) and are formatted by the template filters.

use super::text::{escape, narrative};
use crate::calc::{self, Disclosure, InitiativeFigures, ProgrammeFigures};
use crate::chart::{Chart, ChartSet, DataTable};
use crate::model::initiative::Part;
use crate::model::{
    ChartData, Exemption, FinancialProfile, Initiative, Money, NegativeStyle, Person, Report,
    SectionKey, Workspace,
};
use serde::Serialize;

/// One cell of a financial table: a figure (formatted by the `money` filter) or text.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "lowercase")]
pub enum Cell {
    Money(Money),
    Text(String),
    Empty,
}

/// A table row; `total` rows are printed in bold.
#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    pub label: String,
    pub cells: Vec<Cell>,
    pub total: bool,
}

/// A table with its caption and column headings (numeric columns are right-aligned).
#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    pub caption: String,
    pub columns: Vec<String>,
    pub rows: Vec<RowView>,
}

/// A chart: its image path, title and description, and its data as a table.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    pub src: String,
    pub title: String,
    pub description: String,
    pub table: TableView,
}

#[derive(Debug, Clone, Serialize)]
pub struct KeyValue {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct BidSectionView {
    pub number: u8,
    pub question: &'static str,
    pub body: Option<String>,
    /// A table of figures the answer carries as data (section 6's benefits), as Markdown.
    pub table: Option<String>,
}

/// One part of an initiative's subsection, in the order printed: `kind` is `profile` (the
/// table, its notes and KPIs), `chart`, or `text` (with its Markdown).
#[derive(Debug, Clone, Serialize)]
pub struct PartView {
    pub kind: &'static str,
    pub text: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct InitiativeView {
    pub reference: String,
    pub title: String,
    pub anchor: String,
    /// The summary's text, whole (templates written before `parts` print it after the chart).
    pub summary: Option<String>,
    /// The subsection in the author's order.
    pub parts: Vec<PartView>,
    pub finance: TableView,
    /// Where the profile's printed totals do not add up as printed (figures rounded on their
    /// own), naming the cells; `None` where they all do.
    pub finance_note: Option<String>,
    pub kpis: Option<TableView>,
    pub notes: Vec<String>,
    pub payback: String,
    pub break_even: String,
    /// Payback and break-even said in a sentence that reads right when there is neither.
    pub payback_sentence: String,
    pub charts: Vec<ChartView>,
    /// The file has an Appendix 1 bid form (`bid:`); without one none is printed.
    pub has_form: bool,
    pub bid_details: Vec<KeyValue>,
    pub bid_finance: TableView,
    pub bid_sections: Vec<BidSectionView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SectionView {
    pub number: usize,
    pub key: &'static str,
    pub title: &'static str,
    pub body: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecommendationView {
    pub letter: String,
    pub text: String,
}

/// Everything a report template needs.
#[derive(Debug, Clone, Serialize)]
pub struct ReportView {
    pub title: String,
    pub title_plain: String,
    /// The council's name, for the front page.
    pub council: Option<String>,
    /// "Public report", or "Exempt report – not for publication" with the paragraph: the
    /// marking clerks put at the top of the front page.
    pub marking: String,
    pub committee: String,
    pub meeting_date: String,
    pub units: &'static str,
    pub units_words: &'static str,
    pub decimals: u32,
    pub sign_note: String,
    pub summary_sheet: Vec<KeyValue>,
    pub summary: String,
    pub recommendations_intro: String,
    pub recommendations: Vec<RecommendationView>,
    pub reasons: Option<String>,
    pub appendices: Vec<String>,
    pub background_papers: Vec<String>,
    pub other_committees: Option<String>,
    /// Numbered body sections 2–13 in council order, except those the report omits.
    pub sections: Vec<SectionView>,
    pub key_issues_after: Option<String>,
    pub initiatives: Vec<InitiativeView>,
    pub programme: TableView,
    /// Notes under the programme tables where their printed totals do not add up as printed.
    pub programme_note: Option<String>,
    pub programme_by_initiative: TableView,
    pub programme_by_initiative_note: Option<String>,
    /// Every table of initiatives and programme adds up as printed (no figure is printed
    /// rounded so that its total differs from the sum of the printed figures).
    pub adds_up_as_printed: bool,
    pub programme_charts: Vec<ChartView>,
    pub first_net_saving: String,
    pub break_even: String,
    /// The programme's first year of net saving and break-even, said in a sentence.
    pub programme_payback: String,
    /// Any initiative of the report has a bid form (Appendix 1 is printed).
    pub bid_forms: bool,
    /// Chart data tables go in an appendix rather than after each chart.
    pub chart_data_appendix: bool,
    /// That appendix: every chart's data table, in the order the charts appear.
    pub chart_tables: Vec<TableView>,
    pub rounding_note: Vec<String>,
    pub accountable_officers: Vec<String>,
    pub approvals: Vec<KeyValue>,
    pub approvals_number: usize,
}

const BID_QUESTIONS: [&str; 7] = [
    "Outline why this growth in funding is required",
    "Outline any legal and statutory framework(s) relevant to the funding growth bid",
    "Outline management efforts taken to reduce the size of this bid or to contain/minimise the associated financial pressure within the current budget",
    "Identify the consequences and outcomes to the service, service users and members of the public if the funding growth bid is not agreed",
    "Outline any staffing implications of the growth bid (using FTE figures where relevant)",
    "What are the longer term benefits that the investment could bring; any revenue savings if applicable",
    "How the outcomes will be monitored",
];

fn yes_no(b: bool) -> String {
    if b { "Yes" } else { "No" }.to_string()
}

fn person_line(p: &Person) -> String {
    let mut parts = vec![escape(&p.name)];
    if let Some(r) = &p.role {
        parts.push(escape(r));
    }
    let mut line = parts.join(", ");
    if let Some(ph) = &p.phone {
        line.push_str(&format!(" — Tel: {}", escape(ph)));
    }
    if let Some(e) = &p.email {
        line.push_str(&format!(" — {}", escape(e)));
    }
    line
}

fn year_columns(figs: &[crate::model::FinancialYear], first: &str, extra: &[&str]) -> Vec<String> {
    let mut cols = vec![first.to_string()];
    cols.extend(figs.iter().map(ToString::to_string));
    cols.extend(extra.iter().map(|s| s.to_string()));
    cols
}

fn money_row(
    label: &str,
    values: &[Money],
    total: Option<Money>,
    tail: Vec<Cell>,
    bold: bool,
) -> RowView {
    let mut cells: Vec<Cell> = values.iter().map(|v| Cell::Money(*v)).collect();
    cells.push(total.map_or(Cell::Empty, Cell::Money));
    cells.extend(tail);
    RowView {
        label: escape(label),
        cells,
        total: bold,
    }
}

fn year_label(figs: &InitiativeFigures, i: Option<usize>) -> String {
    i.map_or("none in the years shown".into(), |i| {
        format!("{} ({})", calc::payback_label(Some(i)), figs.years[i])
    })
}

/// "Payback (first year of net saving): Year 2 (2017/18). Cumulative break-even: Year 3
/// (2018/19)." or, for a bid with no net saving in any year shown, a sentence that says so.
fn payback_sentence(f: &InitiativeFigures) -> String {
    match (f.first_net_saving, f.break_even) {
        (None, _) => "No year shown has a net saving, so there is no payback or cumulative break-even within these years.".into(),
        (Some(_), None) => format!(
            "Payback (first year of net saving): {}. Cumulative net is still a cost at the end of the years shown.",
            year_label(f, f.first_net_saving)
        ),
        (Some(_), Some(_)) => format!(
            "Payback (first year of net saving): {}. Cumulative break-even: {}.",
            year_label(f, f.first_net_saving),
            year_label(f, f.break_even)
        ),
    }
}

/// The label of an initiative's net row.
fn net_label(p: &FinancialProfile) -> &str {
    p.net_label
        .as_deref()
        .unwrap_or("Net Investment / (Saving)")
}

fn initiative_table(
    init: &Initiative,
    p: &FinancialProfile,
    f: &InitiativeFigures,
    units: &str,
) -> TableView {
    let mut rows = Vec::new();
    for (line, total) in p.investment.iter().zip(&f.line_totals) {
        let label = if line.in_totals {
            line.label.clone()
        } else {
            format!("{} (not in totals)", line.label)
        };
        rows.push(money_row(
            &label,
            &line.values,
            Some(*total),
            vec![Cell::Empty],
            false,
        ));
    }
    rows.push(money_row(
        &p.gross_saving_label,
        &f.gross_saving,
        Some(f.total_gross_saving),
        vec![Cell::Empty],
        false,
    ));
    rows.push(money_row(
        net_label(p),
        &f.net,
        Some(f.total_net),
        vec![Cell::Text(calc::payback_label(f.first_net_saving))],
        true,
    ));
    rows.push(money_row(
        "Cumulative net",
        &f.cumulative_net,
        None,
        vec![Cell::Empty],
        false,
    ));
    TableView {
        caption: format!(
            "{} – {}: financial profile ({units})",
            escape(&init.reference),
            escape(&init.title)
        ),
        columns: year_columns(&p.years, units, &["Cumulative", "Payback"]),
        rows,
    }
}

/// A KPI figure as the chart and its data table print it: with the places it was written
/// with, thousands grouped, in the report's negative style; `%` after a percentage.
fn kpi_figure(d: rust_decimal::Decimal, pct: bool, negatives: NegativeStyle) -> String {
    let text = Money::new(d).format(d.scale(), negatives);
    if pct {
        format!("{text}%")
    } else {
        text
    }
}

fn kpi_table(init: &Initiative, negatives: NegativeStyle) -> Option<TableView> {
    if init.kpis.is_empty() {
        return None;
    }
    let rows = init
        .kpis
        .iter()
        .map(|k| {
            let unit = if k.unit.is_empty() || k.unit == "%" {
                String::new()
            } else {
                format!(" ({})", k.unit)
            };
            let pct = !k.is_summed();
            let mut cells: Vec<Cell> = k
                .values
                .iter()
                .map(|v| v.map_or(Cell::Empty, |d| Cell::Text(kpi_figure(d, pct, negatives))))
                .collect();
            cells.push(
                calc::kpi_total(k)
                    .map_or(Cell::Empty, |t| Cell::Text(kpi_figure(t, false, negatives))),
            );
            RowView {
                label: escape(&format!("{}{unit}", k.name)),
                cells,
                total: false,
            }
        })
        .collect();
    Some(TableView {
        caption: format!("{}: key performance indicators", escape(&init.reference)),
        columns: year_columns(&init.finance.years, "Indicator", &["Total"]),
        rows,
    })
}

fn bid_finance(
    init: &Initiative,
    bid: &crate::model::BidForm,
    p: &FinancialProfile,
    f: &InitiativeFigures,
    units: &str,
) -> TableView {
    // The years the form shows (the profile's unless it says), by their place in the profile.
    let shown: Vec<usize> = match &bid.years {
        Some(ys) => ys
            .iter()
            .filter_map(|y| p.years.iter().position(|py| py == y))
            .collect(),
        None => (0..p.years.len()).collect(),
    };
    let pick = |row: &[Money]| -> Vec<Cell> {
        shown
            .iter()
            .map(|&k| row.get(k).map_or(Cell::Empty, |m| Cell::Money(*m)))
            .collect()
    };
    let mut rows = vec![RowView {
        label: escape(
            "Total amount of funding sought (net, after accounting for any other income sources)",
        ),
        cells: pick(&f.investment),
        total: false,
    }];
    if let Some((label, values)) = &p.current_budget {
        let cells = shown
            .iter()
            .map(|&k| {
                values
                    .get(k)
                    .copied()
                    .flatten()
                    .map_or(Cell::Text("–".into()), Cell::Money)
            })
            .collect();
        rows.push(RowView {
            label: escape(&format!("{label} (if bid adds to an existing budget)")),
            cells,
            total: false,
        });
    }
    rows.push(RowView {
        label: escape(bid.savings_label.as_deref().unwrap_or("Estimated savings")),
        cells: pick(&f.gross_saving),
        total: false,
    });
    let years: Vec<crate::model::FinancialYear> = shown.iter().map(|&k| p.years[k]).collect();
    TableView {
        caption: format!(
            "{}: financial summary of the bid ({units})",
            escape(&init.reference)
        ),
        columns: year_columns(&years, units, &[]),
        rows,
    }
}

/// A chart as its paper's template shows it: the image, its title and description, and its
/// data table; for every kind of paper.
pub(crate) fn chart_view(report_slug: &str, c: &Chart) -> ChartView {
    ChartView {
        src: format!("charts/{}.svg", chart_key(report_slug, c)),
        title: escape(&c.title),
        description: escape(&c.description),
        table: data_table(&c.table),
    }
}

/// The file stem of a chart in the output folder (unique across reports).
pub fn chart_key(report_slug: &str, c: &Chart) -> String {
    chart_key_of(report_slug, &c.id)
}

/// The file stem of chart `chart_id` of the paper whose outputs are named `report_slug`: the
/// one definition, which the collision check and every renderer use.
pub fn chart_key_of(report_slug: &str, chart_id: &str) -> String {
    format!("{report_slug}-{chart_id}")
}

/// A chart's data table, captioned `Chart data: <the chart's title>`: the one place that
/// wording is defined, for every kind of paper.
fn data_table(t: &DataTable) -> TableView {
    TableView {
        caption: format!("Chart data: {}", escape(&t.caption)),
        columns: t.header.iter().map(|h| escape(h)).collect(),
        rows: t
            .rows
            .iter()
            .map(|r| RowView {
                label: r.first().map(|s| escape(s)).unwrap_or_default(),
                cells: r
                    .iter()
                    .skip(1)
                    .map(|s| {
                        if s.is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text(escape(s))
                        }
                    })
                    .collect(),
                total: false,
            })
            .collect(),
    }
}

/// The data tables of a paper's charts (given in the order they appear) for its appendix,
/// when the paper asks for one; for every kind of paper.
pub(crate) fn chart_tables<'a>(
    appendix: bool,
    charts: impl IntoIterator<Item = &'a ChartView>,
) -> Vec<TableView> {
    if appendix {
        charts.into_iter().map(|c| c.table.clone()).collect()
    } else {
        Vec::new()
    }
}

fn programme_tables(
    report: &Report,
    p: &ProgrammeFigures,
    inits: &[(&Initiative, &InitiativeFigures)],
) -> (TableView, TableView) {
    let u = report.units.symbol();
    // The source's own caption for this table, where the report gives one with its totals.
    let caption = report
        .published_totals
        .as_ref()
        .and_then(|pt| pt.caption.as_deref())
        .map(|c| format!("{} ({u})", escape(c.trim())))
        .unwrap_or_else(|| format!("Investment bids: summary of cost and benefit ({u})"));
    let summary = TableView {
        caption,
        columns: year_columns(&p.years, u, &["Total"]),
        rows: vec![
            money_row(
                "Investment",
                &p.investment,
                Some(p.total_investment),
                vec![],
                false,
            ),
            money_row(
                "Savings / Cost Avoidance (from Investment)",
                &p.gross_saving,
                Some(p.total_gross_saving),
                vec![],
                false,
            ),
            money_row(
                "Net Investment / (Saving)",
                &p.net,
                Some(p.total_net),
                vec![],
                true,
            ),
            money_row("Cumulative net", &p.cumulative_net, None, vec![], false),
        ],
    };
    let mut rows: Vec<RowView> = inits
        .iter()
        .map(|(i, f)| {
            // Along the programme's years: blank (not 0.000) in a year it does not cover.
            let mut cells: Vec<Cell> = calc::aligned(&f.years, &f.net, &p.years)
                .into_iter()
                .map(|v| v.map_or(Cell::Empty, Cell::Money))
                .collect();
            cells.push(Cell::Money(f.total_net));
            RowView {
                label: escape(&format!("{} – {}", i.reference, i.title)),
                cells,
                total: false,
            }
        })
        .collect();
    rows.push(money_row(
        "Total net",
        &p.net,
        Some(p.total_net),
        vec![],
        true,
    ));
    let by_init = TableView {
        caption: format!("Net investment / (saving) by initiative and year ({u})"),
        columns: year_columns(&p.years, "Initiative", &["Total"]),
        rows,
    };
    (summary, by_init)
}

fn rounding_note(report: &Report, disclosures: &[Disclosure]) -> Vec<String> {
    disclosures
        .iter()
        .map(|d| {
            let f = |m: Money| m.format(d.stated.scale().max(report.decimals), report.negatives);
            crate::blocks::rounding::sentence(
                &escape(&d.what),
                &f(d.stated),
                &f(d.computed),
                &f((d.stated - d.computed).abs()),
            )
        })
        .collect()
}

impl ReportView {
    /// Builds the view of one report. `report_slug` names its output files.
    pub fn new(
        ws: &Workspace,
        report: &Report,
        charts: &ChartSet,
        report_slug: &str,
    ) -> ReportView {
        let u = report.units.symbol();
        let unit = crate::model::table::Unit::from(report.units);
        let rf = calc::report(ws, report);
        let programme = &rf.programme;
        let pairs: Vec<(&Initiative, &InitiativeFigures)> = rf
            .initiatives
            .iter()
            .copied()
            .zip(rf.figures.iter())
            .collect();
        // Stated figures are compared where they were written: in each initiative's own unit.
        let own: Vec<InitiativeFigures> = rf
            .initiatives
            .iter()
            .zip(&rf.profiles)
            .zip(&rf.figures)
            .map(|((i, p), f)| match p {
                std::borrow::Cow::Borrowed(_) => f.clone(),
                std::borrow::Cow::Owned(_) => calc::initiative(&i.finance),
            })
            .collect();
        let own_pairs: Vec<(&Initiative, &InitiativeFigures)> =
            rf.initiatives.iter().copied().zip(own.iter()).collect();
        let disclosures = calc::disclosures(
            &own_pairs,
            report.published_totals.as_ref(),
            programme,
            unit,
        );
        let (programme_table, by_init) = programme_tables(report, programme, &pairs);
        let style = report.negatives;
        let programme_note = crate::blocks::profile::note(
            &crate::blocks::profile::programme_sums(
                programme,
                "Net Investment / (Saving)",
                report.decimals,
            ),
            report.decimals,
            style,
        );
        let printed_note = crate::blocks::profile::note(
            &crate::blocks::profile::by_initiative_sums(
                &rf.initiatives
                    .iter()
                    .map(|i| format!("{} – {}", i.reference, i.title))
                    .collect::<Vec<_>>(),
                &rf.figures,
                &programme.years,
                "Total net",
                report.decimals,
            ),
            report.decimals,
            style,
        );
        // Initiatives of different spans: a blank is a year the initiative does not cover.
        let spans_note = programme
            .covering
            .iter()
            .any(|c| *c < rf.initiatives.len())
            .then(|| {
                "A blank cell is a year the initiative does not cover (it is not a zero); each year's total adds the initiatives that cover it.".to_string()
            });
        let by_initiative_adds_up = printed_note.is_none();
        let by_initiative_note = match (spans_note, printed_note) {
            (Some(a), Some(b)) => Some(format!("{a}\n\n{b}")),
            (a, b) => a.or(b),
        };

        let programme_charts: Vec<ChartView> = charts
            .programme
            .iter()
            .map(|c| chart_view(report_slug, c))
            .collect();
        let initiatives: Vec<InitiativeView> = pairs
            .iter()
            .zip(&rf.profiles)
            .enumerate()
            .map(|(n, ((init, f), p))| {
                let no_form = crate::model::BidForm::default();
                let bid = init.bid.as_ref().unwrap_or(&no_form);
                let bodies = [
                    &bid.why_needed,
                    &bid.legal_framework,
                    &bid.management_efforts,
                    &bid.consequences,
                    &bid.staffing,
                    &bid.longer_term_benefits,
                    &bid.outcomes_monitoring,
                ];
                let benefits = bid.benefits.as_ref().map(|b| {
                    crate::blocks::bid_form::markdown(
                        b,
                        &init.reference,
                        init.units,
                        (unit, report.decimals),
                        style,
                    )
                });
                InitiativeView {
                    has_form: init.bid.is_some(),
                    reference: escape(&init.reference),
                    title: escape(&init.title),
                    anchor: init.slug.clone(),
                    summary: init.summary.as_deref().map(|s| narrative(s, 4)),
                    parts: init
                        .layout
                        .iter()
                        .map(|p| match p {
                            Part::Profile => PartView {
                                kind: "profile",
                                text: None,
                            },
                            Part::Chart => PartView {
                                kind: "chart",
                                text: None,
                            },
                            Part::Text(t) => PartView {
                                kind: "text",
                                text: Some(narrative(t, 4)),
                            },
                        })
                        .collect(),
                    finance: initiative_table(init, p, f, u),
                    finance_note: crate::blocks::profile::note(
                        &crate::blocks::profile::profile_sums(p, net_label(p), report.decimals),
                        report.decimals,
                        style,
                    ),
                    kpis: kpi_table(init, report.negatives),
                    notes: init.finance.notes.iter().map(|n| escape(n)).collect(),
                    payback: year_label(f, f.first_net_saving),
                    break_even: year_label(f, f.break_even),
                    payback_sentence: payback_sentence(f),
                    charts: charts
                        .by_initiative
                        .get(n)
                        .map(|cs| cs.iter().map(|c| chart_view(report_slug, c)).collect())
                        .unwrap_or_default(),
                    bid_details: [
                        ("Title of Investment Request", Some(init.title.clone())),
                        ("Service Area", init.service_area.clone()),
                        ("Directorate", init.directorate.clone()),
                        ("Responsible Cabinet Member", init.cabinet_member.clone()),
                        ("Lead Officer", init.lead_officer.clone()),
                        ("Status", Some(init.status.label().to_string())),
                    ]
                    .into_iter()
                    .filter_map(|(l, v)| {
                        v.map(|v| KeyValue {
                            label: l.into(),
                            value: escape(&v),
                        })
                    })
                    .collect(),
                    bid_finance: bid_finance(init, bid, p, f, u),
                    bid_sections: bodies
                        .iter()
                        .enumerate()
                        .map(|(i, b)| BidSectionView {
                            number: (i.min(5) + 1) as u8,
                            question: BID_QUESTIONS[i],
                            body: b
                                .as_deref()
                                .map(|t| narrative(t, 5))
                                .filter(|t| !t.is_empty()),
                            // Section 6's benefits, after its text.
                            table: if i == 5 { benefits.clone() } else { None },
                        })
                        .collect(),
                }
            })
            .collect();

        // A recommendation with the figures it quotes filled in.
        let quoted = |text: &str| {
            let t = &report.tables;
            crate::blocks::narrative::expand(
                text,
                &t.tables,
                &t.figures,
                &t.programme,
                report.decimals,
                report.negatives,
            )
        };
        // A narrative field as Markdown: its texts with their quoted figures, and its tables.
        let prose = |n: &crate::model::narrative::Narrative, level: usize| {
            crate::blocks::narrative::markdown(
                n,
                &report.tables,
                report.negatives,
                report.decimals,
                level,
                &|id| chart_key_of(report_slug, id),
            )
        };
        let chart_data_appendix = report.chart_data == ChartData::Appendix;
        let chart_tables = chart_tables(
            chart_data_appendix,
            initiatives
                .iter()
                .flat_map(|i: &InitiativeView| &i.charts)
                .chain(&programme_charts),
        );

        let bid_forms = initiatives.iter().any(|i| i.has_form);
        let adds_up_as_printed = programme_note.is_none()
            && by_initiative_adds_up
            && initiatives.iter().all(|i| i.finance_note.is_none());
        let mut number = 1;
        let sections = SectionKey::ALL
            .iter()
            .filter(|k| !report.sections.omit.contains(k))
            .map(|k| {
                number += 1;
                SectionView {
                    number,
                    key: k.key(),
                    title: k.title(),
                    body: report.sections.text.get(k).map(|t| prose(t, 3)),
                }
            })
            .collect();

        let authors = report
            .authors
            .iter()
            .map(person_line)
            .collect::<Vec<_>>()
            .join("; ");
        let exempt = match &report.exempt {
            Exemption::No => "No".to_string(),
            Exemption::Yes { paragraph, reason } => {
                let mut s = "Yes".to_string();
                if let Some(p) = paragraph {
                    s.push_str(&format!(" — paragraph {p} of Part 1 of Schedule 12A of the Local Government Act 1972"));
                }
                if let Some(r) = reason {
                    s.push_str(&format!(" ({})", escape(r)));
                }
                s
            }
        };
        let summary_sheet = vec![
            KeyValue {
                label: "Committee Name and Date of Committee Meeting".into(),
                value: format!(
                    "{} – {}",
                    escape(&report.committee),
                    report.meeting_date.long()
                ),
            },
            KeyValue {
                label: "Report Title".into(),
                value: escape(&report.title),
            },
            KeyValue {
                label: "Is this a Key Decision and has it been included on the Forward Plan?"
                    .into(),
                value: format!(
                    "Key Decision: {}; Forward Plan: {}",
                    yes_no(report.key_decision),
                    yes_no(report.forward_plan)
                ),
            },
            KeyValue {
                label: "Strategic Director Approving Submission of the Report".into(),
                value: report
                    .strategic_director
                    .as_deref()
                    .map_or("None".into(), escape),
            },
            KeyValue {
                label: "Report Author(s)".into(),
                value: if authors.is_empty() {
                    "None".into()
                } else {
                    authors
                },
            },
            KeyValue {
                label: "Ward(s) Affected".into(),
                value: report.wards.as_deref().map_or("None".into(), escape),
            },
            KeyValue {
                label: "Council Approval Required".into(),
                value: yes_no(report.council_approval),
            },
            KeyValue {
                label: "Exempt from the Press and Public".into(),
                value: exempt,
            },
        ];
        let approvals_number = number + 1;
        let fmt_year = |i: Option<usize>| {
            i.map_or("none in the years shown".to_string(), |i| {
                format!("{} ({})", calc::payback_label(Some(i)), programme.years[i])
            })
        };
        ReportView {
            title: escape(&report.title),
            title_plain: report.title.clone(),
            council: report.council.as_deref().map(escape),
            marking: escape(&marking(&report.exempt)),
            committee: escape(&report.committee),
            meeting_date: report.meeting_date.long(),
            units: u,
            units_words: report.units.words(),
            decimals: report.decimals,
            sign_note: format!(
                "Figures are in {u} to {} decimal places. Net savings are shown as negative figures{}; a positive figure is a net investment (cost) in the year.",
                report.decimals,
                match report.negatives { crate::model::NegativeStyle::Brackets => " in brackets", crate::model::NegativeStyle::Minus => " with a minus sign" }
            ),
            summary_sheet,
            summary: prose(&report.summary, 3),
            recommendations_intro: escape(&report.recommendations_intro),
            recommendations: report
                .recommendations
                .iter()
                .enumerate()
                .map(|(i, r)| RecommendationView { letter: letter(i), text: narrative(&quoted(r), 6).replace('\n', " ") })
                .collect(),
            reasons: report.reasons.as_deref().map(|r| narrative(r, 3)),
            appendices: report.appendices.iter().map(|a| escape(a)).collect(),
            background_papers: report.background_papers.iter().map(|a| escape(a)).collect(),
            other_committees: report.other_committees.as_deref().map(|t| narrative(t, 3)),
            sections,
            key_issues_after: report.sections.key_issues_after.as_ref().map(|t| prose(t, 3)),
            initiatives,
            adds_up_as_printed,
            bid_forms,
            programme: programme_table,
            programme_note,
            programme_by_initiative: by_init,
            programme_by_initiative_note: by_initiative_note,
            programme_charts,
            chart_data_appendix,
            chart_tables,
            first_net_saving: fmt_year(programme.first_net_saving),
            break_even: fmt_year(programme.break_even),
            programme_payback: match (programme.first_net_saving, programme.break_even) {
                (None, _) => "Across the programme no year shown has a net saving.".into(),
                (Some(i), None) => format!(
                    "Across the programme the first year of net saving is {}; cumulative net is still a cost at the end of the years shown.",
                    fmt_year(Some(i))
                ),
                (Some(i), Some(b)) => format!(
                    "Across the programme the first year of net saving is {}; cumulative break-even is {}.",
                    fmt_year(Some(i)),
                    fmt_year(Some(b))
                ),
            },
            rounding_note: rounding_note(report, &disclosures),
            accountable_officers: report.accountable_officers.iter().map(person_line).collect(),
            approvals: report
                .approvals
                .iter()
                .map(|a| KeyValue { label: escape(&a.role), value: format!("{}{}", escape(&a.name), a.date.map_or(String::new(), |d| format!(" ({})", d.long()))) })
                .collect(),
            approvals_number,
        }
    }
}

/// The marking at the top of a report's front page: "Public report", or for an exempt one
/// "Exempt report – not for publication" with its paragraph of Schedule 12A.
pub fn marking(exempt: &Exemption) -> String {
    match exempt {
        Exemption::No => "Public report".to_string(),
        Exemption::Yes {
            paragraph: Some(p), ..
        } => format!(
            "Exempt report – not for publication: paragraph {p} of Part 1 of Schedule 12A to the Local Government Act 1972"
        ),
        Exemption::Yes { .. } => {
            "Exempt report – not for publication (Schedule 12A to the Local Government Act 1972)"
                .to_string()
        }
    }
}

/// a, b, … z, aa, ab …: how councils letter recommendations.
fn letter(i: usize) -> String {
    let mut n = i;
    let mut s = String::new();
    loop {
        s.insert(0, (b'a' + (n % 26) as u8) as char);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn letters_continue_past_z() {
        assert_eq!(super::letter(0), "a");
        assert_eq!(super::letter(6), "g");
        assert_eq!(super::letter(26), "aa");
    }
}
