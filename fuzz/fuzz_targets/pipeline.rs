//! Fuzz target: parse → partial (each variable) → simplify → print → parse again.
//! Nothing on this path may panic; printed forms must parse back (unless the printed
//! text exceeds the parser's length or depth limits).
#![no_main]

use libfuzzer_sys::fuzz_target;
use nabla::math::{parse, ParseErrorKind};

fn reparses(text: &str) {
    if let Err(e) = parse(text) {
        assert!(
            matches!(e.kind, ParseErrorKind::TooLong { .. } | ParseErrorKind::TooDeep),
            "printed form {text:?} does not parse: {e}"
        );
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
    reparses(&s.to_string());
    reparses(&s.to_pretty());
    let _ = s.to_latex();
    for var in e.variables().iter().take(4) {
        let d = e.partial(var);
        reparses(&d.to_string());
        reparses(&d.to_pretty());
        let _ = d.to_latex();
        let _ = e.derivation(var);
        // TODO(main crate): compile `d` and compare with the tree evaluator.
    }
});
