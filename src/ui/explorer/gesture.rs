//! Pointer gestures on the contour map as a small state machine: one pointer selects the
//! point (or pans, with Shift or Alt held), two pointers pinch-zoom. Positions are canvas
//! pixels; the component turns the returned [`Action`]s into signal updates.

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
}

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

    /// A pointer went down at `pos`; `pan` is true when Shift or Alt is held.
    pub fn down(&mut self, id: i32, pos: (f64, f64), pan: bool) -> Action {
        self.pointers.retain(|(p, _)| *p != id);
        self.pointers.push((id, pos));
        match self.pointers.as_slice() {
            [_] if pan => {
                self.mode = Mode::Pan;
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

    /// A pointer went up or was cancelled. After a pinch the remaining finger does nothing
    /// until it is lifted, so the point does not jump.
    pub fn up(&mut self, id: i32) {
        self.pointers.retain(|(p, _)| *p != id);
        if self.pointers.is_empty() || matches!(self.mode, Mode::Pinch(_)) {
            self.mode = Mode::Idle;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drag_selects_shift_drag_pans_two_fingers_zoom() {
        let mut g = Gestures::default();
        assert_eq!(g.down(1, (10.0, 10.0), false), Action::Select((10.0, 10.0)));
        assert_eq!(g.moved(1, (12.0, 11.0)), Action::Select((12.0, 11.0)));
        g.up(1);
        assert!(!g.active());
        assert_eq!(g.moved(1, (0.0, 0.0)), Action::None);

        assert_eq!(g.down(1, (10.0, 10.0), true), Action::None);
        assert_eq!(g.moved(1, (15.0, 8.0)), Action::Pan(5.0, -2.0));
        g.up(1);

        g.down(1, (0.0, 0.0), false);
        assert_eq!(g.down(2, (10.0, 0.0), false), Action::None);
        match g.moved(2, (20.0, 0.0)) {
            Action::Zoom { center, factor } => {
                assert!((factor - 2.0).abs() < 1e-12);
                assert_eq!(center, (10.0, 0.0));
            }
            other => panic!("expected a zoom, got {other:?}"),
        }
        g.up(2);
        assert_eq!(g.moved(1, (3.0, 3.0)), Action::None);
        g.up(1);
        assert!(!g.active());
    }
}
