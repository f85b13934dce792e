//! A direction dial at a point: the learner turns a unit vector v and reads the directional
//! derivative D_v f = ∇f · v, which peaks at |∇f| along ∇f and is 0 along the level curve.
//! The numbers come from `DirectionalSlope`, plain logic tested natively.

use leptos::prelude::*;

use super::plot_touch::{PlotTouch, Touch, TouchHint};
use super::url_state::{check_function, query_for, Field, UrlState, Value};
use super::widget::{EmbedControl, EmbedOptions, Widget};
use super::worked_example::FunctionInput;
use super::worked_example::LiveFunction;
use crate::math::Expr;
use crate::tutor::format::format_value;
use crate::tutor::point::DirectionalSlope;

/// The dial's state in the address: function, point and the angle of v in degrees.
pub const FIELDS: [Field; 3] = [
    Field::checked_text("f", "function", "x^2 + y^2", 500, check_function),
    Field::point("p", "point", (2.0, 3.0), -1e6, 1e6),
    Field::number("a", "angle of v", 45.0, -360.0, 720.0),
];

/// The dial's angle alone, for a page whose function and point belong to another widget
/// (lesson 11 binds it with the prefix `dial-`, as `?dial-a=120`).
pub const ANGLE_FIELDS: [Field; 1] = [FIELDS[2]];

/// The angle of v in radians, kept in the address as whole hundredths of a degree under
/// `{prefix}a` (a value the address cannot hold falls back to 45° with the page's note).
pub fn use_dial_angle(prefix: &str) -> RwSignal<f64> {
    let url = UrlState::bind(&ANGLE_FIELDS, prefix);
    bind_angle(url.number("a"))
}

/// An angle signal in radians that starts from, and is written back to, `degrees_in_url`.
fn bind_angle(degrees_in_url: RwSignal<f64>) -> RwSignal<f64> {
    let angle = RwSignal::new(degrees_in_url.get_untracked().to_radians());
    Effect::new(move |_| {
        let d = (degrees(angle.get()) * 100.0).round() / 100.0;
        // 359.999° rounds to 360: the same direction as 0.
        degrees_in_url.set(if d >= 360.0 { 0.0 } else { d });
    });
    angle
}

/// The dial in the widget registry (`/embed/dial`).
pub const WIDGET: Widget = Widget {
    name: "dial",
    title: "Direction dial",
    summary: "Turn a unit vector v at a point and read the slope D_v f = ∇f · v.",
    fields: &FIELDS,
    example: "v=1&f=x*y^2&p=-1,0.5&a=120",
    embed: embed_view,
    height: 650,
};

/// `/embed/dial`: the function, the point and the dial, all from the address.
fn embed_view(options: EmbedOptions) -> AnyView {
    let url = UrlState::bind(&FIELDS, "");
    let text = url.text("f");
    let function = LiveFunction::new(&text.get_untracked());
    // Only functions that parse go to the address.
    Effect::new(move |_| {
        if function.error.with(Option::is_none) {
            let t = function.text.get();
            text.set(t);
        }
    });
    let point = url.point("p");
    let angle = bind_angle(url.number("a"));
    let coordinate = move |i: usize, label: &'static str| {
        view! {
            <label class="dial-coordinate">
                {label}
                " = "
                <input
                    type="number"
                    step="0.5"
                    class="text-input"
                    prop:value=move || {
                        let p = point.get();
                        format_value(if i == 0 { p.0 } else { p.1 })
                    }
                    on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).trim().parse::<f64>() {
                            if v.is_finite() && v.abs() <= 1e6 {
                                point.update(|p| if i == 0 { p.0 = v } else { p.1 = v });
                            }
                        }
                    }
                />
            </label>
        }
    };
    view! {
        <div class="dial-embed">
            {(!options.hide_editor)
                .then(|| {
                    view! {
                        <FunctionInput id="dial-f" label="f(x, y) = " text=function.text error=function.error locked=options.lock_function/>
                    }
                })}
            <p class="dial-point">"At the point " {coordinate(0, "x")} " " {coordinate(1, "y")}</p>
            <DirectionDial function=function.expr point=point angle=angle/>
        </div>
    }
    .into_any()
}

/// How close (degrees) a dragged v must come to ∇f, −∇f or a level-curve direction to
/// land on it exactly, so that a drag can reach D_v f = |∇f| or 0 and not only nearly.
pub const SNAP_DEGREES: f64 = 3.0;

/// The angle of v (radians) for a pointer at `(dx, dy)` CSS pixels from the dial's centre
/// (y down, as on screen) on a dial of radius `radius` px: the direction of the pointer,
/// snapped to ∇f, −∇f or along the level curve when within [`SNAP_DEGREES`] of one
/// (`gradient_angle` is ∇f's angle, `None` where ∇f is zero or undefined). `None` for a
/// pointer so near the centre that its direction means nothing (under a tenth of the radius).
pub fn dial_angle(dx: f64, dy: f64, radius: f64, gradient_angle: Option<f64>) -> Option<f64> {
    if !(dx.is_finite() && dy.is_finite() && radius > 0.0) || dx.hypot(dy) < 0.1 * radius {
        return None;
    }
    let theta = (-dy).atan2(dx);
    let Some(g) = gradient_angle else {
        return Some(theta);
    };
    let quarter = std::f64::consts::FRAC_PI_2;
    // The nearest of g, g + 90°, g + 180°, g + 270°.
    let k = ((theta - g) / quarter).round();
    let special = g + k * quarter;
    let off = (theta - special).to_degrees().abs();
    Some(if off <= SNAP_DEGREES { special } else { theta })
}

/// Numbers the dials on a page, for their SVG marker ids.
static NEXT_DIAL: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Angle in degrees in [0, 360).
fn degrees(theta: f64) -> f64 {
    theta.to_degrees().rem_euclid(360.0)
}

/// The dial's text for screen readers, from the same angle and gradient the picture
/// draws: where v and ∇f point and the angle between them, or, where ∇f = 0, that every
/// direction has slope 0 and none is steepest, or that ∇f is undefined at the point.
pub fn dial_description(angle: f64, slope: Option<DirectionalSlope>) -> String {
    let v = format!("Direction dial: v points at {:.0}°.", degrees(angle));
    let Some(s) = slope else {
        return format!("{v} The function has an error, so there is no gradient to compare.");
    };
    if !(s.fx.is_finite() && s.fy.is_finite()) {
        return format!(
            "{v} ∇f is undefined at this point (f is undefined there, or not \
             differentiable: a corner or a jump), so D_v f = ∇f · v cannot be used here."
        );
    }
    match s.gradient_angle() {
        None => format!(
            "{v} The gradient is zero at this point, so the slope is 0 in every direction \
             and no direction is steepest."
        ),
        Some(g) => {
            let between = (s.along(angle) / s.norm())
                .clamp(-1.0, 1.0)
                .acos()
                .to_degrees();
            format!(
                "{v} ∇f points at {:.0}°, {:.0}° away from v. The slope along v is D_v f = {};                  the largest, along ∇f, is |∇f| = {}.",
                degrees(g),
                between,
                format_value(s.along(angle)),
                format_value(s.norm())
            )
        }
    }
}

/// The dial: an SVG with v and ∇f, a slider for the angle, buttons that point v along ∇f
/// or along the level curve, and the readout of D_v f.
#[component]
pub fn DirectionDial(
    /// The function of x and y.
    #[prop(into)]
    function: Signal<Option<Expr>>,
    /// The point where the slope is taken.
    #[prop(into)]
    point: Signal<(f64, f64)>,
    /// The direction's angle in radians (0 = +x, counter-clockwise).
    angle: RwSignal<f64>,
) -> impl IntoView {
    let embed_query = Signal::derive(move || {
        let f = function.with(|f| f.as_ref().map(|f| f.to_string()));
        let p = point.get();
        let values = vec![
            Value::Text(f.unwrap_or_else(|| "x^2 + y^2".into())),
            Value::Point(p.0, p.1),
            Value::Number((degrees(angle.get()) * 100.0).round() / 100.0),
        ];
        query_for(&FIELDS, &values, &[])
    });
    let slope = Memo::new(move |_| {
        function.with(|f| f.as_ref().map(|f| DirectionalSlope::at(f, point.get())))
    });
    // Why there is no ∇f to take D_v f with, in words, where there is none.
    let no_gradient_reason = Memo::new(move |_| {
        let s = slope.get()?;
        if s.fx.is_finite() && s.fy.is_finite() {
            return None;
        }
        let p = point.get();
        let defined = function.with(|f| {
            f.as_ref()
                .and_then(|f| f.eval(&[("x", p.0), ("y", p.1)]).ok())
                .is_some_and(f64::is_finite)
        });
        Some(if defined {
            "f is not differentiable at this point: along x or y it has a corner or a jump, \
             so ∇f does not exist here and the slope along v cannot be found as ∇f · v."
        } else {
            "f is undefined at this point, so ∇f and the slope along v are undefined too."
        })
    });
    // Rounding leaves ~1e-16 along the level curve; show it as the 0 it is.
    let value = move || {
        slope.get().map(|s| {
            let v = s.along(angle.get());
            if v.abs() < 1e-9 * s.norm().max(1.0) {
                0.0
            } else {
                v
            }
        })
    };
    let r = 80.0;
    let v_end = move || {
        let t = angle.get();
        (100.0 + r * t.cos(), 100.0 - r * t.sin())
    };
    let g_end = move || {
        slope
            .get()
            .and_then(|s| s.gradient_angle())
            .map(|t| (100.0 + r * t.cos(), 100.0 - r * t.sin()))
    };
    let set_degrees = move |d: f64| angle.set(d.to_radians());
    // Dragging v round the dial: with a mouse or a pen at once; with a finger after a tap
    // wakes the dial, so that a swipe over it still scrolls the page (see `PlotTouch`).
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let touch = PlotTouch::on(svg_ref);
    let dragging = StoredValue::new(None::<i32>);
    let point_v_at = move |ev: &web_sys::PointerEvent| {
        let Some(svg) = svg_ref.get_untracked() else {
            return;
        };
        let r = svg.get_bounding_client_rect();
        let (cx, cy) = (r.left() + r.width() / 2.0, r.top() + r.height() / 2.0);
        // The ring's radius is 80 of the picture's 200 units.
        let radius = 0.4 * r.width();
        let g = slope.get_untracked().and_then(|s| s.gradient_angle());
        if let Some(t) = dial_angle(
            ev.client_x() as f64 - cx,
            ev.client_y() as f64 - cy,
            radius,
            g,
        ) {
            angle.set(t);
        }
    };
    let on_down = move |ev: web_sys::PointerEvent| {
        if ev.pointer_type() == "mouse" && ev.button() != 0 {
            return;
        }
        if touch.down(&ev) == Touch::Ignore {
            return;
        }
        ev.prevent_default();
        if let Some(svg) = svg_ref.get_untracked() {
            let _ = svg.set_pointer_capture(ev.pointer_id());
        }
        dragging.set_value(Some(ev.pointer_id()));
        point_v_at(&ev);
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        if touch.moved(&ev) == Touch::Ignore {
            return;
        }
        if dragging.get_value() == Some(ev.pointer_id()) {
            point_v_at(&ev);
        }
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        // The tap that wakes the dial also points v where it landed.
        if touch.up(&ev) == Touch::Tap {
            point_v_at(&ev);
        }
        dragging.set_value(None);
    };
    // Where ∇f is zero or undefined it has no direction to point v along.
    let no_direction = move || slope.get().and_then(|s| s.gradient_angle()).is_none();
    // Marker ids unique on the page (a page may show the dial twice: lesson and embed).
    let n = NEXT_DIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let (head_v, head_g) = (format!("dial-head-v-{n}"), format!("dial-head-g-{n}"));
    view! {
        <div class="direction-dial">
            <svg
                node_ref=svg_ref
                viewBox="0 0 200 200"
                class="dial touch-scroll"
                class:touch-awake=move || touch.awake()
                role="img"
                aria-label=move || dial_description(angle.get(), slope.get())
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointercancel=on_up
            >
                <defs>
                    <marker id=head_v.clone() viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="dial-head-v"></path>
                    </marker>
                    <marker id=head_g.clone() viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                        <path d="M 0 0 L 10 5 L 0 10 z" class="dial-head-gradient"></path>
                    </marker>
                </defs>
                <circle cx="100" cy="100" r="80" class="dial-ring"></circle>
                {move || {
                    g_end()
                        .map(|(x, y)| {
                            view! {
                                <line x1="100" y1="100" x2=x y2=y class="dial-gradient" marker-end=format!("url(#{head_g})")></line>
                            }
                        })
                }}
                <line
                    x1="100"
                    y1="100"
                    x2=move || v_end().0
                    y2=move || v_end().1
                    class="dial-v"
                    marker-end=format!("url(#{head_v})")
                ></line>
                <circle cx="100" cy="100" r="3" class="dial-centre"></circle>
                // The handle at v's tip: where a learner expects to grab it.
                <circle cx=move || v_end().0 cy=move || v_end().1 r="9" class="dial-handle"></circle>
            </svg>
            <TouchHint touch=touch name="dial" does="drag v round the dial"/>
            <p class="dial-legend" aria-hidden="true">
                <span class="dial-key-v">"━ v"</span>
                " (solid, length 1) and "
                <span class="dial-key-gradient">"╍ ∇f"</span>
                " (dashed, direction only), the same colours as on the map."
            </p>
            <div class="dial-controls">
                <label class="slider">
                    "angle of v: "
                    <input
                        type="range"
                        min="0"
                        max="360"
                        step="1"
                        aria-label="angle of v in degrees"
                        prop:value=move || format!("{:.0}", degrees(angle.get()))
                        on:input=move |ev| {
                            if let Ok(d) = event_target_value(&ev).parse::<f64>() {
                                set_degrees(d);
                            }
                        }
                    />
                    <span class="readout">{move || format!("{:.0}°", degrees(angle.get()))}</span>
                </label>
                <p class="readout">
                    {move || {
                        let t = angle.get();
                        format!("v = [{}, {}]", format_value(t.cos()), format_value(t.sin()))
                    }}
                </p>
                <p class="readout dial-value" data-testid="directional-value">
                    "D"<sub>"v"</sub>"f = ∇f · v = "
                    <strong>{move || value().map(format_value).unwrap_or_default()}</strong>
                </p>
                <p class="readout" data-testid="gradient-norm">
                    "|∇f| = "{move || slope.get().map(|s| format_value(s.norm())).unwrap_or_default()}
                </p>
                {move || no_gradient_reason.get().map(|why| view! { <p class="dial-why" role="note" data-testid="dial-why">{why}</p> })}
                <div class="try-actions">
                    <button
                        type="button"
                        class="button-secondary"
                        disabled=no_direction
                        on:click=move |_| {
                            if let Some(t) = slope.get_untracked().and_then(|s| s.gradient_angle()) {
                                angle.set(t);
                            }
                        }
                    >
                        "Point v along ∇f"
                    </button>
                    <button
                        type="button"
                        class="button-secondary"
                        disabled=no_direction
                        on:click=move |_| {
                            if let Some(t) = slope.get_untracked().and_then(|s| s.gradient_angle()) {
                                angle.set(t + std::f64::consts::FRAC_PI_2);
                            }
                        }
                    >
                        "Along the level curve"
                    </button>
                </div>
                <EmbedControl widget=WIDGET.info() query=embed_query/>
            </div>
        </div>
    }
}

/// The slope ∇f · t for unit directions t every 30°, the largest marked, beside |∇f|: the
/// evidence that the gradient's length is the greatest rate of change. (Lesson 5 shows it,
/// before lesson 11 names the slope D_v f, so the table does not use that name.)
#[component]
pub fn SteepestTable(
    /// The function of x and y.
    #[prop(into)]
    function: Signal<Option<Expr>>,
    /// The point.
    #[prop(into)]
    point: Signal<(f64, f64)>,
) -> impl IntoView {
    let slope = Memo::new(move |_| {
        function.with(|f| f.as_ref().map(|f| DirectionalSlope::at(f, point.get())))
    });
    view! {
        {move || {
            slope
                .get()
                .map(|s| {
                    let rows: Vec<(f64, f64)> = (0..12)
                        .map(|k| {
                            let t = (k as f64 * 30.0).to_radians();
                            (k as f64 * 30.0, s.along(t))
                        })
                        .collect();
                    let best = rows
                        .iter()
                        .map(|r| r.1)
                        .fold(f64::NEG_INFINITY, f64::max);
                    let along = s.gradient_angle().map(|t| s.along(t));
                    view! {
                        <table class="steepest">
                            <caption>"Slope of f at the point in 12 directions"</caption>
                            <thead><tr><th scope="col">"direction t"</th><th scope="col">"slope ∇f · t"</th></tr></thead>
                            <tbody>
                                {rows
                                    .into_iter()
                                    .map(|(d, v)| {
                                        view! {
                                            <tr class:best=v == best>
                                                <td>{format!("{d:.0}°")}</td>
                                                <td class="readout">{format_value(v)}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                        <p class="readout" data-testid="steepest-summary">
                            {format!(
                                "Largest of these: {}. Along ∇f itself: {}. |∇f| = {}.",
                                format_value(best),
                                along.map(format_value).unwrap_or_else(|| "∇f = 0 here".into()),
                                format_value(s.norm())
                            )}
                        </p>
                    }
                        .into_any()
                })
                .unwrap_or_else(|| ().into_any())
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::parse;

    #[test]
    fn the_curriculum_example_gives_ten_over_root_two() {
        let f = parse("x^2 + y^2").expect("parses");
        let s = DirectionalSlope::at(&f, (2.0, 3.0));
        assert!((s.fx - 4.0).abs() < 1e-12 && (s.fy - 6.0).abs() < 1e-12);
        let d = s.along(std::f64::consts::FRAC_PI_4);
        assert!((d - 10.0 / 2f64.sqrt()).abs() < 1e-12);
        assert!((d - 7.07).abs() < 0.01);
    }

    #[test]
    fn the_dial_says_when_the_gradient_is_zero_or_undefined() {
        let at = |f: &str, p| Some(DirectionalSlope::at(&parse(f).expect("parses"), p));
        let zero = dial_description(0.3, at("x^2 + y^2", (0.0, 0.0)));
        assert!(
            zero.contains("gradient is zero")
                && zero.contains("0 in every direction")
                && zero.contains("no direction is steepest"),
            "{zero}"
        );
        assert!(
            !zero.contains("NaN") && !zero.contains("away from v"),
            "{zero}"
        );
        // |x| + |y| at (0, 0): the formulas give ∇f = [0, 0], but f has a corner there, so
        // the dial must not claim that every direction is flat (every slope there is > 0).
        let corner = dial_description(0.3, at("abs(x) + abs(y)", (0.0, 0.0)));
        assert!(
            corner.contains("∇f is undefined") && corner.contains("corner"),
            "{corner}"
        );
        assert!(!corner.contains("every direction"), "{corner}");
        let undefined = dial_description(0.3, at("ln(x) + y", (-1.0, 0.0)));
        assert!(undefined.contains("undefined"), "{undefined}");
        assert!(!undefined.contains("NaN"), "{undefined}");
        // ∇f = [4, 6] at (2, 3): 56° against v at 45°, 11° apart, D_v f = 10/√2.
        let usual = dial_description(std::f64::consts::FRAC_PI_4, at("x^2 + y^2", (2.0, 3.0)));
        assert!(usual.contains("v points at 45°"), "{usual}");
        assert!(
            usual.contains("∇f points at 56°, 11° away from v"),
            "{usual}"
        );
        assert!(usual.contains("D_v f = 7.071"), "{usual}");
        assert!(dial_description(0.0, None).contains("error"));
    }

    #[test]
    fn a_drag_points_v_at_the_pointer_and_lands_exactly_on_the_gradient_or_level_curve() {
        let deg = |t: Option<f64>| t.map(|t| (degrees(t) * 1e9).round() / 1e9);
        // Screen y points down: a pointer above the centre is 90°, to the left 180°.
        assert_eq!(deg(dial_angle(50.0, 0.0, 80.0, None)), Some(0.0));
        assert_eq!(deg(dial_angle(0.0, -50.0, 80.0, None)), Some(90.0));
        assert_eq!(deg(dial_angle(-50.0, 0.0, 80.0, None)), Some(180.0));
        assert_eq!(deg(dial_angle(30.0, 30.0, 80.0, None)), Some(315.0));
        // At the centre the pointer gives no direction; nor does a broken measurement.
        assert_eq!(dial_angle(2.0, 3.0, 80.0, None), None);
        assert_eq!(dial_angle(f64::NAN, 3.0, 80.0, None), None);
        assert_eq!(dial_angle(20.0, 3.0, 0.0, None), None);
        // ∇f = [4, 6] at 56.3°: 2° off snaps onto it (D_v f = |∇f| exactly), and 2° off
        // the level curve snaps onto it (D_v f = 0); 5° off stays where the pointer is.
        let f = parse("x^2 + y^2").expect("parses");
        let s = DirectionalSlope::at(&f, (2.0, 3.0));
        let g = s.gradient_angle();
        let at = |d: f64| {
            let t = d.to_radians();
            dial_angle(60.0 * t.cos(), -60.0 * t.sin(), 80.0, g).expect("a direction")
        };
        let gd = g.expect("non-zero gradient").to_degrees();
        assert!((at(gd + 2.0).to_degrees() - gd).abs() < 1e-9);
        assert!((s.along(at(gd - 2.0)) - s.norm()).abs() < 1e-12);
        assert!(s.along(at(gd + 92.0)).abs() < 1e-12);
        assert!(s.along(at(gd - 88.0)).abs() < 1e-12);
        assert!((s.along(at(gd + 178.0)) + s.norm()).abs() < 1e-12);
        assert!((at(gd + 5.0).to_degrees() - (gd + 5.0)).abs() < 1e-9);
        assert!(s.along(at(gd + 5.0)) < s.norm());
    }

    #[test]
    fn the_slope_peaks_at_the_gradient_norm_and_vanishes_along_the_level_curve() {
        let f = parse("x^2 + 3*x*y + y^2").expect("parses");
        let s = DirectionalSlope::at(&f, (1.0, -0.5));
        let g = s.gradient_angle().expect("non-zero gradient");
        assert!((s.along(g) - s.norm()).abs() < 1e-12);
        assert!(s.along(g + std::f64::consts::FRAC_PI_2).abs() < 1e-12);
        for k in 0..360 {
            assert!(s.along((k as f64).to_radians()) <= s.norm() + 1e-12);
        }
    }
}
