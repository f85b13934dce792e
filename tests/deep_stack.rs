#![cfg(not(target_arch = "wasm32"))]
//! The deepest input the parser accepts ([`MAX_DEPTH`] levels of brackets) parses,
//! differentiates, simplifies and prints on a 1 MiB stack (the WebAssembly default), in
//! debug builds too.

use nabla::math::parse::MAX_DEPTH;
use nabla::math::{parse, ParseErrorKind};

/// `open` repeated `n` times, then `inner`, then `close` repeated `n` times.
fn nest(open: &str, inner: &str, close: &str, n: usize) -> String {
    format!("{}{inner}{}", open.repeat(n), close.repeat(n))
}

/// The largest `n <= MAX_DEPTH` for which `make(n)` parses (the nesting limit counts
/// some shapes' levels more than once, and long shapes meet the length limit first).
fn deepest(make: &dyn Fn(usize) -> String) -> (usize, String) {
    let mut n = MAX_DEPTH;
    loop {
        let src = make(n);
        match parse(&src) {
            Ok(_) => return (n, src),
            Err(e) => {
                assert!(
                    matches!(
                        e.kind,
                        ParseErrorKind::TooDeep | ParseErrorKind::TooLong { .. }
                    ),
                    "{src}: {e}"
                );
                n -= 1;
            }
        }
    }
}

fn run_pipeline(src: &str) {
    let t = std::time::Instant::now();
    let e = parse(src).expect("parses");
    let s = e.simplify();
    let _ = (s.to_string(), s.to_pretty(), s.to_latex());
    let _ = (e.to_string(), e.to_pretty(), e.to_latex());
    let d = e.partial("x");
    let _ = (d.to_string(), d.to_pretty(), d.to_latex());
    let steps = e.derivation("x").steps;
    assert!(steps.len() <= nabla::math::diff::MAX_STEPS);
    eprintln!("{:.12}…: {:?}", src, t.elapsed());
}

#[test]
fn deepest_inputs_work_on_a_small_stack() {
    type Shape = (&'static str, &'static str, &'static str);
    let shapes: [Shape; 7] = [
        ("(", "x", ")"),
        ("(x+", "y", ")"),
        ("(1+y*", "x", ")"),
        ("sin(", "x y", ")"),
        ("-(", "x", ")"),
        ("|x-", "y", "|"),
        ("exp(-(", "x", ")^2)"),
    ];
    let handle = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || {
            let mut depths = Vec::new();
            for (open, inner, close) in shapes {
                let (n, src) = deepest(&|n| nest(open, inner, close, n));
                assert!(n >= MAX_DEPTH / 3, "{open}…: only {n} levels");
                run_pipeline(&src);
                depths.push(n);
            }
            // Exactly MAX_DEPTH levels of brackets.
            let brackets = nest("(", "x", ")", MAX_DEPTH - 1);
            run_pipeline(&brackets);
            // Powers nest on the right without brackets.
            let (_, tower) = deepest(&|n| format!("{}x", "x^".repeat(n)));
            run_pipeline(&tower);
            depths
        })
        .expect("thread starts");
    let depths = handle.join().expect("no stack overflow");
    assert_eq!(depths.len(), 7);
}
