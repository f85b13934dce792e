//! Criterion benchmark: one gradient-descent step of two-feature logistic regression on 10,000
//! points (what lesson 8's trainer does per step), the same gradient by the engine's reverse
//! mode (the page's independent check), and the 120 × 120 probability heatmap.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nabla::models::dataset::two_blobs;
use nabla::models::logistic::{reverse_mode_gradient, Loss, Trainer, Weights};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let points = two_blobs(1, 5_000);
    let mut group = c.benchmark_group("logistic_10k");
    group.throughput(Throughput::Elements(points.len() as u64));
    group.sample_size(20);
    for loss in [Loss::CrossEntropy, Loss::MeanSquared] {
        group.bench_function(format!("step_{}", loss.name()), |b| {
            let mut t = Trainer::new(loss, 0.1, Weights::default());
            b.iter(|| {
                t.status = nabla::models::logistic::TrainStatus::Running;
                black_box(t.run(&points, 1))
            })
        });
    }
    let w = Weights {
        w: [0.3, -0.2],
        b: 0.1,
    };
    group.bench_function("reverse_mode_gradient", |b| {
        b.iter(|| black_box(reverse_mode_gradient(Loss::CrossEntropy, &w, &points)))
    });
    group.finish();
    c.bench_function("probability_grid_120", |b| {
        let mut out = vec![0.0; 120 * 120];
        b.iter(|| {
            for (k, v) in out.iter_mut().enumerate() {
                let x = [(k % 120) as f64 / 15.0 - 4.0, (k / 120) as f64 / 15.0 - 4.0];
                *v = w.probability(x);
            }
            black_box(out[0])
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
