#![cfg(not(target_arch = "wasm32"))]
//! Property tests for the small models: CSV reading never panics and round-trips what it
//! writes; the logistic and dense-layer gradients by formula agree with the engine's reverse mode
//! and with central differences on random data and weights.

use nabla::math::{central_difference_gradient, relative_error};
use nabla::models::dataset::{format_csv, parse_csv, LabeledPoint, MAX_POINTS};
use nabla::models::dense::{Layer, Matrix};
use nabla::models::logistic::{gradient, mean_loss, reverse_mode_gradient, Loss, Weights};
use proptest::prelude::*;

fn point() -> impl Strategy<Value = LabeledPoint> {
    (-5.0..5.0f64, -5.0..5.0f64, any::<bool>()).prop_map(|(a, b, l)| LabeledPoint::new(a, b, l))
}

fn weights() -> impl Strategy<Value = Weights> {
    (-3.0..3.0f64, -3.0..3.0f64, -3.0..3.0f64).prop_map(|(a, b, c)| Weights { w: [a, b], b: c })
}

proptest! {
    #[test]
    fn csv_never_panics_and_errors_name_a_line(text in "[0-9a-z,.\\-e \\n]{0,200}") {
        match parse_csv(&text) {
            Ok(points) => prop_assert!(points.len() <= MAX_POINTS && points.iter().all(LabeledPoint::is_valid)),
            Err(e) => {
                let lines = text.lines().count();
                prop_assert!(e.line().is_none_or(|l| l >= 1 && l <= lines), "{e:?} in {text:?}");
                prop_assert!(!e.to_string().is_empty());
            }
        }
    }

    #[test]
    fn csv_round_trips(points in prop::collection::vec(point(), 1..40)) {
        prop_assert_eq!(parse_csv(&format_csv(&points)).unwrap(), points);
    }

    #[test]
    fn logistic_gradient_agrees_with_autodiff_and_differences(
        points in prop::collection::vec(point(), 1..30),
        w in weights(),
        mse in any::<bool>(),
    ) {
        let loss = if mse { Loss::MeanSquared } else { Loss::CrossEntropy };
        let formula = gradient(loss, &w, &points).to_array();
        let tape = reverse_mode_gradient(loss, &w, &points).unwrap().to_array();
        prop_assert!(relative_error(&formula, &tape) < 1e-11, "{formula:?} {tape:?}");
        let f = |v: &[f64]| mean_loss(loss, &Weights { w: [v[0], v[1]], b: v[2] }, &points);
        let num = central_difference_gradient(f, &[w.w[0], w.w[1], w.b], 1e-5);
        // Central differences are only as good as the scale of the loss allows.
        let scale = f(&[w.w[0], w.w[1], w.b]).abs().max(1.0);
        let diff: f64 = formula.iter().zip(&num).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
        prop_assert!(diff < 1e-6 * scale, "{formula:?} {num:?}");
    }

    #[test]
    fn layer_gradient_agrees_with_autodiff_and_differences(
        m in 1usize..=4,
        n in 1usize..=4,
        vals in prop::collection::vec(-2.0..2.0f64, 32),
    ) {
        let mut it = vals.into_iter();
        let mut next = || it.next().unwrap_or(0.0);
        let w = Matrix::from_fn(m, n, |_, _| next());
        let b = (0..m).map(|_| next()).collect();
        let x = (0..n).map(|_| next()).collect();
        let y = (0..m).map(|_| next().abs().min(1.0)).collect();
        let layer = Layer::new(w, b, x, y).unwrap();
        let back = layer.backward(&layer.forward());
        prop_assert_eq!(back.dl_dw.shape(), (m, n));
        let formula: Vec<f64> = back.dl_dw.as_slice().iter().chain(&back.delta).copied().collect();
        let (tw, tb) = layer.reverse_mode().unwrap();
        let tape: Vec<f64> = tw.as_slice().iter().chain(&tb).copied().collect();
        let (nw, nb) = layer.central_difference(1e-5);
        let num: Vec<f64> = nw.as_slice().iter().chain(&nb).copied().collect();
        prop_assert!(relative_error(&formula, &tape) < 1e-11, "{formula:?} {tape:?}");
        let diff: f64 = formula.iter().zip(&num).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
        prop_assert!(diff < 1e-8, "{formula:?} {num:?}");
    }
}
