//! The action plan block: an improvement plan's objectives, each with its indicators and its
//! rows of targets (a target, its saving, the actions and the progress; a row without a
//! target continues the one above). It owns the YAML shape, the rules (at least one
//! objective, a first row with a target, each saving a readable, positive figure in the scale
//! of the others) and the printed view (a row's savings shown as "£8k + £106k = £114k").
//! Text cells with no figures but the savings, which the plan's savings table adds up.

use crate::diagnostic::Code;
use crate::model::{Money, NegativeStyle, Report, Units};
use crate::raw::value::S;
use crate::rules::{at, figures, required, Ctx};
use crate::text::{escape, narrative};
use serde::Serialize;

/// The block as written in YAML (the keys of `objectives:` in an improvement plan).
pub mod raw {
    use crate::raw::value::{Figure, S};
    use schemars::JsonSchema;
    use serde::Deserialize;

    /// An objective of the plan.
    #[derive(Debug, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct Objective {
        pub title: S<String>,
        /// The performance indicator(s) that measure it.
        pub indicators: Option<S<String>>,
        /// Rows of the action plan: a target with its saving, actions and progress.
        pub targets: S<Vec<S<Target>>>,
    }

    /// One row of the action plan. A row without `target` continues the one above (a table that
    /// runs over a page, or a second saving under the same target).
    #[derive(Debug, Deserialize, JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct Target {
        /// The target (PI) and timescale.
        pub target: Option<S<String>>,
        /// The target saving, in the report's units (`~` for none).
        pub saving: Option<S<Figure>>,
        #[serde(default)]
        pub actions: Vec<S<String>>,
        #[serde(default)]
        pub progress: Vec<S<String>>,
    }
}

/// One row of the action plan, validated.
#[derive(Debug, Clone)]
pub struct TargetRow {
    /// `None` continues the row above.
    pub target: Option<String>,
    pub saving: Option<Money>,
    pub actions: Vec<String>,
    pub progress: Vec<String>,
}

/// An objective of the plan, validated; numbered 1, 2, 3 … in order.
#[derive(Debug, Clone)]
pub struct Objective {
    pub number: usize,
    pub title: String,
    pub indicators: Option<String>,
    pub targets: Vec<TargetRow>,
}

/// The action plan as its rules leave it.
#[derive(Debug, Clone)]
pub struct ActionPlan {
    pub objectives: Vec<Objective>,
    /// How many savings are written (the terms of the plan's total, for the rounding rule).
    pub savings: usize,
    /// Some saving was itself wrong (unreadable, negative, out of scale): a stated total it
    /// throws out would be that slip told again.
    pub saving_wrong: bool,
}

fn errors(cx: &Ctx) -> usize {
    cx.diags.iter().filter(|d| d.is_error()).count()
}

/// Trimmed text, `None` when empty.
fn text(v: &Option<S<String>>) -> Option<String> {
    v.as_ref()
        .map(|s| s.value.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// The non-empty items of a list, trimmed.
fn list(v: &[S<String>]) -> Vec<String> {
    v.iter()
        .map(|x| x.value.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect()
}

/// The rules of the action plan: at least one objective, each titled, its first row with a
/// `target`, each saving a figure (`~` for none), positive, and in the scale of the others.
pub(crate) fn validate(cx: &mut Ctx, objectives: &S<Vec<S<raw::Objective>>>) -> ActionPlan {
    let mut out = Vec::new();
    let mut figures_seen = Vec::new();
    let mut saving_wrong = false;
    if objectives.value.is_empty() {
        cx.error(
            Code::MissingField,
            at(objectives),
            "a plan needs at least one objective".into(),
            "no objectives",
            "",
        );
    }
    for (n, o) in objectives.value.iter().enumerate() {
        let r = &o.value;
        let number = n + 1;
        let title = required(cx, &r.title, "an objective's title");
        let mut targets = Vec::new();
        for (i, t) in r.targets.value.iter().enumerate() {
            let w = &t.value;
            if i == 0 && w.target.is_none() {
                cx.error(
                    Code::MissingField,
                    at(t),
                    format!("objective {number}: the first row needs a `target`"),
                    "no target",
                    "rows without `target` continue the row above",
                );
            }
            let what = format!("objective {number} saving");
            // A blank (`~`) is no saving; anything else written must read as a figure.
            let saving = match &w.saving {
                Some(f) if f.value.is_some() => figures::money(cx, f, &what).map(Some).ok_or(()),
                _ => Ok(None),
            };
            saving_wrong |= saving.is_err();
            let saving = saving.ok().flatten();
            if let (Some(s), Some(span)) = (saving, &w.saving) {
                if s.is_negative() {
                    saving_wrong = true;
                    cx.error(
                        Code::SignSlip,
                        at(span),
                        format!("objective {number}: a target saving of {s} is negative"),
                        "savings in a plan are positive amounts",
                        "write the amount to be saved as a positive figure",
                    );
                }
                figures_seen.push((s, at(span), what));
            }
            targets.push(TargetRow {
                target: text(&w.target),
                saving,
                actions: list(&w.actions),
                progress: list(&w.progress),
            });
        }
        out.push(Objective {
            number,
            title,
            indicators: text(&r.indicators),
            targets,
        });
    }
    // Figures show as entered.
    let before_scale = errors(cx);
    crate::rules::scale::scale(cx, &figures_seen, 0);
    saving_wrong |= errors(cx) > before_scale;
    ActionPlan {
        objectives: out,
        savings: figures_seen.len(),
        saving_wrong,
    }
}

/// A saving as the plan prints it: "£95k", "£1.2m" (its size, in the report's unit and
/// places).
pub fn amount(m: Money, r: &Report) -> String {
    saving(m, r.units, r.decimals)
}

/// A saving in `units` at `decimals` places: "£95k", "£1.2m".
fn saving(m: Money, units: Units, decimals: u32) -> String {
    let body = m.abs().format(decimals, NegativeStyle::Minus);
    match units {
        Units::Millions => format!("£{body}m"),
        Units::Thousands => format!("£{body}k"),
    }
}

/// A printed target of the action plan.
#[derive(Debug, Clone, Serialize)]
pub struct TargetView {
    pub target: String,
    /// "£95k", or "£8k + £106k + £10k = £124k" where the printed row carries several savings.
    pub saving: Option<String>,
    /// The printed rows under the target: each saving with its own actions and progress.
    pub parts: Vec<PartView>,
}

/// One printed row of the action plan.
#[derive(Debug, Clone, Serialize)]
pub struct PartView {
    pub saving: Option<String>,
    #[serde(skip)]
    pub amount: Option<Money>,
    pub actions: Vec<String>,
    pub progress: Vec<String>,
}

/// A printed objective of the action plan.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveView {
    pub number: usize,
    pub title: String,
    pub indicators: Option<String>,
    pub targets: Vec<TargetView>,
}

/// The printed action plan: each objective's targets, a row without a target joined to the
/// target above it (its saving added to the target's), savings in `units` at `decimals` places,
/// text escaped for Markdown.
pub fn view(objectives: &[Objective], units: Units, decimals: u32) -> Vec<ObjectiveView> {
    let amount = |m: Money| saving(m, units, decimals);
    let line = |v: &[String]| -> Vec<String> {
        v.iter()
            .map(|a| narrative(a, 6).replace('\n', " "))
            .collect()
    };
    objectives
        .iter()
        .map(|o| {
            let mut targets: Vec<TargetView> = Vec::new();
            for t in &o.targets {
                let part = PartView {
                    saving: t.saving.map(amount),
                    amount: t.saving,
                    actions: line(&t.actions),
                    progress: line(&t.progress),
                };
                match targets.last_mut() {
                    Some(last) if t.target.is_none() => last.parts.push(part),
                    _ => targets.push(TargetView {
                        target: escape(t.target.as_deref().unwrap_or("")),
                        saving: None,
                        parts: vec![part],
                    }),
                }
            }
            for t in targets.iter_mut() {
                let s: Vec<Money> = t.parts.iter().filter_map(|p| p.amount).collect();
                let total: Money = s.iter().sum();
                t.saving = match s.len() {
                    0 => None,
                    1 => Some(amount(total)),
                    _ => Some(format!(
                        "{} = {}",
                        s.iter().map(|m| amount(*m)).collect::<Vec<_>>().join(" + "),
                        amount(total)
                    )),
                };
            }
            ObjectiveView {
                number: o.number,
                title: escape(&o.title),
                indicators: o.indicators.as_deref().map(escape),
                targets,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::source::FileId;

    fn run(yaml: &str) -> (ActionPlan, Vec<Diagnostic>) {
        let o: S<Vec<S<raw::Objective>>> = serde_saphyr::from_str(yaml).expect("yaml");
        let mut diags = Vec::new();
        let mut cx = Ctx {
            file: FileId(0),
            diags: &mut diags,
        };
        let out = validate(&mut cx, &o);
        (out, diags)
    }

    fn messages(d: &[Diagnostic]) -> Vec<(Code, &str)> {
        d.iter().map(|d| (d.code, d.message.as_str())).collect()
    }

    const PLAN: &str = "
- title: Agency staff
  targets:
    - target: 5 agency SWs
      saving: 95
      actions: [Selection days, '  ']
    - saving: 30
      progress: [Under way]
    - target: Fewer placements
      saving: ~
";

    #[test]
    fn a_valid_plan_numbers_its_objectives_and_counts_its_savings() {
        let (p, d) = run(PLAN);
        assert!(d.is_empty(), "{d:?}");
        assert!(!p.saving_wrong);
        assert_eq!(p.savings, 2);
        let o = &p.objectives[0];
        assert_eq!((o.number, o.title.as_str()), (1, "Agency staff"));
        assert_eq!(o.targets.len(), 3);
        assert_eq!(o.targets[0].actions, ["Selection days"]);
        assert_eq!(o.targets[1].target, None);
        assert_eq!(o.targets[2].saving, None);
    }

    #[test]
    fn the_view_joins_a_row_without_a_target_to_the_target_above() {
        let (p, _) = run(PLAN);
        let v = view(&p.objectives, Units::Thousands, 0);
        let t = &v[0].targets;
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].target, "5 agency SWs");
        assert_eq!(t[0].parts.len(), 2);
        assert_eq!(t[0].saving.as_deref(), Some("£95k + £30k = £125k"));
        assert_eq!(t[0].parts[1].progress, ["Under way"]);
        assert_eq!(t[1].saving, None);
    }

    #[test]
    fn a_plan_without_objectives_is_an_error() {
        let (p, d) = run("[]");
        assert!(p.objectives.is_empty());
        assert_eq!(
            messages(&d),
            [(Code::MissingField, "a plan needs at least one objective")]
        );
    }

    #[test]
    fn a_first_row_without_a_target_is_an_error() {
        let (_, d) = run("[{ title: Agency, targets: [{ saving: 5 }] }]");
        assert_eq!(
            messages(&d),
            [(
                Code::MissingField,
                "objective 1: the first row needs a `target`"
            )]
        );
    }

    #[test]
    fn a_negative_saving_is_a_sign_slip_and_marks_the_savings_wrong() {
        let (p, d) = run("[{ title: Agency, targets: [{ target: T, saving: -95 }] }]");
        assert!(p.saving_wrong);
        assert_eq!(
            messages(&d),
            [(
                Code::SignSlip,
                "objective 1: a target saving of (95.000) is negative"
            )]
        );
    }

    #[test]
    fn an_unreadable_saving_is_a_bad_figure_and_marks_the_savings_wrong() {
        let (p, d) = run("[{ title: Agency, targets: [{ target: T, saving: lots }] }]");
        assert!(p.saving_wrong);
        assert_eq!(p.savings, 0);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].code, Code::BadFigure);
        assert!(
            d[0].message
                .starts_with("objective 1 saving: `lots` is not a figure ("),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn a_saving_with_a_decimal_comma_says_how_to_write_it() {
        let (_, d) = run("[{ title: Agency, targets: [{ target: T, saving: '9,5' }] }]");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message,
            "objective 1 saving: `9,5` is not a figure (a comma is not a decimal point)"
        );
        assert_eq!(
            d[0].hints,
            ["write `9.5`: a full stop is the decimal point, and a comma only groups thousands"]
        );
    }

    #[test]
    fn a_saving_out_of_scale_with_the_others_marks_the_savings_wrong() {
        let (p, d) = run(
            "[{ title: A, targets: [{ target: T, saving: 95000 }, { saving: 45 }, { saving: 40 }] }]",
        );
        assert!(p.saving_wrong);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message,
            "objective 1 saving: 95,000 is 1,000 times or more the typical figure of this table (45)"
        );
    }

    #[test]
    fn an_untitled_objective_is_an_error() {
        let (_, d) = run("[{ title: ' ', targets: [{ target: T }] }]");
        assert_eq!(
            messages(&d),
            [(Code::EmptyText, "an objective's title is empty")]
        );
    }
}
