//! Times the slowest inputs learners have typed (issue 13): a long product of sines, deep
//! nesting, long products and nested quotients, each parsed, differentiated, simplified and
//! typeset as the explorer does. `cargo run --release --example worst_inputs`.
use std::time::Instant;

fn main() {
    let product: Vec<String> = (1..=150).map(|k| format!("sin(x+{k}*y)")).collect();
    let cases = [
        ("150 sin factors", product.join("*")),
        (
            "120 nested sin",
            format!("{}x{}", "sin(".repeat(120), ")".repeat(120)),
        ),
        (
            "60-factor product",
            (1..=60)
                .map(|k| format!("(x+{k}y)"))
                .collect::<Vec<_>>()
                .join("*"),
        ),
        (
            "60 nested quotients",
            format!("{}x{}", "1/(1+".repeat(60), ")".repeat(60)),
        ),
    ];
    for (name, text) in cases {
        let t = Instant::now();
        let f = match nabla::math::parse(&text) {
            Ok(f) => f,
            Err(e) => {
                println!("{name}: refused: {}", e.message());
                continue;
            }
        };
        let t_parse = t.elapsed();
        let fx = f.partial("x");
        let t_diff = t.elapsed();
        println!("  sizes: f {}, fx {}", f.size(), fx.size());
        let m = fx.to_mathml();
        let t_all = t.elapsed();
        println!(
            "{name} ({} chars): parse {:?}, ∂/∂x {:?}, typeset {:?} ({} bytes)",
            text.len(),
            t_parse,
            t_diff - t_parse,
            t_all - t_diff,
            m.len()
        );
    }
}
