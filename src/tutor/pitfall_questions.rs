//! The exercises of lessons 10 and 12, generated from a seed:
//! - lesson 10: the relative error of an analytic gradient against a numerical one,
//!   diagnosing the bare distance, dividing by the smaller norm, squared norms and the sum
//!   of absolute differences; and whether a check passes, diagnosing a verdict by the bare
//!   distance;
//! - lesson 12: the Sobel sum at a 3 × 3 patch, diagnosing the division by 8, the sign
//!   (left minus right), the other partial, the middle row only and weights without the 2.

use super::{ChoiceQuestion, NumberQuestion, QuestionPart};
use crate::math::{relative_error, SplitMix64};
use crate::models::gradcheck::Verdict;
use crate::models::image::{Axis, Kernel};

fn num(v: f64) -> String {
    let s = format!("{}", (v * 1e6).round() / 1e6);
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

fn words(v: f64) -> String {
    num(v).replace('-', "−")
}

fn pick(rng: &mut SplitMix64, n: u64) -> u64 {
    rng.next_u64() % n.max(1)
}

fn norm(v: &[f64]) -> f64 {
    v.iter().map(|x| x * x).sum::<f64>().sqrt()
}

/// The pair (a, n) of a relative-error question: a from Pythagorean triples, n a small change.
fn gradient_pair(seed: u64) -> ([f64; 2], [f64; 2]) {
    let mut rng = SplitMix64(seed ^ 0x10_0000);
    let triples = [(3.0, 4.0), (6.0, 8.0), (5.0, 12.0), (8.0, 6.0), (4.0, 3.0)];
    let (x, y) = triples[pick(&mut rng, triples.len() as u64) as usize];
    let sx = if pick(&mut rng, 2) == 0 { 1.0 } else { -1.0 };
    let a = [sx * x, y];
    let change = [0.5, 1.0, -0.5, -1.0, 2.0][pick(&mut rng, 5) as usize];
    let k = pick(&mut rng, 2) as usize;
    let mut n = a;
    n[k] += change;
    (a, n)
}

/// Lesson 10: compute the relative error ‖a − n‖ / max(‖a‖, ‖n‖) of two given gradients.
pub fn relative_error_question(seed: u64) -> NumberQuestion {
    let (a, n) = gradient_pair(seed);
    let answer = relative_error(&a, &n);
    let diff = [a[0] - n[0], a[1] - n[1]];
    let (na, nn) = (norm(&a), norm(&n));
    let d = norm(&diff);
    NumberQuestion::new(
        vec![
            QuestionPart::words("A hand-written backward pass gives the gradient "),
            QuestionPart::formula(
                format!(r"a = [{}, {}]", num(a[0]), num(a[1])),
                format!("a = [{}, {}]", words(a[0]), words(a[1])),
            ),
            QuestionPart::words(" and central differences give "),
            QuestionPart::formula(
                format!(r"n = [{}, {}]", num(n[0]), num(n[1])),
                format!("n = [{}, {}]", words(n[0]), words(n[1])),
            ),
            QuestionPart::words(". What is their relative error? (Three significant digits are enough.)"),
        ],
        answer,
    )
    .mistake(
        d,
        "That is the bare distance ‖a − n‖. The relative error divides it by the size of the gradients.",
    )
    .mistake(
        d / na.min(nn),
        "You divided by the smaller of the two norms; the relative error divides by the larger one, max(‖a‖, ‖n‖).",
    )
    .mistake(
        (d * d) / na.max(nn).powi(2),
        "Those are squared norms. Each norm is the square root of the sum of squares.",
    )
    .mistake(
        (diff[0].abs() + diff[1].abs()) / na.max(nn),
        "The top is the sum of the absolute differences; the norm ‖a − n‖ is the square root of the sum of their squares.",
    )
    .hint("First the difference a − n, entry by entry, and its length ‖a − n‖ = √(d₁² + d₂²).")
    .hint("Then the lengths ‖a‖ and ‖n‖; divide by the larger of the two.")
    .explain(format!(
        "‖a − n‖ = {}, ‖a‖ = {}, ‖n‖ = {}, so the relative error is {} / {} ≈ {}.",
        words(d),
        words(na),
        words(nn),
        words(d),
        words(na.max(nn)),
        words((answer * 1e4).round() / 1e4)
    ))
}

/// The bands a check can fall in, as the options of [`check_verdict_question`].
const BANDS: [(Verdict, &str); 4] = [
    (Verdict::Good, "Good: the gradient is right"),
    (Verdict::Fine, "Probably fine, worth a look"),
    (Verdict::Suspect, "Suspect, unless there is a kink"),
    (Verdict::Wrong, "Wrong"),
];

/// Lesson 10: given a gradient of a certain size and the bare distance to its numerical
/// version, say what the check concludes.
pub fn check_verdict_question(seed: u64) -> ChoiceQuestion {
    let mut rng = SplitMix64(seed ^ 0x10_1000);
    // Sizes span large and tiny gradients, so the bare distance alone misleads.
    let size = [2.2e4, 3.0e3, 1.0, 2.0e-8, 5.0e-6][pick(&mut rng, 5) as usize];
    let rel = [3.0e-11, 2.0e-6, 4.0e-3, 0.5][pick(&mut rng, 4) as usize];
    let dist = size * rel;
    let right = Verdict::of(rel);
    let abs_says = if dist < 1e-7 { "pass" } else { "fail" };
    let mut q = ChoiceQuestion::new(vec![
        QuestionPart::words("A gradient check at a point of a smooth function finds "),
        QuestionPart::formula(
            format!(r"\lVert a \rVert \approx {}", sci_tex(size)),
            format!("‖a‖ ≈ {}", sci_words(size)),
        ),
        QuestionPart::words(" and "),
        QuestionPart::formula(
            format!(r"\lVert a - n \rVert \approx {}", sci_tex(dist)),
            format!("‖a − n‖ ≈ {}", sci_words(dist)),
        ),
        QuestionPart::words(". What does the check conclude?"),
    ]);
    for (v, label) in BANDS {
        if v == right {
            q = q.right(label);
        } else {
            let why = if Verdict::of(dist) == v
                || (abs_says == "pass" && v == Verdict::Good)
                || (abs_says == "fail" && v == Verdict::Wrong)
            {
                "That reads the bare distance ‖a − n‖, which depends on how big the gradient is. Divide by the size of the gradient first."
            } else {
                "Not that band. Work out the relative error ‖a − n‖ / ‖a‖ and compare it with the thresholds 10⁻⁷, 10⁻⁴ and 10⁻²."
            };
            q = q.wrong(label, why);
        }
    }
    q.hint("The bare distance means little until it is compared with the size of the gradient.")
        .hint("The relative error here is ‖a − n‖ / ‖a‖ (n has about the same size as a).")
        .explain(format!(
            "The relative error is {} / {} = {}, which is in the band: {}.",
            sci_words(dist),
            sci_words(size),
            sci_words(rel),
            right.meaning()
        ))
}

fn sci_words(v: f64) -> String {
    let e = v.abs().log10().floor() as i32;
    let m = v / 10f64.powi(e);
    if (-2..=3).contains(&e) {
        return words((v * 1e4).round() / 1e4);
    }
    let m = (m * 100.0).round() / 100.0;
    format!("{}e{}", words(m), e).replace('-', "−")
}

fn sci_tex(v: f64) -> String {
    let e = v.abs().log10().floor() as i32;
    if (-2..=3).contains(&e) {
        return num((v * 1e4).round() / 1e4);
    }
    let m = (v / 10f64.powi(e) * 100.0).round() / 100.0;
    format!(r"{} \times 10^{{{}}}", num(m), e)
}

/// A seeded 3 × 3 patch with values in tenths, with some left–right change.
fn patch(seed: u64) -> [[f64; 3]; 3] {
    let mut rng = SplitMix64(seed ^ 0x12_0000);
    loop {
        let mut p = [[0.0; 3]; 3];
        for row in p.iter_mut() {
            for v in row.iter_mut() {
                *v = pick(&mut rng, 11) as f64 / 10.0;
            }
        }
        let s = sobel_sum(&p, Axis::X);
        if s.abs() >= 0.5 && (s - sobel_sum(&p, Axis::Y)).abs() > 0.15 {
            return p;
        }
    }
}

/// The Sobel weighted sum (before dividing by 8) of a patch along `axis`.
pub fn sobel_sum(p: &[[f64; 3]; 3], axis: Axis) -> f64 {
    let w = Kernel::Sobel.weights(axis);
    let mut s = 0.0;
    for r in 0..3 {
        for c in 0..3 {
            s += p[r][c] * w[r][c] as f64;
        }
    }
    s
}

fn matrix_tex(p: &[[f64; 3]; 3]) -> String {
    let rows: Vec<String> = p
        .iter()
        .map(|r| r.iter().map(|v| num(*v)).collect::<Vec<_>>().join(" & "))
        .collect();
    format!(r"\begin{{bmatrix}} {} \end{{bmatrix}}", rows.join(r" \\ "))
}

fn matrix_words(p: &[[f64; 3]; 3]) -> String {
    let rows: Vec<String> = p
        .iter()
        .map(|r| {
            let v: Vec<String> = r.iter().map(|v| words(*v)).collect();
            format!("[{}]", v.join(", "))
        })
        .collect();
    format!("rows {}", rows.join(", "))
}

/// Lesson 12: the Sobel x sum at a given patch.
pub fn sobel_question(seed: u64) -> NumberQuestion {
    let p = patch(seed);
    let s = sobel_sum(&p, Axis::X);
    let sy = sobel_sum(&p, Axis::Y);
    let k: [[f64; 3]; 3] = Kernel::Sobel.weights(Axis::X).map(|r| r.map(|v| v as f64));
    let middle = p[1][2] - p[1][0];
    let no_two: f64 = (0..3).map(|r| p[r][2] - p[r][0]).sum();
    NumberQuestion::new(
        vec![
            QuestionPart::words("A pixel's 3 × 3 neighbourhood in a grey image is "),
            QuestionPart::formula(matrix_tex(&p), matrix_words(&p)),
            QuestionPart::words(" (rows top to bottom). The Sobel kernel for ∂I/∂x is "),
            QuestionPart::formula(matrix_tex(&k), matrix_words(&k)),
            QuestionPart::words(
                ". Multiply the two entry by entry and add up. What is the sum (before dividing by 8)?",
            ),
        ],
        s,
    )
    .mistake(
        s / 8.0,
        "That is the sum divided by 8, the derivative per pixel. The question asks for the sum itself.",
    )
    .mistake(
        -s,
        "The sign is flipped: the kernel takes the right column minus the left column.",
    )
    .mistake(
        sy,
        "That is the sum for ∂I/∂y, bottom row minus top row. For ∂I/∂x the kernel compares the right and left columns.",
    )
    .mistake(
        middle,
        "That uses the middle row only, as a plain central difference would. Sobel adds the rows above and below too.",
    )
    .mistake(
        2.0 * middle,
        "That is the middle row alone, weighted 2. The rows above and below count with weight 1.",
    )
    .mistake(
        no_two,
        "The middle row has weight 2 in the Sobel kernel, not 1.",
    )
    .hint("Only the left and right columns matter: the middle column's weights are 0.")
    .hint("Right column: 1·top + 2·middle + 1·bottom. Left column: the same with minus signs.")
    .explain(format!(
        "Right column {} + 2·{} + {} minus left column {} + 2·{} + {} gives {}; divided by 8 that is ∂I/∂x ≈ {} per pixel.",
        words(p[0][2]),
        words(p[1][2]),
        words(p[2][2]),
        words(p[0][0]),
        words(p[1][0]),
        words(p[2][0]),
        words((s * 1e6).round() / 1e6),
        words((s / 8.0 * 1e6).round() / 1e6)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::image::{breakdown, Image};
    use crate::tutor::{Question, Verdict as Answer};

    #[test]
    fn relative_error_accepts_right_answers_and_names_each_mistake() {
        for seed in 0..40 {
            let q = relative_error_question(seed);
            let (a, n) = gradient_pair(seed);
            let r = relative_error(&a, &n);
            assert_eq!(q.check(&format!("{r}")), Answer::Correct, "{seed}");
            assert_eq!(q.check(&format!("{:.3e}", r)), Answer::Correct, "{seed}");
            let d = norm(&[a[0] - n[0], a[1] - n[1]]);
            match q.check(&format!("{d}")) {
                Answer::Wrong(why) => assert!(why.contains("bare distance"), "{why}"),
                other => panic!("{seed}: {other:?}"),
            }
            assert!(q.hints().len() >= 2);
            assert!(!q.explanation().is_empty());
        }
    }

    #[test]
    fn the_verdict_question_has_one_right_band_and_explains_the_bare_norm() {
        for seed in 0..40 {
            let q = check_verdict_question(seed);
            let right: Vec<usize> = q
                .options
                .iter()
                .enumerate()
                .filter(|(_, o)| o.why_wrong.is_none())
                .map(|(i, _)| i)
                .collect();
            assert_eq!(right.len(), 1, "{seed}");
            assert_eq!(q.check(&right[0].to_string()), Answer::Correct);
        }
    }

    #[test]
    fn the_sobel_sum_matches_the_image_model_and_mistakes_are_named() {
        for seed in 0..40 {
            let p = patch(seed);
            let img = Image::from_fn(3, 3, |x, y| p[y as usize][x as usize]);
            let b = breakdown(&img, 1, 1, Kernel::Sobel, Axis::X).unwrap();
            let s = sobel_sum(&p, Axis::X);
            assert!((b.sum as f64 - s).abs() < 1e-5, "{seed}: {} vs {s}", b.sum);
            let q = sobel_question(seed);
            assert_eq!(q.check(&words(s)), Answer::Correct, "{seed}");
            match q.check(&num(-s)) {
                Answer::Wrong(why) => assert!(
                    why.contains("sign") || why.contains("∂I/∂y") || why.contains("row"),
                    "{why}"
                ),
                other => panic!("{seed}: {other:?}"),
            }
            match q.check(&num(s / 8.0)) {
                Answer::Wrong(_) => {}
                other => panic!("{seed}: {other:?}"),
            }
        }
    }
}
