//! Criterion benchmark: a 1,000-step run of each optimiser (convergence switched off so every
//! method takes all 1,000 steps) on Rosenbrock from (−1.2, 1), and a 64 × 64 basin map of
//! gradient descent on Himmelblau's function (up to 300 steps per start).

use criterion::{criterion_group, criterion_main, Criterion};
use nabla::optim::{minimize, BasinMap, Method, Objective, Settings};
use std::hint::black_box;

fn methods() -> Vec<Method> {
    vec![
        Method::GradientDescent { rate: 1e-4 },
        Method::Momentum {
            rate: 1e-4,
            beta: 0.9,
        },
        Method::Nesterov {
            rate: 1e-4,
            beta: 0.9,
        },
        Method::AdaGrad { rate: 0.1 },
        Method::RmsProp {
            rate: 1e-3,
            decay: 0.9,
        },
        Method::Adam {
            rate: 0.01,
            beta1: 0.9,
            beta2: 0.999,
        },
        Method::Newton { damping: 1.0 },
        Method::Lbfgs { memory: 10 },
    ]
}

fn bench(c: &mut Criterion) {
    let rosen = Objective::parse("(1 - x)^2 + 100(y - x^2)^2", &["x", "y"]).expect("parses");
    // grad_tol < 0: never "converged", so each run takes all 1,000 steps (unless it stops).
    let settings = Settings {
        max_steps: 1000,
        grad_tol: -1.0,
        blow_up: f64::INFINITY,
        escape_radius: f64::INFINITY,
    };
    let mut group = c.benchmark_group("1000_steps");
    group.sample_size(10);
    for m in methods() {
        let r = minimize(&rosen, &m, &[-1.2, 1.0], &settings).expect("runs");
        println!("{}: {} steps, stop {:?}", m.name(), r.steps(), r.stop);
        group.bench_function(m.name(), |b| {
            b.iter(|| minimize(&rosen, black_box(&m), &[-1.2, 1.0], &settings))
        });
    }
    group.finish();

    let him = Objective::parse("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", &["x", "y"]).expect("parses");
    let basin_settings = Settings {
        max_steps: 300,
        grad_tol: 1e-3,
        ..Settings::default()
    };
    let mut group = c.benchmark_group("basin_map");
    group.sample_size(10);
    group.bench_function("himmelblau_gd_64x64", |b| {
        b.iter(|| {
            let mut map = BasinMap::new(64, (-5.0, 5.0), (-5.0, 5.0));
            map.compute_rows(
                &him,
                &Method::GradientDescent { rate: 0.01 },
                &basin_settings,
                0..64,
            );
            map
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
