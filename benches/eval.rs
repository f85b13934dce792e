//! Criterion benchmark: the four plot functions on a 512 × 512 grid over
//! [-2, 2]², as (a) a hand-written closure, (b) fasteval per point, (c) our
//! `Compiled::eval` per point, (d) our `Compiled::eval_batch` and (e) our
//! `Compiled::eval_grid`. Throughput is per grid point. Before the Criterion runs
//! it prints a compact table of ns/point and the ratio to the closure (the same
//! table as `cargo run --release --example eval_report`).

mod support;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use support::*;

fn bench(c: &mut Criterion) {
    report();
    let g = grid();
    let mut out = vec![0.0; N * N];
    for (k, case) in cases().into_iter().enumerate() {
        let compiled = case.expr.compile(&["x", "y"]).expect("compiles");
        let fe = Fasteval::new(case.fasteval);
        let mut group = c.benchmark_group(format!("f{}", k + 1));
        group.throughput(Throughput::Elements((N * N) as u64));
        group.sample_size(10);
        group.bench_function("closure", |b| b.iter(|| run_closure(case.id, &g, &mut out)));
        group.bench_function("fasteval", |b| b.iter(|| fe.run(&g, &mut out)));
        group.bench_function("compiled_point", |b| {
            b.iter(|| run_point(&compiled, &g, &mut out))
        });
        group.bench_function("batch", |b| b.iter(|| run_batch(&compiled, &g, &mut out)));
        group.bench_function("grid", |b| b.iter(|| run_grid(&compiled, &g, &mut out)));
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
