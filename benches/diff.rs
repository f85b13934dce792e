//! Differentiation + simplification speed (parsing done outside the timed loop), and the
//! explorer's whole pipeline (parse, differentiate, size checks, typeset, compile) on the
//! slowest kinds of input learners type: for each kind, the largest one the explorer accepts
//! and one it refuses as too large, so both answers stay well under a frame budget's reach.

use criterion::{criterion_group, criterion_main, Criterion};
use nabla::math::parse;
use nabla::tutor::analysis::Analysis;
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

/// A kind of input: its name and the text of size n.
type Kind = (&'static str, fn(usize) -> String);

/// The kinds of input that grew fastest (issue 13), as functions of their size n.
fn worst_kinds() -> Vec<Kind> {
    vec![
        ("sin_product", |n| {
            (1..=n)
                .map(|k| format!("sin(x+{k}*y)"))
                .collect::<Vec<_>>()
                .join("*")
        }),
        ("nested_sin", |n| {
            format!("{}x{}", "sin(".repeat(n), ")".repeat(n))
        }),
        ("linear_product", |n| {
            (1..=n)
                .map(|k| format!("(x+{k}y)"))
                .collect::<Vec<_>>()
                .join("*")
        }),
        ("nested_quotient", |n| {
            format!("{}x{}", "1/(1+".repeat(n), ")".repeat(n))
        }),
    ]
}

fn worst_inputs(c: &mut Criterion) {
    let mut group = c.benchmark_group("explorer_pipeline");
    group.sample_size(10);
    for (name, make) in worst_kinds() {
        // The largest size the explorer still accepts, found by doubling then bisecting.
        let accepted = |n: usize| Analysis::new(&make(n)).is_ok();
        let mut hi = 1;
        while accepted(hi) && hi < 4096 {
            hi *= 2;
        }
        let mut lo = hi / 2;
        while hi - lo > 1 {
            let mid = (lo + hi) / 2;
            if accepted(mid) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        for (label, n) in [("largest_accepted", lo), ("first_refused", hi)] {
            let text = make(n);
            group.bench_function(format!("{name}/{label}_{n}"), |b| {
                b.iter(|| black_box(Analysis::new(black_box(&text))).is_ok())
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench, worst_inputs);
criterion_main!(benches);
