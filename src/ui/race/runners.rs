//! The optimisers that can race, their ids in the address, their colours, and their
//! settings turned into `optim::Method`s. Plain Rust, tested natively.

use crate::optim::Method;

/// One optimiser that can race.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Runner {
    /// Plain gradient descent.
    Gd,
    /// Heavy-ball momentum.
    Momentum,
    /// Nesterov momentum.
    Nesterov,
    /// AdaGrad.
    AdaGrad,
    /// RMSProp.
    RmsProp,
    /// Adam.
    Adam,
    /// Newton's method.
    Newton,
    /// L-BFGS.
    Lbfgs,
}

impl Runner {
    /// Every runner, in menu (and colour) order.
    pub const ALL: [Runner; 8] = [
        Runner::Gd,
        Runner::Momentum,
        Runner::Nesterov,
        Runner::AdaGrad,
        Runner::RmsProp,
        Runner::Adam,
        Runner::Newton,
        Runner::Lbfgs,
    ];

    /// The ids, in the order of [`Runner::ALL`] (the options of the address's choice field).
    pub const IDS: [&'static str; 8] = [
        "gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "newton", "lbfgs",
    ];

    /// Its id in the address.
    pub fn id(self) -> &'static str {
        Runner::IDS[self.index()]
    }

    /// Its place in [`Runner::ALL`], which is also its colour.
    pub fn index(self) -> usize {
        Runner::ALL.iter().position(|r| *r == self).unwrap_or(0)
    }

    /// The runner with this id.
    pub fn from_id(id: &str) -> Option<Runner> {
        Runner::IDS
            .iter()
            .position(|i| *i == id.trim())
            .and_then(|k| Runner::ALL.get(k).copied())
    }

    /// Its name as a label ("Gradient descent", "Adam").
    pub fn label(self) -> &'static str {
        match self {
            Runner::Gd => "Gradient descent",
            Runner::Momentum => "Momentum",
            Runner::Nesterov => "Nesterov momentum",
            Runner::AdaGrad => "AdaGrad",
            Runner::RmsProp => "RMSProp",
            Runner::Adam => "Adam",
            Runner::Newton => "Newton's method",
            Runner::Lbfgs => "L-BFGS",
        }
    }

    /// Whether it has a learning rate (a sweep over η means something).
    pub fn has_rate(self) -> bool {
        !matches!(self, Runner::Newton | Runner::Lbfgs)
    }
}

/// The most runners in one race (all of them).
pub const MAX_RUNNERS: usize = Runner::ALL.len();

/// Reads a comma-separated list of runner ids (`gd,adam`), each once, at least one.
pub fn parse_runners(text: &str) -> Result<Vec<Runner>, String> {
    let mut out = Vec::new();
    for piece in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some(r) = Runner::from_id(piece) else {
            let shown: String = piece.chars().take(20).collect();
            return Err(format!(
                "\"{shown}\" is not an optimiser (use {})",
                Runner::IDS.join(", ")
            ));
        };
        if !out.contains(&r) {
            out.push(r);
        }
    }
    if out.is_empty() {
        return Err("it names no optimiser".into());
    }
    out.sort_by_key(|r| r.index());
    Ok(out)
}

/// The address check for the runner list.
pub fn check_runners(text: &str) -> Result<(), String> {
    parse_runners(text).map(|_| ())
}

/// The list as written in the address, in menu order.
pub fn runners_text(runners: &[Runner]) -> String {
    Runner::ALL
        .iter()
        .filter(|r| runners.contains(r))
        .map(|r| r.id())
        .collect::<Vec<_>>()
        .join(",")
}

/// Every optimiser's settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RunnerSettings {
    /// Gradient descent's η.
    pub gd_rate: f64,
    /// Momentum's η.
    pub momentum_rate: f64,
    /// Momentum's β.
    pub momentum_beta: f64,
    /// Nesterov's η.
    pub nesterov_rate: f64,
    /// Nesterov's β.
    pub nesterov_beta: f64,
    /// AdaGrad's η.
    pub adagrad_rate: f64,
    /// RMSProp's η.
    pub rmsprop_rate: f64,
    /// RMSProp's decay ρ.
    pub rmsprop_decay: f64,
    /// Adam's η.
    pub adam_rate: f64,
    /// Adam's β₁.
    pub adam_beta1: f64,
    /// Adam's β₂.
    pub adam_beta2: f64,
    /// Newton's damping.
    pub newton_damping: f64,
    /// L-BFGS's memory.
    pub lbfgs_memory: f64,
}

impl Default for RunnerSettings {
    fn default() -> Self {
        RunnerSettings {
            gd_rate: 0.05,
            momentum_rate: 0.02,
            momentum_beta: 0.9,
            nesterov_rate: 0.02,
            nesterov_beta: 0.9,
            adagrad_rate: 0.5,
            rmsprop_rate: 0.01,
            rmsprop_decay: 0.9,
            adam_rate: 0.1,
            adam_beta1: 0.9,
            adam_beta2: 0.999,
            newton_damping: 0.0,
            lbfgs_memory: 5.0,
        }
    }
}

impl RunnerSettings {
    /// The method `runner` runs with these settings.
    pub fn method(&self, runner: Runner) -> Method {
        match runner {
            Runner::Gd => Method::GradientDescent { rate: self.gd_rate },
            Runner::Momentum => Method::Momentum {
                rate: self.momentum_rate,
                beta: self.momentum_beta,
            },
            Runner::Nesterov => Method::Nesterov {
                rate: self.nesterov_rate,
                beta: self.nesterov_beta,
            },
            Runner::AdaGrad => Method::AdaGrad {
                rate: self.adagrad_rate,
            },
            Runner::RmsProp => Method::RmsProp {
                rate: self.rmsprop_rate,
                decay: self.rmsprop_decay,
            },
            Runner::Adam => Method::Adam {
                rate: self.adam_rate,
                beta1: self.adam_beta1,
                beta2: self.adam_beta2,
            },
            Runner::Newton => Method::Newton {
                damping: self.newton_damping,
            },
            Runner::Lbfgs => Method::Lbfgs {
                memory: if self.lbfgs_memory.is_finite() {
                    self.lbfgs_memory.round().clamp(1.0, 100.0) as usize
                } else {
                    5
                },
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_in_menu_order_once_each() {
        assert_eq!(
            parse_runners("adam, gd,adam"),
            Ok(vec![Runner::Gd, Runner::Adam])
        );
        assert!(parse_runners("").is_err());
        assert!(parse_runners("gd,sgd").unwrap_err().contains("\"sgd\""));
        assert_eq!(runners_text(&[Runner::Lbfgs, Runner::Gd]), "gd,lbfgs");
        for r in Runner::ALL {
            assert_eq!(Runner::from_id(r.id()), Some(r));
            assert!(RunnerSettings::default().method(r).validate().is_ok());
            assert_eq!(
                r.has_rate(),
                RunnerSettings::default().method(r).rate().is_some()
            );
        }
    }

    #[test]
    fn settings_reach_the_method() {
        let s = RunnerSettings {
            adam_beta2: 0.99,
            lbfgs_memory: 7.4,
            ..RunnerSettings::default()
        };
        assert_eq!(
            s.method(Runner::Adam),
            Method::Adam {
                rate: 0.1,
                beta1: 0.9,
                beta2: 0.99
            }
        );
        assert_eq!(s.method(Runner::Lbfgs), Method::Lbfgs { memory: 7 });
    }
}
