//! The gradient-check lab (lesson 10): for the typed f(x, y) at a point, the engine's
//! symbolic gradient against central differences by relative error, the verdict band and
//! what it means, what the bare absolute rule "‖a − n‖ < 1e-7" would say (with the two
//! cases where it is wrong one click away), buttons that inject a bug, and the error
//! against the step h on log-log axes (the "V") for forward and central differences, in
//! double and, on request, emulated single precision. All numbers come from
//! `models::gradcheck`.

use leptos::prelude::*;

use super::chart_table::{ChartData, ChartTable};
use super::lab_controls::{sci, LabToggle};
use super::plot_canvas::PlotCanvas;
use super::url_state::{check_function, Field, UrlState};
use super::widget::{EmbedControl, EmbedOptions, Widget};
use super::worked_example::FunctionInput;
use super::worked_example::LiveFunction;
use crate::math::Expr;
use crate::models::gradcheck::{
    check_with_bug, default_steps, summarize, v_curve, Bug, CheckReport, FailureCase, Precision,
    VBranch, VPoint, VSummary, Verdict, ABSOLUTE_RULE, DEFAULT_STEP, EXACT_BUT_REJECTED,
    WRONG_BUT_ACCEPTED,
};
use crate::plot::log_chart::{draw_log_chart, LogChartOptions, LogSeries, Marker};
use crate::tutor::format::format_value;

const BUG_KEYS: [&str; 5] = ["none", "half", "double", "swap", "kink"];

/// The lab's state in the address.
pub const FIELDS: [Field; 4] = [
    Field::checked_text("f", "function", "x^2*y + sin(x*y)", 300, check_function),
    Field::point("p", "point", (1.0, 0.5), -1e3, 1e3),
    Field::choice("bug", "injected bug", "none", &BUG_KEYS),
    Field::flag("f32", "single-precision curves", false),
];

/// The lab in the widget registry (`/embed/gradient-check`).
pub const WIDGET: Widget = Widget {
    name: "gradient-check",
    title: "Gradient check",
    summary: "Check a symbolic gradient by relative error, inject bugs, and see the error against the step h.",
    fields: &FIELDS,
    example: "v=1&f=exp(x)+exp(y)&p=10,10&bug=swap&f32=1",
    embed: |options: EmbedOptions| {
        view! { <GradientCheck editor=!options.hide_editor locked=options.lock_function/> }
            .into_any()
    },
    height: 1550,
};

/// Everything the lab shows for one function, point and bug.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckLab {
    /// The check with the bug injected.
    pub report: CheckReport,
    /// The V in double precision (correct gradient, no bug).
    pub v_double: Vec<VPoint>,
    /// Its summary.
    pub s_double: VSummary,
    /// The V in emulated single precision.
    pub v_single: Vec<VPoint>,
    /// Its summary.
    pub s_single: VSummary,
}

/// Runs the lab for `f` at `p`, or says why it cannot (other variables than x and y).
pub fn analyse(f: &Expr, p: (f64, f64), bug: Bug, single: bool) -> Result<CheckLab, String> {
    let others: Vec<String> = f
        .variables()
        .into_iter()
        .filter(|v| v != "x" && v != "y")
        .collect();
    if !others.is_empty() {
        return Err(format!(
            "This check works on functions of x and y; {} is another variable. Replace it by a number.",
            others.join(", ")
        ));
    }
    let at = |q: &[f64]| {
        let (x, y) = (q.first().copied(), q.get(1).copied());
        match (x, y) {
            (Some(x), Some(y)) => f.eval(&[("x", x), ("y", y)]).unwrap_or(f64::NAN),
            _ => f64::NAN,
        }
    };
    let grad: Vec<f64> = f
        .gradient(&["x", "y"])
        .iter()
        .map(|g| g.eval(&[("x", p.0), ("y", p.1)]).unwrap_or(f64::NAN))
        .collect();
    let point = [p.0, p.1];
    let report = check_with_bug(&at, &grad, &point, DEFAULT_STEP, bug);
    let steps = default_steps();
    let v_double = v_curve(&at, &grad, &point, &steps, Precision::Double);
    let v_single = if single {
        v_curve(&at, &grad, &point, &steps, Precision::Single)
    } else {
        Vec::new()
    };
    Ok(CheckLab {
        s_double: summarize(&v_double),
        s_single: summarize(&v_single),
        report,
        v_double,
        v_single,
    })
}

fn bug_of(key: &str) -> Bug {
    Bug::from_key(key).unwrap_or_default()
}

fn vector(v: &[f64]) -> String {
    let parts: Vec<String> = v.iter().map(|x| format_value(*x)).collect();
    format!("[{}]", parts.join(", "))
}

fn signed(v: f64) -> String {
    format!("{v:.2}").replace('-', "−")
}

/// One sentence about a branch of the V.
pub fn branch_sentence(name: &str, b: &VBranch) -> String {
    let Some((h, e)) = b.best else {
        return format!("{name}: no finite error at any step.");
    };
    let mut s = format!("{name}: smallest error {} at h = {}", sci(e), sci(h));
    if let Some(t) = b.truncation {
        s.push_str(&format!(
            "; for larger h the error falls with slope {} (truncation)",
            signed(t.slope)
        ));
    }
    if let Some(r) = b.rounding {
        s.push_str(&format!(
            "; for smaller h it grows with slope {} (rounding)",
            signed(r.slope)
        ));
    }
    s.push('.');
    s
}

/// The V as chart data: relative error against h for forward and central differences,
/// then (when on) their single-precision copies.
fn v_chart_data(l: &CheckLab) -> ChartData {
    let pts = |v: &[VPoint], central: bool| -> Vec<(f64, f64)> {
        v.iter()
            .map(|p| {
                (
                    p.h,
                    if central {
                        p.central_rel
                    } else {
                        p.forward_rel
                    },
                )
            })
            .collect()
    };
    let mut series = vec![
        ("forward".to_string(), pts(&l.v_double, false)),
        ("central".to_string(), pts(&l.v_double, true)),
    ];
    if !l.v_single.is_empty() {
        series.push(("forward, f32".to_string(), pts(&l.v_single, false)));
        series.push(("central, f32".to_string(), pts(&l.v_single, true)));
    }
    ChartData {
        x_label: "h".to_string(),
        series,
        ..ChartData::default()
    }
}

/// The gradient-check lab.
#[component]
pub fn GradientCheck(
    /// Show the function editor; without it the function is shown as a line of text.
    #[prop(default = true)]
    editor: bool,
    /// Keep the function fixed: the editor is read-only and the buttons that load another
    /// function are off.
    #[prop(optional)]
    locked: bool,
) -> impl IntoView {
    let url = UrlState::bind(&FIELDS, "");
    let text = url.text("f");
    let point = url.point("p");
    let bug_key = url.choice("bug");
    let single = url.flag("f32");
    let function = LiveFunction::new(&text.get_untracked());
    Effect::new(move |_| {
        if function.error.with(Option::is_none) {
            text.set(function.text.get());
        }
    });
    // A failure case sets the field, which then flows to the address.
    let load = move |case: FailureCase| {
        function.text.set(case.function.to_string());
        point.set((case.point[0], case.point[1]));
        bug_key.set(case.bug.key().to_string());
    };
    let lab = Memo::new(move |_| {
        let bug = bug_of(&bug_key.get());
        let p = point.get();
        let on = single.get();
        function
            .expr
            .with(|e| e.as_ref().map(|e| analyse(e, p, bug, on)))
    });
    let report = move || {
        lab.with(|l| {
            l.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map(|l| l.report.clone())
        })
    };
    let coordinate = move |i: usize, name: &'static str| {
        view! {
            <label class="lab-number">
                {name}
                " = "
                <input
                    type="number"
                    step="0.5"
                    class="text-input"
                    aria-label=format!("{name} coordinate of the point")
                    prop:value=move || {
                        let p = point.get();
                        format_value(if i == 0 { p.0 } else { p.1 }).replace('−', "-")
                    }
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).trim().parse::<f64>() {
                            if v.is_finite() && v.abs() <= 1e3 {
                                point.update(|p| if i == 0 { p.0 = v } else { p.1 = v });
                            }
                        }
                    }
                />
            </label>
        }
    };
    let alt = Signal::derive(move || {
        lab.with(|l| match l {
            Some(Ok(l)) => {
                let mut s = format!(
                    "Log-log chart of the relative error against the step h, from 0.1 down to 10⁻¹³. {} {}",
                    branch_sentence("Forward differences", &l.s_double.forward),
                    branch_sentence("Central differences", &l.s_double.central)
                );
                if !l.v_single.is_empty() {
                    s.push_str(&format!(
                        " In single precision: {}",
                        branch_sentence("central differences", &l.s_single.central)
                    ));
                }
                s
            }
            _ => "No chart: the function cannot be checked.".into(),
        })
    });
    let draw = move |area: &crate::ui::plot_canvas::ChartArea, theme: &crate::plot::Theme| {
        lab.with(|l| {
            let Some(Ok(l)) = l else {
                let _ = area.fill(&theme.background);
                return;
            };
            // The same series the "Show as table" switch shows: forward, central, then
            // their single-precision copies (dashed).
            let data = v_chart_data(l);
            let series: Vec<LogSeries> = data
                .series
                .iter()
                .enumerate()
                .map(|(i, (name, points))| LogSeries {
                    name,
                    points,
                    color: Some(theme.series[if i % 2 == 0 { 1 } else { 0 }]),
                    dashed: i >= 2,
                })
                .collect();
            let mut markers = Vec::new();
            if let Some(b) = l.s_double.forward.best {
                markers.push(Marker {
                    at: b,
                    label: "best h",
                    color: Some(theme.series[1]),
                });
            }
            if let Some(b) = l.s_double.central.best {
                markers.push(Marker {
                    at: b,
                    label: "best h",
                    color: Some(theme.series[0]),
                });
            }
            if let Some(b) = l.s_single.central.best {
                markers.push(Marker {
                    at: b,
                    label: "best h (f32)",
                    color: Some(theme.series[0]),
                });
            }
            let _ = draw_log_chart(
                area,
                &series,
                &LogChartOptions {
                    x_label: "step h",
                    y_label: "relative error",
                    log_x: true,
                    log_y: true,
                    reverse_x: true,
                    markers: &markers,
                    hlines: &[],
                },
                theme,
            );
        });
    };
    let case_button = move |case: FailureCase| {
        view! {
            <button type="button" class="button-secondary" disabled=locked on:click=move |_| load(case)>
                {format!("Show: {}", case.title.to_lowercase())}
            </button>
        }
    };
    view! {
        <div class="lab gradient-check" data-testid="gradient-check">
            {if editor {
                view! {
                    <FunctionInput id="gc-f" label="f(x, y) = " text=function.text error=function.error locked=locked/>
                }
                    .into_any()
            } else {
                view! { <p class="lab-function" data-testid="gc-function">"f(x, y) = " {move || text.get()}</p> }
                    .into_any()
            }}
            <p class="lab-row">"At the point " {coordinate(0, "x")} " " {coordinate(1, "y")}</p>
            <div class="lab-buttons" role="group" aria-label="Inject a bug into the analytic gradient">
                {Bug::ALL
                    .into_iter()
                    .map(|b| {
                        view! {
                            <button
                                type="button"
                                class="button-secondary"
                                aria-pressed=move || (bug_key.get() == b.key()).to_string()
                                on:click=move |_| bug_key.set(b.key().to_string())
                            >
                                {b.label()}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            {move || {
                lab.with(|l| match l {
                    Some(Err(why)) => Some(view! { <p class="field-error" role="alert">{why.clone()}</p> }.into_any()),
                    _ => None,
                })
            }}
            {move || {
                report()
                    .map(|r| {
                        let verdict = r.verdict;
                        let agree = r.absolute_rule_passes == matches!(verdict, Verdict::Good | Verdict::Fine);
                        view! {
                            <dl class="lab-readout" data-testid="check-readout">
                                <dt>"analytic gradient a"</dt>
                                <dd data-testid="analytic">{vector(&r.analytic)}</dd>
                                <dt>"central differences n (h = 10⁻⁵)"</dt>
                                <dd data-testid="numeric">{vector(&r.numeric)}</dd>
                                <dt>"‖a − n‖"</dt>
                                <dd data-testid="absolute-error">{sci(r.absolute_error)}</dd>
                                <dt>"relative error ‖a − n‖ / max(‖a‖, ‖n‖)"</dt>
                                <dd data-testid="relative-error"><strong>{sci(r.relative_error)}</strong></dd>
                            </dl>
                            <p class=format!("verdict verdict-{}", verdict.label().replace(' ', "-")) data-testid="verdict">
                                <strong>{verdict.label()}</strong>
                                ": "
                                {verdict.meaning()}
                                "."
                            </p>
                            <p data-testid="absolute-rule">
                                {format!(
                                    "The bare rule ‖a − n‖ < {} would say: {}.",
                                    sci(ABSOLUTE_RULE),
                                    if r.absolute_rule_passes { "pass" } else { "fail" }
                                )}
                                {(!agree)
                                    .then(|| {
                                        view! {
                                            <strong class="rule-disagrees">
                                                " Here it disagrees with the relative error, and the relative error is right."
                                            </strong>
                                        }
                                    })}
                            </p>
                        }
                            .into_any()
                    })
            }}
            <div class="lab-buttons">{case_button(EXACT_BUT_REJECTED)} {case_button(WRONG_BUT_ACCEPTED)}</div>
            {move || {
                let f = function.text.get();
                [EXACT_BUT_REJECTED, WRONG_BUT_ACCEPTED]
                    .into_iter()
                    .find(|c| {
                        c.function.replace(' ', "") == f.replace(' ', "")
                            && point.get() == (c.point[0], c.point[1])
                            && bug_key.get() == c.bug.key()
                    })
                    .map(|c| view! { <p class="lab-note" data-testid="case-lesson">{c.lesson}</p> })
            }}
            <div class="table-scroll">
            <table class="lab-table thresholds">
                <caption>"Reading a relative error"</caption>
                <tbody>
                    {Verdict::BANDS
                        .into_iter()
                        .map(|(v, _)| {
                            view! {
                                <tr class:current=move || report().is_some_and(|r| r.verdict == v)>
                                    <th scope="row">{v.label()}</th>
                                    <td>{v.meaning()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            </div>
            <h4>"Error against the step h"</h4>
            <LabToggle label="Add single precision (f32)" value=single/>
            <PlotCanvas draw=draw aspect=0.7 label="Relative error against step h, log-log" alt=alt/>
            <ChartTable
                caption="Relative error against the step h"
                data=Signal::derive(move || {
                    lab.with(|l| match l {
                        Some(Ok(l)) => v_chart_data(l),
                        _ => ChartData::default(),
                    })
                })
            />
            <ul class="lab-facts" data-testid="v-summary">
                {move || {
                    lab.with(|l| match l {
                        Some(Ok(l)) => {
                            let mut items = vec![
                                branch_sentence("Forward differences", &l.s_double.forward),
                                branch_sentence("Central differences", &l.s_double.central),
                            ];
                            if !l.v_single.is_empty() {
                                items.push(branch_sentence("Forward, single precision", &l.s_single.forward));
                                items.push(branch_sentence("Central, single precision", &l.s_single.central));
                            }
                            items.into_iter().map(|s| view! { <li>{s}</li> }).collect_view().into_any()
                        }
                        _ => ().into_any(),
                    })
                }}
            </ul>
            <EmbedControl widget=WIDGET.info() query=Signal::derive(move || url.embed_query())/>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::parse;

    #[test]
    fn the_default_function_checks_good_and_each_bug_is_caught() {
        let f = parse("x^2*y + sin(x*y)").unwrap();
        let lab = analyse(&f, (1.0, 0.5), Bug::None, true).unwrap();
        assert_eq!(lab.report.verdict, Verdict::Good);
        for bug in [Bug::DropFactorOfTwo, Bug::SwapPartials, Bug::KinkAtZero] {
            let l = analyse(&f, (1.0, 0.5), bug, false).unwrap();
            assert!(
                matches!(l.report.verdict, Verdict::Wrong | Verdict::Suspect),
                "{bug:?}: {:?}",
                l.report
            );
        }
        let c = lab.s_double.central.truncation.unwrap();
        assert!((c.slope - 2.0).abs() < 0.2, "{c:?}");
        assert!(!lab.v_single.is_empty());
        assert!(branch_sentence("Central", &lab.s_double.central).contains("slope"));
    }

    #[test]
    fn other_variables_are_refused_with_a_sentence() {
        let f = parse("x*z").unwrap();
        let e = analyse(&f, (1.0, 1.0), Bug::None, false).unwrap_err();
        assert!(e.contains("z"), "{e}");
        // A point where f is undefined gives a not-finite verdict, not a panic.
        let f = parse("ln(x)").unwrap();
        let l = analyse(&f, (-1.0, 0.0), Bug::None, true).unwrap();
        assert_eq!(l.report.verdict, Verdict::NotFinite);
    }
}
