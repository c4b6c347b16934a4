//! Rules for itemised totals (mitigations, the parts of a pressure): items, a stated total
//! checked against them, and an acknowledged unitemised part.

use super::calc;
use super::check::{show, text, Check};
use super::model::{Breakdown, Placement};
use crate::diagnostic::Code;
use crate::model::Money;
use crate::raw::value::S;
use crate::validate::at;
use std::ops::Range;

impl Check<'_, '_> {
    /// An itemised total: items, a stated total checked against them, and an acknowledged
    /// unitemised part (a warning, so the difference is never silent).
    pub fn breakdown(&mut self, b: &S<super::raw::Breakdown>) -> Option<Breakdown> {
        let start = self.errors();
        let r = &b.value;
        let title = self.required(&r.title, "the breakdown's title");
        let placement = match &r.section {
            None => Placement::KeyIssues,
            Some(s) => Placement::parse(&s.value).or_else(|| {
                self.cx.error(
                    Code::BadValue,
                    at(s),
                    format!("a breakdown cannot go in section `{}`", s.value.trim()),
                    "not a section",
                    "use background, key_issues or financial",
                );
                None
            })?,
        };
        let mut items = Vec::new();
        let mut seen: Vec<(String, Range<usize>)> = Vec::new();
        let mut figures = Vec::new();
        // Figures of rows whose label repeats: reported as duplicates, but still counted
        // against the stated total, so the one slip is not also a total that does not add up.
        let mut repeated = Money::ZERO;
        for it in &r.items.value {
            let label = self.required(&it.value.label, "an item's label");
            let key = label.to_lowercase();
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
                self.duplicate(
                    &format!("`{label}` in {title}"),
                    at(&it.value.label),
                    first.clone(),
                );
                if let Some(Some(v)) = it
                    .value
                    .value
                    .value
                    .as_deref()
                    .map(|t| Money::parse(t).ok())
                {
                    repeated = repeated + v;
                }
                continue;
            }
            seen.push((key, at(&it.value.label)));
            if let Some(v) = self.money(&it.value.value, &format!("{title}: {label}")) {
                figures.push((v, at(&it.value.value), label.clone()));
                items.push((label, v, text(&it.value.narrative)));
            }
        }
        let money = r.unit.is_none();
        if money {
            crate::rules::scale::scale(self.cx, &figures, 0);
        }
        let stated_total = self
            .opt_money(&r.stated_total, &format!("{title}: the stated total"))
            .ok()?;
        let unitemised = self
            .opt_money(&r.unitemised, &format!("{title}: the unitemised part"))
            .ok()?
            .unwrap_or(Money::ZERO);
        let table = Breakdown {
            title,
            placement,
            intro: text(&r.intro),
            unit: text(&r.unit),
            stated_total,
            unitemised,
            items,
        };
        // The items' sum and the total as stated are the table block's figures, the ones the
        // report prints; the rule only compares against them.
        let (sum, with_unitemised) = calc::breakdown_totals(&table);
        let Breakdown {
            title,
            items,
            unitemised,
            ..
        } = &table;
        match (stated_total, &r.stated_total) {
            (Some(total), Some(span)) => {
                self.stated(
                    at(span),
                    &format!("the total of {title}"),
                    total.decimal(),
                    (with_unitemised + repeated).decimal(),
                    items.len() + 1,
                    Code::ItemsTotalMismatch,
                    money,
                    true,
                );
                if !unitemised.is_zero() && total == with_unitemised {
                    let dp = total.scale().max(sum.scale());
                    self.cx.warn(
                        Code::TotalNotItemised,
                        at(span),
                        format!(
                            "{title}: the stated total {} is {} {} than its items, which add up to {}",
                            show(total.decimal(), dp, money),
                            show(unitemised.abs().decimal(), dp, money),
                            if unitemised.is_negative() { "less" } else { "more" },
                            show(sum.decimal(), dp, money)
                        ),
                        "not accounted for by the items",
                        "the report prints the items, their sum and the unitemised difference",
                    );
                }
            }
            _ if !unitemised.is_zero() => {
                if let Some(u) = &r.unitemised {
                    self.cx.error(
                        Code::ItemsTotalMismatch,
                        at(u),
                        format!("{title}: `unitemised` needs a `stated_total` it is part of"),
                        "no stated total",
                        "add the total as the source states it",
                    );
                }
            }
            _ => {}
        }
        (self.errors() == start).then_some(table)
    }
}
