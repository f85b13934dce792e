//! Differentiation + simplification speed (parsing done outside the timed loop).

use criterion::{criterion_group, criterion_main, Criterion};
use nabla::math::parse;
use std::hint::black_box;

const FUNCTIONS: &[(&str, &str)] = &[
    ("sincos_gauss", "sin(x)*cos(y) + exp(-(x^2+y^2)/2)"),
    ("logistic_l2", "log(1+exp(-(2*x - y))) + 0.1*(x^2+y^2)"),
    ("quadratic", "x^2 + 3*x*y + y^2"),
    ("rosenbrock", "(1-x)^2 + 100*(y-x^2)^2"),
];

fn bench(c: &mut Criterion) {
    for (name, src) in FUNCTIONS {
        let Ok(e) = parse(src) else {
            panic!("bench function {src} does not parse");
        };
        c.bench_function(&format!("partial_x/{name}"), |b| {
            b.iter(|| black_box(&e).partial(black_box("x")))
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
