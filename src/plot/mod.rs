//! Drawing layer of Nabla: heatmaps, contours, gradient fields, level curves,
//! 3-D surfaces, descent paths and 1-D charts.
//!
//! The module only knows numbers (grids of values, points, paths) and draws onto
//! any plotters [`DrawingBackend`]. In the browser
//! the UI passes a `plotters_canvas::CanvasBackend`; dense images (the heatmap) are
//! produced as raw RGBA buffers for a single `putImageData`.
//!
//! World coordinates are mathematical (y up); pixel coordinates are screen
//! coordinates (y down). [`View`] converts between the two.
//!
//! Every public function is panic-free on degenerate input (empty grids, NaN,
//! infinities, zero-size canvases, reversed ranges): it draws nothing or returns an
//! empty result. Drawing errors from the backend are propagated as [`PlotResult`].
//! Text is drawn through the backend's `draw_text`; `CanvasBackend` and `SVGBackend`
//! render text themselves, while a native `BitMapBackend` needs plotters' `ttf` or
//! `ab_glyph` feature to draw text.

pub mod basin;
pub mod cells;
pub mod chart;
pub mod classifier;
pub mod clip;
pub mod colormap;
pub mod contour;
pub mod curvature_axes;
pub mod field;
pub mod grid;
pub mod heatmap;
pub mod image_map;
pub mod level_curve;
pub mod levels;
pub mod log_chart;
pub mod path;
pub mod plane;
pub mod race;
pub mod residuals;
pub mod surface;
pub mod sweep;
pub mod ticks;

pub use basin::{basin_scale, render_basin_rgba, BasinColors, BasinShade};
pub use cells::{render_cells_rgba, Cells};
pub use chart::{
    draw_function_plot, draw_line_chart, function_runs, FunctionPlotOptions, LineChartOptions,
    Series, Tangent1D,
};
pub use clip::{clip_polyline, clip_segment, PixelRect};
pub use colormap::{ColorMap, ColorScale, ScaleTransform};
pub use contour::{
    compute_contours, contour_labels, draw_contours, nice_levels, ContourStyle, Contours, IsoLine,
};
pub use curvature_axes::{axis_half_lengths, draw_curvature_axes, CurvatureAxis};
pub use field::{
    arrow_segments, draw_arrow_field, draw_fitted_arrow, draw_gradient_arrow, field_arrows,
    field_sample_points, fitted_arrow, gradient_arrow, ArrowPx, FieldSample, FieldStyle,
    FittedArrow, LengthScaling,
};
pub use grid::{Grid, View, Viewport};
pub use heatmap::{
    draw_color_legend, render_heatmap_rgba, render_heatmap_rgba_with_hole, HeatmapError,
};
pub use level_curve::{
    draw_level_curve, level_curve_through, tangent_direction, tangent_segment, LevelCurve,
};
pub use levels::{choose_levels, LevelChoice, Spacing};
pub use path::{draw_path, path_runs, visible_prefix, PathStyle};
pub use race::{
    css_color, draw_race_paths, race_color, RacePath, RACE_COLORS_DARK, RACE_COLORS_LIGHT,
};
pub use residuals::draw_fit_scatter;
pub use surface::{
    draw_surface, draw_surface_layers, grid_slice_x, grid_slice_y, project, Camera, Projector,
    SurfaceOverlay, SurfacePass, TangentPlane,
};
pub use sweep::{draw_sweep_chart, SweepChartOptions, SweepOutcome};
pub use ticks::{format_compact, format_tick, nice_step, nice_ticks, tick_labels, TickLabels};

use plotters::drawing::DrawingAreaErrorKind;
use plotters::prelude::{DrawingBackend, RGBColor};

/// Result of a drawing call: the backend's error wrapped by plotters' drawing area.
pub type PlotResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Colours shared by all drawings, so the UI can follow `prefers-color-scheme`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    /// Canvas background.
    pub background: RGBColor,
    /// Text, axes and outlines.
    pub foreground: RGBColor,
    /// Grid lines and faint helpers.
    pub grid: RGBColor,
    /// Selected point, tangent lines and other highlights.
    pub accent: RGBColor,
    /// Contour (isoline) colour.
    pub contour: RGBColor,
    /// Gradient arrows.
    pub arrow: RGBColor,
    /// Descent paths.
    pub path: RGBColor,
    /// Slice curve `x = x0` (its slope is ∂f/∂y).
    pub slice_x: RGBColor,
    /// Slice curve `y = y0` (its slope is ∂f/∂x).
    pub slice_y: RGBColor,
    /// Default colours for line-chart series, cycled.
    pub series: [RGBColor; 4],
}

impl Theme {
    /// Whether the background is dark (light ink on it).
    pub fn is_dark(&self) -> bool {
        let RGBColor(r, g, b) = self.background;
        u32::from(r) + u32::from(g) + u32::from(b) < 384
    }

    /// Light theme (dark ink on white).
    pub fn light() -> Self {
        Theme {
            background: RGBColor(255, 255, 255),
            foreground: RGBColor(33, 37, 41),
            grid: RGBColor(222, 226, 230),
            accent: RGBColor(214, 40, 40),
            contour: RGBColor(255, 255, 255),
            arrow: RGBColor(20, 20, 20),
            path: RGBColor(230, 80, 0),
            slice_x: RGBColor(0, 114, 178),
            slice_y: RGBColor(213, 94, 0),
            series: [
                RGBColor(0, 114, 178),
                RGBColor(213, 94, 0),
                RGBColor(0, 158, 115),
                RGBColor(204, 121, 167),
            ],
        }
    }

    /// Dark theme (light ink on near-black).
    pub fn dark() -> Self {
        Theme {
            background: RGBColor(24, 26, 27),
            foreground: RGBColor(230, 230, 230),
            grid: RGBColor(64, 68, 72),
            accent: RGBColor(255, 99, 99),
            contour: RGBColor(240, 240, 240),
            arrow: RGBColor(250, 250, 250),
            path: RGBColor(255, 160, 40),
            slice_x: RGBColor(86, 180, 233),
            slice_y: RGBColor(240, 228, 66),
            series: [
                RGBColor(86, 180, 233),
                RGBColor(230, 159, 0),
                RGBColor(0, 200, 150),
                RGBColor(230, 140, 190),
            ],
        }
    }

    /// Pick [`Theme::dark`] or [`Theme::light`] from a `prefers-color-scheme: dark` flag.
    pub fn for_dark_mode(dark: bool) -> Self {
        if dark {
            Self::dark()
        } else {
            Self::light()
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Self::light()
    }
}
