//! The exercises of lessons 8 and 9, generated from a seed and checked by the tutor's
//! `NumberQuestion`:
//! - lesson 8: ∂L/∂wⱼ of the mean cross-entropy for three points whose predictions p are
//!   given, diagnosing the summed loss (n times too big), a flipped p − y, a missing feature
//!   factor and the other feature;
//! - lesson 9: the adjoint of one node of a recorded tape, diagnosing the node's value, the
//!   local derivative without the adjoint it multiplies, one path of several, and a flipped sign.

use super::{NumberQuestion, QuestionPart};
use crate::math::{parse, SplitMix64};

/// A short decimal for a question (no trailing zeros, a true minus sign in words).
fn num(v: f64) -> String {
    let s = format!("{}", (v * 1e6).round() / 1e6);
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

fn words_num(v: f64) -> String {
    num(v).replace('-', "−")
}

/// An integer in `lo..=hi`, not 0.
fn nonzero(rng: &mut SplitMix64, lo: i64, hi: i64) -> f64 {
    loop {
        let span = (hi - lo + 1) as u64;
        let v = lo + (rng.next_u64() % span) as i64;
        if v != 0 {
            return v as f64;
        }
    }
}

/// Lesson 8: the gradient of the mean cross-entropy with respect to one weight, for three
/// points with given features, labels and predictions.
pub fn weight_gradient_question(seed: u64) -> NumberQuestion {
    let mut rng = SplitMix64(seed ^ 0x8_0000);
    let n = 3usize;
    let mut tries = 0;
    loop {
        tries += 1;
        let pts: Vec<([f64; 2], f64, f64)> = (0..n)
            .map(|_| {
                let x = [nonzero(&mut rng, -3, 3), nonzero(&mut rng, -3, 3)];
                let y = if rng.next_u64() % 2 == 0 { 0.0 } else { 1.0 };
                // p in 0.1 … 0.9, two decimals.
                let p = (10.0 + (rng.next_u64() % 81) as f64) / 100.0;
                (x, y, p)
            })
            .collect();
        let k = (rng.next_u64() % 2) as usize;
        let other = 1 - k;
        let sum_k: f64 = pts.iter().map(|(x, y, p)| (p - y) * x[k]).sum();
        let sum_other: f64 = pts.iter().map(|(x, y, p)| (p - y) * x[other]).sum();
        let sum_err: f64 = pts.iter().map(|(_, y, p)| p - y).sum();
        let answer = sum_k / n as f64;
        if (answer.abs() < 0.05 || (sum_other - sum_k).abs() < 0.05) && tries < 50 {
            continue;
        }
        let w = ["w₁", "w₂"][k];
        let xk = ["x₁", "x₂"][k];
        let xo = ["x₁", "x₂"][other];
        let mut prompt = vec![QuestionPart::words(
            "A logistic-regression model p = σ(w₁x₁ + w₂x₂ + b) gives these three points the probabilities p: ",
        )];
        for (i, (x, y, p)) in pts.iter().enumerate() {
            if i > 0 {
                prompt.push(QuestionPart::words("; "));
            }
            prompt.push(QuestionPart::formula(
                format!(
                    r"x = ({}, {}),\ y = {},\ p = {}",
                    num(x[0]),
                    num(x[1]),
                    num(*y),
                    num(*p)
                ),
                format!(
                    "x = ({}, {}), y = {}, p = {}",
                    words_num(x[0]),
                    words_num(x[1]),
                    words_num(*y),
                    words_num(*p)
                ),
            ));
        }
        prompt.push(QuestionPart::words(format!(
            ". For the mean cross-entropy L over these points, what is ∂L/∂{w}?"
        )));
        let terms: Vec<String> = pts
            .iter()
            .map(|(x, y, p)| {
                format!(
                    "({} − {})·({})",
                    words_num(*p),
                    words_num(*y),
                    words_num(x[k])
                )
            })
            .collect();
        return NumberQuestion::new(prompt, answer)
            .mistake(
                sum_k,
                format!("That is the gradient of the summed loss, n = {n} times too big. The loss here is the mean, so divide the sum by n."),
            )
            .mistake(
                -answer,
                "The sign is flipped: each point's error is p − y (prediction minus label), not y − p.",
            )
            .mistake(
                -sum_k,
                format!("Two slips: the sign is flipped (use p − y) and the sum is not divided by n = {n}."),
            )
            .mistake(
                sum_err / n as f64,
                format!("The feature is missing: that is ∂L/∂b. For ∂L/∂{w}, multiply each point's p − y by its {xk}."),
            )
            .mistake(
                sum_err,
                format!("The feature is missing and the sum is not divided by n: multiply each p − y by its {xk}, then take the mean."),
            )
            .mistake(
                sum_other / n as f64,
                format!("That uses {xo}, the other feature. ∂L/∂{w} multiplies each p − y by {xk}."),
            )
            .hint("For one point, the slope of the cross-entropy with respect to the logit z is p − y: the sigmoid's derivative cancels against the logarithm's.")
            .hint(format!("The logit depends on {w} through {xk} (∂z/∂{w} = {xk}), so each point contributes (p − y)·{xk}."))
            .hint(format!("The loss is the mean over the {n} points: add the three contributions and divide by {n}."))
            .explain(format!(
                "∂L/∂{w} = (1/{n}) Σ (pᵢ − yᵢ){xk} = (1/{n})[{}] = {}.",
                terms.join(" + "),
                words_num(answer)
            ));
    }
}

/// The functions the adjoint question records, with their points.
const TAPES: [(&str, [f64; 2]); 6] = [
    ("x0*x1 + x0^2", [2.0, 3.0]),
    ("(x0 + x1)*x1", [1.0, 2.0]),
    ("x0^2*x1 + x1", [3.0, -1.0]),
    ("x0*x1*x1 + 3*x0", [2.0, 1.0]),
    ("(x0 - x1)^2 + x0*x1", [3.0, 1.0]),
    ("x1^3 + x0*x1", [-2.0, 2.0]),
];

/// Lesson 9: the adjoint v̄ₖ = ∂f/∂vₖ of one operation node of a recorded tape.
pub fn adjoint_question(seed: u64) -> Option<NumberQuestion> {
    let mut rng = SplitMix64(seed ^ 0x9_0000);
    let (text, point) = TAPES[(rng.next_u64() % TAPES.len() as u64) as usize];
    let f = parse(text).ok()?;
    let tape = f.record_tape(&["x0", "x1"], &point).ok()?;
    let adj = tape.backward().nodes;
    let n = tape.nodes.len();
    // Operation nodes other than the output.
    let candidates: Vec<usize> = (2..n.saturating_sub(1))
        .filter(|&i| tape.nodes.get(i).is_some_and(|t| !t.inputs.is_empty()))
        .collect();
    if candidates.is_empty() {
        return None;
    }
    let k = candidates[(rng.next_u64() % candidates.len() as u64) as usize];
    let answer = *adj.get(k)?;
    let value = tape.nodes.get(k)?.value;
    // Each use of v_k: (consumer j, its adjoint, its local derivative by v_k).
    let uses: Vec<(usize, f64, f64)> = tape
        .nodes
        .iter()
        .enumerate()
        .flat_map(|(j, node)| {
            node.inputs
                .iter()
                .zip(&node.partials)
                .filter(move |(&i, _)| i == k)
                .map(move |(_, &p)| (j, p))
        })
        .map(|(j, p)| (j, adj.get(j).copied().unwrap_or(f64::NAN), p))
        .collect();
    let local_only: f64 = uses.iter().map(|u| u.2).sum();
    let listing: Vec<String> = tape
        .nodes
        .iter()
        .map(|t| format!("{} (= {})", t.label, words_num(t.value)))
        .collect();
    let mut prompt = vec![
        QuestionPart::words(format!(
            "The tape of f = {text} at x0 = {}, x1 = {}: ",
            words_num(point[0]),
            words_num(point[1])
        )),
        QuestionPart::words(listing.join("; ")),
        QuestionPart::words(format!(
            ". The output is v{}. What is the adjoint of v{k}, ",
            n - 1
        )),
    ];
    prompt.push(QuestionPart::formula(
        format!(r"\bar v_{{{k}}} = \partial f / \partial v_{{{k}}}"),
        format!("v̄{k} = ∂f/∂v{k}"),
    ));
    prompt.push(QuestionPart::words("?"));
    let users = uses
        .iter()
        .map(|(j, _, _)| format!("v{j}"))
        .collect::<Vec<_>>()
        .join(" and ");
    let sum_terms = uses
        .iter()
        .map(|(j, a, p)| format!("v̄{j} · ∂v{j}/∂v{k} = {} · {}", words_num(*a), words_num(*p)))
        .collect::<Vec<_>>()
        .join(" + ");
    let mut q = NumberQuestion::new(prompt, answer)
        .mistake(
            value,
            format!("That is v{k}'s value from the forward pass. Its adjoint is ∂f/∂v{k}: how much f changes per unit change of v{k}."),
        )
        .mistake(
            local_only,
            format!("That is only the local derivative of {users} with respect to v{k}. Multiply it by the adjoint of the node that uses v{k} (the chain rule)."),
        )
        .mistake(
            -answer,
            "The sign is flipped: check the sign of each local derivative (a minus in the formula, or a negative input value).",
        );
    if uses.len() > 1 {
        if let Some(&(j, a, p)) = uses.first() {
            q = q.mistake(
                a * p,
                format!("That counts only the path through v{j}. v{k} is used by {users}; its adjoint adds a contribution from each (the += of the backward pass)."),
            );
        }
    }
    Some(
        q.hint(format!(
            "Adjoints flow backwards: the output has v̄{} = 1, and each node's adjoint is known before the nodes it uses.",
            n - 1
        ))
        .hint(format!("v{k} is used by {users}. Find their adjoints first."))
        .hint(format!(
            "Each use adds (the user's adjoint) × (its local derivative with respect to v{k})."
        ))
        .explain(format!("v̄{k} = {sum_terms} = {}.", words_num(answer))),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tutor::{Question, Verdict};

    #[test]
    fn the_weight_question_accepts_the_mean_and_diagnoses_the_usual_slips() {
        for seed in 0..40 {
            let q = weight_gradient_question(seed);
            let a = q.answer;
            assert!(a.is_finite());
            assert_eq!(q.check(&format!("{a}")), Verdict::Correct, "{seed}");
            assert_eq!(
                q.check(&format!("{:.3}", a)),
                Verdict::Correct,
                "{seed}: {a}"
            );
            // Summed instead of averaged.
            match q.check(&format!("{}", a * 3.0)) {
                Verdict::Wrong(m) => assert!(m.contains("summed loss"), "{m}"),
                v => panic!("{seed}: {v:?}"),
            }
            match q.check(&format!("{}", -a)) {
                Verdict::Wrong(m) => assert!(m.contains("sign is flipped"), "{m}"),
                v => panic!("{seed}: {v:?}"),
            }
            assert!(q.hints().len() == 3 && !q.explanation().is_empty());
        }
        // A missing feature is named.
        let q = weight_gradient_question(3);
        let missing = q
            .mistakes
            .iter()
            .find(|m| m.diagnosis.starts_with("The feature is missing: "));
        if let Some(m) = missing {
            assert!(
                matches!(q.check(&format!("{}", m.value)), Verdict::Wrong(d) if d.contains("∂L/∂b"))
            );
        }
        // The answer is the formula's: the mean gradient of the models layer, from the p given.
        let text = q.prompt_text();
        assert!(text.contains("mean cross-entropy"), "{text}");
    }

    #[test]
    fn the_adjoint_question_matches_the_tape_and_diagnoses_value_and_local_slips() {
        for seed in 0..40 {
            let q = adjoint_question(seed).expect("a question");
            let a = q.answer;
            assert_eq!(q.check(&format!("{a}")), Verdict::Correct, "{seed}");
            assert!(matches!(
                q.check("1/0"),
                Verdict::Unreadable(_) | Verdict::Wrong(_)
            ));
            for m in &q.mistakes {
                assert!(matches!(
                    q.check(&format!("{}", m.value)),
                    Verdict::Wrong(_)
                ));
            }
            assert!(q.explanation().ends_with(&format!("{}.", words_num(a))));
        }
        // x0*x1 + x0^2 at (2, 3): v2 = v0·v1 feeds the sum v4 with local derivative 1, so
        // v̄2 = 1; and its value 6 is the expected slip.
        let f = parse("x0*x1 + x0^2").unwrap();
        let tape = f.record_tape(&["x0", "x1"], &[2.0, 3.0]).unwrap();
        assert_eq!(tape.backward().gradient, vec![7.0, 2.0]);
    }
}
