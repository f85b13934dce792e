//! Prints ns/point and the ratio to a hand-written closure for the four plot
//! functions on a 512 × 512 grid: closure, fasteval, our per-point `eval`, our
//! `eval_batch` and our `eval_grid`. Run with
//! `cargo run --release --example eval_report`. Each variant is timed with
//! `Instant` over several repetitions and the fastest is reported; results are
//! checked against the closure first.

#[path = "../benches/support/mod.rs"]
mod support;

use std::time::Instant;
use support::*;

/// The fastest of at least `reps` runs (and at least 0.5 s of runs), in ns per
/// grid point. The minimum is robust to other processes sharing the machine.
fn time(reps: usize, mut f: impl FnMut()) -> f64 {
    f(); // warm-up
    let start = Instant::now();
    let mut best = f64::INFINITY;
    let mut done = 0;
    while done < reps || (start.elapsed().as_secs_f64() < 0.5 && done < 2000) {
        let t = Instant::now();
        f();
        best = best.min(t.elapsed().as_secs_f64());
        done += 1;
    }
    best * 1e9 / (N * N) as f64
}

fn main() {
    let g = grid();
    let mut want = vec![0.0; N * N];
    let mut out = vec![0.0; N * N];
    println!(
        "{:<42} {:>16} {:>16} {:>16} {:>16} {:>16}",
        "function (ns/point, ×closure)",
        "closure",
        "fasteval",
        "compiled/point",
        "eval_batch",
        "eval_grid"
    );
    for case in cases() {
        let compiled = case.expr.compile(&["x", "y"]).expect("compiles");
        let fe = Fasteval::new(case.fasteval);
        run_closure(case.id, &g, &mut want);
        let check = |out: &[f64], what: &str| {
            let bad = out
                .iter()
                .zip(&want)
                .filter(|(a, b)| (*a - *b).abs() > 1e-9 * b.abs().max(1.0))
                .count();
            assert_eq!(bad, 0, "{}: {what} disagrees with the closure", case.name);
        };
        fe.run(&g, &mut out);
        check(&out, "fasteval");
        run_point(&compiled, &g, &mut out);
        check(&out, "compiled");
        run_batch(&compiled, &g, &mut out);
        check(&out, "batch");
        run_grid(&compiled, &g, &mut out);
        check(&out, "grid");

        let reps = 20;
        let t_closure = time(reps, || run_closure(case.id, &g, &mut out));
        let t_fe = time(5, || fe.run(&g, &mut out));
        let t_point = time(reps, || run_point(&compiled, &g, &mut out));
        let t_batch = time(reps, || run_batch(&compiled, &g, &mut out));
        let t_grid = time(reps, || run_grid(&compiled, &g, &mut out));
        let cell = |t: f64| format!("{t:7.2} ({:5.2}×)", t / t_closure);
        println!(
            "{:<42} {:>16} {:>16} {:>16} {:>16} {:>16}",
            case.name,
            cell(t_closure),
            cell(t_fe),
            cell(t_point),
            cell(t_batch),
            cell(t_grid)
        );
    }
}
