//! Prints ns/point and the ratio to a hand-written closure for the four plot
//! functions on a 512 × 512 grid: closure, fasteval, our per-point `eval`, our
//! `eval_batch` and our `eval_grid`. Run with
//! `cargo run --release --example eval_report`. Each variant is timed with
//! `Instant` over several repetitions and the fastest is reported; results are
//! checked against the closure first.

#[path = "../benches/support/mod.rs"]
mod support;

fn main() {
    support::report();
}
