/**
 * Benchmark tools, run by {@code gateway/bench/run.sh} from the gateway's test classpath: a fast
 * mock upstream ({@link dev.junction.gateway.bench.MockUpstream}), a streaming load client
 * ({@link dev.junction.gateway.bench.StreamLoad}), the soak test's load
 * ({@link dev.junction.gateway.bench.SoakLoad}, run by {@code gateway/bench/soak.sh}), the CLI overhead run
 * ({@link dev.junction.gateway.bench.CliBench}), the start-up probe
 * ({@link dev.junction.gateway.bench.StartupProbe}, run by {@code gateway/bench/startup.sh}), a JFR
 * hot-spot summary ({@link dev.junction.gateway.bench.JfrTop}) and the report
 * ({@link dev.junction.gateway.bench.BenchReport}); and the training run that makes the launcher's
 * AppCDS archive at package time ({@link dev.junction.gateway.bench.ArchiveTraining}). See
 * BENCHMARKS.md at the repository root.
 */
package dev.junction.gateway.bench;
