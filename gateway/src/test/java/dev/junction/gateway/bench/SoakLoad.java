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
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The load of the soak test ({@code gateway/bench/soak.sh}): a fixed mix of requests through the
 * gateway's openai plugin to the {@link MockUpstream}, in both dialects: whole answers, streams,
 * streams the client cancels after their first bytes, upstream 503s and streams the upstream cuts.
 *
 * <pre>
 * java -cp GATEWAY_TEST_CLASSPATH dev.junction.gateway.bench.SoakLoad --url http://127.0.0.1:PORT
 *     (--peak-seconds S [--concurrency 64] | --rate R --seconds S [--max-in-flight 256])
 * </pre>
 *
 * With {@code --peak-seconds}, runs the mix closed-loop at {@code --concurrency} and prints
 * {@code {"peak_rps":N,...}}; with {@code --rate}, starts {@code R} requests a second for
 * {@code S} seconds (a request that would pass {@code --max-in-flight} is shed and counted) and
 * prints the outcomes. Every request has a 30 s timeout; the process gives up 120 s after its time.
 * Outcomes: {@code ok}, {@code cancelled} (by this client, as planned), {@code upstream_error} (the
 * gateway's error for a faulty upstream, as planned), {@code unexpected} (anything else: the soak
 * fails on these).
 */
public final class SoakLoad {

    /** One kind of request in the mix: the gateway path, the model, and whether it streams or is cancelled. */
    private record Kind(String name, String path, String model, boolean stream, boolean cancel, boolean faulty) {}

    /** Ten slots: half whole answers, the rest streams, cancellations and faults. */
    private static final List<Kind> MIX = List.of(
            new Kind("openai_json", "/v1/chat/completions", "soak-ok", false, false, false),
            new Kind("anthropic_json", "/v1/messages", "soak-ok", false, false, false),
            new Kind("openai_json", "/v1/chat/completions", "soak-ok", false, false, false),
            new Kind("openai_stream", "/v1/chat/completions", "soak-ok", true, false, false),
            new Kind("anthropic_stream", "/v1/messages", "soak-ok", true, false, false),
            new Kind("openai_cancelled", "/v1/chat/completions", "soak-paced", true, true, false),
            new Kind("anthropic_cancelled", "/v1/messages", "soak-paced", true, true, false),
            new Kind("upstream_503", "/v1/chat/completions", "soak-503", false, false, true),
            new Kind("upstream_cut", "/v1/chat/completions", "soak-cut", true, false, true),
            new Kind("openai_json", "/openai/v1/chat/completions", "soak-ok", false, false, false));

    private final HttpClient client;
    private final URI base;
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private String firstUnexpected;
    private long started;
    private long finished;
    private int inFlight;

    private SoakLoad(Vertx vertx, URI base, int connections) {
        this.base = base;
        this.client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true).setIdleTimeout(30),
                new PoolOptions().setHttp1MaxSize(connections));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (!options.containsKey("url") || !(options.containsKey("peak-seconds") || options.containsKey("rate"))) {
            throw new IllegalArgumentException("usage: SoakLoad --url URL (--peak-seconds S [--concurrency N]"
                    + " | --rate R --seconds S [--max-in-flight N])");
        }
        long seconds = Long.parseLong(options.getOrDefault("seconds", options.getOrDefault("peak-seconds", "10")));
        HardDeadline.start("SoakLoad", seconds + 120);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try {
            URI base = URI.create(options.get("url"));
            JsonObject summary;
            if (options.containsKey("peak-seconds")) {
                int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "64"));
                SoakLoad load = new SoakLoad(vertx, base, concurrency);
                summary = load.closedLoop(vertx, concurrency, seconds).toCompletionStage().toCompletableFuture().get();
            } else {
                int maxInFlight = Integer.parseInt(options.getOrDefault("max-in-flight", "256"));
                SoakLoad load = new SoakLoad(vertx, base, maxInFlight);
                double rate = Double.parseDouble(options.get("rate"));
                summary = load.openLoop(vertx, rate, seconds, maxInFlight).toCompletionStage().toCompletableFuture().get();
            }
            System.out.println(summary.encode());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** The mix, {@code concurrency} at a time, for {@code seconds}: the peak rate it reaches. */
    private Future<JsonObject> closedLoop(Vertx vertx, int concurrency, long seconds) {
        Promise<JsonObject> done = Promise.promise();
        long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        started = System.nanoTime();
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            while (inFlight < concurrency && System.nanoTime() < stopAt) {
                launch().onComplete(v -> next[0].run());
            }
            if (inFlight == 0) {
                done.tryComplete(summary().put("peak_rps", Math.round(finished / elapsed())));
            }
        };
        vertx.runOnContext(v -> next[0].run());
        return done.future();
    }

    /** {@code rate} requests a second for {@code seconds}, never more than {@code maxInFlight} at once. */
    private Future<JsonObject> openLoop(Vertx vertx, double rate, long seconds, int maxInFlight) {
        Promise<JsonObject> done = Promise.promise();
        started = System.nanoTime();
        long stopAt = started + TimeUnit.SECONDS.toNanos(seconds);
        long[] due = {0};
        vertx.setPeriodic(10, timer -> {
            long now = System.nanoTime();
            if (now >= stopAt) {
                vertx.cancelTimer(timer);
                drained(vertx, done);
                return;
            }
            long target = (long) ((now - started) / 1e9 * rate);
            for (; due[0] < target; due[0]++) {
                if (inFlight >= maxInFlight) {
                    count("shed");
                } else {
                    launch();
                }
            }
        });
        return done.future();
    }

    private void drained(Vertx vertx, Promise<JsonObject> done) {
        if (inFlight == 0) {
            done.tryComplete(summary());
        } else {
            vertx.setTimer(50, id -> drained(vertx, done));
        }
    }

    private double elapsed() {
        return (System.nanoTime() - started) / 1e9;
    }

    private JsonObject summary() {
        return new JsonObject()
                .put("seconds", Math.round(elapsed() * 10) / 10.0)
                .put("requests", finished)
                .put("rps", Math.round(finished / elapsed() * 10) / 10.0)
                .put("outcomes", new JsonObject(Map.copyOf(outcomes)))
                .put("first_unexpected", firstUnexpected);
    }

    /** Sends the next request of the mix; completes when its outcome is counted. Never fails. */
    private Future<Void> launch() {
        Kind kind = MIX.get((int) ((finished + inFlight) % MIX.size()));
        inFlight++;
        Promise<Void> done = Promise.promise();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(base.getHost())
                .setPort(base.getPort())
                .setURI(kind.path())
                .setIdleTimeout(30_000)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader("anthropic-version", "2023-06-01");
        JsonObject body = new JsonObject().put("model", kind.model()).put("max_tokens", 64).put("stream", kind.stream())
                .put("messages", List.of(Map.of("role", "user", "content", "Say hello for the soak test")));
        client.request(options)
                .compose(request -> request.send(body.toBuffer()).compose(response -> {
                    if (kind.cancel() && response.statusCode() == 200) {
                        Promise<String> first = Promise.promise();
                        response.handler(chunk -> {
                            request.reset();
                            first.tryComplete("cancelled");
                        });
                        response.exceptionHandler(failure -> first.tryComplete("cancelled"));
                        response.endHandler(v -> first.tryComplete("ok"));
                        return first.future();
                    }
                    return response.body().map(answer -> outcome(kind, response.statusCode(), answer));
                }))
                .onComplete(result -> {
                    inFlight--;
                    finished++;
                    String outcome = result.succeeded() ? result.result()
                            : kind.faulty() ? "upstream_error" : unexpected(kind.name() + ": " + result.cause());
                    count(outcome);
                    done.complete();
                });
        return done.future();
    }

    /** A whole answer's outcome: a stream the upstream cut must end with the dialect's error event. */
    private String outcome(Kind kind, int status, Buffer answer) {
        String text = answer.toString();
        if (kind.faulty()) {
            boolean reported = status >= 500 || text.contains("error");
            return reported ? "upstream_error" : unexpected(kind.name() + ": status " + status + " without an error: " + text);
        }
        boolean complete = status == 200 && (!kind.stream() || text.contains("[DONE]") || text.contains("message_stop"));
        return complete ? "ok" : unexpected(kind.name() + ": status " + status + ": " + text);
    }

    private String unexpected(String why) {
        if (firstUnexpected == null) {
            firstUnexpected = why.length() > 300 ? why.substring(0, 300) : why;
        }
        return "unexpected";
    }

    private void count(String outcome) {
        outcomes.merge(outcome, 1, Integer::sum);
    }
}
