//! Lesson 3: computing partial derivatives. The one-variable rules with the other variables
//! treated as constants, the step-by-step derivation of any typed function, and the one new
//! rule: a chain-rule tree for f(g(x, y), h(x, y)), the sum over paths behind backpropagation.

use leptos::prelude::*;

use crate::math::Expr;
use crate::tutor::exercise::{AskKind, Family};
use crate::tutor::format::{format_pair, format_value};
use crate::tutor::running_example::{chain_through_prediction, loss_at, START};
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
    // The machine-learning example's numbers, from the engine.
    let start = loss_at(START);
    let chain = chain_through_prediction(START);
    let typed = LiveFunction::new("x^2*sin(y) + exp(x*y)");
    let ex1 = LiveFunction::new("x^3*y^2");
    let ex2 = LiveFunction::new("x^2*z + y^3 - 5*z");
    let f = LiveFunction::new("g*h");
    let g = LiveFunction::new("x^2 + y");
    let h = LiveFunction::new("sin(x*y)");
    view! {
        <p>
            "For a function written out in x, y, … there are no new rules to learn. To find "
            <MathTex tex=r"\frac{\partial f}{\partial x}" label="∂f/∂x"/>
            ", pretend every other variable is a "
            "fixed number and use the rules you already know: power, product, quotient, chain, "
            "and the derivatives of exp, log and the trigonometric functions. A term with no x "
            "in it is a constant, so its derivative is 0; a factor with no x in it is a constant "
            "multiple, so it just comes along. One rule is new, and it is at the end of this "
            "page: when x reaches f through several intermediate quantities, the chain rule "
            "adds up one product per path."
        </p>
        <div class="example widget">
            <h2>"Worked example: a product of powers"</h2>
            <FunctionField function=ex1 label="f(x, y) = " name="ex1"/>
            <LivePartial function=ex1 var="x"/>
            <LivePartial function=ex1 var="y"/>
        </div>
        <div class="example widget">
            <h2>"Worked example: three variables"</h2>
            <FunctionField function=ex2 label="f(x, y, z) = " name="ex2"/>
            <LivePartial function=ex2 var="x"/>
            <LivePartial function=ex2 var="y"/>
            <LivePartial function=ex2 var="z"/>
        </div>
        <div class="widget">
            <h2>"Step by step"</h2>
            <p>"Type any function; each step names the rule it uses."</p>
            <FunctionField function=typed label="f = " name="steps"/>
            <LivePartial function=typed var="x" steps=true/>
        </div>
        <h2>"The chain rule with several paths"</h2>
        <p>
            "Suppose f depends on x only through two intermediate quantities, g(x, y) and "
            "h(x, y), so that the function of x and y is f(g(x, y), h(x, y)). A small change in "
            "x travels to f along two paths, through g and through h, and the total effect is "
            "the sum of the two:"
        </p>
        <p>
            <MathTex
                tex=r"\frac{\partial f}{\partial x} = \frac{\partial f}{\partial g}\frac{\partial g}{\partial x} + \frac{\partial f}{\partial h}\frac{\partial h}{\partial x}"
                label="∂f/∂x = ∂f/∂g · ∂g/∂x + ∂f/∂h · ∂h/∂x"
                block=true
            />
        </p>
        <p>
            "Each term is one path: how fast f changes with the intermediate quantity, times "
            "how fast that quantity changes with x. Be careful where each factor is taken: "
            <MathTex tex=r"\frac{\partial f}{\partial g}" label="∂f/∂g"/>
            " and "
            <MathTex tex=r"\frac{\partial f}{\partial h}" label="∂f/∂h"/>
            " are partials of f(g, h) evaluated at (g, h) = (g(x, y), h(x, y)), and "
            <MathTex tex=r"\frac{\partial g}{\partial x}" label="∂g/∂x"/>
            " and "
            <MathTex tex=r"\frac{\partial h}{\partial x}" label="∂h/∂x"/>
            " at (x, y). The tree below shows "
            <MathTex tex=r"\frac{\partial f}{\partial g}" label="∂f/∂g"/>
            " and "
            <MathTex tex=r"\frac{\partial f}{\partial h}" label="∂f/∂h"/>
            " with g and h already replaced by g(x, y) and h(x, y), which is why x and y "
            "appear in them. With only one path, the sum has one term: the ordinary chain rule."
        </p>
        <div class="widget">
            <h3>"Chain-rule tree"</h3>
            <FunctionField function=f label="f(g, h) = " name="f"/>
            <FunctionField function=g label="g(x, y) = " name="g"/>
            <FunctionField function=h label="h(x, y) = " name="h"/>
            <ChainTree f=f g=g h=h/>
        </div>
        <section class="ml-connection" data-testid="ml-connection">
            <h2>"Why this matters for machine learning"</h2>
            <p>
                "A loss reaches the weights through intermediate quantities. In lesson 1's line, "
                "the loss "
                <MathTex tex=r"L = (\hat y - y)^2" label="L = (ŷ − y)²"/>
                " depends on w₁ only through the prediction "
                <MathTex tex=r"\hat y = w_1 x + w_2" label="ŷ = w₁x + w₂"/>
                ", one path w₁ → ŷ → L. At "
                {format_pair('(', START.0, START.1, ')')}
                ", "
                <MathTex tex=r"\frac{\partial L}{\partial \hat y} =" label="∂L/∂ŷ ="/>
                " "
                {chain.map(|c| format_value(c.0))}
                " (taken at the prediction ŷ = "
                {start.map(|a| format_value(a.prediction))}
                ") and "
                <MathTex tex=r"\frac{\partial \hat y}{\partial w_1} =" label="∂ŷ/∂w₁ ="/>
                " "
                {chain.map(|c| format_value(c.1))}
                ", so "
                <MathTex tex=r"\frac{\partial L}{\partial w_1} =" label="∂L/∂w₁ ="/>
                " "
                {chain.map(|c| format_value(c.2))}
                ", the number lesson 2 found by differentiating L directly."
            </p>
            <p>
                "In a larger model a weight often reaches the loss along several paths, for "
                "example when its output feeds two later computations, and its partial "
                "derivative is the sum over those paths, exactly as in the rule above. "
                "Backpropagation, the method neural-network libraries use to find the partial "
                "derivative of the loss for every weight, is this rule applied path by path from "
                "the loss back to the weights."
            </p>
        </section>
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
