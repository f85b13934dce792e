//! Pure logic behind the worked examples: which letters of a printed formula are variables
//! held constant, and the chain-rule tree for f(g(x, y), h(x, y)).

use crate::math::{agree_at_random_points, Expr, Func};

/// One path through the chain-rule tree: ∂f/∂inner · ∂inner/∂var.
#[derive(Clone, Debug, PartialEq)]
pub struct ChainTerm {
    /// The intermediate variable (`g` or `h`).
    pub inner: String,
    /// ∂f/∂inner, written in x and y.
    pub outer: Expr,
    /// ∂inner/∂var.
    pub inner_partial: Expr,
    /// Their product, simplified.
    pub product: Expr,
}

/// The chain rule for f(g(x, y), h(x, y)) with respect to `var`: each path's product, their
/// sum, and whether the sum agrees with differentiating the composite directly.
#[derive(Clone, Debug, PartialEq)]
pub struct ChainRule {
    /// One term per intermediate variable.
    pub terms: Vec<ChainTerm>,
    /// The sum of the terms, simplified.
    pub total: Expr,
    /// The derivative of the substituted composite, for comparison.
    pub direct: Expr,
    /// Whether the two agree at random points.
    pub agrees: bool,
}

/// Builds the chain-rule tree for f(g, h) with g = g(x, y) and h = h(x, y).
pub fn chain_rule(f: &Expr, g: &Expr, h: &Expr, var: &str) -> ChainRule {
    let inners = [("g", g), ("h", h)];
    let substitute = |e: &Expr| {
        // Rename first so a g inside h's formula cannot be captured.
        let e = e
            .substitute("g", &Expr::var("g_inner"))
            .substitute("h", &Expr::var("h_inner"));
        e.substitute("g_inner", g).substitute("h_inner", h)
    };
    let terms: Vec<ChainTerm> = inners
        .iter()
        .map(|(name, inner)| {
            let outer = substitute(&f.partial(name)).simplify();
            let inner_partial = inner.partial(var);
            let product = Expr::Mul(vec![outer.clone(), inner_partial.clone()]).simplify();
            ChainTerm {
                inner: name.to_string(),
                outer,
                inner_partial,
                product,
            }
        })
        .collect();
    let total = Expr::Add(terms.iter().map(|t| t.product.clone()).collect()).simplify();
    let direct = substitute(f).partial(var);
    let agrees = agree_at_random_points(&total, &direct, &["x", "y"], 48, 7).equivalent();
    ChainRule {
        terms,
        total,
        direct,
        agrees,
    }
}

/// The engine's function names, longest first (so `asinh` is found before `sinh`): runs of
/// letters in printed formulas that are never variables.
fn function_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Func::ALL.iter().map(|f| f.name()).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names
}

/// The function's pretty text split into pieces, each flagged when it is a held variable, so
/// a learner sees at a glance which letters act as constants.
pub fn mark_held(pretty: &str, held: &[String]) -> Vec<(String, bool)> {
    let chars: Vec<char> = pretty.chars().collect();
    // Letters that belong to a function name are never variables.
    let mut in_name = vec![false; chars.len()];
    for name in function_names() {
        let nc: Vec<char> = name.chars().collect();
        let mut i = 0;
        while i + nc.len() <= chars.len() {
            if chars[i..i + nc.len()] == nc[..] && !in_name[i] {
                in_name[i..i + nc.len()].iter_mut().for_each(|b| *b = true);
                i += nc.len();
            } else {
                i += 1;
            }
        }
    }
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let matched = held.iter().find(|h| {
            let hc: Vec<char> = h.chars().collect();
            let end = i + hc.len();
            end <= chars.len()
                && chars[i..end] == hc[..]
                && !in_name[i]
                // `w` is not the start of `w1`.
                && !chars.get(end).is_some_and(|c| c.is_ascii_digit())
        });
        match matched {
            Some(h) => {
                out.push((h.clone(), true));
                i += h.chars().count();
            }
            None => {
                match out.last_mut() {
                    Some((s, false)) => s.push(chars[i]),
                    _ => out.push((chars[i].to_string(), false)),
                }
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::parse;

    fn held_parts(pretty: &str, held: &[&str]) -> Vec<String> {
        let held: Vec<String> = held.iter().map(|s| s.to_string()).collect();
        mark_held(pretty, &held)
            .into_iter()
            .filter(|(_, h)| *h)
            .map(|(s, _)| s)
            .collect()
    }

    #[test]
    fn held_variables_are_marked_and_nothing_else() {
        assert_eq!(held_parts("x² + 3xy + y²", &["y"]), vec!["y", "y"]);
        assert_eq!(held_parts("x² + 3xy + y²", &["x"]), vec!["x", "x"]);
        // The y inside a function name is not a variable; sin and exp are not held.
        assert_eq!(held_parts("sin(x) + exp(y)", &["y"]), vec!["y"]);
        assert_eq!(held_parts("sin(x) + exp(y)", &["x"]), vec!["x"]);
        assert_eq!(
            held_parts("x²z + y³ − 5z", &["y", "z"]),
            vec!["z", "y", "z"]
        );
        let all: String = mark_held("3xy", &["y".to_string()])
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        assert_eq!(all, "3xy");
    }

    #[test]
    fn names_the_engine_added_are_not_variables() {
        // cbrt holds a t and asinh an h; neither is the held variable t or h.
        assert_eq!(
            held_parts("cbrt(t) + asinh(h)", &["t", "h"]),
            vec!["t", "h"]
        );
        assert_eq!(held_parts("log10(g)", &["g"]), vec!["g"]);
    }

    #[test]
    fn the_chain_rule_tree_agrees_with_the_direct_derivative() {
        let f = parse("g^2 + g*h").unwrap();
        let g = parse("x*y").unwrap();
        let h = parse("sin(x)").unwrap();
        let rule = chain_rule(&f, &g, &h, "x");
        assert_eq!(rule.terms.len(), 2);
        assert_eq!(rule.terms[0].inner, "g");
        assert!(rule.agrees, "{rule:?}");
        // A function whose inner parts mention each other's names is not captured.
        let f = parse("g*h").unwrap();
        let g = parse("h + x").unwrap();
        let h = parse("y").unwrap();
        assert!(chain_rule(&f, &g, &h, "x").agrees);
    }
}
