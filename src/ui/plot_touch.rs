//! One-finger scrolling past plots on touch screens. A plot that takes pointer input starts
//! "resting": a one-finger swipe over it scrolls the page (`touch-action: pan-x pan-y`) and
//! does nothing to the plot. A tap wakes it: the tap counts as a click where it landed, and
//! from then on drags and pinches go to the plot (`touch-action: none`) until the learner
//! touches or clicks anywhere outside it. A mouse or a pen always works the plot directly.
//! A plot that only takes clicks (pick a start, pick a pixel) never needs waking: a swipe
//! scrolls past it and a tap is its click ([`PlotTouch::taps_only`]).
//!
//! [`TapFilter`] is the plain logic (which pointer events a resting plot lets through);
//! [`PlotTouch`] wires it to a canvas: the class that switches `touch-action`, the listener
//! that puts the plot back to rest, and [`TouchHint`], the sentence under the plot that says
//! all this on touch devices.

use leptos::ev;
use leptos::html;
use leptos::html::ElementType;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// How far (CSS pixels) a finger may move and still count as a tap.
pub const TAP_SLOP: f64 = 10.0;

/// What a pointer event on a resting plot amounts to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Touch {
    /// Hand it to the plot as usual (a mouse, a pen, or any pointer on an awake plot).
    Pass,
    /// Ignore it: a finger that may yet be a swipe the page scrolls by.
    Ignore,
    /// A finger lifted where it landed: the plot wakes, and the widget treats this as a
    /// click (press and release) at the place it landed.
    Tap,
}

/// Which events a resting plot lets through: the pure state machine behind [`PlotTouch`].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TapFilter {
    /// The finger on a resting plot, and where it landed (CSS pixels).
    finger: Option<(i32, (f64, f64))>,
    /// Set once the finger moved too far to be a tap.
    swiped: bool,
}

impl TapFilter {
    /// A pointer went down. `touch`: it is a finger; `awake`: the plot is awake.
    pub fn down(&mut self, id: i32, pos: (f64, f64), touch: bool, awake: bool) -> Touch {
        if !touch || awake {
            self.finger = None;
            return Touch::Pass;
        }
        if self.finger.is_some() {
            // A second finger on a resting plot: the page's gesture, not a tap.
            self.swiped = true;
            return Touch::Ignore;
        }
        self.finger = Some((id, pos));
        self.swiped = false;
        Touch::Ignore
    }

    /// A pointer moved.
    pub fn moved(&mut self, id: i32, pos: (f64, f64)) -> Touch {
        match self.finger {
            Some((f, start)) if f == id => {
                if (pos.0 - start.0).hypot(pos.1 - start.1) > TAP_SLOP {
                    self.swiped = true;
                }
                Touch::Ignore
            }
            Some(_) => Touch::Ignore,
            None => Touch::Pass,
        }
    }

    /// A pointer went up; `cancelled` when the browser took it over (it scrolled).
    pub fn up(&mut self, id: i32, cancelled: bool) -> Touch {
        match self.finger {
            Some((f, _)) if f == id => {
                self.finger = None;
                if cancelled || self.swiped {
                    Touch::Ignore
                } else {
                    Touch::Tap
                }
            }
            Some(_) => Touch::Ignore,
            None => Touch::Pass,
        }
    }
}

/// A plot's resting/awake state on touch screens. `Copy`; make one per canvas with
/// [`PlotTouch::new`], put `class:touch-scroll=true class:touch-awake=move || t.awake()` on
/// the canvas (or use [`PlotTouch::classes`]), and run its pointer events through
/// [`PlotTouch::down`], [`PlotTouch::moved`] and [`PlotTouch::up`] first.
#[derive(Clone, Copy)]
pub struct PlotTouch {
    awake: RwSignal<bool>,
    wakes: bool,
    filter: StoredValue<TapFilter>,
}

impl PlotTouch {
    /// A resting plot on `canvas`; it goes back to rest when a pointer goes down anywhere
    /// outside the canvas.
    pub fn new(canvas: NodeRef<html::Canvas>) -> PlotTouch {
        Self::on(canvas)
    }

    /// A resting plot on any element (a canvas, or an SVG such as the direction dial); it
    /// goes back to rest when a pointer goes down anywhere outside the element.
    pub fn on<E>(plot: NodeRef<E>) -> PlotTouch
    where
        E: ElementType + 'static,
        E::Output: JsCast + Clone + 'static,
    {
        let awake = RwSignal::new(false);
        let handle = window_event_listener(ev::pointerdown, move |e: web_sys::PointerEvent| {
            if !awake.get_untracked() {
                return;
            }
            let inside = match (plot.get_untracked(), e.target()) {
                (Some(el), Some(t)) => t
                    .dyn_into::<web_sys::Node>()
                    .is_ok_and(|node| el.unchecked_ref::<web_sys::Node>().contains(Some(&node))),
                _ => false,
            };
            if !inside {
                awake.set(false);
            }
        });
        on_cleanup(move || handle.remove());
        PlotTouch {
            awake,
            wakes: true,
            filter: StoredValue::new(TapFilter::default()),
        }
    }

    /// A plot that only takes clicks: it never wakes; a swipe over it scrolls the page and
    /// a tap is a click.
    pub fn taps_only() -> PlotTouch {
        PlotTouch {
            awake: RwSignal::new(false),
            wakes: false,
            filter: StoredValue::new(TapFilter::default()),
        }
    }

    /// True once a tap woke the plot (tracked).
    pub fn awake(&self) -> bool {
        self.awake.get()
    }

    /// The awake state as a signal (for hints and classes).
    pub fn awake_signal(&self) -> Signal<bool> {
        self.awake.into()
    }

    fn pos(ev: &web_sys::PointerEvent) -> (f64, f64) {
        (ev.client_x() as f64, ev.client_y() as f64)
    }

    fn is_touch(ev: &web_sys::PointerEvent) -> bool {
        ev.pointer_type() == "touch"
    }

    /// A pointer went down on the canvas: whether the widget should handle it now.
    pub fn down(&self, ev: &web_sys::PointerEvent) -> Touch {
        let awake = self.awake.get_untracked();
        self.filter
            .try_update_value(|f| f.down(ev.pointer_id(), Self::pos(ev), Self::is_touch(ev), awake))
            .unwrap_or(Touch::Pass)
    }

    /// A pointer moved over the canvas.
    pub fn moved(&self, ev: &web_sys::PointerEvent) -> Touch {
        self.filter
            .try_update_value(|f| f.moved(ev.pointer_id(), Self::pos(ev)))
            .unwrap_or(Touch::Pass)
    }

    /// A pointer went up or was cancelled. On [`Touch::Tap`] the plot is now awake.
    pub fn up(&self, ev: &web_sys::PointerEvent) -> Touch {
        let cancelled = ev.type_() == "pointercancel";
        let t = self
            .filter
            .try_update_value(|f| f.up(ev.pointer_id(), cancelled))
            .unwrap_or(Touch::Pass);
        if t == Touch::Tap && self.wakes {
            self.awake.set(true);
        }
        t
    }
}

/// The sentence under a plot on touch devices (hidden where there is a mouse): how to
/// scroll past the plot and how to use it, following its state.
#[component]
pub fn TouchHint(
    /// The plot's touch state.
    touch: PlotTouch,
    /// The plot, as the sentence names it ("map", "image").
    name: &'static str,
    /// What the awake plot does ("drag to move the point, pinch to zoom"), or for a plot
    /// that only takes taps, what a tap does ("start the race there").
    does: &'static str,
) -> impl IntoView {
    view! {
        <p class="touch-hint" data-testid="touch-hint">
            {move || {
                if !touch.wakes {
                    format!("Swipe over the {name} to scroll the page; tap it to {does}.")
                } else if touch.awake() {
                    format!("The {name} is in use: {does}. Touch outside it to scroll past it again.")
                } else {
                    format!("Swipe over the {name} to scroll the page; tap it to use it.")
                }
            }}
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_swipe_on_a_resting_plot_reaches_nothing_and_a_tap_wakes_it() {
        let mut f = TapFilter::default();
        assert_eq!(f.down(1, (0.0, 0.0), true, false), Touch::Ignore);
        assert_eq!(f.moved(1, (0.0, 40.0)), Touch::Ignore);
        assert_eq!(f.up(1, true), Touch::Ignore);
        // A swipe the browser did not take over is still no tap.
        f.down(2, (0.0, 0.0), true, false);
        f.moved(2, (30.0, 0.0));
        f.moved(2, (0.0, 0.0));
        assert_eq!(f.up(2, false), Touch::Ignore);
        // A finger that wobbles a little and lifts is a tap.
        f.down(3, (5.0, 5.0), true, false);
        assert_eq!(f.moved(3, (8.0, 9.0)), Touch::Ignore);
        assert_eq!(f.up(3, false), Touch::Tap);
    }

    #[test]
    fn mice_pens_and_awake_plots_pass_and_two_fingers_are_no_tap() {
        let mut f = TapFilter::default();
        assert_eq!(f.down(1, (0.0, 0.0), false, false), Touch::Pass);
        assert_eq!(f.moved(1, (50.0, 0.0)), Touch::Pass);
        assert_eq!(f.up(1, false), Touch::Pass);
        assert_eq!(f.down(2, (0.0, 0.0), true, true), Touch::Pass);
        assert_eq!(f.moved(2, (50.0, 0.0)), Touch::Pass);
        assert_eq!(f.up(2, false), Touch::Pass);
        f.down(3, (0.0, 0.0), true, false);
        assert_eq!(f.down(4, (20.0, 0.0), true, false), Touch::Ignore);
        assert_eq!(f.up(4, false), Touch::Ignore);
        assert_eq!(f.up(3, false), Touch::Ignore);
    }
}
