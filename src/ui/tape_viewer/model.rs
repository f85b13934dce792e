//! The tape viewer's plain logic, tested natively: reading the point, recording the typed
//! function's tape there, the four gradients, and the sentence for each step of the reverse
//! walk (values, seed, backward pushes) and of the forward-mode passes (one per input).

use crate::math::{parse, Expr};
use crate::models::gradient_methods::{
    compare, forward_passes, graph_layout, operation_counts, Comparison, ForwardPass,
    OperationCount, TapeWalk, WalkEvent,
};
use crate::tutor::format::format_value;

/// The most variables the viewer handles (one forward pass and one input box each).
pub const MAX_VARS: usize = 6;
/// The most tape nodes drawn as a graph (the list shows any number).
pub const MAX_DRAWN: usize = 60;
/// The most tape nodes the viewer accepts at all.
pub const MAX_NODES: usize = 400;

/// Reads `2, 3` or `2,3` as numbers (at most [`MAX_VARS`], each finite and at most 1e6 in size).
pub fn parse_point(text: &str) -> Result<Vec<f64>, String> {
    let parts: Vec<&str> = text
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if parts.len() > MAX_VARS {
        return Err(format!(
            "it has {} numbers; at most {MAX_VARS}",
            parts.len()
        ));
    }
    parts
        .iter()
        .map(|p| {
            p.parse::<f64>()
                .ok()
                .filter(|v| v.is_finite() && v.abs() <= 1e6)
                .ok_or_else(|| format!("“{p}” is not a number between −1e6 and 1e6"))
        })
        .collect()
}

/// The `Check` for the point in the address.
pub fn check_point(text: &str) -> Result<(), String> {
    parse_point(text).map(|_| ())
}

/// The point as written in the address: `2,3`.
pub fn format_point(p: &[f64]) -> String {
    p.iter()
        .map(|&v| crate::ui::url_state::format_number(v))
        .collect::<Vec<_>>()
        .join(",")
}

/// Everything the viewer shows for one function at one point.
#[derive(Clone, Debug, PartialEq)]
pub struct TapeModel {
    /// The variables, sorted (`x0`, `x1`, …).
    pub vars: Vec<String>,
    /// The point, one value per variable.
    pub point: Vec<f64>,
    /// The reverse walk over the recorded tape.
    pub walk: TapeWalk,
    /// One forward-mode pass per variable.
    pub passes: Vec<ForwardPass>,
    /// `(forward mode, reverse mode)` work for the whole gradient.
    pub counts: (OperationCount, OperationCount),
    /// The four gradients and their relative errors.
    pub comparison: Comparison,
    /// Each node's (column, row) in the graph.
    pub layout: Vec<(usize, usize)>,
}

impl TapeModel {
    /// Records `text` at `point` (missing coordinates are 1, extra ones ignored) with step `h`
    /// for central differences; a sentence for the learner when that cannot be done.
    pub fn new(text: &str, point: &[f64], h: f64) -> Result<TapeModel, String> {
        let f: Expr = parse(text).map_err(|e| e.message())?;
        let vars = f.variables();
        if vars.len() > MAX_VARS {
            return Err(format!(
                "This viewer shows functions of at most {MAX_VARS} variables; this one has {} ({}).",
                vars.len(),
                vars.join(", ")
            ));
        }
        let point: Vec<f64> = (0..vars.len())
            .map(|i| point.get(i).copied().unwrap_or(1.0))
            .collect();
        let names: Vec<&str> = vars.iter().map(String::as_str).collect();
        let tape = f
            .record_tape(&names, &point)
            .map_err(|e| format!("The tape could not be recorded: {e}"))?;
        if tape.nodes.len() > MAX_NODES {
            return Err(format!(
                "This function's tape has {} nodes; the viewer shows at most {MAX_NODES}. Try a shorter function.",
                tape.nodes.len()
            ));
        }
        let comparison = compare(&f, &names, &point, h)
            .map_err(|e| format!("The gradients could not be computed: {e}"))?;
        let passes = forward_passes(&tape);
        let counts = operation_counts(&tape);
        let layout = graph_layout(&tape);
        Ok(TapeModel {
            vars,
            point,
            walk: TapeWalk::new(tape),
            passes,
            counts,
            comparison,
            layout,
        })
    }

    /// The number of tape nodes.
    pub fn nodes(&self) -> usize {
        self.walk.tape().nodes.len()
    }

    /// The last position of the forward-mode walk: every tangent of every pass.
    pub fn forward_len(&self) -> usize {
        self.passes.len() * self.nodes()
    }

    /// In forward mode at position `pos`, node `i`'s tangent in pass `j`, once computed.
    pub fn tangent(&self, pos: usize, j: usize, i: usize) -> Option<f64> {
        (j * self.nodes() + i < pos)
            .then(|| self.passes.get(j).and_then(|p| p.duals.get(i)).map(|d| d.d))
            .flatten()
    }

    /// A node's name and what it computes, e.g. `v2 = v0 ^ 2`.
    pub fn label(&self, i: usize) -> String {
        self.walk
            .tape()
            .nodes
            .get(i)
            .map(|n| n.label.clone())
            .unwrap_or_default()
    }

    /// What the reverse walk's step to `pos` did, with the numbers.
    pub fn explain_reverse(&self, pos: usize) -> String {
        let tape = self.walk.tape();
        let n = tape.nodes.len();
        match self.walk.event(pos) {
            WalkEvent::Start => format!(
                "The tape has {n} node{}: the {} input{} first, then one node per operation. Step forward to compute their values in order.",
                if n == 1 { "" } else { "s" },
                self.vars.len(),
                if self.vars.len() == 1 { "" } else { "s" }
            ),
            WalkEvent::Value { node } => {
                let value = tape.nodes.get(node).map_or(f64::NAN, |t| t.value);
                if node < self.vars.len() {
                    format!("Input {}: v{node} = {}.", self.label(node), format_value(value))
                } else {
                    format!("{} = {}.", self.label(node), format_value(value))
                }
            }
            WalkEvent::Seed { node } => format!(
                "The forward pass is done: f = v{node} = {}. The backward pass starts with the output's adjoint v̄{node} = ∂f/∂v{node} = 1.",
                format_value(tape.output())
            ),
            WalkEvent::Backward { step, node } => {
                let Some(s) = self.walk.steps().get(step) else {
                    return String::new();
                };
                let pushes: Vec<String> = s
                    .contributions
                    .iter()
                    .map(|c| {
                        format!(
                            "v̄{} += v̄{node} · ∂v{node}/∂v{} = {} · {} = {} (now {})",
                            c.input,
                            c.input,
                            format_value(s.adjoint),
                            format_value(c.local_partial),
                            format_value(c.amount),
                            format_value(c.input_adjoint_after)
                        )
                    })
                    .collect();
                let done = self.walk.gradient(pos).map(|g| {
                    format!(
                        " Done: the inputs' adjoints are the gradient [{}].",
                        g.iter()
                            .map(|&v| format_value(v))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                });
                format!(
                    "{} passes its adjoint to its inputs: {}.{}",
                    self.label(node),
                    pushes.join("; "),
                    done.unwrap_or_default()
                )
            }
        }
    }

    /// What the forward-mode step to `pos` did: node `i` of pass `j` got its tangent.
    pub fn explain_forward(&self, pos: usize) -> String {
        let n = self.nodes();
        if pos == 0 || self.forward_len() == 0 {
            return format!(
                "Forward mode pushes a dual number (value, tangent) through the tape. One pass per input: {} pass{} here, each seeding one input's tangent with 1 and the others with 0.",
                self.passes.len(),
                if self.passes.len() == 1 { "" } else { "es" }
            );
        }
        let k = pos.min(self.forward_len()) - 1;
        let (j, i) = (k / n, k % n);
        let Some(pass) = self.passes.get(j) else {
            return String::new();
        };
        let var = self.vars.get(pass.input).cloned().unwrap_or_default();
        let Some(node) = self.walk.tape().nodes.get(i) else {
            return String::new();
        };
        let tangent = pass.duals.get(i).map_or(f64::NAN, |d| d.d);
        let head = format!(
            "Pass {} of {} (tangents with respect to {var}): ",
            j + 1,
            self.passes.len()
        );
        let body = if node.inputs.is_empty() {
            format!("{} has tangent {}.", node.label, format_value(tangent))
        } else {
            let terms: Vec<String> = node
                .inputs
                .iter()
                .zip(&node.partials)
                .map(|(&k, &p)| {
                    let t = pass.duals.get(k).map_or(f64::NAN, |d| d.d);
                    format!(
                        "∂v{i}/∂v{k} · v̇{k} = {} · {}",
                        format_value(p),
                        format_value(t)
                    )
                })
                .collect();
            format!(
                "{}, so v̇{i} = {} = {}.",
                node.label,
                terms.join(" + "),
                format_value(tangent)
            )
        };
        let end = (i + 1 == n).then(|| {
            format!(
                " This pass gives ∂f/∂{var} = {}.",
                format_value(pass.derivative())
            )
        });
        format!("{head}{body}{}", end.unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_course_example_walks_to_4_6() {
        let m = TapeModel::new("x0^2 + x1^2", &[2.0, 3.0], 1e-5).unwrap();
        assert_eq!(m.vars, ["x0", "x1"]);
        assert_eq!(m.nodes(), 5);
        let end = m.walk.len();
        assert_eq!(m.walk.gradient(end), Some(vec![4.0, 6.0]));
        let last = m.explain_reverse(end);
        assert!(last.contains("gradient [4, 6]"), "{last}");
        assert!(
            m.explain_reverse(3).contains("v2 = v0 ^ 2 = 4"),
            "{}",
            m.explain_reverse(3)
        );
        assert!(m.explain_reverse(6).contains("v̄4 = ∂f/∂v4 = 1"));
        // Forward mode: two passes of five nodes; the first ends with ∂f/∂x0 = 4.
        assert_eq!(m.forward_len(), 10);
        assert!(
            m.explain_forward(5).ends_with("∂f/∂x0 = 4."),
            "{}",
            m.explain_forward(5)
        );
        assert!(m.explain_forward(10).ends_with("∂f/∂x1 = 6."));
        assert_eq!(m.tangent(3, 0, 2), Some(4.0));
        assert_eq!(m.tangent(3, 0, 3), None);
        assert!(m.explain_forward(0).contains("2 passes"));
    }

    #[test]
    fn subscripts_and_points_are_read_as_typed() {
        assert_eq!(parse_point(" 2, 3 ").unwrap(), vec![2.0, 3.0]);
        assert!(parse_point("1,nan").is_err());
        assert!(parse_point("1,2,3,4,5,6,7").is_err());
        assert_eq!(format_point(&[2.0, -0.5]), "2,-0.5");
        let m = TapeModel::new("x₀² + x₁²", &[2.0], 1e-5).unwrap();
        assert_eq!(m.vars, ["x0", "x1"]);
        // A missing coordinate is 1.
        assert_eq!(m.point, vec![2.0, 1.0]);
        assert!(TapeModel::new("x^^2", &[], 1e-5).is_err());
        let many = TapeModel::new("a+b+c+d+g+h+k", &[], 1e-5).unwrap_err();
        assert!(many.contains("at most 6"), "{many}");
        // A constant has no inputs and an empty gradient.
        let c = TapeModel::new("3", &[], 1e-5).unwrap();
        assert!(c.vars.is_empty() && c.passes.is_empty());
        assert!(!c.explain_reverse(0).is_empty());
        assert!(!c.explain_forward(1).is_empty());
    }
}
