//! Fuzz target for the whole engine pipeline:
//!
//! parse → simplify → derive by each variable (`partial` and `derivation`) → print
//! (`Display`, `to_pretty`, `to_latex`, `to_mathml`) → parse the printed forms again →
//! compile (`compile` and `compile_many` of f and its partials) → `eval` / `eval_batch`
//! on a few points → `record_tape` / `backward`.
//!
//! Run with the dictionary of function names: `cargo fuzz run pipeline -- -dict=fuzz/pipeline.dict`.
//!
//! Nothing on this path may panic, overflow the stack or take pathologically long.
//! Printed forms must parse back (unless the printed text exceeds the parser's length or
//! depth limits), and the compiled program must give the same values one point at a time
//! and in a batch.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nabla::math::{compile_many, parse, Expr, ParseErrorKind};

fn reparses(text: &str) -> Option<Expr> {
    match parse(text) {
        Ok(e) => Some(e),
        Err(e) => {
            assert!(
                matches!(
                    e.kind,
                    ParseErrorKind::TooLong { .. } | ParseErrorKind::TooDeep
                ),
                "printed form {text:?} does not parse: {e}"
            );
            None
        }
    }
}

/// Prints `e` every way, and checks the plain and pretty forms parse back.
fn print_all(e: &Expr) {
    let plain = e.to_string();
    if let Some(back) = reparses(&plain) {
        // The reparsed form prints the same way again (printing is a fixed point).
        let _ = back.simplify().to_string();
    }
    reparses(&e.to_pretty());
    let _ = e.to_latex();
    let _ = e.to_mathml();
}

/// Two floats agree: both NaN, equal, or within a relative 1e-12.
fn same(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a == b || (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}

const POINTS: [f64; 5] = [0.0, 1.0, -0.5, 2.25, -3.0];

/// The value of variable `j` at point `i`.
fn coord(i: usize, j: usize) -> f64 {
    POINTS[(i + 2 * j) % POINTS.len()]
}

fn check_compiled(exprs: &[Expr], vars: &[&str]) {
    let n = POINTS.len();
    let columns: Vec<Vec<f64>> = (0..vars.len())
        .map(|j| (0..n).map(|i| coord(i, j)).collect())
        .collect();
    let cols: Vec<&[f64]> = columns.iter().map(Vec::as_slice).collect();
    for e in exprs {
        let Ok(c) = e.compile(vars) else {
            continue;
        };
        let mut out = vec![0.0; n];
        c.eval_batch(&cols, &mut out);
        for (i, &o) in out.iter().enumerate() {
            let args: Vec<f64> = (0..vars.len()).map(|j| coord(i, j)).collect();
            let p = c.eval(&args);
            assert!(same(p, o), "{e}: eval {p} but eval_batch {o} at {args:?}");
            let env: Vec<(&str, f64)> = vars.iter().copied().zip(args.iter().copied()).collect();
            let _ = e.eval(&env);
        }
        let mut grid = vec![0.0; 6];
        c.eval_grid(&POINTS[..3], &POINTS[..2], &mut grid);
    }
    if let Ok(m) = compile_many(exprs, vars) {
        let mut outs: Vec<Vec<f64>> = vec![vec![0.0; n]; exprs.len()];
        let mut slices: Vec<&mut [f64]> = outs.iter_mut().map(Vec::as_mut_slice).collect();
        m.eval_batch(&cols, &mut slices);
        for i in 0..n {
            let args: Vec<f64> = (0..vars.len()).map(|j| coord(i, j)).collect();
            let point = m.eval(&args);
            for (k, p) in point.iter().enumerate() {
                let b = outs[k][i];
                assert!(same(*p, b), "output {k}: eval {p} but eval_batch {b}");
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(e) = parse(src) else {
        return;
    };
    let s = e.simplify();
    print_all(&e);
    print_all(&s);

    let names = e.variables();
    let names: Vec<&str> = names.iter().map(String::as_str).take(4).collect();
    let mut outputs = vec![s.clone()];
    for var in &names {
        let d = e.partial(var);
        print_all(&d);
        let worked = e.derivation(var);
        for step in worked.steps.iter().take(8) {
            let _ = step.before.to_latex();
            let _ = step.after.to_pretty();
        }
        outputs.push(d);
    }
    check_compiled(&outputs, &names);

    for i in 0..2 {
        let point: Vec<f64> = (0..names.len()).map(|j| coord(i, j)).collect();
        if let Ok(tape) = e.record_tape(&names, &point) {
            let _ = tape.output();
            let _ = tape.backward();
            let _ = tape.backward_steps();
            let _ = tape.to_string();
        }
        let _ = e.gradient_forward(&names, &point);
    }
});
