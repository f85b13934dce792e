//! Criterion benchmark: lesson 12's image maps on a 256 × 256 image (Sobel and central
//! differences, then |∇I|, direction and D_u I), and Lucas–Kanade on two 128 × 128 frames.
//! One frame at 60 Hz is 16.7 ms; the page's budget for a full recompute is well inside it.

use criterion::{criterion_group, criterion_main, Criterion};
use nabla::models::flow::{lucas_kanade, LkConfig, Pattern};
use nabla::models::image::{gradients, Image, Kernel};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let img = Image::text(256);
    let mut group = c.benchmark_group("image_256");
    group.bench_function("sobel", |b| {
        b.iter(|| gradients(black_box(&img), Kernel::Sobel))
    });
    group.bench_function("central", |b| {
        b.iter(|| gradients(black_box(&img), Kernel::Central))
    });
    group.bench_function("sobel_all_maps", |b| {
        b.iter(|| {
            let g = gradients(black_box(&img), Kernel::Sobel);
            let m = g.magnitude();
            let d = g.direction();
            let u = g.directional(0.7);
            (m.len(), d.len(), u.len())
        })
    });
    group.finish();
    let (a, f2) = Pattern::Texture.frames(128, 0.6, -0.4);
    c.bench_function("lucas_kanade_128", |b| {
        b.iter(|| lucas_kanade(black_box(&a), black_box(&f2), LkConfig::default()))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
