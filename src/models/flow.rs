//! Optical flow by Lucas–Kanade. Two frames of a synthetic pattern, the second shifted by a
//! known `(u, v)`; on each window the brightness-constancy equation `I_x u + I_y v + I_t = 0`
//! holds at every pixel, and least squares gives `M [u v]ᵀ = −[ΣI_x I_t, ΣI_y I_t]ᵀ` with the
//! structure tensor `M = [[ΣI_x², ΣI_x I_y], [ΣI_x I_y, ΣI_y²]]`.
//!
//! The eigenvalues of `M` (the engine's [`symmetric_eigenvalues`]) say whether the window can
//! be trusted: both large means texture in two directions; one tiny means a straight edge, on
//! which only the motion across the edge can be seen (the aperture problem); both tiny means a
//! flat patch with nothing to track. Rejected windows keep the "normal flow", the part of the
//! motion along the edge's gradient that the data does determine.
//!
//! Coordinates are image coordinates (y down). Nothing panics: odd sizes give fewer or no
//! windows.

use crate::math::symmetric_eigenvalues;
use crate::models::image::Image;

/// The synthetic scenes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pattern {
    /// A smooth texture of crossing waves: every window sees gradients in two directions.
    Texture,
    /// A single straight, soft edge at 30° from vertical: the aperture problem.
    Edge,
    /// A few soft blobs on a flat ground: corners track, flat ground does not.
    Blobs,
}

impl Pattern {
    /// All scenes.
    pub const ALL: [Pattern; 3] = [Pattern::Texture, Pattern::Edge, Pattern::Blobs];

    /// The key used in the address.
    pub fn key(self) -> &'static str {
        match self {
            Pattern::Texture => "texture",
            Pattern::Edge => "edge",
            Pattern::Blobs => "blobs",
        }
    }

    /// The scene with this key.
    pub fn from_key(key: &str) -> Option<Pattern> {
        Pattern::ALL.into_iter().find(|p| p.key() == key)
    }

    /// A menu label.
    pub fn label(self) -> &'static str {
        match self {
            Pattern::Texture => "Texture",
            Pattern::Edge => "Straight edge",
            Pattern::Blobs => "Blobs",
        }
    }

    /// The intensity of the scene at a continuous point.
    pub fn intensity(self, x: f64, y: f64) -> f64 {
        use std::f64::consts::TAU;
        match self {
            Pattern::Texture => {
                0.5 + 0.18 * (TAU * x / 23.0 + 0.3).sin() * (TAU * y / 19.0).cos()
                    + 0.15 * (TAU * (x + 2.0 * y) / 41.0).sin()
                    + 0.12 * (TAU * (2.0 * x - y) / 29.0 + 1.0).cos()
            }
            Pattern::Edge => {
                let (s, c) = (30f64).to_radians().sin_cos();
                let d = x * c - y * s - 40.0;
                0.2 + 0.6 / (1.0 + (-d / 2.5).exp())
            }
            Pattern::Blobs => {
                let blobs = [(30.0, 34.0), (90.0, 40.0), (60.0, 92.0), (104.0, 100.0)];
                0.2 + blobs
                    .iter()
                    .map(|(bx, by)| {
                        let r2 = (x - bx) * (x - bx) + (y - by) * (y - by);
                        0.6 * (-r2 / (2.0 * 7.0 * 7.0)).exp()
                    })
                    .sum::<f64>()
            }
        }
    }

    /// Frame 1, and frame 2 with the scene moved by `(u, v)` pixels.
    pub fn frames(self, size: usize, u: f64, v: f64) -> (Image, Image) {
        let (u, v) = (finite_or_zero(u), finite_or_zero(v));
        (
            Image::from_fn(size, size, |x, y| self.intensity(x, y)),
            Image::from_fn(size, size, |x, y| self.intensity(x - u, y - v)),
        )
    }
}

fn finite_or_zero(v: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        0.0
    }
}

/// Why a window was or was not trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WindowStatus {
    /// Both eigenvalues above the threshold: the flow is determined.
    Tracked,
    /// Only the larger eigenvalue is above it: a straight edge, the aperture problem.
    Aperture,
    /// Both below it: a flat patch.
    Flat,
}

/// One window's analysis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WindowFlow {
    /// The window's centre in pixels.
    pub center: [f64; 2],
    /// The structure tensor `[[ΣI_x², ΣI_xI_y], [ΣI_xI_y, ΣI_y²]]`.
    pub tensor: [[f64; 2]; 2],
    /// Its eigenvalues, larger first.
    pub eigenvalues: [f64; 2],
    /// The direction of the larger eigenvalue's eigenvector, radians from +x towards +y.
    pub major_axis: f64,
    /// The least-squares flow, if the window was tracked.
    pub flow: Option<[f64; 2]>,
    /// The motion along the major axis, `(e₁·b/λ₁) e₁`, if λ₁ is above the threshold: what an
    /// edge does show.
    pub normal_flow: Option<[f64; 2]>,
    /// The verdict.
    pub status: WindowStatus,
}

/// Lucas–Kanade settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LkConfig {
    /// Window side in pixels (clamped to 3–64).
    pub window: usize,
    /// Smallest eigenvalue accepted, per pixel of the window (the threshold is this times
    /// the window's area).
    pub min_eigenvalue_per_pixel: f64,
}

impl Default for LkConfig {
    fn default() -> Self {
        LkConfig {
            window: 16,
            min_eigenvalue_per_pixel: 1e-4,
        }
    }
}

/// Lucas–Kanade on a grid of non-overlapping windows (pixels on the image border, where the
/// central difference is one-sided, are left out).
pub fn lucas_kanade(a: &Image, b: &Image, config: LkConfig) -> Vec<WindowFlow> {
    let win = config.window.clamp(3, 64);
    let (w, h) = (a.width, a.height);
    if b.width != w || b.height != h || w < 3 || h < 3 {
        return Vec::new();
    }
    let threshold = finite_or_zero(config.min_eigenvalue_per_pixel).max(0.0) * (win * win) as f64;
    let avg = |x: usize, y: usize| -> f64 {
        0.5 * (a.get(x, y).unwrap_or(0.0) as f64 + b.get(x, y).unwrap_or(0.0) as f64)
    };
    let mut out = Vec::new();
    for wy in 0..h / win {
        for wx in 0..w / win {
            let (mut sxx, mut sxy, mut syy, mut sxt, mut syt) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for y in wy * win..(wy + 1) * win {
                for x in wx * win..(wx + 1) * win {
                    if x == 0 || y == 0 || x + 1 >= w || y + 1 >= h {
                        continue;
                    }
                    let ix = 0.5 * (avg(x + 1, y) - avg(x - 1, y));
                    let iy = 0.5 * (avg(x, y + 1) - avg(x, y - 1));
                    let it = b.get(x, y).unwrap_or(0.0) as f64 - a.get(x, y).unwrap_or(0.0) as f64;
                    sxx += ix * ix;
                    sxy += ix * iy;
                    syy += iy * iy;
                    sxt += ix * it;
                    syt += iy * it;
                }
            }
            out.push(solve_window(
                [
                    (wx as f64 + 0.5) * win as f64,
                    (wy as f64 + 0.5) * win as f64,
                ],
                [[sxx, sxy], [sxy, syy]],
                [-sxt, -syt],
                threshold,
            ));
        }
    }
    out
}

fn solve_window(center: [f64; 2], m: [[f64; 2]; 2], rhs: [f64; 2], threshold: f64) -> WindowFlow {
    let eig = symmetric_eigenvalues(&[m[0].to_vec(), m[1].to_vec()]).unwrap_or_default();
    let (l1, l2) = match eig.as_slice() {
        [p, q] => (p.max(*q), p.min(*q)),
        _ => (f64::NAN, f64::NAN),
    };
    let major_axis = 0.5 * (2.0 * m[0][1]).atan2(m[0][0] - m[1][1]);
    let e1 = [major_axis.cos(), major_axis.sin()];
    let status = if l2 > threshold {
        WindowStatus::Tracked
    } else if l1 > threshold {
        WindowStatus::Aperture
    } else {
        WindowStatus::Flat
    };
    let flow = if status == WindowStatus::Tracked {
        let det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
        let u = (m[1][1] * rhs[0] - m[0][1] * rhs[1]) / det;
        let v = (m[0][0] * rhs[1] - m[1][0] * rhs[0]) / det;
        (u.is_finite() && v.is_finite()).then_some([u, v])
    } else {
        None
    };
    let normal_flow = (l1 > threshold).then(|| {
        let s = (e1[0] * rhs[0] + e1[1] * rhs[1]) / l1;
        [s * e1[0], s * e1[1]]
    });
    WindowFlow {
        center,
        tensor: m,
        eigenvalues: [l1, l2],
        major_axis,
        flow,
        normal_flow,
        status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_a_known_shift_on_texture() {
        let (u, v) = (0.6, -0.4);
        let (a, b) = Pattern::Texture.frames(128, u, v);
        let flows = lucas_kanade(&a, &b, LkConfig::default());
        assert_eq!(flows.len(), 64);
        for f in &flows {
            assert_eq!(f.status, WindowStatus::Tracked, "{f:?}");
            let [fu, fv] = f.flow.unwrap();
            assert!((fu - u).abs() < 0.1 && (fv - v).abs() < 0.1, "{f:?}");
        }
    }

    #[test]
    fn rejects_windows_on_a_straight_edge_and_keeps_the_normal_flow() {
        let (u, v) = (0.5, 0.5);
        let (a, b) = Pattern::Edge.frames(128, u, v);
        let flows = lucas_kanade(&a, &b, LkConfig::default());
        let on_edge: Vec<_> = flows
            .iter()
            .filter(|f| f.status == WindowStatus::Aperture)
            .collect();
        assert!(!on_edge.is_empty());
        assert!(
            flows.iter().all(|f| f.status != WindowStatus::Tracked),
            "{flows:?}"
        );
        // The edge's normal is (cos 30°, −sin 30°): only that part of (u, v) is seen.
        let (s, c) = 30f64.to_radians().sin_cos();
        let across = u * c - v * s;
        for f in on_edge {
            let n = f.normal_flow.unwrap();
            assert!(f.eigenvalues[1] < 1e-3 * f.eigenvalues[0], "{f:?}");
            let along_normal = n[0] * c - n[1] * s;
            assert!((along_normal - across).abs() < 0.05, "{f:?} {across}");
        }
    }

    #[test]
    fn blobs_track_on_blobs_and_not_on_flat_ground() {
        let (a, b) = Pattern::Blobs.frames(128, 0.5, 0.3);
        let flows = lucas_kanade(&a, &b, LkConfig::default());
        assert!(flows.iter().any(|f| f.status == WindowStatus::Tracked));
        assert!(flows.iter().any(|f| f.status == WindowStatus::Flat));
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let (a, b) = Pattern::Texture.frames(0, f64::NAN, f64::INFINITY);
        assert!(lucas_kanade(&a, &b, LkConfig::default()).is_empty());
        let (a, b) = Pattern::Texture.frames(10, 0.0, 0.0);
        let flows = lucas_kanade(
            &a,
            &b,
            LkConfig {
                window: 0,
                min_eigenvalue_per_pixel: f64::NAN,
            },
        );
        assert!(!flows.is_empty());
        let flat = Image::from_fn(32, 32, |_, _| 0.5);
        let flows = lucas_kanade(&flat, &flat, LkConfig::default());
        assert!(flows
            .iter()
            .all(|f| f.status == WindowStatus::Flat && f.flow.is_none()));
        let other = Image::blank(16, 16);
        assert!(lucas_kanade(&flat, &other, LkConfig::default()).is_empty());
        for p in Pattern::ALL {
            assert_eq!(Pattern::from_key(p.key()), Some(p));
        }
    }
}
