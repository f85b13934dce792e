//! The optimiser race drawn over a contour map: one path per runner in its own colour from a
//! colour-blind-safe palette (Okabe and Ito's), each with a halo in the background colour so
//! it stays visible on any part of the heatmap, the shared start as a ring, each runner's
//! current point as a disc, and a cross where a run blew up. Paths are clipped to the plot
//! area; a diverged run's cross sits where its path leaves the frame.

use plotters::prelude::*;

use super::clip::PixelRect;
use super::grid::View;
use super::path::path_runs;
use super::{PlotResult, Theme};

/// The race's colours on a light background, in the order of the race's optimisers: gradient
/// descent, momentum, Nesterov, AdaGrad, RMSProp, Adam, Newton, L-BFGS. From Okabe and Ito's
/// colour-blind-safe palette (vermillion, blue, bluish green, reddish purple), with the light
/// ones (sky blue, yellow, orange) darkened or replaced (Nesterov purple, Newton brown) so
/// every line has at least 3:1 contrast with the background. Momentum (blue) and Adam (reddish purple) sit in the default
/// race together, so they differ in hue for every common kind of colour blindness (blue and
/// bluish green, Adam's old colour, merged on a dark screen).
pub const RACE_COLORS_LIGHT: [RGBColor; 8] = [
    RGBColor(213, 94, 0),
    RGBColor(0, 114, 178),
    RGBColor(110, 70, 190),
    RGBColor(140, 128, 0),
    RGBColor(0, 150, 110),
    RGBColor(190, 80, 150),
    RGBColor(120, 85, 50),
    RGBColor(110, 110, 110),
];

/// The same colours for a dark background, lightened where needed for 3:1 contrast there;
/// Newton's is a lime green here, as Okabe and Ito's orange sat too close to gradient
/// descent's vermillion on a dark screen.
pub const RACE_COLORS_DARK: [RGBColor; 8] = [
    RGBColor(235, 120, 40),
    RGBColor(86, 180, 233),
    RGBColor(170, 145, 255),
    RGBColor(240, 228, 66),
    RGBColor(0, 200, 150),
    RGBColor(240, 130, 200),
    RGBColor(150, 220, 90),
    RGBColor(165, 165, 165),
];

/// The colour of runner `i` on `theme`'s background (cycling through the palette).
pub fn race_color(i: usize, theme: &Theme) -> RGBColor {
    let palette = if theme.is_dark() {
        &RACE_COLORS_DARK
    } else {
        &RACE_COLORS_LIGHT
    };
    palette[i % palette.len()]
}

/// The colour as CSS text (`#d55e00`), for legends drawn in HTML.
pub fn css_color(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// One runner's path as drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RacePath<'a> {
    /// The points reached so far, start first.
    pub points: &'a [(f64, f64)],
    /// Its colour.
    pub color: RGBColor,
    /// The run blew up after its last point (drawn as a cross once the path is complete).
    pub diverged: bool,
}

/// Draws every path (halo, then line, then end marks) and the start ring. `k` scales line
/// widths and markers (the device pixel ratio).
pub fn draw_race_paths<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    view: &View,
    paths: &[RacePath],
    theme: &Theme,
    k: f64,
) -> PlotResult<DB> {
    if !view.is_drawable() {
        return Ok(());
    }
    let k = if k.is_finite() {
        k.clamp(0.5, 4.0)
    } else {
        1.0
    };
    let w = |v: f64| (v * k).round().max(1.0) as u32;
    let rect = view.pixel_rect();
    for p in paths {
        for run in path_runs(view, p.points) {
            area.draw(&PathElement::new(
                run,
                theme.background.stroke_width(w(5.0)),
            ))?;
        }
    }
    for p in paths {
        for run in path_runs(view, p.points) {
            area.draw(&PathElement::new(run, p.color.stroke_width(w(2.5))))?;
        }
    }
    for p in paths {
        let Some(&last) = p.points.last() else {
            continue;
        };
        let Some(c) = clamped_pixel(view, &rect, last) else {
            continue;
        };
        if p.diverged {
            let r = w(6.0) as i32;
            for (a, b) in [((-r, -r), (r, r)), ((-r, r), (r, -r))] {
                let seg = vec![(c.0 + a.0, c.1 + a.1), (c.0 + b.0, c.1 + b.1)];
                area.draw(&PathElement::new(
                    seg.clone(),
                    theme.background.stroke_width(w(5.0)),
                ))?;
                area.draw(&PathElement::new(seg, p.color.stroke_width(w(2.5))))?;
            }
        } else if p.points.len() > 1 {
            area.draw(&Circle::new(c, w(5.0), p.color.filled()))?;
            area.draw(&Circle::new(c, w(5.0), theme.foreground.stroke_width(1)))?;
        }
    }
    if let Some(start) = paths.iter().find_map(|p| p.points.first().copied()) {
        if let Some(c) = clamped_pixel(view, &rect, start) {
            area.draw(&Circle::new(c, w(6.0), theme.background.filled()))?;
            area.draw(&Circle::new(
                c,
                w(6.0),
                theme.foreground.stroke_width(w(2.0)),
            ))?;
        }
    }
    Ok(())
}

/// `p` in pixels, moved onto the edge of `rect` when it lies outside (so the mark of a run
/// that left the frame shows where it left); `None` for non-finite points.
fn clamped_pixel(view: &View, rect: &PixelRect, p: (f64, f64)) -> Option<(i32, i32)> {
    let q = view.to_pixel(p);
    if !(q.0.is_finite() && q.1.is_finite()) {
        return None;
    }
    let x = q.0.clamp(rect.left, rect.right);
    let y = q.1.clamp(rect.top, rect.bottom);
    Some((x.round() as i32, y.round() as i32))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG relative luminance.
    fn luminance(c: RGBColor) -> f64 {
        let lin = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
    }

    fn contrast(a: RGBColor, b: RGBColor) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    /// CIELAB (D65) of an sRGB colour.
    fn lab(c: RGBColor) -> [f64; 3] {
        let lin = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        let (r, g, b) = (lin(c.0), lin(c.1), lin(c.2));
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        let f = |t: f64| {
            if t > 0.008856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        [
            116.0 * f(y) - 16.0,
            500.0 * (f(x) - f(y)),
            200.0 * (f(y) - f(z)),
        ]
    }

    /// The CIE76 colour difference (about 2.3 is just noticeable).
    fn delta_e(a: RGBColor, b: RGBColor) -> f64 {
        let (p, q) = (lab(a), lab(b));
        ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2) + (p[2] - q[2]).powi(2)).sqrt()
    }

    #[test]
    fn every_colour_stands_out_from_its_background_and_the_default_race_stays_apart() {
        // The default race: gradient descent, momentum, Adam, L-BFGS.
        let default_race = [0, 1, 5, 7];
        for theme in [Theme::light(), Theme::dark()] {
            for i in 0..8 {
                let c = race_color(i, &theme);
                let k = contrast(c, theme.background);
                assert!(
                    k >= 3.0,
                    "runner {i}: {c:?} has {k:.2}:1 on {:?}",
                    theme.background
                );
            }
            // Any two runners are told apart (CIE76 ΔE of 25 or more).
            for i in 0..8 {
                for j in i + 1..8 {
                    let d = delta_e(race_color(i, &theme), race_color(j, &theme));
                    assert!(d >= 25.0, "runners {i} and {j} differ by ΔE {d:.0}");
                }
            }
            for (n, &i) in default_race.iter().enumerate() {
                for &j in &default_race[n + 1..] {
                    let d = delta_e(race_color(i, &theme), race_color(j, &theme));
                    assert!(d >= 30.0, "runners {i} and {j} differ by ΔE {d:.0}");
                }
            }
            // Momentum and Adam differ in hue, not only in lightness: blue against a
            // reddish purple (a*, the green–red axis, has opposite signs or far apart).
            let (m, a) = (lab(race_color(1, &theme)), lab(race_color(5, &theme)));
            assert!((a[1] - m[1]).abs() >= 40.0, "momentum {m:?} and Adam {a:?}");
        }
        assert!(Theme::dark().is_dark() && !Theme::light().is_dark());
        assert_eq!(css_color(race_color(0, &Theme::light())), "#d55e00");
        assert_eq!(race_color(9, &Theme::dark()), race_color(1, &Theme::dark()));
    }

    #[test]
    fn marks_stay_in_the_frame() {
        let v = View::new(100.0, 100.0, (-1.0, 1.0), (-1.0, 1.0));
        let r = v.pixel_rect();
        assert_eq!(clamped_pixel(&v, &r, (50.0, 0.0)), Some((100, 50)));
        assert_eq!(clamped_pixel(&v, &r, (0.0, 0.0)), Some((50, 50)));
        assert_eq!(clamped_pixel(&v, &r, (f64::NAN, 0.0)), None);
    }
}
