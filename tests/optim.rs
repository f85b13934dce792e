#![cfg(not(target_arch = "wasm32"))]
//! The optimisers against known results: the gradient-descent threshold 2/λ_max, momentum on
//! an ill-conditioned bowl, Newton on a quadratic, L-BFGS on Rosenbrock, Adam on Himmelblau;
//! errors and explained divergence; and a property test that every run's path and values
//! agree with the objective.

use nabla::optim::{minimize, Method, Objective, OptimError, Run, Settings, Stop};
use proptest::prelude::*;

const XY: [&str; 2] = ["x", "y"];

fn obj(text: &str) -> Objective {
    Objective::parse(text, &XY).expect("parses")
}

fn run(text: &str, m: Method, start: [f64; 2]) -> Run {
    minimize(&obj(text), &m, &start, &Settings::default()).expect("starts")
}

fn converged_step(r: &Run) -> usize {
    match r.stop {
        Stop::Converged { step } => step,
        ref other => panic!("did not converge: {other:?}"),
    }
}

fn near(p: &[f64], q: [f64; 2], tol: f64) -> bool {
    (p[0] - q[0]).abs() < tol && (p[1] - q[1]).abs() < tol
}

#[test]
fn gradient_descent_threshold_is_two_over_lambda_max() {
    // λ_max = 20, so 2/λ_max = 0.1.
    let ok = run(
        "x^2 + 10y^2",
        Method::GradientDescent { rate: 0.099 },
        [1.0, 1.0],
    );
    converged_step(&ok);
    assert!(near(ok.last_point().unwrap(), [0.0, 0.0], 1e-6));
    let bad = run(
        "x^2 + 10y^2",
        Method::GradientDescent { rate: 0.101 },
        [1.0, 1.0],
    );
    let Stop::Diverged { step, reason } = &bad.stop else {
        panic!("{:?}", bad.stop)
    };
    assert!(reason.contains("η·λ_max = 2.02 > 2"), "{reason}");
    assert_eq!(
        bad.points.len(),
        *step,
        "the blown-up point is not in the path"
    );
    assert!(bad.values.iter().all(|v| v.is_finite()));
}

#[test]
fn momentum_beats_plain_descent_on_an_ill_conditioned_bowl() {
    let f = "x^2 + 100y^2"; // condition number 100
    let gd = run(f, Method::GradientDescent { rate: 0.009 }, [1.0, 1.0]);
    let mo = run(
        f,
        Method::Momentum {
            rate: 0.009,
            beta: 0.9,
        },
        [1.0, 1.0],
    );
    let ne = run(
        f,
        Method::Nesterov {
            rate: 0.005,
            beta: 0.9,
        },
        [1.0, 1.0],
    );
    let (g, m, n) = (
        converged_step(&gd),
        converged_step(&mo),
        converged_step(&ne),
    );
    assert!(m * 2 < g, "momentum {m} vs descent {g}");
    assert!(n * 2 < g, "Nesterov {n} vs descent {g}");
}

#[test]
fn newton_solves_a_quadratic_in_one_step() {
    let r = run(
        "x^2 + 3x*y + 4y^2 - x + 2",
        Method::Newton { damping: 0.0 },
        [5.0, -3.0],
    );
    assert_eq!(converged_step(&r), 1);
    // ∇f = 0 at 2x + 3y = 1, 3x + 8y = 0: x = 8/7, y = −3/7.
    assert!(near(&r.points[1], [8.0 / 7.0, -3.0 / 7.0], 1e-12));
}

#[test]
fn newton_reports_a_hessian_that_leads_uphill_and_can_land_on_a_saddle() {
    // From (1, 0.5) the step happens to go downhill and lands on the saddle.
    let r = run("x^2 - y^2", Method::Newton { damping: 0.0 }, [1.0, 0.5]);
    assert_eq!(converged_step(&r), 1);
    assert!(near(&r.points[1], [0.0, 0.0], 1e-12));
    // From (0.5, 1) it would go uphill: the run stops and says why.
    let r = run("x^2 - y^2", Method::Newton { damping: 0.0 }, [0.5, 1.0]);
    let Stop::Diverged { step: 1, reason } = &r.stop else {
        panic!("{:?}", r.stop)
    };
    assert!(reason.contains("not positive definite"), "{reason}");
    assert!(reason.contains("−2 and 2"), "{reason}");
}

#[test]
fn lbfgs_on_rosenbrock_takes_about_as_many_iterations_as_scipy() {
    let r = run(
        "(1 - x)^2 + 100(y - x^2)^2",
        Method::Lbfgs { memory: 10 },
        [-1.2, 1.0],
    );
    let k = converged_step(&r);
    assert!(
        near(r.last_point().unwrap(), [1.0, 1.0], 1e-5),
        "{:?}",
        r.last_point()
    );
    // SciPy's L-BFGS-B takes 38 iterations here.
    assert!((25..=55).contains(&k), "{k} iterations");
    // Every accepted step went downhill (Armijo).
    assert!(r.values.windows(2).all(|w| w[1] <= w[0]));
}

#[test]
fn adam_finds_himmelblaus_minimum_at_three_two_from_the_origin() {
    let r = run(
        "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
        Method::Adam {
            rate: 0.1,
            beta1: 0.9,
            beta2: 0.999,
        },
        [0.0, 0.0],
    );
    assert!(
        near(r.last_point().unwrap(), [3.0, 2.0], 1e-3),
        "{:?}",
        r.last_point()
    );
}

#[test]
fn adaptive_methods_descend_a_bowl() {
    for m in [
        Method::AdaGrad { rate: 0.5 },
        Method::RmsProp {
            rate: 0.01,
            decay: 0.9,
        },
        Method::Adam {
            rate: 0.05,
            beta1: 0.9,
            beta2: 0.999,
        },
    ] {
        let r = run("x^2 + 10y^2", m.clone(), [1.0, 1.0]);
        assert!(
            r.last_value().unwrap() < 1e-3 * r.values[0],
            "{m:?}: {:?}",
            r.last_value()
        );
    }
}

#[test]
fn runs_that_cannot_start_are_errors_with_sentences() {
    let o = obj("x^2 + y^2");
    let gd = Method::GradientDescent { rate: 0.1 };
    let s = Settings::default();
    let e = minimize(&o, &gd, &[1.0], &s).unwrap_err();
    assert_eq!(
        e,
        OptimError::WrongStartLength {
            expected: 2,
            got: 1
        }
    );
    assert!(e.to_string().contains("2 coordinates"), "{e}");
    assert_eq!(
        minimize(&o, &gd, &[f64::NAN, 0.0], &s).unwrap_err(),
        OptimError::NonFiniteStart
    );
    assert!(minimize(
        &o,
        &Method::GradientDescent { rate: f64::NAN },
        &[1.0, 1.0],
        &s
    )
    .is_err());
    assert!(minimize(
        &o,
        &Method::Momentum {
            rate: 0.1,
            beta: 1.0
        },
        &[1.0, 1.0],
        &s
    )
    .is_err());
    assert!(minimize(&o, &Method::Newton { damping: -1.0 }, &[1.0, 1.0], &s).is_err());
    let hole = obj("sqrt(x) + y");
    let e = minimize(&hole, &gd, &[-1.0, 0.0], &s).unwrap_err();
    assert!(
        e.to_string().contains("not defined at the start (−1, 0)"),
        "{e}"
    );
}

#[test]
fn divergence_is_explained_even_when_f_starts_at_zero() {
    // f(1, 1) = 0 on the saddle, and f has no minimum: the path runs off.
    let r = run(
        "x^2 - y^2",
        Method::GradientDescent { rate: 0.1 },
        [1.0, 1.0],
    );
    let Stop::Diverged { reason, .. } = &r.stop else {
        panic!("{:?}", r.stop)
    };
    assert!(reason.contains("no lowest point"), "{reason}");
    // The path jumps to where f is undefined, and stops before it.
    let r = run(
        "sqrt(x) + y^2",
        Method::GradientDescent { rate: 4.0 },
        [1.0, 0.0],
    );
    let Stop::Diverged { step: 1, reason } = &r.stop else {
        panic!("{:?}", r.stop)
    };
    assert!(reason.contains("not defined"), "{reason}");
    assert!(r.values.iter().all(|v| v.is_finite()));
    // The curvature grows along the way: x⁴ is gentle at the start.
    let r = run(
        "x^4 + y^2",
        Method::GradientDescent { rate: 0.1 },
        [2.5, 0.0],
    );
    let Stop::Diverged { reason, .. } = &r.stop else {
        panic!("{:?}", r.stop)
    };
    assert!(reason.contains("η·λ_max"), "{reason}");
}

#[test]
fn odd_inputs_never_panic() {
    let s = Settings::default();
    let methods = [
        Method::GradientDescent { rate: 0.0 },
        Method::Momentum {
            rate: 0.0,
            beta: 0.0,
        },
        Method::Nesterov {
            rate: 1e300,
            beta: 0.5,
        },
        Method::AdaGrad { rate: 0.0 },
        Method::RmsProp {
            rate: 1e10,
            decay: 0.0,
        },
        Method::Adam {
            rate: 0.1,
            beta1: 0.0,
            beta2: 0.0,
        },
        Method::Newton { damping: 0.0 },
        Method::Newton { damping: 1e300 },
        Method::Lbfgs { memory: 0 },
        Method::Lbfgs { memory: 1 },
    ];
    let functions = [
        "1",
        "x^2 - y^2",
        "1/(x*y)",
        "abs(x) + abs(y)",
        "exp(x^2 + y^2)",
        "ln(x) + y",
        "x^3",
        "sin(1/x)",
    ];
    for f in functions {
        let o = obj(f);
        for m in &methods {
            for start in [[0.0, 0.0], [0.3, -0.2], [1e200, 1.0], [-3.0, 2.0]] {
                if let Ok(r) = minimize(&o, m, &start, &s) {
                    assert!(
                        r.points.iter().flatten().all(|v| v.is_finite()),
                        "{f} {m:?}"
                    );
                    assert!(r.values.iter().all(|v| v.is_finite()), "{f} {m:?}");
                }
            }
        }
    }
    // A constant is stationary everywhere.
    let r = minimize(
        &obj("1"),
        &Method::GradientDescent { rate: 0.1 },
        &[2.0, 3.0],
        &s,
    )
    .unwrap();
    assert_eq!(r.stop, Stop::Converged { step: 0 });
    let huge = Settings {
        max_steps: usize::MAX,
        ..Settings::default()
    };
    let r = minimize(
        &obj("x^2 + y^2"),
        &Method::GradientDescent { rate: 0.0 },
        &[1.0, 1.0],
        &huge,
    )
    .unwrap();
    assert_eq!(r.steps(), nabla::optim::MAX_STEPS_LIMIT);
}

fn method() -> impl Strategy<Value = Method> {
    let rate = prop::sample::select(vec![0.0, 1e-3, 0.01, 0.1, 0.5, 2.0]);
    let beta = prop::sample::select(vec![0.0, 0.5, 0.9, 0.99]);
    prop_oneof![
        rate.clone()
            .prop_map(|rate| Method::GradientDescent { rate }),
        (rate.clone(), beta.clone()).prop_map(|(rate, beta)| Method::Momentum { rate, beta }),
        (rate.clone(), beta.clone()).prop_map(|(rate, beta)| Method::Nesterov { rate, beta }),
        rate.clone().prop_map(|rate| Method::AdaGrad { rate }),
        (rate.clone(), beta.clone()).prop_map(|(rate, decay)| Method::RmsProp { rate, decay }),
        (rate, beta.clone(), beta).prop_map(|(rate, beta1, beta2)| Method::Adam {
            rate,
            beta1,
            beta2
        }),
        prop::sample::select(vec![0.0, 0.1, 10.0]).prop_map(|damping| Method::Newton { damping }),
        (0usize..6).prop_map(|memory| Method::Lbfgs { memory }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever the method and start, the path's values are f at the path's points, all
    /// finite, and the stop agrees with the path's length.
    #[test]
    fn points_and_values_agree_with_the_objective(
        f in prop::sample::select(vec![
            "x^2 + 10y^2", "(1 - x)^2 + 100(y - x^2)^2", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
            "x^2 - y^2", "x^4 + y^4 - 2x*y", "sin(x) + cos(y)", "1/(1 + x^2 + y^2)",
            "ln(1 + exp(x + y)) + 0.1y^2", "sqrt(x^2 + y^2 + 1)",
        ]),
        m in method(),
        x in -4.0..4.0f64,
        y in -4.0..4.0f64,
    ) {
        let o = obj(f);
        let s = Settings { max_steps: 200, ..Settings::default() };
        let r = minimize(&o, &m, &[x, y], &s).expect("defined everywhere");
        prop_assert_eq!(r.points.len(), r.values.len());
        prop_assert_eq!(&r.points[0], &vec![x, y]);
        for (p, v) in r.points.iter().zip(&r.values) {
            prop_assert!(v.is_finite() && p.iter().all(|c| c.is_finite()));
            let again = o.value(p);
            prop_assert!((again - v).abs() <= 1e-12 * (1.0 + v.abs()), "{} vs {}", again, v);
        }
        match &r.stop {
            Stop::Converged { step } => {
                prop_assert_eq!(*step + 1, r.points.len());
                let g = o.gradient(r.last_point().unwrap());
                prop_assert!(g.iter().map(|v| v * v).sum::<f64>().sqrt() <= s.grad_tol);
            }
            Stop::Diverged { step, reason } => {
                prop_assert_eq!(*step, r.points.len());
                prop_assert!(!reason.is_empty());
            }
            Stop::MaxSteps => prop_assert_eq!(r.points.len(), s.max_steps + 1),
        }
    }
}
