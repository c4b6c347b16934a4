//! Builds a report's charts from `calc` figures: ids, titles, descriptions, data tables and
//! the plots to draw (profile per initiative, KPI rows, programme summary and contributors).

use super::describe::{self, Words};
use super::plot::*;
use super::{Chart, ChartSet, DataTable};
use crate::calc::{self, InitiativeFigures, ProgrammeFigures};
use crate::model::{FinancialYear, Initiative, Kpi, Money, Report};
use rust_decimal::Decimal;

/// The figures a profile chart shows, from an initiative or the whole programme.
pub(crate) struct Flow<'a> {
    pub years: &'a [FinancialYear],
    pub investment: &'a [Money],
    pub gross_saving: &'a [Money],
    pub net: &'a [Money],
    pub cumulative_net: &'a [Money],
    pub total_investment: Money,
    pub total_gross_saving: Money,
    pub total_net: Money,
    pub first_net_saving: Option<usize>,
    pub break_even: Option<usize>,
}

impl<'a> From<&'a InitiativeFigures> for Flow<'a> {
    fn from(f: &'a InitiativeFigures) -> Self {
        Flow {
            years: &f.years,
            investment: &f.investment,
            gross_saving: &f.gross_saving,
            net: &f.net,
            cumulative_net: &f.cumulative_net,
            total_investment: f.total_investment,
            total_gross_saving: f.total_gross_saving,
            total_net: f.total_net,
            first_net_saving: f.first_net_saving,
            break_even: f.break_even,
        }
    }
}

impl<'a> From<&'a ProgrammeFigures> for Flow<'a> {
    fn from(f: &'a ProgrammeFigures) -> Self {
        Flow {
            years: &f.years,
            investment: &f.investment,
            gross_saving: &f.gross_saving,
            net: &f.net,
            cumulative_net: &f.cumulative_net,
            total_investment: f.total_investment,
            total_gross_saving: f.total_gross_saving,
            total_net: f.total_net,
            first_net_saving: f.first_net_saving,
            break_even: f.break_even,
        }
    }
}

/// The report's house style for figures.
pub(crate) struct Style {
    pub format: NumberFormat,
    pub words: Words,
    pub unit: &'static str,
}

impl Style {
    pub fn money(&self, m: Money) -> String {
        self.format.format(m.decimal())
    }
    /// A row laid along years some of which have no figure: blank there, never 0.
    pub fn aligned_row(&self, label: &str, values: &[Option<Money>], total: Money) -> Vec<String> {
        let mut row = vec![label.to_string()];
        row.extend(
            values
                .iter()
                .map(|v| v.map(|v| self.money(v)).unwrap_or_default()),
        );
        row.push(self.money(total));
        row
    }
    pub fn row(&self, label: &str, values: &[Money], total: Option<Money>) -> Vec<String> {
        let mut row = vec![label.to_string()];
        row.extend(values.iter().map(|v| self.money(*v)));
        row.push(total.map(|t| self.money(t)).unwrap_or_default());
        row
    }
}

/// A file-stem-safe form: lower case `[a-z0-9-]`, no doubled or edge hyphens.
pub(crate) fn safe_id(s: &str) -> String {
    let mut out = String::new();
    for ch in s.chars().flat_map(char::to_lowercase) {
        if ch.is_ascii_alphanumeric() {
            out.push(ch);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "chart".to_string()
    } else {
        trimmed.to_string()
    }
}

pub(crate) fn year_header(years: &[FinancialYear], total: bool) -> Vec<String> {
    let mut h = vec![String::new()];
    h.extend(years.iter().map(|y| y.to_string()));
    if total {
        h.push("Total".to_string());
    }
    h
}

pub(crate) fn decimals(values: &[Money]) -> Vec<Option<Decimal>> {
    values.iter().map(|m| Some(m.decimal())).collect()
}

/// The ids of an initiative's charts in a report (the one place they are made).
pub struct InitiativeChartIds {
    /// `<slug>-profile`.
    pub profile: String,
    /// `<slug>-kpi-<n>` for each KPI row with a figure (`n` counts every row, so ids stay put
    /// when a blank row gains figures), `None` for a row with none.
    pub kpis: Vec<Option<String>>,
}

impl InitiativeChartIds {
    pub fn all(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.profile.as_str()).chain(self.kpis.iter().flatten().map(String::as_str))
    }
}

pub fn initiative_chart_ids(init: &Initiative) -> InitiativeChartIds {
    let slug = safe_id(&init.slug);
    InitiativeChartIds {
        profile: format!("{slug}-profile"),
        kpis: init
            .kpis
            .iter()
            .enumerate()
            .map(|(n, kpi)| {
                kpi.values
                    .iter()
                    .any(Option::is_some)
                    .then(|| format!("{slug}-kpi-{}", n + 1))
            })
            .collect(),
    }
}

/// The ids of a report's programme charts, drawn when it covers any initiative.
pub const PROGRAMME_CHART_IDS: [&str; 2] = ["programme-summary", "programme-net-by-initiative"];

/// Builds every chart of a report from the calculated figures.
pub(crate) fn report_charts(initiatives: &[Initiative], report: &Report) -> ChartSet {
    let style = Style {
        format: NumberFormat {
            decimals: Some(report.decimals),
            negatives: report.negatives,
        },
        words: Words {
            decimals: report.decimals,
            units: report.units,
        },
        unit: report.units.symbol(),
    };
    let rf = calc::report(initiatives, report);
    let (inits, figures) = (&rf.initiatives, &rf.figures);
    let by_initiative = inits
        .iter()
        .zip(figures)
        .map(|(init, f)| {
            let name = format!("{} \u{2013} {}", init.reference.trim(), init.title.trim());
            let ids = initiative_chart_ids(init);
            let mut charts = vec![profile(
                &ids.profile,
                &name,
                "the initiative",
                (
                    &init.finance.gross_saving_label,
                    init.finance.net_label.as_deref().unwrap_or("Net"),
                ),
                &Flow::from(f),
                &style,
            )];
            for (id, kpi) in ids.kpis.iter().zip(&init.kpis) {
                if let Some(id) = id {
                    charts.push(kpi_chart(id, &name, kpi, f, &style));
                }
            }
            charts
        })
        .collect();
    let programme = if inits.is_empty() {
        Vec::new()
    } else {
        let flow = Flow::from(&rf.programme);
        vec![
            profile(
                PROGRAMME_CHART_IDS[0],
                "All initiatives",
                "the programme",
                ("Gross saving", "Net"),
                &flow,
                &style,
            ),
            super::contributors::chart(inits, figures, &flow, &style),
        ]
    };
    ChartSet {
        programme,
        by_initiative,
    }
}

/// The profile chart: investment and gross saving as bars, net and cumulative net as lines.
/// `labels` are the gross saving's and the net's row labels. A bid with no saving in any
/// year (a pure cost) has no saving bars, legend entry or data row: an empty series says
/// nothing the net does not.
fn profile(
    id: &str,
    name: &str,
    subject: &str,
    labels: (&str, &str),
    fl: &Flow,
    st: &Style,
) -> Chart {
    let saves = fl.gross_saving.iter().any(|m| !m.is_zero());
    let title = if saves {
        format!("{name}: investment, saving and net by year ({})", st.unit)
    } else {
        format!("{name}: investment and net by year ({})", st.unit)
    };
    let gross_label = if labels.0.trim().is_empty() {
        "Gross saving"
    } else {
        labels.0.trim()
    };
    let net_label = if labels.1.trim().is_empty() {
        "Net"
    } else {
        labels.1.trim()
    };
    let net_style = LineStyle {
        colour: BLACK,
        dash: Dash::Solid,
        joined: true,
        marker: Marker::Circle,
    };
    let cum_style = LineStyle {
        colour: DARK_GREY,
        dash: Dash::Dashed,
        joined: true,
        marker: Marker::Diamond,
    };
    let inv_style = BarStyle {
        colour: BLUE,
        hatch: Hatch::None,
    };
    let gross_style = BarStyle {
        colour: VERMILLION,
        hatch: Hatch::None,
    };
    let mut bars = vec![BarSeries {
        label: "Investment".into(),
        values: decimals(fl.investment),
        style: inv_style,
        value_labels: false,
    }];
    let mut legend = vec![Key::Bar("Investment".into(), inv_style)];
    let mut rows = vec![st.row("Investment", fl.investment, Some(fl.total_investment))];
    if saves {
        bars.push(BarSeries {
            label: gross_label.into(),
            values: decimals(fl.gross_saving),
            style: gross_style,
            value_labels: false,
        });
        legend.push(Key::Bar(gross_label.into(), gross_style));
        rows.push(st.row(gross_label, fl.gross_saving, Some(fl.total_gross_saving)));
    }
    legend.push(Key::Line(net_label.into(), net_style));
    legend.push(Key::Line("Cumulative net".into(), cum_style));
    rows.push(st.row(net_label, fl.net, Some(fl.total_net)));
    rows.push(st.row("Cumulative net", fl.cumulative_net, None));
    let plot = Plot {
        years: fl.years.iter().map(|y| y.to_string()).collect(),
        bars,
        lines: vec![
            LineSeries {
                label: net_label.into(),
                values: fl.net.iter().map(|m| m.decimal()).collect(),
                style: net_style,
                end_label: true,
            },
            LineSeries {
                label: "Cumulative net".into(),
                values: fl.cumulative_net.iter().map(|m| m.decimal()).collect(),
                style: cum_style,
                end_label: true,
            },
        ],
        unit: st.unit.to_string(),
        format: st.format,
        break_even: fl.break_even,
        legend,
        legend_at: LegendAt::Below,
    };
    let table = DataTable {
        caption: title.clone(),
        header: year_header(fl.years, true),
        rows,
    };
    Chart {
        id: id.to_string(),
        description: describe::profile(subject, fl, st.words),
        title,
        table,
        plot,
    }
}

fn kpi_chart(id: &str, name: &str, kpi: &Kpi, f: &InitiativeFigures, st: &Style) -> Chart {
    let unit = kpi.unit.trim();
    let what = kpi.name.trim();
    let by_year = if what.to_lowercase().contains("by year") {
        ""
    } else {
        " by year"
    };
    let title = if unit.is_empty() {
        format!("{name}: {what}{by_year}")
    } else {
        format!("{name}: {what}{by_year} ({unit})")
    };
    // KPI figures print with the places they were written with, in the house negative style.
    let format = NumberFormat {
        decimals: None,
        negatives: st.format.negatives,
    };
    let total = calc::kpi_total(kpi);
    let mut row = vec![kpi.name.trim().to_string()];
    row.extend(kpi.values.iter().map(|v| {
        v.map(|d| format.format(d))
            .unwrap_or_else(|| "\u{2013}".into())
    }));
    if let Some(t) = total {
        row.push(format.format(t));
    }
    let style = BarStyle {
        colour: BLUE,
        hatch: Hatch::None,
    };
    let plot = Plot {
        years: f.years.iter().map(|y| y.to_string()).collect(),
        bars: vec![BarSeries {
            label: kpi.name.trim().into(),
            values: kpi.values.clone(),
            style,
            value_labels: true,
        }],
        lines: Vec::new(),
        unit: unit.to_string(),
        format,
        break_even: None,
        legend: Vec::new(),
        legend_at: LegendAt::Below,
    };
    Chart {
        id: id.to_string(),
        description: describe::kpi(kpi, &f.years, &format),
        table: DataTable {
            caption: title.clone(),
            header: year_header(&f.years, total.is_some()),
            rows: vec![row],
        },
        title,
        plot,
    }
}
