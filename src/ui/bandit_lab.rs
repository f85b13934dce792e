//! The policy-gradient lab (lesson 12): a three-armed bandit with a softmax policy. The exact
//! gradient ∇J is drawn as an arrow beside two clouds of one-pull REINFORCE estimates, one
//! without a baseline and one with the chosen baseline b, with their variances as numbers
//! (measured and exact), and training curves of J for both. All numbers come from
//! `models::bandit`; gradients sum to zero, so they are drawn in their plane without loss.

use leptos::prelude::*;
use web_sys::HtmlCanvasElement;

use super::chart_table::{ChartData, ChartTable};
use super::lab_controls::LabSlider;
use super::plot_canvas::PlotCanvas;
use super::raster::{sized_css_area, LabCanvas};
use super::url_state::{Field, UrlState};
use super::widget::{EmbedControl, EmbedOptions, Widget};
use crate::models::bandit::{cloud, project, softmax, train, Bandit, Baseline, Cloud};
use crate::plot::log_chart::{draw_log_chart, LogChartOptions, LogSeries};
use crate::plot::plane::{draw_origin_axes, draw_shapes, Shape};
use crate::plot::{Theme, View};
use crate::tutor::format::format_value;

/// Episodes per training run.
pub const EPISODES: usize = 400;
/// The training learning rate.
pub const LEARNING_RATE: f64 = 0.05;

/// The lab's state in the address.
pub const FIELDS: [Field; 4] = [
    Field::point("th", "preferences (θ₁, θ₂)", (0.0, 0.0), -5.0, 5.0),
    Field::number("b", "baseline", 7.0, -20.0, 20.0),
    Field::number("n", "number of samples", 300.0, 10.0, 3000.0),
    Field::number("bseed", "sampling seed", 1.0, 0.0, 1e9),
];

/// The lab in the widget registry (`/embed/policy-gradient`).
pub const WIDGET: Widget = Widget {
    name: "policy-gradient",
    title: "Policy gradient",
    summary: "A three-armed bandit: the exact gradient of the expected reward beside REINFORCE estimates with and without a baseline.",
    fields: &FIELDS,
    example: "v=1&th=1,-0.5&b=0&n=1000&bseed=9",
    embed: |_: EmbedOptions| view! { <BanditLab/> }.into_any(),
    height: 1400,
};

/// Both clouds at θ.
#[derive(Clone, Debug, PartialEq)]
pub struct Clouds {
    /// θ (θ₃ = 0).
    pub theta: [f64; 3],
    /// Estimates without a baseline.
    pub plain: Cloud,
    /// Estimates with the baseline.
    pub based: Cloud,
    /// Exact variance without a baseline.
    pub plain_exact: f64,
    /// Exact variance with the baseline.
    pub based_exact: f64,
}

/// Draws both clouds from the same seed.
pub fn clouds(bandit: &Bandit, th: (f64, f64), b: f64, n: f64, seed: f64) -> Clouds {
    let theta = [th.0, th.1, 0.0];
    let n = if n.is_finite() {
        n.round().clamp(1.0, 3000.0) as usize
    } else {
        300
    };
    let seed = if seed.is_finite() && seed >= 0.0 {
        seed as u64
    } else {
        1
    };
    Clouds {
        theta,
        plain: cloud(bandit, &theta, 0.0, n, seed),
        based: cloud(bandit, &theta, b, n, seed),
        plain_exact: bandit.estimate_variance(&theta, 0.0),
        based_exact: bandit.estimate_variance(&theta, b),
    }
}

fn vec3(v: &[f64; 3]) -> String {
    format!(
        "[{}, {}, {}]",
        format_value(v[0]),
        format_value(v[1]),
        format_value(v[2])
    )
}

fn draw_cloud(cv: &HtmlCanvasElement, css_w: f64, theme: &Theme, c: &Clouds, exact: [f64; 3]) {
    // Drawn in CSS pixels, so the labels and dots keep their size on a phone.
    let Some((area, (w, h))) = sized_css_area(cv, css_w, 1.0) else {
        return;
    };
    let _ = area.fill(&theme.background);
    let e = project(&exact);
    // Show most of the plain cloud: a few standard deviations around 0.
    let spread = c.plain.variance.sqrt().max(c.based.variance.sqrt());
    let r = (2.5 * spread).max(3.0 * e[0].hypot(e[1])).max(0.1);
    let view = View::new(w, h, (-r, r), (-r, r));
    let _ = draw_origin_axes(&area, &view, theme);
    let mut shapes = Vec::new();
    for (cl, color) in [(&c.plain, theme.series[1]), (&c.based, theme.series[0])] {
        for s in &cl.samples {
            let p = project(s);
            shapes.push(Shape::Dot {
                at: (p[0], p[1]),
                radius: 2,
                color,
                opacity: 0.45,
            });
        }
    }
    for (cl, color) in [(&c.plain, theme.series[1]), (&c.based, theme.series[0])] {
        let m = project(&cl.mean);
        shapes.push(Shape::Square {
            at: (m[0], m[1]),
            half: 5,
            color,
        });
    }
    shapes.push(Shape::Arrow {
        from: (0.0, 0.0),
        to: (e[0], e[1]),
        color: theme.accent,
        width: 3,
    });
    shapes.push(Shape::Label {
        at: (e[0], e[1]),
        text: "exact ∇J".into(),
        color: theme.accent,
    });
    let _ = draw_shapes(&area, &view, &shapes);
    let _ = area.present();
}

/// Expected reward against the episode: what the chart draws and its table lists.
fn per_episode(v: &[f64]) -> Vec<(f64, f64)> {
    v.iter().enumerate().map(|(k, &j)| (k as f64, j)).collect()
}

/// The policy-gradient lab.
#[component]
pub fn BanditLab() -> impl IntoView {
    let url = UrlState::bind(&FIELDS, "");
    let th = url.point("th");
    let b = url.number("b");
    let n = url.number("n");
    let seed = url.number("bseed");
    let bandit = Bandit::default();
    let t1 = RwSignal::new(th.get_untracked().0);
    let t2 = RwSignal::new(th.get_untracked().1);
    Effect::new(move |_| th.set((t1.get(), t2.get())));
    let theta = move || {
        let (a, c) = th.get();
        [a, c, 0.0]
    };
    let data = Memo::new(move |_| clouds(&bandit, th.get(), b.get(), n.get(), seed.get()));
    let exact = Memo::new(move |_| bandit.exact_gradient(&theta()));
    let j = Memo::new(move |_| bandit.expected_reward(&theta()));
    let curves = Memo::new(move |_| {
        let s = seed.get();
        let s = if s.is_finite() && s >= 0.0 {
            s as u64
        } else {
            1
        };
        let t = theta();
        (
            train(&bandit, t, LEARNING_RATE, EPISODES, Baseline::Zero, s),
            train(
                &bandit,
                t,
                LEARNING_RATE,
                EPISODES,
                Baseline::RunningMean,
                s,
            ),
        )
    });
    let alt = Signal::derive(move || {
        data.with(|c| {
            format!(
                "The exact gradient as an arrow and {} estimates of it without a baseline (variance {}) and with baseline {} (variance {}).",
                c.plain.samples.len(),
                format_value(c.plain.variance),
                format_value(b.get()),
                format_value(c.based.variance)
            )
        })
    });
    let curve_alt = Signal::derive(move || {
        curves.with(|(z, r)| {
            format!(
                "Expected reward J over {EPISODES} episodes of training: without a baseline it ends at {}, with a running-mean baseline at {}.",
                format_value(z.expected_reward.last().copied().unwrap_or(f64::NAN)),
                format_value(r.expected_reward.last().copied().unwrap_or(f64::NAN))
            )
        })
    });
    let draw_curves = move |area: &crate::ui::plot_canvas::ChartArea, theme: &Theme| {
        curves.with(|(z, r)| {
            let (a, c) = (
                per_episode(&z.expected_reward),
                per_episode(&r.expected_reward),
            );
            let best = bandit.mean(1).max(bandit.mean(0)).max(bandit.mean(2));
            let label = format!("best arm {}", format_value(best));
            let _ = draw_log_chart(
                area,
                &[
                    LogSeries {
                        name: "no baseline",
                        points: &a,
                        color: Some(theme.series[1]),
                        dashed: false,
                    },
                    LogSeries {
                        name: "running-mean baseline",
                        points: &c,
                        color: Some(theme.series[0]),
                        dashed: false,
                    },
                ],
                &LogChartOptions {
                    x_label: "episode",
                    y_label: "expected reward J",
                    hlines: &[(best, label.as_str())],
                    ..Default::default()
                },
                theme,
            );
        });
    };
    view! {
        <div class="lab bandit-lab" data-testid="bandit-lab">
            <p class="readout" data-testid="bandit-arms">
                {move || {
                    let p = softmax(&theta());
                    format!(
                        "Arms pay on average {}, {} and {} (plus noise of spread {}). The policy picks them with probabilities {}, so J = {}.",
                        format_value(bandit.mean(0)),
                        format_value(bandit.mean(1)),
                        format_value(bandit.mean(2)),
                        format_value(bandit.noise),
                        vec3(&p),
                        format_value(j.get())
                    )
                }}
            </p>
            <LabSlider label="preference θ₁" value=t1 min=-5.0 max=5.0 step=0.1 testid="bandit-t1"/>
            <LabSlider label="preference θ₂" value=t2 min=-5.0 max=5.0 step=0.1 testid="bandit-t2"/>
            <LabSlider label="baseline b" value=b min=-20.0 max=20.0 step=0.1 testid="bandit-b"/>
            <LabSlider label="estimates drawn" value=n min=10.0 max=3000.0 step=10.0 show=|v| format!("{v:.0}") testid="bandit-n"/>
            <div class="lab-row">
                <button type="button" class="button-secondary" on:click=move |_| b.set((j.get_untracked() * 10.0).round() / 10.0)>
                    "Set b = J"
                </button>
                <button type="button" class="button-secondary" on:click=move |_| b.set(0.0)>
                    "No baseline (b = 0)"
                </button>
                <button type="button" class="button-secondary" on:click=move |_| seed.update(|s| *s += 1.0)>
                    "Draw new samples"
                </button>
            </div>
            <LabCanvas
                draw=move |cv: &HtmlCanvasElement, w: f64, t: &Theme| {
                    let e = exact.get();
                    data.with(|c| draw_cloud(cv, w, t, c, e));
                }
                aspect=1.0
                label="The exact policy gradient and clouds of REINFORCE estimates"
                alt=alt
            />
            <p class="lab-legend">
                <span class="swatch swatch-accent"></span>" exact ∇J   "
                <span class="swatch swatch-orange"></span>" estimates, b = 0   "
                <span class="swatch swatch-blue"></span>" estimates with b; squares: their means"
            </p>
            <div class="table-scroll">
            <table class="lab-table" data-testid="bandit-table">
                <thead>
                    <tr><th scope="col">""</th><th scope="col">"mean of the estimates"</th><th scope="col">"variance"</th></tr>
                </thead>
                <tbody>
                    <tr>
                        <th scope="row">"exact ∇J"</th>
                        <td data-testid="exact-gradient">{move || vec3(&exact.get())}</td>
                        <td>"0"</td>
                    </tr>
                    <tr>
                        <th scope="row">"no baseline"</th>
                        <td>{move || data.with(|c| vec3(&c.plain.mean))}</td>
                        <td data-testid="variance-plain">{move || data.with(|c| format_value(c.plain.variance))}</td>
                    </tr>
                    <tr>
                        <th scope="row">{move || format!("baseline b = {}", format_value(b.get()))}</th>
                        <td>{move || data.with(|c| vec3(&c.based.mean))}</td>
                        <td data-testid="variance-baseline">{move || data.with(|c| format_value(c.based.variance))}</td>
                    </tr>
                </tbody>
            </table>
            </div>
            <p data-testid="variance-exact">
                {move || {
                    data.with(|c| {
                        format!(
                            "Exact variances of one estimate: {} without a baseline, {} with b = {}. On average both kinds of estimate equal the exact gradient (their means come closer to it as more are drawn); the baseline changes only their spread.",
                            format_value(c.plain_exact),
                            format_value(c.based_exact),
                            format_value(b.get())
                        )
                    })
                }}
            </p>
            <PlotCanvas draw=draw_curves aspect=0.55 label="Expected reward during training" alt=curve_alt/>
            <ChartTable
                caption="Expected reward during training"
                data=Signal::derive(move || {
                    curves.with(|(z, r)| ChartData {
                        x_label: "episode".into(),
                        series: vec![
                            ("no baseline".into(), per_episode(&z.expected_reward)),
                            ("running-mean baseline".into(), per_episode(&r.expected_reward)),
                        ],
                        ..ChartData::default()
                    })
                })
            />
            <EmbedControl widget=WIDGET.info() query=Signal::derive(move || url.embed_query())/>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_baseline_near_j_shrinks_the_cloud_and_zero_samples_do_not_panic() {
        let bandit = Bandit::default();
        let c = clouds(&bandit, (0.0, 0.0), 7.0, 500.0, 3.0);
        assert!(
            c.based.variance < 0.3 * c.plain.variance,
            "{} vs {}",
            c.based.variance,
            c.plain.variance
        );
        assert!(c.based_exact < c.plain_exact);
        let z = clouds(&bandit, (0.0, 0.0), 0.0, f64::NAN, f64::NAN);
        assert_eq!(z.plain, z.based);
        assert!(vec3(&[1.0, -2.0, 0.5]).contains("−2"));
    }
}
