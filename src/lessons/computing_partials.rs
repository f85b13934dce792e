//! Lesson 3: computing partial derivatives. The one-variable rules with the other variables
//! treated as constants, the step-by-step derivation of any typed function, and a chain-rule
//! tree for f(g(x, y), h(x, y)).

use leptos::prelude::*;

use crate::math::Expr;
use crate::tutor::exercise::{AskKind, Family};
use crate::tutor::worked::chain_rule;
use crate::ui::prelude::*;

fn some(e: Expr) -> Signal<Option<Expr>> {
    Signal::derive(move || Some(e.clone()))
}

#[component]
fn ChainTree(f: LiveFunction, g: LiveFunction, h: LiveFunction) -> impl IntoView {
    let rule = Memo::new(move |_| {
        let (Some(f), Some(g), Some(h)) = (f.expr.get(), g.expr.get(), h.expr.get()) else {
            return None;
        };
        Some(chain_rule(&f, &g, &h, "x"))
    });
    view! {
        <div class="chain-tree" data-testid="chain-tree">
            {move || {
                rule.get()
                    .map(|r| {
                        let agrees = r.agrees;
                        view! {
                            <ul class="chain-paths">
                                {r.terms
                                    .into_iter()
                                    .map(|t| {
                                        let name = t.inner.clone();
                                        view! {
                                            <li class="chain-path">
                                                <span class="chain-label">{format!("x → {name} → f")}</span>
                                                <MathExpr
                                                    expr=some(t.outer)
                                                    lhs=format!(r"\frac{{\partial f}}{{\partial {name}}} =")
                                                    lhs_text=format!("∂f/∂{name} =")
                                                />
                                                <MathExpr
                                                    expr=some(t.inner_partial)
                                                    lhs=format!(r"\frac{{\partial {name}}}{{\partial x}} =")
                                                    lhs_text=format!("∂{name}/∂x =")
                                                />
                                                <span class="chain-product">
                                                    "product: "
                                                    <MathExpr expr=some(t.product)/>
                                                </span>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                            <p class="chain-sum">
                                "Sum of the paths: "
                                <MathExpr expr=some(r.total) lhs=r"\frac{\partial f}{\partial x} =" lhs_text="∂f/∂x ="/>
                            </p>
                            <p class="chain-check" class:feedback-ok=agrees class:feedback-wrong=!agrees>
                                {if agrees {
                                    "It agrees with differentiating f(g(x, y), h(x, y)) directly."
                                } else {
                                    "It does not agree with the direct derivative; check the functions."
                                }}
                            </p>
                        }
                            .into_any()
                    })
                    .unwrap_or_else(|| view! { <p>"Type f, g and h to see the tree."</p> }.into_any())
            }}
        </div>
    }
}

/// The body of the lesson page.
pub fn body() -> AnyView {
    let typed = LiveFunction::new("x^2*sin(y) + exp(x*y)");
    let ex1 = LiveFunction::new("x^3*y^2");
    let ex2 = LiveFunction::new("x^2*z + y^3 - 5*z");
    let f = LiveFunction::new("g*h");
    let g = LiveFunction::new("x^2 + y");
    let h = LiveFunction::new("sin(x*y)");
    view! {
        <p>
            "There are no new rules to learn. To find "
            <MathTex tex=r"\frac{\partial f}{\partial x}" label="∂f/∂x"/>
            ", pretend every other variable is a "
            "fixed number and use the rules you already know: power, product, quotient, chain, "
            "and the derivatives of exp, log and the trigonometric functions. A term with no x "
            "in it is a constant, so its derivative is 0; a factor with no x in it is a constant "
            "multiple, so it just comes along."
        </p>
        <div class="example widget">
            <h2>"Worked example: a product of powers"</h2>
            <FunctionField function=ex1 label="f(x, y) = " id="l3-ex1"/>
            <LivePartial function=ex1 var="x"/>
            <LivePartial function=ex1 var="y"/>
        </div>
        <div class="example widget">
            <h2>"Worked example: three variables"</h2>
            <FunctionField function=ex2 label="f(x, y, z) = " id="l3-ex2"/>
            <LivePartial function=ex2 var="x"/>
            <LivePartial function=ex2 var="y"/>
            <LivePartial function=ex2 var="z"/>
        </div>
        <div class="widget">
            <h2>"Step by step"</h2>
            <p>"Type any function; each step names the rule it uses."</p>
            <FunctionField function=typed label="f = " id="l3-steps"/>
            <LivePartial function=typed var="x" steps=true/>
        </div>
        <h2>"The chain rule with several paths"</h2>
        <p>
            "Suppose f depends on x only through two intermediate quantities, g(x, y) and "
            "h(x, y). A small change in x travels to f along two paths, through g and through h, "
            "and the total effect is the sum of the two:"
        </p>
        <p>
            <MathTex
                tex=r"\frac{\partial f}{\partial x} = \frac{\partial f}{\partial g}\frac{\partial g}{\partial x} + \frac{\partial f}{\partial h}\frac{\partial h}{\partial x}"
                label="∂f/∂x = ∂f/∂g · ∂g/∂x + ∂f/∂h · ∂h/∂x"
                block=true
            />
        </p>
        <div class="widget">
            <h3>"Chain-rule tree"</h3>
            <FunctionField function=f label="f(g, h) = " id="l3-f"/>
            <FunctionField function=g label="g(x, y) = " id="l3-g"/>
            <FunctionField function=h label="h(x, y) = " id="l3-h"/>
            <ChainTree f=f g=g h=h/>
        </div>
        <TryIt family=Family::Composite kind=AskKind::Partial/>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::parse;

    #[test]
    fn the_chain_rule_sums_one_product_per_path_and_matches_the_direct_derivative() {
        let f = parse("g*h").expect("f");
        let g = parse("x^2 + y").expect("g");
        let h = parse("sin(x*y)").expect("h");
        let r = chain_rule(&f, &g, &h, "x");
        assert_eq!(r.terms.len(), 2);
        assert_eq!(r.terms[0].inner_partial.to_pretty(), "2x");
        assert!(r.agrees, "{} vs {}", r.total, r.direct);
        // A wrong outer function would still be self-consistent; compare with a known value:
        // at (1, 0): ∂/∂x[(x² + y) sin(xy)] = 2x sin(xy) + (x² + y) y cos(xy) = 0.
        let v = r.total.eval(&[("x", 1.0), ("y", 0.0)]).expect("evaluates");
        assert!(v.abs() < 1e-12);
    }
}
