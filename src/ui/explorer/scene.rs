//! The contour map's vector layers, drawn with plotters onto any backend (the canvas in the
//! browser, SVG in native tests): axes with ticks, contours, the gradient field, the level
//! curve through the selected point with its tangent, the gradient arrow there, and an
//! optional path. The heatmap under them is a pixel buffer (see `canvas_draw`).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::sampled::{Sampled, FIELD_N};
use super::window::PlotWindow;
use crate::plot::{
    draw_arrow_field, draw_contours, draw_fitted_arrow, draw_level_curve, draw_path, fitted_arrow,
    level_curve_through, nice_step, nice_ticks, tick_labels, ContourStyle, FieldStyle, FittedArrow,
    PathStyle, PlotResult, Theme, View,
};
use crate::tutor::analysis::PointValues;
use crate::tutor::disclosure::ExplorerParts;
use crate::tutor::format::format_value;

/// What to draw besides the sampled function.
#[derive(Clone, Copy, Debug)]
pub struct Scene<'a> {
    /// The selected point and the values there.
    pub point: Option<PointValues>,
    /// Colours.
    pub theme: Theme,
    /// Draw the 15 × 15 gradient field.
    pub arrows: bool,
    /// A path to draw (e.g. gradient descent); empty for none.
    pub path: &'a [(f64, f64)],
    /// Device pixels per CSS pixel (line widths and fonts scale with it).
    pub dpr: f64,
    /// The parts the page shows: the gradient arrow and the level curve's tangent are drawn
    /// only when it has defined them.
    pub parts: ExplorerParts,
    /// A direction v to draw at the point as a unit vector, by its angle in radians
    /// (lesson 11's dial); `None` for none.
    pub direction: Option<f64>,
}

/// The arrows at the selected point as drawn: ∇f, and the direction v when the page shows
/// one. Each is fitted to the plot area (see `plot::fitted_arrow`), so the caption can say
/// when one is not drawn to scale.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct PointArrows {
    /// The gradient arrow, if drawn.
    pub gradient: Option<FittedArrow>,
    /// The direction v, if drawn.
    pub direction: Option<FittedArrow>,
}

/// The arrows `scene` draws at its point on `view`. None where f or ∇f is not finite.
pub fn point_arrows(view: &View, scene: &Scene) -> PointArrows {
    let Some(v) = scene.point else {
        return PointArrows::default();
    };
    let Some(g) = v.gradient().filter(|_| v.f.is_finite()) else {
        return PointArrows::default();
    };
    let k = scene.dpr.clamp(0.5, 4.0);
    let range = (16.0 * k, 0.25 * view.width.min(view.height));
    let inset = 4.0 * k;
    let p = (v.x, v.y);
    PointArrows {
        gradient: scene
            .parts
            .gradient
            .then(|| fitted_arrow(view, p, g, range, inset))
            .flatten(),
        direction: scene
            .direction
            .filter(|t| t.is_finite())
            .and_then(|t| fitted_arrow(view, p, (t.cos(), t.sin()), range, inset)),
    }
}

/// What the arrows at the point are, for the caption and for screen readers, from the same
/// fitted arrows the map draws: which colour is which, whether each is drawn to the map's
/// scale, and the angle between v and ∇f. Empty when the page shows no gradient.
pub fn arrow_note(
    arrows: &PointArrows,
    values: &PointValues,
    direction: Option<f64>,
    parts: ExplorerParts,
) -> String {
    if !parts.gradient {
        return String::new();
    }
    let defined = values.f.is_finite() && values.gradient().is_some();
    if !defined {
        return "No arrows at this point: f or ∇f is undefined here.".to_string();
    }
    let norm = values.norm();
    let scaled = |f: &FittedArrow, length: &str| {
        if !f.is_scaled() {
            ", drawn to the map's scale".to_string()
        } else if f.scale < 1.0 {
            format!(", drawn shorter than its length {length} so that it fits on the map")
        } else {
            format!(", drawn longer than its length {length} so that it can be seen")
        }
    };
    let mut out = Vec::new();
    let red = if direction.is_some() {
        "The red arrow is ∇f"
    } else {
        "The arrow is ∇f"
    };
    match &arrows.gradient {
        _ if norm == 0.0 => out.push("∇f = 0 here, so there is no ∇f arrow.".to_string()),
        Some(g) => out.push(format!(
            "{red}{}.",
            scaled(g, &format!("|∇f| = {}", values.norm_text()))
        )),
        None => out.push("The ∇f arrow has no room on the map at this point.".to_string()),
    }
    if let Some(t) = direction.filter(|t| t.is_finite()) {
        let degrees = format_value(t.to_degrees().rem_euclid(360.0).round());
        let apart = if norm > 0.0 {
            let cos = (values.fx * t.cos() + values.fy * t.sin()) / norm;
            format!(
                ", {}° from ∇f",
                format_value(cos.clamp(-1.0, 1.0).acos().to_degrees().round())
            )
        } else {
            String::new()
        };
        match &arrows.direction {
            Some(v) => out.push(format!(
                "The blue arrow is the direction v at {degrees}°{apart}{}.",
                scaled(v, "1")
            )),
            None => out.push(format!(
                "The direction v ({degrees}°) has no room on the map at this point."
            )),
        }
    }
    out.join(" ")
}

/// Margins (CSS pixels) around the plot area: left, top, right, bottom.
const MARGINS: (f64, f64, f64, f64) = (34.0, 6.0, 8.0, 22.0);

/// The plot area of a `width × height` canvas (device pixels) showing `window`, with equal
/// pixel scales along x and y: the area inside the margins is narrowed (or shortened) and
/// centred to the window's shape, so a right angle in the plane is a right angle on screen
/// (the gradient meets its level curve square, and a circle is round).
pub fn plot_view(width: f64, height: f64, dpr: f64, window: &PlotWindow) -> View {
    let (l, t, r, b) = MARGINS;
    let k = if dpr.is_finite() && dpr > 0.0 {
        dpr
    } else {
        1.0
    };
    let (mut left, mut top) = ((l * k).round(), (t * k).round());
    let mut w = (width - (l + r) * k).round().max(0.0);
    let mut h = (height - (t + b) * k).round().max(0.0);
    let aspect = (window.x.1 - window.x.0).abs() / (window.y.1 - window.y.0).abs();
    if aspect.is_finite() && aspect > 0.0 && w > 0.0 && h > 0.0 {
        if w > h * aspect {
            let fit = (h * aspect).round();
            left += ((w - fit) / 2.0).round();
            w = fit;
        } else {
            let fit = (w / aspect).round();
            top += ((h - fit) / 2.0).round();
            h = fit;
        }
    }
    View::with_area(left, top, w, h, window.x, window.y)
}

fn px(k: f64, v: f64) -> u32 {
    (v * k).round().max(1.0) as u32
}

/// Draws the axes and every vector layer over the heatmap.
pub fn draw_overlays<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    view: &View,
    sampled: &Sampled,
    scene: &Scene,
) -> PlotResult<DB> {
    draw_base_layers(area, view, sampled, scene)?;
    draw_point_layers(area, view, sampled, scene)
}

/// The layers that depend only on the function, the window, the theme and the field
/// switch: axes, contours and the gradient field. The page caches them in an offscreen
/// canvas, so moving the point does not redraw them.
pub fn draw_base_layers<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    view: &View,
    sampled: &Sampled,
    scene: &Scene,
) -> PlotResult<DB> {
    if !view.is_drawable() {
        return Ok(());
    }
    let k = scene.dpr.clamp(0.5, 4.0);
    let theme = &scene.theme;
    draw_axes(area, view, theme, k)?;
    let contour_style = ContourStyle {
        width: px(k, 1.0),
        font_px: px(k, 10.0),
        ..ContourStyle::default()
    };
    draw_contours(area, view, &sampled.contours, theme, &contour_style)?;
    if scene.arrows {
        let field_style = FieldStyle {
            width: px(k, 1.0),
            head_px: 5.0 * k,
            opacity: 0.7,
            ..FieldStyle::default()
        };
        let samples = sampled.field_samples(FIELD_N);
        draw_arrow_field(area, view, &samples, FIELD_N, theme, &field_style)?;
    }
    Ok(())
}

/// The layers that follow the selected point: the descent path from it, its level curve
/// with the tangent, and the gradient arrow.
pub fn draw_point_layers<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    view: &View,
    sampled: &Sampled,
    scene: &Scene,
) -> PlotResult<DB> {
    if !view.is_drawable() {
        return Ok(());
    }
    let k = scene.dpr.clamp(0.5, 4.0);
    let theme = &scene.theme;
    if !scene.path.is_empty() {
        let style = PathStyle {
            width: px(k, 2.0),
            marker_radius: px(k, 2.0),
            end_radius: px(k, 5.0),
            ..PathStyle::default()
        };
        draw_path(area, view, scene.path, None, theme, &style)?;
    }
    if let Some(v) = scene.point {
        let p = (v.x, v.y);
        let curve = level_curve_through(&sampled.coarse, p, v.f);
        let tangent = v.gradient().filter(|_| scene.parts.level_tangent);
        draw_level_curve(area, view, &curve, p, tangent, theme, k)?;
        let arrows = point_arrows(view, scene);
        let labelled = scene.direction.is_some();
        let drawn = [
            (arrows.direction, theme.slice_x, "v"),
            (arrows.gradient, theme.accent, "∇f"),
        ];
        for (fitted, color, name) in drawn {
            let Some(fitted) = fitted else { continue };
            draw_fitted_arrow(
                area,
                view,
                &fitted,
                color,
                Some(theme.background),
                px(k, 3.0),
                12.0 * k,
            )?;
            // With two arrows at the point, each is named at its tip.
            if labelled {
                draw_arrow_label(area, view, &fitted, name, color, theme, k)?;
            }
        }
    }
    Ok(())
}

/// `name` just beyond the tip of `fitted`, on a backing so it reads over the heatmap, and
/// kept inside the plot area.
fn draw_arrow_label<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    view: &View,
    fitted: &FittedArrow,
    name: &str,
    color: RGBColor,
    theme: &Theme,
    k: f64,
) -> PlotResult<DB> {
    let Some((ux, uy)) = fitted.arrow.direction() else {
        return Ok(());
    };
    let font_px = 13.0 * k;
    let half_w = 0.45 * font_px * name.chars().count() as f64 + 2.0 * k;
    let half_h = 0.65 * font_px;
    let reach = 10.0 * k + half_w.max(half_h);
    let (cx, cy) = (
        (fitted.arrow.tip.0 + ux * reach).clamp(
            view.left + half_w,
            (view.left + view.width - half_w).max(view.left + half_w),
        ),
        (fitted.arrow.tip.1 + uy * reach).clamp(
            view.top + half_h,
            (view.top + view.height - half_h).max(view.top + half_h),
        ),
    );
    let r = |x: f64| x.round() as i32;
    area.draw(&Rectangle::new(
        [
            (r(cx - half_w), r(cy - half_h)),
            (r(cx + half_w), r(cy + half_h)),
        ],
        theme.background.mix(0.85).filled(),
    ))?;
    let font = ("sans-serif", font_px)
        .into_font()
        .style(FontStyle::Bold)
        .color(&color);
    area.draw(&Text::new(
        name.to_string(),
        (r(cx), r(cy)),
        font.pos(Pos::new(HPos::Center, VPos::Center)),
    ))?;
    Ok(())
}

/// The frame, ticks and tick labels of a contour map around `view`'s plot area.
pub fn draw_axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    view: &View,
    theme: &Theme,
    k: f64,
) -> PlotResult<DB> {
    let (l, t) = (view.left as i32, view.top as i32);
    let (r, b) = (
        (view.left + view.width) as i32,
        (view.top + view.height) as i32,
    );
    area.draw(&Rectangle::new(
        [(l, t), (r, b)],
        theme.foreground.mix(0.6).stroke_width(1),
    ))?;
    let frame = (l, t, r, b);
    draw_axis(area, view, frame, Edge::Bottom, theme, k)?;
    draw_axis(area, view, frame, Edge::Left, theme, k)
}

/// The edge of the plot area an axis runs along.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Edge {
    /// The x axis, labels below.
    Bottom,
    /// The y axis, labels to the left.
    Left,
}

/// One axis's ticks and labels outside the plot's pixel frame `(left, top, right, bottom)`,
/// and, when an offset or a power of ten was taken out of the
/// labels, a note saying so inside the plot's corner (x bottom right, y top left) on a
/// backing so it reads over the heatmap.
fn draw_axis<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    view: &View,
    (l, t, r, b): (i32, i32, i32, i32),
    edge: Edge,
    theme: &Theme,
    k: f64,
) -> PlotResult<DB> {
    let fg = theme.foreground;
    let font_px = 11.0 * k;
    let tick = (4.0 * k) as i32;
    let font = ("sans-serif", font_px).into_font().color(&fg);
    let (range, name, label_pos) = match edge {
        Edge::Bottom => (view.x, "x", Pos::new(HPos::Center, VPos::Top)),
        Edge::Left => (view.y, "y", Pos::new(HPos::Right, VPos::Center)),
    };
    let ticks = nice_ticks(range.0, range.1, 6);
    let labels = tick_labels(
        &ticks,
        nice_step((range.1 - range.0).abs(), 6).unwrap_or(1.0),
    );
    for (&v, label) in ticks.iter().zip(&labels.labels) {
        let (mark, at) = match edge {
            Edge::Bottom => {
                let sx = view.to_pixel((v, 0.0)).0.round() as i32;
                ([(sx, b), (sx, b + tick)], (sx, b + tick + 1))
            }
            Edge::Left => {
                let sy = view.to_pixel((0.0, v)).1.round() as i32;
                ([(l - tick, sy), (l, sy)], (l - tick - 2, sy))
            }
        };
        area.draw(&PathElement::new(mark.to_vec(), fg.stroke_width(1)))?;
        area.draw(&Text::new(label.clone(), at, font.clone().pos(label_pos)))?;
    }
    let note = labels.note(name);
    if note.is_empty() {
        return Ok(());
    }
    let pad = (3.0 * k) as i32;
    let w = (note.chars().count() as f64 * 0.62 * font_px) as i32;
    let hgt = (1.2 * font_px) as i32;
    let (at, corner, pos) = match edge {
        Edge::Bottom => (
            (r - pad, b - pad),
            (r - pad - w, b - pad - hgt),
            Pos::new(HPos::Right, VPos::Bottom),
        ),
        Edge::Left => (
            (l + pad, t + pad),
            (l + pad, t + pad),
            Pos::new(HPos::Left, VPos::Top),
        ),
    };
    let (x0, y0) = corner;
    area.draw(&Rectangle::new(
        [(x0 - pad, y0 - pad / 2), (x0 + w + pad, y0 + hgt + pad / 2)],
        theme.background.mix(0.85).filled(),
    ))?;
    area.draw(&Text::new(note, at, font.pos(pos)))?;
    Ok(())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::tutor::analysis::Analysis;
    use crate::tutor::descent::descent_path;

    fn svg(scene: &Scene, sampled: &Sampled) -> String {
        let mut out = String::new();
        {
            let backend = SVGBackend::with_string(&mut out, (300, 300));
            let area = backend.into_drawing_area();
            let view = plot_view(300.0, 300.0, 1.0, &sampled.window);
            draw_overlays(&area, &view, sampled, scene).expect("draws");
            area.present().expect("presents");
        }
        out
    }

    #[test]
    fn layers_are_drawn_and_toggles_matter() {
        let a = Analysis::new("x^2 + 3*x*y + y^2").expect("parses");
        let w = PlotWindow::default();
        let s = Sampled::new(&a, &w, 64);
        let path = descent_path(&a, (2.0, 2.0), 20, 0.05);
        let mut scene = Scene {
            point: Some(a.values_at((1.0, 0.5))),
            theme: Theme::light(),
            arrows: false,
            path: &[],
            dpr: 1.0,
            parts: ExplorerParts::ALL,
            direction: None,
        };
        let plain = svg(&scene, &s);
        scene.arrows = true;
        let arrows = svg(&scene, &s);
        scene.path = &path;
        let with_path = svg(&scene, &s);
        let count = |s: &str| s.matches("<polyline").count() + s.matches("<polygon").count();
        assert!(count(&plain) > 10, "contours and axes drawn");
        assert!(
            count(&arrows) > count(&plain) + 100,
            "225 arrows add shafts and heads"
        );
        assert!(count(&with_path) > count(&arrows));
        // Tick labels along both axes.
        let texts: Vec<String> = plain
            .split("<text")
            .skip(1)
            .filter_map(|t| t.split_once('>').map(|(_, rest)| rest))
            .map(|t| t.split("</text>").next().unwrap_or("").trim().to_string())
            .collect();
        assert!(texts.iter().any(|t| t == "2"), "{texts:?}");
        assert!(texts.iter().any(|t| t == "-2" || t == "−2"), "{texts:?}");
    }

    /// The note for `f` at `p` on a 300 × 300 map of [-4, 4]², with v at `angle`.
    fn note_for(f: &str, p: (f64, f64), angle: Option<f64>) -> String {
        let a = Analysis::new(f).expect("parses");
        let window = PlotWindow {
            x: (-4.0, 4.0),
            y: (-4.0, 4.0),
        };
        let view = plot_view(300.0, 300.0, 1.0, &window);
        let values = a.values_at(p);
        let scene = Scene {
            point: Some(values),
            theme: Theme::light(),
            arrows: false,
            path: &[],
            dpr: 1.0,
            parts: ExplorerParts::up_to_lesson(11),
            direction: angle,
        };
        let arrows = point_arrows(&view, &scene);
        if let Some(g) = arrows.gradient {
            let r = view.pixel_rect();
            assert!(
                r.contains(g.arrow.tip),
                "{f} at {p:?}: {g:?} leaves the map"
            );
        }
        arrow_note(&arrows, &values, angle, scene.parts)
    }

    #[test]
    fn the_arrows_at_the_point_stay_on_the_map_and_say_how_they_are_drawn() {
        // ∇(x² + y²)(2, 3) = [4, 6], longer than the map has room for.
        let n = note_for("x^2 + y^2", (2.0, 3.0), Some(std::f64::consts::FRAC_PI_4));
        assert!(
            n.contains("The red arrow is ∇f, drawn shorter than its length |∇f| = 7.211"),
            "{n}"
        );
        assert!(
            n.contains(
                "The blue arrow is the direction v at 45°, 11° from ∇f, drawn to the map's scale."
            ),
            "{n}"
        );
        // Without a direction (lessons 4 and 5) there is one arrow.
        let n = note_for("x^2 + y^2", (2.0, 3.0), None);
        assert!(
            n.starts_with("The arrow is ∇f") && !n.contains("blue"),
            "{n}"
        );
        // A gentle slope is drawn to scale.
        let n = note_for("0.5*x + 0.5*y", (0.0, 0.0), None);
        assert!(n.contains("drawn to the map's scale"), "{n}");
        // A very gentle one is drawn longer, so that it can be seen, and says so.
        let n = note_for("0.1*x + 0.2*y", (0.0, 0.0), None);
        assert!(
            n.contains("drawn longer than its length |∇f| = 0.2236"),
            "{n}"
        );
        // At the bottom of the bowl: no ∇f arrow, and no angle to a zero vector.
        let n = note_for("x^2 + y^2", (0.0, 0.0), Some(0.5));
        assert!(n.contains("∇f = 0 here") && !n.contains("from ∇f"), "{n}");
        // Where f is undefined: no arrows at all.
        let n = note_for("ln(x) + y", (-1.0, 0.5), Some(0.5));
        assert_eq!(n, "No arrows at this point: f or ∇f is undefined here.");
        // Before lesson 4 the map says nothing about gradients.
        let a = Analysis::new("x^2").expect("parses");
        let v = a.values_at((1.0, 1.0));
        assert!(arrow_note(
            &PointArrows::default(),
            &v,
            None,
            ExplorerParts::up_to_lesson(2)
        )
        .is_empty());
    }

    #[test]
    fn no_arrow_is_drawn_where_f_is_undefined() {
        let a = Analysis::new("ln(x) + y").expect("parses");
        let view = plot_view(300.0, 300.0, 1.0, &PlotWindow::default());
        let scene = Scene {
            point: Some(a.values_at((-1.0, 0.5))),
            theme: Theme::light(),
            arrows: false,
            path: &[],
            dpr: 1.0,
            parts: ExplorerParts::ALL,
            direction: Some(0.3),
        };
        assert_eq!(point_arrows(&view, &scene), PointArrows::default());
    }

    #[test]
    fn the_plot_area_leaves_room_for_the_ticks() {
        let v = plot_view(400.0, 400.0, 2.0, &PlotWindow::default());
        // Inside the margins 316 × 344 px are free; the square window gets 316 × 316,
        // centred between the top margin and the tick labels.
        assert_eq!((v.left, v.top), (68.0, 26.0));
        assert_eq!((v.width, v.height), (316.0, 316.0));
        assert!(!plot_view(10.0, 10.0, 1.0, &PlotWindow::default()).is_drawable());
    }

    #[test]
    fn x_and_y_have_the_same_pixel_scale_so_right_angles_stay_right() {
        for (w, h, window) in [
            (358.0 + 42.0, 372.0 + 28.0, PlotWindow::default()),
            (
                1000.0,
                300.0,
                PlotWindow {
                    x: (-4.0, 8.0),
                    y: (-3.0, 9.0),
                },
            ),
            (
                300.0,
                900.0,
                PlotWindow {
                    x: (0.0, 2.0),
                    y: (0.0, 1.0),
                },
            ),
        ] {
            let v = plot_view(w, h, 1.0, &window);
            let per_x = v.width / (window.x.1 - window.x.0);
            let per_y = v.height / (window.y.1 - window.y.0);
            assert!(
                (per_x - per_y).abs() <= 1.0 / (window.y.1 - window.y.0),
                "{v:?}"
            );
            // The gradient [6, 8] of x² + y² at (3, 4) and the level curve's tangent [−8, 6]
            // are at right angles on screen too.
            let o = v.to_pixel((0.0, 0.0));
            let a = v.to_pixel((0.6, 0.8));
            let b = v.to_pixel((-0.8, 0.6));
            let dot = (a.0 - o.0) * (b.0 - o.0) + (a.1 - o.1) * (b.1 - o.1);
            let len = (a.0 - o.0).hypot(a.1 - o.1) * (b.0 - o.0).hypot(b.1 - o.1);
            let degrees = (dot / len).acos().to_degrees();
            assert!((degrees - 90.0).abs() < 0.5, "{degrees}° on screen");
        }
    }

    /// The texts drawn by `draw_axes` for `window` on a 300 × 300 SVG.
    fn axis_texts(window: PlotWindow) -> Vec<String> {
        let mut out = String::new();
        {
            let area = SVGBackend::with_string(&mut out, (300, 300)).into_drawing_area();
            let view = plot_view(300.0, 300.0, 1.0, &window);
            draw_axes(&area, &view, &Theme::light(), 1.0).expect("draws");
            area.present().expect("presents");
        }
        out.split("<text")
            .skip(1)
            .filter_map(|t| t.split_once('>').map(|(_, rest)| rest))
            .map(|t| t.split("</text>").next().unwrap_or("").trim().to_string())
            .collect()
    }

    #[test]
    fn tick_labels_fit_the_margin_when_zoomed_far_in_or_out() {
        // The left margin holds about five characters at 11 px; "1000000.0002" was cut
        // to "00000" on the page.
        for (x, y, note) in [
            ((1e6, 1e6 + 0.001), (1e-7, 1.2e-7), "x = label × 10⁻³ + 1e6"),
            ((-1e9, 1e9), (1.23445, 1.23455), "x = label × 10⁹"),
        ] {
            let texts = axis_texts(PlotWindow { x, y });
            let labels: Vec<&String> = texts.iter().filter(|t| !t.contains('=')).collect();
            assert!(labels.len() >= 8, "{texts:?}");
            assert!(labels.iter().all(|t| t.chars().count() <= 5), "{texts:?}");
            assert!(texts.iter().any(|t| t == note), "{texts:?}");
            assert!(
                texts.iter().any(|t| t.starts_with("y = label × 10⁻")),
                "{texts:?}"
            );
        }
        let plain = axis_texts(PlotWindow::default());
        assert!(plain.iter().all(|t| !t.contains('=')), "{plain:?}");
    }
}
