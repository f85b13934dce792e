#![cfg(not(target_arch = "wasm32"))]
//! Native tests of the drawing layer: geometry, RGBA buffers, and what ends up
//! in SVG / bitmap output.

use nabla::plot::ColorMap;
use nabla::plot::*;
use plotters::prelude::*;
use proptest::prelude::*;
use std::f64::consts::{FRAC_PI_2, PI};

fn paraboloid(n: usize) -> Grid {
    Grid::from_fn((-3.0, 3.0), (-3.0, 3.0), n, n, |x, y| x * x + y * y)
}

fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// Render into an SVG string.
fn svg(
    size: (u32, u32),
    f: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>),
) -> String {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        f(&root);
        root.present().unwrap();
    }
    out
}

/// Attribute value of `name` in an SVG element string.
fn attr(el: &str, name: &str) -> Option<f64> {
    let key = format!(" {name}=\"");
    let start = el.find(&key)? + key.len();
    let end = el[start..].find('"')? + start;
    el[start..end].parse().ok()
}

fn has_text(svg: &str, text: &str) -> bool {
    svg.contains(&format!(">\n{text}\n</text>"))
}

fn elements<'a>(svg: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag} ");
    svg.match_indices(&open)
        .map(|(i, _)| {
            let end = svg[i..].find('>').map(|e| i + e).unwrap_or(svg.len());
            &svg[i..end]
        })
        .collect()
}

// ---------------------------------------------------------------- contours

#[test]
fn contour_rings_of_paraboloid() {
    let g = paraboloid(121);
    let scale = ColorScale::from_values(&g.values);
    assert_eq!((scale.min, scale.max), (0.0, 18.0));
    let levels = nice_levels(&scale, 12);
    assert!(levels.len() >= 8 && levels.len() <= 20, "{levels:?}");
    let c = compute_contours(&g, &levels);
    for &level in &levels {
        let lines: Vec<&IsoLine> = c.lines_at(level).collect();
        if level < 9.0 {
            // Circle inside the square: exactly one closed ring of radius √level.
            assert_eq!(lines.len(), 1, "level {level}");
            let ring = lines[0];
            assert!(ring.closed);
            assert_eq!(ring.points.first(), ring.points.last());
            assert!(ring.segment_count() >= 8);
            let r = level.sqrt();
            for &(x, y) in &ring.points {
                let d = (x * x + y * y).sqrt();
                assert!(
                    (d - r).abs() < 0.01 * r.max(1.0),
                    "level {level}: {d} vs {r}"
                );
            }
        } else {
            // The circle leaves the square: four open arcs in the corners.
            assert_eq!(lines.len(), 4, "level {level}");
            assert!(lines.iter().all(|l| !l.closed));
        }
    }
    assert_eq!(c.segment_count(), c.segments().count());
    assert!(c.segment_count() > 100);
}

#[test]
fn contours_do_not_cross_holes() {
    // A NaN disc of radius 1 in the middle of x² + y²: the level-0.25 and
    // level-0.81 circles lie entirely in the hole and must vanish; level 4 is
    // unaffected.
    let g = Grid::from_fn((-3.0, 3.0), (-3.0, 3.0), 61, 61, |x, y| {
        let r2 = x * x + y * y;
        if r2 < 1.0 {
            f64::NAN
        } else {
            r2
        }
    });
    let c = compute_contours(&g, &[0.25, 0.81, 4.0]);
    assert_eq!(c.lines_at(0.25).count(), 0);
    assert_eq!(c.lines_at(0.81).count(), 0);
    let four: Vec<_> = c.lines_at(4.0).collect();
    assert_eq!(four.len(), 1);
    assert!(four[0].closed);
    // No segment has a point inside the hole (allowing one cell of slack).
    for (_, a, b) in c.segments() {
        for p in [a, b] {
            assert!(p.0.is_finite() && p.1.is_finite());
            assert!(p.0.hypot(p.1) > 0.85, "{p:?}");
        }
    }
    // Infinity is treated like a hole too.
    let g = Grid::from_fn((-1.0, 1.0), (-1.0, 1.0), 21, 21, |x, _| 1.0 / x);
    let c = compute_contours(&g, &[-2.0, 2.0, 50.0]);
    for (_, a, b) in c.segments() {
        assert!(a.0.abs() > 0.05 && b.0.abs() > 0.05, "{a:?} {b:?}");
    }
    assert!(c.lines_at(2.0).count() >= 1);
}

#[test]
fn contour_svg_has_lines_of_contour_colour_and_labels() {
    let g = paraboloid(81);
    let scale = ColorScale::from_values(&g.values);
    let levels = nice_levels(&scale, 12);
    let c = compute_contours(&g, &levels);
    let theme = Theme::dark();
    let view = View::new(300.0, 300.0, g.x, g.y);
    let out = svg((360, 300), |root| {
        draw_contours(root, &view, &c, &theme, &ContourStyle::default()).unwrap();
        draw_color_legend(root, &scale, (310, 20, 16, 260), &theme, 6).unwrap();
    });
    let stroke = format!("stroke=\"{}\"", hex(theme.contour));
    let lines = elements(&out, "polyline")
        .into_iter()
        .filter(|e| e.contains(&stroke))
        .count();
    // Closed rings are one polyline; open levels give 4 arcs each.
    let expected: usize = c.lines.len();
    assert_eq!(lines, expected);
    // Contour labels and legend ticks are text elements.
    assert!(has_text(&out, "4"), "no label 4");
    for tick in ["0", "10"] {
        assert!(has_text(&out, tick), "missing tick {tick}");
    }
    // The legend bar is made of filled rectangles of the colour map.
    let top = hex(scale.color_at(1.0 - 0.5 / 64.0));
    assert!(elements(&out, "rect").len() >= 64);
    assert!(out.contains(&format!("fill=\"{top}\"")), "{top}");
}

// ---------------------------------------------------------------- arrows

#[test]
fn gradient_arrow_at_3_4() {
    let view = View::new(200.0, 200.0, (-5.0, 5.0), (-5.0, 5.0));
    let grad = (6.0, 8.0); // ∇(x² + y²) at (3, 4)
    let a = gradient_arrow(&view, (3.0, 4.0), grad, 50.0).unwrap();
    let d = a.direction().unwrap();
    // World direction (0.6, 0.8) is up-right on screen: y flipped.
    assert!(
        (d.0 - 0.6).abs() < 1e-12 && (d.1 + 0.8).abs() < 1e-12,
        "{d:?}"
    );
    assert!((a.len() - 50.0).abs() < 1e-9);
    assert_eq!(a.tail, view.to_pixel((3.0, 4.0)));
    let segs = arrow_segments(a.tail, a.tip, 8.0);
    assert_eq!(segs.len(), 3);
    assert_eq!(segs[0], (a.tail, a.tip));
    // Barbs go back from the tip, symmetric about the shaft.
    for &(from, to) in &segs[1..] {
        assert_eq!(from, a.tip);
        let back = ((to.0 - from.0) * d.0 + (to.1 - from.1) * d.1) / 8.0;
        assert!((back + 1.0).abs() < 1e-9);
    }
    assert!(gradient_arrow(&view, (3.0, 4.0), (0.0, 0.0), 50.0).is_none());
}

#[test]
fn arrow_field_fits_cells_and_is_drawn() {
    let view = View::new(300.0, 300.0, (-3.0, 3.0), (-3.0, 3.0));
    let n = 15;
    let samples: Vec<FieldSample> = field_sample_points(view.x, view.y, n)
        .into_iter()
        .map(|(x, y)| FieldSample {
            x,
            y,
            gx: 2.0 * x,
            gy: 2.0 * y,
        })
        .collect();
    let arrows = field_arrows(&view, &samples, n, LengthScaling::Linear);
    // The centre cell sits at the minimum (0, 0): zero gradient, no arrow.
    assert_eq!(arrows.len(), n * n - 1);
    let cell = 300.0 / n as f64;
    assert!(arrows.iter().all(|a| a.len() <= cell));
    // Outward-pointing field: every arrow's direction agrees with the position.
    let moving = samples.iter().filter(|s| s.gx != 0.0 || s.gy != 0.0);
    for (a, s) in arrows.iter().zip(moving) {
        let d = a.direction().unwrap();
        assert!(d.0 * s.x - d.1 * s.y > 0.0);
    }
    let theme = Theme::light();
    let out = svg((300, 300), |root| {
        draw_arrow_field(root, &view, &samples, n, &theme, &FieldStyle::default()).unwrap();
    });
    assert_eq!(elements(&out, "polyline").len(), n * n - 1);
    assert_eq!(elements(&out, "polygon").len(), n * n - 1);
}

// ---------------------------------------------------------------- heatmap

#[test]
fn heatmap_ramp_follows_colour_map_and_nan_is_hole() {
    let g = Grid::from_fn((0.0, 1.0), (0.0, 1.0), 64, 32, |x, _| x);
    let scale = ColorScale::from_values(&g.values);
    let (w, h) = (120usize, 40usize);
    let mut buf = vec![0u8; w * h * 4];
    render_heatmap_rgba(&g, &scale, w, h, &mut buf).unwrap();
    let lut = ColorMap::Viridis.lut();
    let lut_index = |c: &[u8]| {
        lut.iter()
            .enumerate()
            .min_by_key(|(_, l)| {
                (0..3)
                    .map(|k| (l[k] as i32 - c[k] as i32).pow(2))
                    .sum::<i32>()
            })
            .map(|(k, _)| k)
            .unwrap()
    };
    for row in [0, h / 2, h - 1] {
        let mut prev = 0;
        for col in 0..w {
            let px = &buf[(row * w + col) * 4..(row * w + col) * 4 + 4];
            assert_eq!(px[3], 255);
            let k = lut_index(px);
            assert!(k >= prev, "row {row} col {col}: {k} < {prev}");
            prev = k;
        }
        assert!(prev >= 250);
    }
    let first = &buf[0..3];
    assert!(lut_index(first) <= 3);

    // NaN block in the left half → holes there (transparent / hole colour).
    let g = Grid::from_fn((0.0, 1.0), (0.0, 1.0), 65, 65, |x, _| {
        if x < 0.5 {
            f64::NAN
        } else {
            x
        }
    });
    render_heatmap_rgba(&g, &scale, w, h, &mut buf).unwrap();
    assert_eq!(&buf[0..4], &[0, 0, 0, 0]);
    let right = ((h / 2) * w + w - 1) * 4;
    assert_eq!(buf[right + 3], 255);
    render_heatmap_rgba_with_hole(&g, &scale, w, h, &mut buf, [128, 128, 128, 255]).unwrap();
    assert_eq!(&buf[0..4], &[128, 128, 128, 255]);
    let holes = buf
        .chunks_exact(4)
        .filter(|p| p == &[128, 128, 128, 255])
        .count();
    assert!(holes >= w * h / 2 - h && holes <= w * h / 2 + h, "{holes}");
}

#[test]
fn colour_scale_of_reciprocal_ignores_inf_and_outliers() {
    let g = Grid::from_fn((-1.0, 1.0), (-1.0, 1.0), 101, 101, |x, _| 1.0 / x);
    assert!(g.values.iter().any(|v| v.is_infinite()));
    let s = ColorScale::from_values(&g.values);
    assert!(s.min.is_finite() && s.max.is_finite());
    assert!(s.max < 50.0 && s.min > -50.0, "{s:?}");
    assert!(s.max > 2.0 && s.min < -2.0, "{s:?}");
    // ln x: -inf at 0, NaN for x < 0.
    let g = Grid::from_fn((-1.0, 2.0), (0.0, 1.0), 61, 3, |x, _| x.ln());
    let s = ColorScale::from_values(&g.values);
    assert!(
        s.min.is_finite() && s.min > -5.0 && s.max <= 2f64.ln() + 1e-12,
        "{s:?}"
    );
}

// ---------------------------------------------------------------- level curve

#[test]
fn level_curve_and_tangent_through_point() {
    let g = Grid::from_fn((-6.0, 6.0), (-6.0, 6.0), 97, 97, |x, y| x * x + y * y);
    let curve = level_curve_through(&g, (3.0, 4.0), 25.0);
    let ring = curve.through.as_ref().unwrap();
    assert!(ring.closed);
    let view = View::new(240.0, 240.0, g.x, g.y);
    let (a, b) = tangent_segment(&view, (3.0, 4.0), (6.0, 8.0), 40.0).unwrap();
    // The tangent is perpendicular to the gradient (6, 8).
    let d = (b.0 - a.0, b.1 - a.1);
    assert!((d.0 * 6.0 + d.1 * 8.0).abs() < 1e-9);
    let theme = Theme::light();
    let out = svg((240, 240), |root| {
        draw_level_curve(
            root,
            &view,
            &curve,
            (3.0, 4.0),
            Some((6.0, 8.0)),
            &theme,
            1.0,
        )
        .unwrap();
    });
    let accent = format!("stroke=\"{}\"", hex(theme.accent));
    assert_eq!(
        elements(&out, "polyline")
            .iter()
            .filter(|e| e.contains(&accent))
            .count(),
        1
    );
    assert!(elements(&out, "circle")
        .iter()
        .any(|e| e.contains(&hex(theme.accent))));
    // On a phone's canvas (3 device pixels per CSS pixel) the marker and lines grow with it,
    // so the point is a dot there, not a speck.
    let radius = |scale: f64| {
        let out = svg((240, 240), |root| {
            draw_level_curve(
                root,
                &view,
                &curve,
                (3.0, 4.0),
                Some((6.0, 8.0)),
                &theme,
                scale,
            )
            .unwrap();
        });
        elements(&out, "circle")
            .iter()
            .find_map(|e| {
                let r = e.split("r=\"").nth(1)?.split('"').next()?;
                r.parse::<f64>().ok()
            })
            .unwrap_or(0.0)
    };
    assert_eq!(radius(1.0), 5.0);
    assert_eq!(radius(3.0), 15.0);
}

// ---------------------------------------------------------------- surface

#[test]
fn surface_projection_and_selected_point() {
    let c0 = Camera::new(0.0, 0.4);
    let c90 = Camera::new(FRAC_PI_2, 0.4);
    let x_after = project(&c90, 1.0, 0.0, 0.0);
    let y_before = project(&c0, 0.0, 1.0, 0.0);
    assert!((x_after.0 - y_before.0).abs() < 1e-12 && (x_after.1 - y_before.1).abs() < 1e-12);
    // x axis points right at yaw 0, z axis points up on screen.
    assert!(project(&c0, 1.0, 0.0, 0.0).0 > 0.9);
    assert!(project(&c0, 0.0, 0.0, 0.5).1 < 0.0);

    let g = Grid::from_fn((-2.0, 2.0), (-2.0, 2.0), 40, 40, |x, y| x * x - y * y);
    let scale = ColorScale::from_values(&g.values);
    let theme = Theme::light();
    let cam = Camera::default();
    let (x0, y0) = (1.0, 0.5);
    let z0 = x0 * x0 - y0 * y0;
    let sx = grid_slice_x(&g, x0, 50);
    let sy = grid_slice_y(&g, y0, 50);
    let overlay = SurfaceOverlay {
        point: Some((x0, y0, z0)),
        slice_x: &sx,
        slice_y: &sy,
        tangent_plane: Some(TangentPlane {
            f: z0,
            fx: 2.0 * x0,
            fy: -2.0 * y0,
            half_size: 0.5,
        }),
        axes: true,
        pixel_ratio: 1.0,
    };
    let mut proj = None;
    let out = svg((400, 300), |root| {
        proj = Some(draw_surface(root, &cam, &g, &scale, &overlay, &theme).unwrap());
    });
    let proj = proj.unwrap();
    // One filled polygon per quad (39 × 39) plus the tangent plane patch.
    assert_eq!(elements(&out, "polygon").len(), 39 * 39 + 1);
    // The selected point: a filled accent circle where the projector puts it.
    let p = proj.to_pixel(x0, y0, z0);
    let dot = elements(&out, "circle")
        .into_iter()
        .find(|e| e.contains(&format!("fill=\"{}\"", hex(theme.accent))))
        .expect("selected point drawn");
    assert!((attr(dot, "cx").unwrap() - p.0).abs() <= 1.0);
    assert!((attr(dot, "cy").unwrap() - p.1).abs() <= 1.0);
    // Both slice curves, in their own colours.
    for c in [theme.slice_x, theme.slice_y] {
        let s = format!("stroke=\"{}\"", hex(c));
        assert!(elements(&out, "polyline")
            .iter()
            .any(|e| e.contains(&s) && e.contains("stroke-width=\"3\"")));
    }
    for label in ["x", "y", "z"] {
        assert!(has_text(&out, label));
    }

    // On a screen with two device pixels per CSS pixel the canvas is twice as large, and
    // the slices, the point and the labels grow with it.
    let hidpi = SurfaceOverlay {
        pixel_ratio: 2.0,
        ..overlay
    };
    let out2 = svg((800, 600), |root| {
        draw_surface(root, &cam, &g, &scale, &hidpi, &theme).unwrap();
    });
    for c in [theme.slice_x, theme.slice_y] {
        let s = format!("stroke=\"{}\"", hex(c));
        assert!(elements(&out2, "polyline")
            .iter()
            .any(|e| e.contains(&s) && e.contains("stroke-width=\"6\"")));
    }
    let dot2 = elements(&out2, "circle")
        .into_iter()
        .find(|e| e.contains(&format!("fill=\"{}\"", hex(theme.accent))))
        .expect("selected point drawn");
    assert_eq!(attr(dot2, "r"), Some(10.0));
    assert_eq!(attr(dot, "r"), Some(5.0));
}

#[test]
fn surface_clips_poles() {
    let g = Grid::from_fn((-1.0, 1.0), (-1.0, 1.0), 31, 31, |x, y| {
        1.0 / (x * x + y * y)
    });
    let scale = ColorScale::from_values(&g.values);
    let proj = Projector::for_surface(Camera::default(), &g, &scale, (300.0, 300.0));
    // Even the pole stays inside the canvas.
    let p = proj.to_pixel(0.0, 0.0, 1e12);
    assert!(p.0 >= 0.0 && p.0 <= 300.0 && p.1 >= 0.0 && p.1 <= 300.0);
    let out = svg((300, 300), |root| {
        draw_surface(
            root,
            &Camera::default(),
            &g,
            &scale,
            &SurfaceOverlay::default(),
            &Theme::dark(),
        )
        .unwrap();
    });
    // The quads touching the infinite centre sample are skipped.
    assert_eq!(elements(&out, "polygon").len(), 30 * 30 - 4);
}

// ---------------------------------------------------------------- path

#[test]
fn descent_path_frames_and_markers() {
    let view = View::new(200.0, 200.0, (-3.0, 3.0), (-3.0, 3.0));
    let mut p = (2.5, 2.0);
    let mut pts = vec![p];
    for _ in 0..20 {
        p = (p.0 - 0.2 * 2.0 * p.0, p.1 - 0.2 * 2.0 * p.1);
        pts.push(p);
    }
    let theme = Theme::light();
    let style = PathStyle::default();
    let count = |frames| {
        let out = svg((200, 200), |root| {
            draw_path(root, &view, &pts, frames, &theme, &style).unwrap();
        });
        (
            elements(&out, "circle").len(),
            elements(&out, "polyline").len(),
        )
    };
    // k markers + start (2 circles) + end (2 circles).
    assert_eq!(count(Some(5)), (5 + 4, 1));
    assert_eq!(count(None), (21 + 4, 1));
    assert_eq!(count(Some(1)), (1 + 2, 0));
    assert_eq!(count(Some(0)), (0, 0));
}

#[test]
fn bitmap_rendering_of_path_and_arrows() {
    let (w, h) = (120u32, 120u32);
    let mut buf = vec![0u8; (w * h * 3) as usize];
    let theme = Theme::light();
    let view = View::new(w as f64, h as f64, (-1.0, 1.0), (-1.0, 1.0));
    {
        let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
        root.fill(&theme.background).unwrap();
        let pts = [(-0.8, 0.0), (0.8, 0.0)];
        let style = PathStyle {
            marker_radius: 0,
            end_radius: 0,
            ..PathStyle::default()
        };
        draw_path(&root, &view, &pts, None, &theme, &style).unwrap();
        let opaque = FieldStyle {
            opacity: 1.0,
            ..FieldStyle::default()
        };
        draw_gradient_arrow(&root, &view, (0.0, -0.5), (0.0, 1.0), 30.0, &theme, &opaque).unwrap();
        root.present().unwrap();
    }
    let px = |x: u32, y: u32| {
        let i = ((y * w + x) * 3) as usize;
        RGBColor(buf[i], buf[i + 1], buf[i + 2])
    };
    assert_eq!(px(30, 60), theme.path);
    assert_eq!(px(90, 60), theme.path);
    assert_eq!(px(10, 10), theme.background);
    // The gradient arrow (0, 1) at y = -0.5 goes straight up from pixel row 90.
    assert_eq!(px(60, 80), theme.accent);
    assert_eq!(px(60, 100), theme.background);
}

// ---------------------------------------------------------------- charts

#[test]
fn tan_plot_has_gaps_at_asymptotes() {
    let n = 801;
    let samples: Vec<(f64, f64)> = (0..n)
        .map(|k| {
            let x = -4.0 + 8.0 * k as f64 / (n - 1) as f64;
            (x, x.tan())
        })
        .collect();
    let ys: Vec<f64> = samples.iter().map(|p| p.1).collect();
    let s = ColorScale::from_values(&ys);
    let runs = function_runs(&samples, (s.min, s.max));
    assert!(runs.len() >= 3, "{}", runs.len());
    for run in &runs {
        for w in run.windows(2) {
            for k in -2..=1 {
                let asym = FRAC_PI_2 + k as f64 * PI;
                assert!(!(w[0].0 < asym && w[1].0 > asym), "segment crosses {asym}");
            }
        }
    }
    let theme = Theme::light();
    let out = svg((400, 300), |root| {
        let opts = FunctionPlotOptions {
            x_label: "x",
            y_label: "tan x",
            ..Default::default()
        };
        let t = Tangent1D {
            x0: 0.5,
            y0: 0.5f64.tan(),
            slope: 1.0 / 0.5f64.cos().powi(2),
        };
        draw_function_plot(root, &samples, Some(t), &theme, &opts).unwrap();
    });
    let curve = format!("stroke=\"{}\"", hex(theme.series[0]));
    let curve_lines: Vec<&str> = elements(&out, "polyline")
        .into_iter()
        .filter(|e| e.contains(&curve))
        .collect();
    assert!(curve_lines.len() >= 3);
    // No drawn piece jumps vertically across the whole plot.
    for l in &curve_lines {
        let pts: Vec<(f64, f64)> = l
            .split("points=\"")
            .nth(1)
            .unwrap()
            .split_whitespace()
            .filter_map(|p| {
                let (x, y) = p.trim_end_matches('"').split_once(',')?;
                Some((x.parse().ok()?, y.parse().ok()?))
            })
            .collect();
        for w in pts.windows(2) {
            assert!((w[1].1 - w[0].1).abs() < 200.0, "{w:?}");
        }
    }
    let accent = format!("stroke=\"{}\"", hex(theme.accent));
    assert!(elements(&out, "polyline")
        .iter()
        .any(|e| e.contains(&accent)));
    assert!(has_text(&out, "tan x"));
}

#[test]
fn line_chart_with_log_axis_and_legend() {
    let a: Vec<(f64, f64)> = (0..50).map(|k| (k as f64, 10.0 * 0.8f64.powi(k))).collect();
    let b: Vec<(f64, f64)> = (0..50)
        .map(|k| (k as f64, 5.0 / (1.0 + k as f64)))
        .collect();
    let mut c: Vec<(f64, f64)> = (0..50).map(|k| (k as f64, 1.0)).collect();
    c[10].1 = 0.0; // not representable on a log axis → gap
    let series = [
        Series {
            name: "gradient descent",
            points: &a,
            color: None,
        },
        Series {
            name: "momentum",
            points: &b,
            color: None,
        },
        Series {
            name: "constant",
            points: &c,
            color: None,
        },
    ];
    let theme = Theme::dark();
    let opts = LineChartOptions {
        title: "loss",
        x_label: "step",
        y_label: "f",
        log_y: true,
    };
    let out = svg((480, 320), |root| {
        draw_line_chart(root, &series, &opts, &theme).unwrap();
    });
    for name in ["gradient descent", "momentum", "constant", "loss", "step"] {
        assert!(has_text(&out, name), "missing {name}");
    }
    for (k, col) in theme.series.iter().take(3).enumerate() {
        let s = format!("stroke=\"{}\"", hex(*col));
        let n = elements(&out, "polyline")
            .iter()
            .filter(|e| e.contains(&s))
            .count();
        // data runs + legend sample; the third series has a gap → 2 runs.
        assert_eq!(n, if k == 2 { 3 } else { 2 }, "series {k}");
    }
    assert!(has_text(&out, "1") || has_text(&out, "10"));
}

// ---------------------------------------------------------------- robustness

#[test]
fn degenerate_inputs_do_not_panic() {
    let theme = Theme::dark();
    let grids = [
        Grid::default(),
        Grid::new((0.0, 1.0), (0.0, 1.0), 0, 5, vec![]),
        Grid::new((0.0, 1.0), (0.0, 1.0), 1, 1, vec![1.0]),
        Grid::new((0.0, 1.0), (0.0, 1.0), 3, 3, vec![f64::NAN; 9]),
        Grid::new(
            (0.0, 1.0),
            (0.0, 1.0),
            2,
            2,
            vec![f64::INFINITY, f64::NEG_INFINITY, 0.0, 1.0],
        ),
        Grid::new(
            (1.0, -1.0),
            (2.0, -2.0),
            3,
            3,
            (0..9).map(f64::from).collect(),
        ),
        Grid::new((0.0, 0.0), (0.0, 0.0), 3, 3, vec![1.0; 9]),
        Grid::new((f64::NAN, 1.0), (0.0, f64::INFINITY), 2, 2, vec![1.0; 4]),
        Grid::new((0.0, 1.0), (0.0, 1.0), 4, 4, vec![1.0; 3]),
    ];
    let views = [
        View::new(0.0, 0.0, (0.0, 1.0), (0.0, 1.0)),
        View::new(100.0, 100.0, (1.0, 1.0), (f64::NAN, 1.0)),
        View::new(100.0, 100.0, (1.0, -1.0), (1.0, -1.0)),
        View::new(-5.0, f64::INFINITY, (0.0, 1.0), (0.0, 1.0)),
    ];
    for g in &grids {
        let scale = ColorScale::from_values(&g.values);
        let levels = nice_levels(&scale, 12);
        let c = compute_contours(g, &levels);
        let lc = level_curve_through(g, (0.5, 0.5), 0.5);
        let mut buf = vec![0u8; 7 * 3 * 4];
        render_heatmap_rgba(g, &scale, 7, 3, &mut buf).unwrap();
        render_heatmap_rgba(g, &scale, 0, 0, &mut []).unwrap();
        let _ = grid_slice_x(g, 0.5, 10);
        for size in [(0u32, 0u32), (1, 1), (300, 200)] {
            for v in &views {
                let _ = svg(size, |root| {
                    draw_contours(root, v, &c, &theme, &ContourStyle::default()).unwrap();
                    draw_level_curve(root, v, &lc, (0.5, 0.5), Some((1.0, 0.0)), &theme, 1.0)
                        .unwrap();
                    draw_path(
                        root,
                        v,
                        &[(f64::NAN, 0.0), (0.0, 1e300), (1.0, 1.0)],
                        Some(3),
                        &theme,
                        &PathStyle::default(),
                    )
                    .unwrap();
                    draw_gradient_arrow(
                        root,
                        v,
                        (0.0, 0.0),
                        (f64::INFINITY, 0.0),
                        10.0,
                        &theme,
                        &FieldStyle::default(),
                    )
                    .unwrap();
                    let s = [FieldSample {
                        x: 0.0,
                        y: 0.0,
                        gx: 1e308,
                        gy: 1e308,
                    }];
                    draw_arrow_field(root, v, &s, 3, &theme, &FieldStyle::default()).unwrap();
                    draw_arrow_field(root, v, &s, 0, &theme, &FieldStyle::default()).unwrap();
                });
            }
            let _ = svg(size, |root| {
                let overlay = SurfaceOverlay {
                    point: Some((0.5, f64::NAN, 1.0)),
                    tangent_plane: Some(TangentPlane {
                        f: 0.0,
                        fx: f64::INFINITY,
                        fy: 0.0,
                        half_size: -1.0,
                    }),
                    axes: true,
                    ..Default::default()
                };
                let cam = Camera {
                    yaw: f64::NAN,
                    pitch: 7.0,
                    zoom: 0.0,
                };
                draw_surface(root, &cam, g, &scale, &overlay, &theme).unwrap();
                draw_color_legend(root, &scale, (0, 0, 10, 0), &theme, 5).unwrap();
                draw_color_legend(root, &scale, (0, 0, 10, 50), &theme, 0).unwrap();
                draw_function_plot(root, &[], None, &theme, &FunctionPlotOptions::default())
                    .unwrap();
                draw_function_plot(
                    root,
                    &[(0.0, f64::NAN), (1.0, f64::INFINITY)],
                    None,
                    &theme,
                    &FunctionPlotOptions::default(),
                )
                .unwrap();
                draw_function_plot(
                    root,
                    &[(1.0, 1.0), (1.0, 1.0)],
                    None,
                    &theme,
                    &FunctionPlotOptions::default(),
                )
                .unwrap();
                draw_function_plot(
                    root,
                    &[(0.0, -f64::MAX), (1.0, f64::MAX)],
                    None,
                    &theme,
                    &FunctionPlotOptions::default(),
                )
                .unwrap();
                draw_line_chart(root, &[], &LineChartOptions::default(), &theme).unwrap();
                let neg = [(0.0, -1.0), (1.0, 0.0)];
                let log = LineChartOptions {
                    log_y: true,
                    ..Default::default()
                };
                draw_line_chart(
                    root,
                    &[Series {
                        name: "",
                        points: &neg,
                        color: None,
                    }],
                    &log,
                    &theme,
                )
                .unwrap();
            });
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_grids_never_panic(
        nx in 0usize..7,
        ny in 0usize..7,
        raw in proptest::collection::vec(
            prop_oneof![
                4 => -1e3f64..1e3,
                1 => Just(f64::NAN),
                1 => Just(f64::INFINITY),
                1 => Just(f64::NEG_INFINITY),
                1 => Just(0.0),
            ],
            0..49,
        ),
        x0 in -10.0f64..10.0,
        x1 in -10.0f64..10.0,
        n_levels in 0usize..20,
        w in 0usize..20,
        h in 0usize..20,
    ) {
        let values: Vec<f64> = raw.iter().copied().cycle().take(nx * ny).collect();
        let g = Grid::new((x0, x1), (x1, x0), nx, ny, if raw.is_empty() { vec![] } else { values });
        let scale = ColorScale::from_values(&g.values);
        prop_assert!(scale.min.is_finite() && scale.max.is_finite() && scale.min < scale.max);
        let levels = nice_levels(&scale, n_levels);
        let c = compute_contours(&g, &levels);
        for (_, a, b) in c.segments() {
            prop_assert!(a.0.is_finite() && a.1.is_finite() && b.0.is_finite() && b.1.is_finite());
        }
        let mut buf = vec![0u8; w * h * 4];
        prop_assert!(render_heatmap_rgba(&g, &scale, w, h, &mut buf).is_ok());
        let view = View::new(w as f64 * 10.0, h as f64 * 10.0, g.x, g.y);
        let theme = Theme::light();
        let _ = svg((w as u32 * 10, h as u32 * 10), |root| {
            draw_contours(root, &view, &c, &theme, &ContourStyle::default()).unwrap();
            draw_surface(root, &Camera::default(), &g, &scale, &SurfaceOverlay::default(), &theme).unwrap();
        });
    }
}
