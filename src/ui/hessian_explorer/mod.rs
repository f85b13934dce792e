//! The Hessian explorer of lesson 7: the symbolic Hessian of a typed function of two or
//! three variables, its mixed partials taken in both orders side by side, and at a chosen
//! point the eigenvalues and eigenvectors (drawn on the contour map as the axes of
//! curvature) with the condition number; the critical point Newton's method reaches from
//! the point, classified with the conditions of the second-derivative test; a map of where
//! the Hessian is positive definite, negative definite, indefinite or semidefinite; and
//! Newton's method, gradient descent and L-BFGS run from the point side by side.
//! The analysis is plain logic in [`report`]; the numbers come from `nabla::optim`.

pub mod report;

use std::sync::Arc;

use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

use super::explorer::browser::use_prefers_dark;
use super::map_canvas::{linspace, ClassMap, MapCanvas, MapLayers};
use super::reveal::Reveal;
use super::url_state::{check_function, Field, UrlState};
use super::widget::{EmbedControl, EmbedOptions, Widget};
use super::worked_example::{keep_when_valid, parse_live, FunctionInput};
use crate::math::{latex_to_mathml, Definiteness, Expr};
use crate::optim::{
    curvature_at, definiteness_map, minimize, nearest_critical_point, race_sentences,
    CriticalPoint, Curvature, Method, RaceEntry, Run, Settings,
};
use crate::plot::{draw_curvature_axes, draw_path, CurvatureAxis, Grid, PathStyle, Theme, View};
use crate::tutor::format::{format_pair, format_value};
use report::{classification_sentence, convexity_sentence, curvature_sentence, HessianReport};

/// The function shown first: a minimum at (1, 0) and a saddle at (−1, 0).
pub const DEFAULT_FUNCTION: &str = "x^3 - 3x + y^2";
/// The window the maps show.
const RANGE: (f64, f64) = (-3.0, 3.0);
/// Samples a side of the function map.
const MAP_N: usize = 140;
/// Cells a side of the definiteness map.
const CLASS_N: usize = 120;
/// Steps each optimiser may take.
const MAX_STEPS: usize = 500;

/// Where the map may be coloured from.
const COLOURINGS: [&str; 2] = ["f", "definiteness"];

/// The explorer's state in the address.
pub const FIELDS: [Field; 5] = [
    Field::checked_text("f", "function", DEFAULT_FUNCTION, 300, check_function),
    Field::point("p", "point", (-0.8, 2.0), -1e3, 1e3),
    Field::number("z", "z of the point", 0.0, -1e3, 1e3),
    Field::choice("map", "map colouring", "f", &COLOURINGS),
    Field::number("eta", "gradient descent's η", 0.1, 1e-4, 10.0),
];

/// The explorer in the widget registry (`/embed/hessian`).
pub const WIDGET: Widget = Widget {
    name: "hessian",
    title: "Hessian explorer",
    summary: "The Hessian of a function you type, its eigenvalues at a point, critical points, definiteness and Newton's method.",
    fields: &FIELDS,
    example: "v=1&f=x^2-y^2&p=1,1.5&z=1&map=definiteness&eta=0.05",
    embed: embed_view,
    height: 3000,
};

fn embed_view(options: EmbedOptions) -> AnyView {
    view! { <HessianExplorer editor=!options.hide_editor locked=options.lock_function/> }.into_any()
}

/// Functions to try, with why.
const EXAMPLES: [(&str, &str); 6] = [
    ("x^3 - 3x + y^2", "a minimum and a saddle"),
    ("x^2 - y^2", "a saddle"),
    ("x^2 + 10y^2", "an ill-conditioned bowl"),
    ("x^4 + y^4", "strictly convex, zero Hessian at 0"),
    ("x^2 + y^2 - x^4/12", "positive definite at 0, not convex"),
    ("x^2*y^3", "mixed partials 6xy² both ways"),
];

/// Palette of the definiteness map (Okabe–Ito colours): positive definite, positive
/// semidefinite, negative definite, negative semidefinite, indefinite.
const CLASS_COLOURS: [[u8; 4]; 5] = [
    [0, 114, 178, 255],
    [86, 180, 233, 255],
    [213, 94, 0, 255],
    [230, 159, 0, 255],
    [150, 150, 150, 255],
];
const CLASS_NAMES: [&str; 5] = [
    "positive definite",
    "positive semidefinite",
    "negative definite",
    "negative semidefinite",
    "indefinite",
];

fn class_of(d: Definiteness) -> u8 {
    match d {
        Definiteness::PositiveDefinite => 0,
        Definiteness::PositiveSemidefinite => 1,
        Definiteness::NegativeDefinite => 2,
        Definiteness::NegativeSemidefinite => 3,
        Definiteness::Indefinite => 4,
    }
}

fn hex(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// A point with z appended for functions of three variables.
fn full_point(dim: usize, p: (f64, f64), z: f64) -> Vec<f64> {
    if dim == 3 {
        vec![p.0, p.1, z]
    } else {
        vec![p.0, p.1]
    }
}

/// f over the window (at `z` for three variables), and the definiteness classes for two.
fn layers_of(report: &HessianReport, z: f64, classes: bool) -> MapLayers {
    let expr = if report.dim() == 3 {
        report.objective.expr().substitute("z", &Expr::Num(z))
    } else {
        report.objective.expr().clone()
    };
    let (xs, ys) = (linspace(RANGE, MAP_N), linspace(RANGE, MAP_N));
    let mut values = vec![f64::NAN; MAP_N * MAP_N];
    if let Ok(program) = expr.compile(&["x", "y"]) {
        program.eval_grid(&xs, &ys, &mut values);
    }
    let mut layers = MapLayers::new(Grid::new(RANGE, RANGE, MAP_N, MAP_N, values));
    if classes && report.dim() == 2 {
        let (cx, cy) = (linspace(RANGE, CLASS_N), linspace(RANGE, CLASS_N));
        let map = definiteness_map(&report.objective, &cx, &cy);
        layers.classes = Some(ClassMap {
            classes: map.into_iter().map(|d| d.map(class_of)).collect(),
            nx: CLASS_N,
            ny: CLASS_N,
            palette: CLASS_COLOURS.to_vec(),
        });
    }
    layers
}

/// The three optimisers from the point, with a sentence each.
#[derive(Clone, Debug, PartialEq)]
struct Comparison {
    runs: Vec<(Method, Run)>,
    sentences: Vec<String>,
}

fn compare(report: &HessianReport, start: &[f64], eta: f64) -> Comparison {
    let methods = [
        Method::GradientDescent { rate: eta },
        Method::Newton { damping: 0.0 },
        Method::Lbfgs { memory: 5 },
    ];
    let settings = Settings {
        max_steps: MAX_STEPS,
        ..Settings::default()
    };
    let entries: Vec<RaceEntry> = methods
        .iter()
        .filter_map(|m| {
            minimize(&report.objective, m, start, &settings)
                .ok()
                .map(|run| RaceEntry {
                    method: m.clone(),
                    run,
                })
        })
        .collect();
    let sentences = race_sentences(&report.objective, &entries, None, 1e-6);
    Comparison {
        runs: entries.into_iter().map(|e| (e.method, e.run)).collect(),
        sentences,
    }
}

fn xy_path(run: &Run) -> Vec<(f64, f64)> {
    run.points
        .iter()
        .map(|p| {
            (
                p.first().copied().unwrap_or(f64::NAN),
                p.get(1).copied().unwrap_or(f64::NAN),
            )
        })
        .collect()
}

fn method_colour(theme: &Theme, k: usize) -> RGBColor {
    theme.series[k % 3]
}

fn mark(
    area: &DrawingArea<CanvasBackend, Shift>,
    view: &View,
    p: (f64, f64),
    colour: RGBColor,
    k: f64,
    cross: bool,
) {
    let rect = view.pixel_rect();
    let q = view.to_pixel(p);
    if !rect.contains(q) {
        return;
    }
    let c = (q.0.round() as i32, q.1.round() as i32);
    let r = (6.0 * k) as i32;
    if cross {
        let s = colour.stroke_width((3.0 * k) as u32);
        let _ = area.draw(&PathElement::new(
            vec![(c.0 - r, c.1 - r), (c.0 + r, c.1 + r)],
            s,
        ));
        let _ = area.draw(&PathElement::new(
            vec![(c.0 - r, c.1 + r), (c.0 + r, c.1 - r)],
            s,
        ));
    } else {
        let _ = area.draw(&Circle::new(c, r as u32, colour.filled()));
    }
}

fn matrix_latex(rows: &[Vec<String>]) -> String {
    let body: Vec<String> = rows.iter().map(|r| r.join(" & ")).collect();
    format!(r"\begin{{bmatrix}} {} \end{{bmatrix}}", body.join(r" \\ "))
}

fn number_latex(v: f64) -> String {
    format_value(v).replace('−', "-")
}

/// The Hessian explorer.
#[component]
pub fn HessianExplorer(
    /// Show the function editor.
    #[prop(default = true)]
    editor: bool,
    /// Keep the function fixed.
    #[prop(optional)]
    locked: bool,
) -> impl IntoView {
    let url = UrlState::bind(&FIELDS, "");
    let text = url.text("f");
    let point = url.point("p");
    let z = url.number("z");
    let colouring = url.choice("map");
    let eta = url.number("eta");
    let dark = use_prefers_dark();
    let typed = RwSignal::new(text.get_untracked());
    let (report, error) = parse_live(typed, |t| HessianReport::new(t).map(Arc::new));
    keep_when_valid(text, typed, error);
    let dim = move || report.with(|r| r.as_ref().map_or(2, |r| r.dim()));
    let at = Memo::new(move |_| full_point(dim(), point.get(), z.get()));
    let layers = Memo::new(move |_| {
        let (zz, classes) = (z.get(), colouring.with(|c| c == "definiteness"));
        report.with(|r| r.as_ref().map(|r| Arc::new(layers_of(r, zz, classes))))
    });
    let curvature: Memo<Option<Curvature>> = Memo::new(move |_| {
        let p = at.get();
        report.with(|r| r.as_ref().and_then(|r| curvature_at(&r.objective, &p)))
    });
    let critical: Memo<Option<CriticalPoint>> = Memo::new(move |_| {
        let p = at.get();
        report.with(|r| {
            r.as_ref()
                .and_then(|r| nearest_critical_point(&r.objective, &p))
        })
    });
    let comparison = Memo::new(move |_| {
        let (p, rate) = (at.get(), eta.get());
        report.with(|r| r.as_ref().map(|r| compare(r, &p, rate)))
    });
    let reveal = Reveal::new();
    Effect::new(move |_| {
        let len = comparison.with(|c| {
            c.as_ref().map_or(0, |c| {
                c.runs.iter().map(|r| r.1.points.len()).max().unwrap_or(0)
            })
        });
        reveal.play(len);
    });
    let vars = move || report.with(|r| r.as_ref().map(|r| r.vars.clone()).unwrap_or_default());

    // The symbolic Hessian, typeset.
    let hessian_mathml = move || {
        report.with(|r| {
            r.as_ref().map(|r| {
                let rows: Vec<Vec<String>> = r
                    .hessian
                    .iter()
                    .map(|row| row.iter().map(Expr::to_latex).collect())
                    .collect();
                latex_to_mathml(&format!(r"H = {}", matrix_latex(&rows)), true)
            })
        })
    };
    let hessian_text = move || {
        report.with(|r| {
            r.as_ref()
                .map(|r| {
                    let rows: Vec<String> = r
                        .hessian
                        .iter()
                        .map(|row| {
                            let cells: Vec<String> = row.iter().map(Expr::to_pretty).collect();
                            format!("[{}]", cells.join(", "))
                        })
                        .collect();
                    format!("H = [{}]", rows.join(", "))
                })
                .unwrap_or_default()
        })
    };
    let mixed_view = move || {
        let p = at.get();
        report.with(|r| {
            let Some(r) = r.as_ref() else {
                return Vec::new();
            };
            let env: Vec<(&str, f64)> = r.vars.iter().copied().zip(p.iter().copied()).collect();
            r.mixed
                .iter()
                .map(|m| {
                    let (a, b) = (r.vars[m.i], r.vars[m.j]);
                    let va = m.first_then_second.eval(&env).unwrap_or(f64::NAN);
                    let vb = m.second_then_first.eval(&env).unwrap_or(f64::NAN);
                    let side = |first: &str, second: &str, e: &Expr, v: f64| {
                        let tex = format!(
                            r"\frac{{\partial}}{{\partial {second}}}\left(\frac{{\partial f}}{{\partial {first}}}\right) = {}",
                            e.to_latex()
                        );
                        let label = format!("∂/∂{second} (∂f/∂{first}) = {}", e.to_pretty());
                        view! {
                            <div data-order=format!("{first}{second}")>
                                <span class="math" role="math" aria-label=label inner_html=latex_to_mathml(&tex, false)></span>
                                <p class="readout">{format!("at the point: {}", format_value(v))}</p>
                            </div>
                        }
                    };
                    let verdict = if m.identical {
                        format!("Differentiating by {a} then {b}, or by {b} then {a}, gives the same expression.")
                    } else if m.agree {
                        "The two orders print differently but agree at 40 random points: they are the same function.".to_string()
                    } else {
                        "The two orders disagree somewhere: the second partials of this f are not continuous everywhere.".to_string()
                    };
                    view! {
                        <div class="mixed-partials" data-testid="mixed-partials">
                            {side(a, b, &m.first_then_second, va)}
                            {side(b, a, &m.second_then_first, vb)}
                        </div>
                        <p class="mixed-verdict">{verdict}</p>
                    }
                })
                .collect_view()
        })
    };
    let numeric_hessian = move || {
        curvature.with(|c| {
            c.as_ref().map(|c| {
                let rows: Vec<Vec<String>> = c
                    .hessian
                    .iter()
                    .map(|row| row.iter().map(|&v| number_latex(v)).collect())
                    .collect();
                let label = c
                    .hessian
                    .iter()
                    .map(|row| {
                        let cells: Vec<String> = row.iter().map(|&v| format_value(v)).collect();
                        format!("[{}]", cells.join(", "))
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                view! {
                    <span
                        class="math"
                        role="math"
                        aria-label=format!("H at the point = [{label}]")
                        inner_html=latex_to_mathml(&format!(r"H = {}", matrix_latex(&rows)), false)
                    ></span>
                }
            })
        })
    };
    let eigen_list = move || {
        let names = vars();
        curvature.with(|c| {
            c.as_ref().map(|c| {
                c.eigenvalues
                    .iter()
                    .zip(&c.eigenvectors)
                    .enumerate()
                    .map(|(k, (l, v))| {
                        let vec: Vec<String> = v.iter().map(|&e| format_value(e)).collect();
                        let _ = &names;
                        view! {
                            <li>
                                {format!("λ{} = {}", ['₁', '₂', '₃'][k.min(2)], format_value(*l))}
                                ", along "
                                {format!("[{}]", vec.join(", "))}
                            </li>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let curvature_text = move || {
        curvature.with(|c| {
            c.as_ref()
                .map(curvature_sentence)
                .unwrap_or_else(|| "The Hessian is not defined at this point.".to_string())
        })
    };
    let classification = move || {
        let v = vars();
        critical.with(|c| classification_sentence(c.as_ref(), &v))
    };
    let class_word = move || {
        critical.with(|c| {
            c.as_ref()
                .map(|c| format!("{:?}", c.kind).to_lowercase())
                .unwrap_or_else(|| "none".to_string())
        })
    };
    let convexity = Memo::new(move |_| {
        report.with(|r| {
            r.as_ref().filter(|r| r.dim() == 2).map(|r| {
                let xs = linspace(RANGE, 61);
                convexity_sentence(&definiteness_map(&r.objective, &xs, &xs), &xs, &xs)
            })
        })
    });
    let on_pick = Callback::new(move |p: (f64, f64)| {
        let round = |v: f64| (v * 100.0).round() / 100.0;
        point.set((round(p.0), round(p.1)));
    });

    let axes_overlay =
        move |area: &DrawingArea<CanvasBackend, Shift>, view: &View, theme: &Theme, dpr: f64| {
            let k = dpr.clamp(0.5, 4.0);
            let p = point.get();
            if let Some(cp) = critical.get() {
                if let (Some(&x), Some(&y)) = (cp.point.first(), cp.point.get(1)) {
                    mark(area, view, (x, y), theme.foreground, k, true);
                }
            }
            if dim() == 2 {
                if let Some(c) = curvature.get() {
                    let axes: Vec<CurvatureAxis> = c
                        .eigenvalues
                        .iter()
                        .zip(&c.eigenvectors)
                        .map(|(&l, v)| CurvatureAxis {
                            direction: (
                                v.first().copied().unwrap_or(0.0),
                                v.get(1).copied().unwrap_or(0.0),
                            ),
                            eigenvalue: l,
                        })
                        .collect();
                    let labels: Vec<String> = c
                        .eigenvalues
                        .iter()
                        .enumerate()
                        .map(|(i, &l)| format!("λ{} = {}", ['₁', '₂'][i.min(1)], format_value(l)))
                        .collect();
                    let _ = draw_curvature_axes(area, view, p, &axes, &labels, theme, dpr);
                }
            }
            mark(area, view, p, theme.accent, k, false);
        };
    let paths_overlay =
        move |area: &DrawingArea<CanvasBackend, Shift>, view: &View, theme: &Theme, dpr: f64| {
            let k = dpr.clamp(0.5, 4.0);
            let shown = reveal.shown.get();
            comparison.with(|c| {
                let Some(c) = c else { return };
                for (i, (_, run)) in c.runs.iter().enumerate() {
                    let style = PathStyle {
                        color: Some(method_colour(theme, i)),
                        width: (2.0 * k) as u32,
                        marker_radius: (2.0 * k) as u32,
                        end_radius: (5.0 * k) as u32,
                    };
                    let _ = draw_path(area, view, &xy_path(run), shown, theme, &style);
                }
            });
        };
    let axes_description = Signal::derive(move || {
        format!(
            "The point {} on the contour map{}. {} {}",
            {
                let p = point.get();
                format_pair('(', p.0, p.1, ')')
            },
            if dim() == 2 {
                " with its axes of curvature"
            } else {
                ""
            },
            curvature_text(),
            classification()
        )
    });
    let paths_description = Signal::derive(move || {
        comparison.with(|c| {
            c.as_ref()
                .map(|c| c.sentences.join(" "))
                .unwrap_or_default()
        })
    });
    let legend = move || {
        let theme = Theme::for_dark_mode(dark.get());
        comparison.with(|c| {
            c.as_ref().map(|c| {
                c.runs
                    .iter()
                    .enumerate()
                    .map(|(i, (m, r))| {
                        let colour = hex(method_colour(&theme, i));
                        view! {
                            <li style=format!("--swatch: {colour}")>
                                {format!("{} ({} step{})", m.name(), r.steps(), if r.steps() == 1 { "" } else { "s" })}
                            </li>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let class_legend = move || {
        (colouring.with(|c| c == "definiteness") && dim() == 2).then(|| {
            view! {
                <ul class="legend-swatches" aria-label="Map colours">
                    {CLASS_NAMES
                        .iter()
                        .zip(CLASS_COLOURS)
                        .map(|(n, c)| {
                            view! { <li style=format!("--swatch: rgb({}, {}, {})", c[0], c[1], c[2])>{*n}</li> }
                        })
                        .collect_view()}
                </ul>
            }
        })
    };
    let coordinate = move |label: &'static str,
                           get: Box<dyn Fn() -> f64 + Send + Sync>,
                           set: Box<dyn Fn(f64) + Send + Sync>| {
        view! {
            <label class="hessian-point">
                {label}
                " = "
                <input
                    type="number"
                    step="0.1"
                    class="text-input"
                    aria-label=format!("{} of the point", label)
                    prop:value=move || format_value(get()).replace('−', "-")
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).trim().parse::<f64>() {
                            if v.is_finite() && v.abs() <= 1e3 {
                                set(v);
                            }
                        }
                    }
                />
            </label>
        }
    };
    view! {
        <section class="widget hessian-explorer" aria-label="Hessian explorer">
            {editor
                .then(|| {
                    view! {
                        <FunctionInput id="hx-f" label="f = " text=typed error=error locked=locked/>
                        <div class="try-actions hessian-examples">
                            {EXAMPLES
                                .iter()
                                .map(|(f, why)| {
                                    view! {
                                        <button
                                            type="button"
                                            class="button-secondary"
                                            title=*why
                                            disabled=locked
                                            on:click=move |_| typed.set(f.to_string())
                                        >
                                            {*f}
                                        </button>
                                    }
                                })
                                .collect_view()}
                        </div>
                    }
                })}
            <h3>"The Hessian"</h3>
            <div class="hessian-matrix" data-testid="hessian-symbolic" data-text=hessian_text>
                <span class="math" role="math" aria-label=hessian_text inner_html=hessian_mathml></span>
            </div>
            {mixed_view}
            <h3>"At the point"</h3>
            <div class="hessian-controls">
                {coordinate("x", Box::new(move || point.get().0), Box::new(move |v| point.update(|p| p.0 = v)))}
                {coordinate("y", Box::new(move || point.get().1), Box::new(move |v| point.update(|p| p.1 = v)))}
                {move || (dim() == 3).then(|| coordinate("z", Box::new(move || z.get()), Box::new(move |v| z.set(v))))}
                <label class="fx-toggle">
                    <input
                        type="checkbox"
                        disabled=move || dim() != 2
                        prop:checked=move || colouring.with(|c| c == "definiteness")
                        on:change=move |ev| {
                            colouring.set(if event_target_checked(&ev) { "definiteness" } else { "f" }.to_string())
                        }
                    />
                    " Colour the map by the Hessian's definiteness"
                </label>
            </div>
            {class_legend}
            <div class="hessian-body">
                <MapCanvas
                    layers=Signal::derive(move || layers.get())
                    overlay=axes_overlay
                    on_pick=on_pick
                    picked=Signal::from(point)
                    label=Signal::derive(move || {
                        let p = point.get();
                        format!("Contour map with the point {} and its axes of curvature; click to move the point", format_pair('(', p.0, p.1, ')'))
                    })
                    description=axes_description
                    caption="The dot is the point; the lines through it are the Hessian's eigenvectors, long where f is flat; × marks the nearest critical point."
                />
                <div class="hessian-readouts">
                    <p>{numeric_hessian}</p>
                    <ul class="eigen-list" data-testid="eigen-list">{eigen_list}</ul>
                    <p data-testid="curvature">{curvature_text}</p>
                    <p class="classification" data-testid="classification" data-kind=class_word aria-live="polite">
                        {classification}
                    </p>
                    {move || (dim() == 3).then(|| view! { <p class="widget-note">"With three variables the map shows the slice at the point's z; the eigenvectors have three components, listed above."</p> })}
                    <p data-testid="convexity">{move || convexity.get()}</p>
                </div>
            </div>
            <h3>"Newton's method, gradient descent and L-BFGS from the point"</h3>
            <div class="hessian-controls">
                <label class="hessian-point">
                    "gradient descent's η = "
                    <input
                        type="number"
                        class="text-input"
                        min="0.0001"
                        max="10"
                        step="any"
                        aria-label="gradient descent's learning rate η"
                        prop:value=move || format_value(eta.get()).replace('−', "-")
                        on:change=move |ev| {
                            if let Ok(v) = event_target_value(&ev).trim().parse::<f64>() {
                                if v.is_finite() && (1e-4..=10.0).contains(&v) {
                                    eta.set(v);
                                }
                            }
                        }
                    />
                </label>
                <button type="button" class="button-secondary" on:click=move |_| {
                    let len = comparison.with_untracked(|c| c.as_ref().map_or(0, |c| c.runs.iter().map(|r| r.1.points.len()).max().unwrap_or(0)));
                    reveal.play(len);
                }>"Replay"</button>
                <EmbedControl widget=WIDGET.info() query=Signal::derive(move || url.embed_query())/>
            </div>
            <ul class="legend-swatches" aria-label="Paths">{legend}</ul>
            <div class="hessian-body">
                <MapCanvas
                    layers=Signal::derive(move || layers.get())
                    overlay=paths_overlay
                    on_pick=on_pick
                    picked=Signal::from(point)
                    label=Signal::derive(|| "Contour map with the paths of gradient descent, Newton's method and L-BFGS from the point".to_string())
                    description=paths_description
                    caption="The three paths start at the point (the ring). Click to move it."
                />
                <ul class="method-results" data-testid="method-results">
                    {move || comparison.with(|c| c.as_ref().map(|c| c.sentences.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()))}
                </ul>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_and_comparison_of_the_default() {
        let r = HessianReport::new(DEFAULT_FUNCTION).unwrap();
        let l = layers_of(&r, 0.0, true);
        let classes = l.classes.as_ref().unwrap();
        assert_eq!(classes.classes.len(), CLASS_N * CLASS_N);
        // H = diag(6x, 2): indefinite left of x = 0, positive definite right of it.
        assert_eq!(classes.classes[0], Some(4));
        assert_eq!(classes.classes[CLASS_N - 1], Some(0));
        let c = compare(&r, &[1.5, 1.0], 0.1);
        assert_eq!(c.runs.len(), 3);
        assert_eq!(c.sentences.len(), 3);
        let three = HessianReport::new("x^2 + y^2 + z^2 + x*z").unwrap();
        let l3 = layers_of(&three, 1.0, true);
        assert!(l3.classes.is_none());
        assert!(l3.grid.values.iter().all(|v| v.is_finite()));
        assert_eq!(full_point(3, (1.0, 2.0), 3.0), vec![1.0, 2.0, 3.0]);
        // From the default point, gradient descent reaches the minimum at (1, 0), while
        // Newton's method is drawn beside the saddle at (−1, 0) and stops, saying why.
        let c = compare(&r, &[-0.8, 2.0], 0.1);
        let end = |k: usize| c.runs[k].1.last_point().unwrap().to_vec();
        assert!(
            (end(0)[0] - 1.0).abs() < 1e-3 && end(0)[1].abs() < 1e-3,
            "{:?}",
            end(0)
        );
        assert!(
            (end(1)[0] + 1.0).abs() < 0.05 && end(1)[1].abs() < 1e-9,
            "{:?}",
            end(1)
        );
        assert!(c.sentences[1].contains("saddle"), "{}", c.sentences[1]);
        assert_eq!(
            matrix_latex(&[vec!["1".into(), "2".into()]]),
            r"\begin{bmatrix} 1 & 2 \end{bmatrix}"
        );
    }
}
