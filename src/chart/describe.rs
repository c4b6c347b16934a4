//! Text descriptions of charts, generated from the same figures they draw: the `<desc>` of
//! the SVG and the alternative text of every rendering.

use super::make::Flow;
use crate::model::{FinancialYear, Kpi, Money, NegativeStyle, Units};
use rust_decimal::Decimal;

/// How amounts read in prose: "£1.750m", "£165k" (magnitudes; the words carry the sign).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Words {
    pub decimals: u32,
    pub units: Units,
}

impl Words {
    pub fn amount(&self, m: Money) -> String {
        let body = m.abs().format(self.decimals, NegativeStyle::Minus);
        match self.units {
            Units::Millions => format!("£{body}m"),
            Units::Thousands => format!("£{body}k"),
        }
    }

    /// "a net saving of £1.750m", "a net cost of £0.100m", "a net figure of £0.000m".
    fn position(&self, m: Money) -> String {
        let a = self.amount(m);
        if self.rounds_to_zero(m) {
            format!("a net figure of {a}")
        } else if m.is_negative() {
            format!("a net saving of {a}")
        } else {
            format!("a net cost of {a}")
        }
    }

    fn rounds_to_zero(&self, m: Money) -> bool {
        m.round_dp(self.decimals).is_zero()
    }
}

/// "A, B and C".
pub(crate) fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Describes a financial profile (one initiative, or the programme). `subject` is "the
/// initiative" or "the programme".
pub(crate) fn profile(subject: &str, fl: &Flow, w: Words) -> String {
    let (Some(first), Some(last)) = (fl.years.first(), fl.years.last()) else {
        return format!("There are no figures for {subject}.");
    };
    let span = if fl.years.len() == 1 {
        format!("In {first}")
    } else {
        format!("Over {first} to {last}")
    };
    let gross = if w.rounds_to_zero(fl.total_gross_saving) {
        "no gross saving".to_string()
    } else if fl.total_gross_saving.is_negative() {
        format!("gross savings of {}", w.amount(fl.total_gross_saving))
    } else {
        format!(
            "gross saving figures adding up to a cost of {}",
            w.amount(fl.total_gross_saving)
        )
    };
    let investment = if w.rounds_to_zero(fl.total_investment) {
        "no investment".to_string()
    } else {
        format!("investment of {}", w.amount(fl.total_investment))
    };
    let mut text = format!(
        "{span}, {investment} and {gross} give {}.",
        w.position(fl.total_net)
    );
    if fl.net.len() > 1 {
        text.push(' ');
        text.push_str(&trend(fl, w));
        text.push_str("; ");
    } else {
        text.push(' ');
    }
    let cap = |s: &str| -> String {
        if fl.net.len() > 1 {
            s.to_string()
        } else {
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
    };
    let year = |i: usize| fl.years[i].to_string();
    let end = match (fl.first_net_saving, fl.break_even) {
        (None, _) => format!("{subject} does not produce a net saving in the years shown."),
        (Some(i), Some(j)) if i == j => {
            format!(
                "{subject} first saves money, and breaks even cumulatively, in {}.",
                year(i)
            )
        }
        (Some(i), Some(j)) => format!(
            "{subject} first saves money in {} and breaks even cumulatively in {}.",
            year(i),
            year(j)
        ),
        (Some(i), None) => {
            let cum = fl.cumulative_net.last().copied().unwrap_or_default();
            format!(
                "{subject} first saves money in {} but does not break even cumulatively in the \
                 years shown (cumulative net cost {} by {last}).",
                year(i),
                w.amount(cum)
            )
        }
    };
    text.push_str(&cap(&end));
    text
}

/// "Net saving rises from £0.165m in 2017/18 to £1.750m in 2020/21", or the net position
/// moving from cost to saving, with an interior peak cost where there is one.
fn trend(fl: &Flow, w: Words) -> String {
    let n = fl.net.len();
    let (a, b) = (fl.net[0], fl.net[n - 1]);
    let (ya, yb) = (fl.years[0], fl.years[n - 1]);
    let saving = |m: Money| m.is_negative() && !w.rounds_to_zero(m);
    let cost = |m: Money| m.is_positive() && !w.rounds_to_zero(m);
    let moves = |noun: &str| {
        let (ma, mb) = (a.abs().round_dp(w.decimals), b.abs().round_dp(w.decimals));
        let verb = match mb.cmp(&ma) {
            std::cmp::Ordering::Greater => "rises",
            std::cmp::Ordering::Less => "falls",
            std::cmp::Ordering::Equal => "is the same",
        };
        if verb == "is the same" {
            format!("{noun} is {} in both {ya} and {yb}", w.amount(b))
        } else {
            format!(
                "{noun} {verb} from {} in {ya} to {} in {yb}",
                w.amount(a),
                w.amount(b)
            )
        }
    };
    let mut text = if !cost(a) && !cost(b) && (saving(a) || saving(b)) {
        moves("Net saving")
    } else if !saving(a) && !saving(b) && (cost(a) || cost(b)) {
        moves("Net cost")
    } else if !saving(a) && !saving(b) {
        format!("The net figure is {} in both {ya} and {yb}", w.amount(b))
    } else {
        format!(
            "The net position moves from {} in {ya} to {} in {yb}",
            w.position(a),
            w.position(b)
        )
    };
    // A net cost peaking between the first and last years is worth saying.
    if let Some((i, peak)) = fl
        .net
        .iter()
        .enumerate()
        .max_by_key(|(i, v)| (**v, std::cmp::Reverse(*i)))
    {
        if i > 0 && i < n - 1 && cost(*peak) && *peak > a && *peak > b {
            text.push_str(&format!(
                ", after a peak net cost of {} in {}",
                w.amount(*peak),
                fl.years[i]
            ));
        }
    }
    text
}

/// Describes a KPI row: every year's figure, and the total where figures add up.
pub(crate) fn kpi(
    kpi: &Kpi,
    years: &[FinancialYear],
    format: &super::plot::NumberFormat,
) -> String {
    let percent = kpi.unit.trim() == "%";
    let value = |d: Decimal| {
        let s = format.format(d);
        if percent {
            format!("{s}%")
        } else {
            s
        }
    };
    let parts: Vec<String> = kpi
        .values
        .iter()
        .zip(years)
        .map(|(v, y)| match v {
            Some(d) => format!("{} in {y}", value(*d)),
            None => format!("no figure for {y}"),
        })
        .collect();
    let unit = kpi.unit.trim();
    let what = kpi.name.trim();
    let by_year = if what.to_lowercase().contains("by year") {
        ""
    } else {
        " by year"
    };
    let head = if percent || unit.is_empty() {
        format!("{what}{by_year}")
    } else {
        format!("{what}{by_year} ({unit})")
    };
    let mut text = format!("{head}: {}", and_list(&parts));
    if let Some(total) = crate::calc::kpi_total(kpi) {
        text.push_str(&format!("; {} in total", value(total)));
    }
    text.push('.');
    text
}

/// Describes the net-by-initiative chart: who contributes most, who costs money overall.
pub(crate) fn contributors(items: &[(String, Money)], programme: &Flow, w: Words) -> String {
    let (Some(first), Some(last)) = (programme.years.first(), programme.years.last()) else {
        return "There are no figures for the programme.".to_string();
    };
    let mut savers: Vec<&(String, Money)> = items
        .iter()
        .filter(|(_, m)| m.is_negative() && !w.rounds_to_zero(*m))
        .collect();
    savers.sort_by_key(|(_, m)| *m);
    let top: Vec<String> = savers
        .iter()
        .take(3)
        .map(|(r, m)| format!("{r} ({})", w.amount(*m)))
        .collect();
    let mut text = if top.is_empty() {
        format!("No initiative produces a net saving over {first} to {last}.")
    } else {
        let what = if top.len() == 1 {
            "saving comes"
        } else {
            "savings come"
        };
        format!(
            "Over {first} to {last}, the largest net {what} from {}.",
            and_list(&top)
        )
    };
    let costs: Vec<String> = items
        .iter()
        .filter(|(_, m)| m.is_positive() && !w.rounds_to_zero(*m))
        .map(|(r, _)| r.clone())
        .collect();
    if !costs.is_empty() {
        let verb = if costs.len() == 1 { "shows" } else { "show" };
        text.push_str(&format!(
            " {} {verb} a net cost over the period.",
            and_list(&costs)
        ));
    }
    text.push_str(&format!(
        " Together the initiatives give {} in total.",
        w.position(programme.total_net)
    ));
    text
}
