package dev.junction.gateway.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A bounded load of concurrent SSE streams against one URL, for the streaming benchmarks: keeps
 * {@code --concurrency} streams open until {@code --streams} have run or {@code --max-seconds}
 * passed, after {@code --warmup} streams that are not counted (sent to {@code --warmup-url} with
 * {@code --warmup-body} when given, so that paced runs can warm up on fast streams). Each stream's
 * time to first byte (the first body bytes), total time and event arrival times
 * ({@link StreamTiming}) are recorded; with {@code --proxy-pids}, so is the CPU time (utime +
 * stime from {@code /proc}) those processes spent during the measured streams. The summary is one
 * JSON line appended to {@code --out} and printed.
 *
 * <pre>
 * java -cp GATEWAY_TEST_CLASSPATH dev.junction.gateway.bench.StreamLoad --url URL --body FILE
 *     --label NAME [--concurrency 1] [--streams 100] [--warmup 0] [--warmup-url URL]
 *     [--warmup-body FILE] [--max-seconds 20] [--interval-ms 0] [--chunks 100] [--stall-ms 250]
 *     [--proxy-pids PID,PID] [--out FILE]
 * </pre>
 *
 * A stream counts as failed when its status is not 200, it breaks, or it carries fewer than
 * {@code --chunks} events. The process exits by itself: a hard deadline of max-seconds + 60 s
 * ends it with exit code 3.
 */
public final class StreamLoad {

    private final Vertx vertx;
    private final HttpClient client;
    private final int concurrency;
    private RequestOptions target;
    private Buffer body;
    private final List<StreamTiming> finished = new ArrayList<>();
    private int failures;
    private String firstFailure;

    private StreamLoad(Vertx vertx, int concurrency) {
        this.vertx = vertx;
        this.concurrency = concurrency;
        this.client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setIdleTimeout(0),
                new PoolOptions().setHttp1MaxSize(concurrency));
    }

    /** Sends the following streams to {@code url} with {@code body}. */
    private void target(String url, Path body) throws IOException {
        URI uri = URI.create(url);
        this.body = Buffer.buffer(Files.readAllBytes(body));
        this.target = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(uri.getHost())
                .setPort(uri.getPort())
                .setURI(uri.getRawPath())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.ACCEPT, "text/event-stream");
    }

    public static void main(String[] args) throws Exception {
        Args options = Args.parse(args);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HardDeadline.start("StreamLoad", options.maxSeconds() + 60);
        try {
            StreamLoad load = new StreamLoad(vertx, options.concurrency());
            if (options.warmup() > 0) {
                load.target(options.warmupUrl(), options.warmupBody());
                await(load.run(options.warmup(), options.maxSeconds()));
                load.finished.clear();
                load.failures = 0;
                load.firstFailure = null;
            }
            load.target(options.url(), options.body());
            long ticksBefore = ProcCpu.ticks(options.proxyPids());
            long started = System.nanoTime();
            await(load.run(options.streams(), options.maxSeconds()));
            double seconds = (System.nanoTime() - started) / 1e9;
            long ticks = ProcCpu.ticks(options.proxyPids()) - ticksBefore;
            JsonObject summary = StreamTiming.summary(load.finished, options.chunks(), options.intervalMs(), options.stallMs())
                    .put("label", options.label())
                    .put("concurrency", options.concurrency())
                    .put("seconds", Math.round(seconds * 100) / 100.0)
                    .put("streams_per_second", Math.round(load.finished.size() / seconds * 10) / 10.0)
                    .put("failures", load.failures)
                    .put("first_failure", load.firstFailure);
            if (!options.proxyPids().isEmpty() && !load.finished.isEmpty()) {
                summary.put("proxy_ticks", ticks)
                        .put("proxy_cpu_us_per_stream", Math.round(ProcCpu.micros(ticks) / load.finished.size() * 10) / 10.0)
                        .put("proxy_busy_percent", Math.round(ProcCpu.micros(ticks) / 1e4 / seconds));
            }
            System.out.println(summary.encode());
            if (options.out() != null) {
                Files.writeString(options.out(), summary.encode() + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Runs {@code count} streams, {@link #concurrency} at a time, stopping new ones after {@code maxSeconds}. */
    private Future<Void> run(int count, long maxSeconds) {
        Promise<Void> done = Promise.promise();
        long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        int[] started = {0};
        int[] open = {0};
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            while (open[0] < concurrency && started[0] < count && System.nanoTime() < stopAt) {
                started[0]++;
                open[0]++;
                one().onComplete(result -> {
                    open[0]--;
                    next[0].run();
                });
            }
            if (open[0] == 0) {
                done.tryComplete();
            }
        };
        vertx.runOnContext(v -> next[0].run());
        return done.future();
    }

    /** One stream: records its timing, or counts a failure. Never fails itself. */
    private Future<Void> one() {
        StreamTiming timing = new StreamTiming(System.nanoTime());
        Promise<Void> done = Promise.promise();
        client.request(target)
                .compose(request -> request.send(body))
                .onSuccess(response -> {
                    if (response.statusCode() != 200) {
                        response.body().onComplete(answer -> fail(done, "status " + response.statusCode() + ": "
                                + (answer.succeeded() ? answer.result().toString() : answer.cause())));
                        return;
                    }
                    response.handler(chunk -> timing.received(chunk, System.nanoTime()));
                    response.exceptionHandler(failure -> fail(done, failure.toString()));
                    response.endHandler(v -> {
                        timing.ended(System.nanoTime());
                        finished.add(timing);
                        done.tryComplete();
                    });
                })
                .onFailure(failure -> fail(done, failure.toString()));
        return done.future();
    }

    private void fail(Promise<Void> done, String why) {
        if (done.tryComplete()) {
            failures++;
            if (firstFailure == null) {
                firstFailure = why.length() > 300 ? why.substring(0, 300) : why;
            }
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get();
    }

    /** The command line. */
    record Args(String url, Path body, String label, int concurrency, int streams, int warmup, String warmupUrl,
            Path warmupBody, long maxSeconds, long intervalMs, int chunks, long stallMs, List<Long> proxyPids, Path out) {

        static Args parse(String[] args) throws IOException {
            String url = null;
            Path body = null;
            Path out = null;
            String warmupUrl = null;
            Path warmupBody = null;
            List<Long> proxyPids = new ArrayList<>();
            String label = "stream";
            int concurrency = 1;
            int streams = 100;
            int warmup = 0;
            long maxSeconds = 20;
            long interval = 0;
            int chunks = 100;
            long stall = 250;
            for (int i = 0; i + 1 < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i]) {
                    case "--url" -> url = value;
                    case "--body" -> body = Path.of(value);
                    case "--label" -> label = value;
                    case "--concurrency" -> concurrency = Integer.parseInt(value);
                    case "--streams" -> streams = Integer.parseInt(value);
                    case "--warmup" -> warmup = Integer.parseInt(value);
                    case "--warmup-url" -> warmupUrl = value;
                    case "--warmup-body" -> warmupBody = Path.of(value);
                    case "--proxy-pids" -> {
                        for (String pid : value.split(",")) {
                            if (!pid.isBlank()) {
                                proxyPids.add(Long.parseLong(pid.trim()));
                            }
                        }
                    }
                    case "--max-seconds" -> maxSeconds = Long.parseLong(value);
                    case "--interval-ms" -> interval = Long.parseLong(value);
                    case "--chunks" -> chunks = Integer.parseInt(value);
                    case "--stall-ms" -> stall = Long.parseLong(value);
                    case "--out" -> out = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            if (args.length % 2 != 0 || url == null || body == null) {
                throw new IllegalArgumentException("usage: StreamLoad --url URL --body FILE [--label NAME]"
                        + " [--concurrency N] [--streams N] [--warmup N] [--warmup-url URL] [--warmup-body FILE]"
                        + " [--max-seconds S] [--interval-ms MS] [--chunks N] [--stall-ms MS] [--proxy-pids PIDS]"
                        + " [--out FILE]");
            }
            return new Args(url, body, label, concurrency, streams, warmup, warmupUrl == null ? url : warmupUrl,
                    warmupBody == null ? body : warmupBody, maxSeconds, interval, chunks, stall, List.copyOf(proxyPids), out);
        }
    }
}
