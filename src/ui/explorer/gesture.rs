//! Pointer gestures on the contour map as a small state machine: one pointer selects the
//! point (or pans, with Shift or Alt held), two pointers pinch-zoom. A finger selects only
//! once it is clearly a tap or a drag, so the first finger of a pinch never moves the point.
//! Positions are canvas pixels; the component turns the returned [`Action`]s into signal
//! updates.

/// What a pointer event asks for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Action {
    /// Nothing to do.
    None,
    /// Move the selected point to this pixel.
    Select((f64, f64)),
    /// Pan by this many pixels.
    Pan(f64, f64),
    /// Zoom by `factor` about the pixel `center`.
    Zoom {
        /// The fixed pixel.
        center: (f64, f64),
        /// > 1 zooms in.
        factor: f64,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Default)]
enum Mode {
    #[default]
    Idle,
    Select,
    Pan,
    Pinch(f64),
    /// A finger is down but has not yet shown whether it taps, drags or starts a pinch.
    Touch((f64, f64)),
}

/// How far (in pixels) a finger moves before it counts as a drag.
const TOUCH_SLOP: f64 = 8.0;

/// The pointers that are down and what they are doing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gestures {
    pointers: Vec<(i32, (f64, f64))>,
    mode: Mode,
}

fn dist(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

impl Gestures {
    /// True while a pointer is down.
    pub fn active(&self) -> bool {
        !self.pointers.is_empty()
    }

    /// A pointer went down at `pos`; `pan` is true when Shift or Alt is held, `touch` when
    /// it is a finger.
    pub fn down(&mut self, id: i32, pos: (f64, f64), pan: bool, touch: bool) -> Action {
        self.pointers.retain(|(p, _)| *p != id);
        self.pointers.push((id, pos));
        match self.pointers.as_slice() {
            [_] if pan => {
                self.mode = Mode::Pan;
                Action::None
            }
            [_] if touch => {
                self.mode = Mode::Touch(pos);
                Action::None
            }
            [_] => {
                self.mode = Mode::Select;
                Action::Select(pos)
            }
            [(_, a), (_, b), ..] => {
                self.mode = Mode::Pinch(dist(*a, *b));
                Action::None
            }
            [] => Action::None,
        }
    }

    /// A pointer moved to `pos`.
    pub fn moved(&mut self, id: i32, pos: (f64, f64)) -> Action {
        let Some(k) = self.pointers.iter().position(|(p, _)| *p == id) else {
            return Action::None;
        };
        let old = self.pointers[k].1;
        self.pointers[k].1 = pos;
        match self.mode {
            Mode::Idle => Action::None,
            Mode::Touch(start) if dist(start, pos) > TOUCH_SLOP => {
                self.mode = Mode::Select;
                Action::Select(pos)
            }
            Mode::Touch(_) => Action::None,
            Mode::Select => Action::Select(pos),
            Mode::Pan => Action::Pan(pos.0 - old.0, pos.1 - old.1),
            Mode::Pinch(before) => {
                let (a, b) = match self.pointers.as_slice() {
                    [(_, a), (_, b), ..] => (*a, *b),
                    _ => return Action::None,
                };
                let now = dist(a, b);
                self.mode = Mode::Pinch(now);
                if before > 1.0 && now > 1.0 {
                    Action::Zoom {
                        center: ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0),
                        factor: now / before,
                    }
                } else {
                    Action::None
                }
            }
        }
    }

    /// A pointer went up (`cancelled` when the browser took it over). A finger lifted
    /// where it landed was a tap, which selects there. After a pinch the remaining finger
    /// does nothing until it is lifted, so the point does not jump.
    pub fn up(&mut self, id: i32, cancelled: bool) -> Action {
        self.pointers.retain(|(p, _)| *p != id);
        let tap = match self.mode {
            Mode::Touch(start) if !cancelled && self.pointers.is_empty() => Action::Select(start),
            _ => Action::None,
        };
        if self.pointers.is_empty() || matches!(self.mode, Mode::Pinch(_)) {
            self.mode = Mode::Idle;
        }
        tap
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drag_selects_shift_drag_pans_two_fingers_zoom() {
        let mut g = Gestures::default();
        assert_eq!(
            g.down(1, (10.0, 10.0), false, false),
            Action::Select((10.0, 10.0))
        );
        assert_eq!(g.moved(1, (12.0, 11.0)), Action::Select((12.0, 11.0)));
        g.up(1, false);
        assert!(!g.active());
        assert_eq!(g.moved(1, (0.0, 0.0)), Action::None);

        assert_eq!(g.down(1, (10.0, 10.0), true, false), Action::None);
        assert_eq!(g.moved(1, (15.0, 8.0)), Action::Pan(5.0, -2.0));
        g.up(1, false);

        g.down(1, (0.0, 0.0), false, false);
        assert_eq!(g.down(2, (10.0, 0.0), false, false), Action::None);
        match g.moved(2, (20.0, 0.0)) {
            Action::Zoom { center, factor } => {
                assert!((factor - 2.0).abs() < 1e-12);
                assert_eq!(center, (10.0, 0.0));
            }
            other => panic!("expected a zoom, got {other:?}"),
        }
        g.up(2, false);
        assert_eq!(g.moved(1, (3.0, 3.0)), Action::None);
        g.up(1, false);
        assert!(!g.active());
    }

    #[test]
    fn a_pinch_only_zooms_and_a_tap_or_drag_selects() {
        let mut g = Gestures::default();
        // Two fingers: neither the first finger nor the pinch moves the point.
        assert_eq!(g.down(1, (0.0, 0.0), false, true), Action::None);
        assert_eq!(g.moved(1, (2.0, 1.0)), Action::None);
        assert_eq!(g.down(2, (10.0, 0.0), false, true), Action::None);
        assert!(matches!(g.moved(2, (20.0, 0.0)), Action::Zoom { .. }));
        assert_eq!(g.up(2, false), Action::None);
        assert_eq!(g.up(1, false), Action::None);
        assert!(!g.active());
        // A tap selects where the finger landed.
        assert_eq!(g.down(3, (5.0, 5.0), false, true), Action::None);
        assert_eq!(g.moved(3, (6.0, 5.0)), Action::None);
        assert_eq!(g.up(3, false), Action::Select((5.0, 5.0)));
        // A drag selects as soon as it is clearly one, then follows the finger.
        g.down(4, (5.0, 5.0), false, true);
        assert_eq!(g.moved(4, (20.0, 5.0)), Action::Select((20.0, 5.0)));
        assert_eq!(g.moved(4, (21.0, 5.0)), Action::Select((21.0, 5.0)));
        assert_eq!(g.up(4, false), Action::None);
        // A finger the browser took over (a scroll) selects nothing.
        g.down(5, (5.0, 5.0), false, true);
        assert_eq!(g.up(5, true), Action::None);
    }
}
