package dev.junction.gateway.bench;

import dev.junction.gateway.bench.MockReplies.Api;
import dev.junction.gateway.bench.MockReplies.Reply;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fast fake upstream for the benchmarks: OpenAI Chat Completions ({@code POST .../v1/chat/completions})
 * and Anthropic Messages ({@code POST .../v1/messages}), each as JSON or, when the body says
 * {@code "stream": true}, as server-sent events; {@code GET .../v1/models} lists one model. Every
 * answer is encoded once ({@link MockReplies}) and written from direct buffers; the request body is
 * only scanned for the stream flag, never parsed (but by a strict mock, which refuses what OpenAI
 * refuses: {@link OpenAiRequestRules}). Chunk count, pacing and latency come from the
 * flags or from the path ({@link MockProfile}), faults (an error status, a stream cut short) from the path.
 *
 * <pre>
 * java -cp GATEWAY_TEST_CLASSPATH dev.junction.gateway.bench.MockUpstream --port 18090 \
 *     [--host 127.0.0.1] [--event-loops 2] [--chunks 10] [--interval-ms 0] [--latency-ms 0]
 * </pre>
 *
 * <p>One server verticle per event loop, all on the same port. Runs until killed.
 */
public final class MockUpstream extends VerticleBase {

    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
    private static final CharSequence EVENT_STREAM = HttpHeaders.createOptimized("text/event-stream");
    private static final CharSequence NO_CACHE = HttpHeaders.createOptimized("no-cache");
    private static final ByteBuf STREAM_KEY =
            Unpooled.unreleasableBuffer(Unpooled.copiedBuffer("\"stream\"", StandardCharsets.US_ASCII));

    private final String host;
    private final int port;
    private final MockProfile defaults;
    private final MockReplies replies;
    private final AtomicInteger actualPort;
    private final Buffer models = MockReplies.models();
    private final boolean strict;

    private MockUpstream(
            String host, int port, MockProfile defaults, MockReplies replies, AtomicInteger actualPort, boolean strict) {
        this.host = host;
        this.port = port;
        this.defaults = defaults;
        this.replies = replies;
        this.actualPort = actualPort;
        this.strict = strict;
    }

    /** A started mock: its Vert.x (close it to stop the mock) and the port it listens on. */
    public record Running(Vertx vertx, int port) {}

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = -1;
        int eventLoops = 2;
        int chunks = 10;
        long interval = 0;
        long latency = 0;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--host" -> host = value;
                case "--port" -> port = Integer.parseInt(value);
                case "--event-loops" -> eventLoops = Integer.parseInt(value);
                case "--chunks" -> chunks = Integer.parseInt(value);
                case "--interval-ms" -> interval = Long.parseLong(value);
                case "--latency-ms" -> latency = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: MockUpstream --port N [--host H] [--event-loops N] [--chunks N]"
                        + " [--interval-ms MS] [--latency-ms MS]");
            }
            i++;
        }
        if (port < 0) {
            throw new IllegalArgumentException("--port is required (0 picks a free one)");
        }
        Running running = start(host, port, eventLoops, new MockProfile(chunks, interval, latency))
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        System.out.println("MockUpstream listens on http://" + host + ":" + running.port() + " with " + eventLoops
                + " event loops, defaults " + new MockProfile(chunks, interval, latency));
    }

    /**
     * Starts {@code eventLoops} server verticles on a new Vert.x; completes when all listen. With
     * port 0, use one event loop: the port reported is the first server's.
     */
    public static Future<Running> start(String host, int port, int eventLoops, MockProfile defaults) {
        return start(host, port, eventLoops, defaults, false);
    }

    /**
     * As {@link #start(String, int, int, MockProfile)}; a {@code strict} mock refuses the Chat
     * Completions bodies the real OpenAI API refuses ({@link OpenAiRequestRules}), which costs it a
     * parse of each body: for tests that send what a client may get wrong, never for the benchmarks.
     */
    public static Future<Running> start(String host, int port, int eventLoops, MockProfile defaults, boolean strict) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        MockReplies replies = new MockReplies();
        AtomicInteger actualPort = new AtomicInteger();
        return vertx.deployVerticle(
                        () -> new MockUpstream(host, port, defaults, replies, actualPort, strict),
                        new DeploymentOptions().setInstances(eventLoops))
                .map(id -> new Running(vertx, actualPort.get()));
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer(new HttpServerOptions()
                        .setHost(host)
                        .setPort(port)
                        .setTcpNoDelay(true)
                        .setCompressionSupported(false))
                .requestHandler(this::handle)
                .listen()
                .onSuccess(server -> actualPort.compareAndSet(0, server.actualPort()));
    }

    private void handle(HttpServerRequest request) {
        MockProfile.Selected selected = MockProfile.select(request.path(), defaults);
        if (selected == null) {
            notFound(request);
            return;
        }
        String api = selected.apiPath();
        if (request.method() == HttpMethod.GET && api.equals("/v1/models")) {
            request.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(models);
        } else if (request.method() == HttpMethod.POST && api.equals("/v1/chat/completions")) {
            request.body().onSuccess(body -> answer(request, Api.OPENAI, body, selected.profile()));
        } else if (request.method() == HttpMethod.POST && api.equals("/v1/messages")) {
            request.body().onSuccess(body -> answer(request, Api.ANTHROPIC, body, selected.profile()));
        } else {
            notFound(request);
        }
    }

    private void answer(HttpServerRequest request, Api api, Buffer body, MockProfile profile) {
        Buffer refusal = strict && api == Api.OPENAI ? OpenAiRequestRules.refusal(body) : null;
        if (refusal != null) {
            request.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(refusal);
            return;
        }
        Reply reply = replies.reply(api, streams(body), profile.chunks());
        if (profile.latencyMs() == 0) {
            send(request.response(), reply, profile);
        } else {
            vertx.setTimer(profile.latencyMs(), id -> send(request.response(), reply, profile));
        }
    }

    private void send(HttpServerResponse response, Reply reply, MockProfile profile) {
        if (profile.status() != 0) {
            response.setStatusCode(profile.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                    .end("{\"error\":{\"type\":\"api_error\",\"message\":\"mock: a fault of status " + profile.status() + "\"}}");
            return;
        }
        if (reply.head() == null) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(reply.whole());
            return;
        }
        response.setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, EVENT_STREAM)
                .putHeader(HttpHeaders.CACHE_CONTROL, NO_CACHE);
        if (profile.cutAfter() > 0) {
            cut(response, reply, profile.cutAfter());
            return;
        }
        if (profile.intervalMs() == 0) {
            response.end(reply.whole());
            return;
        }
        response.write(reply.head());
        response.write(reply.content()[0]);
        if (reply.content().length == 1) {
            response.end(reply.tail());
            return;
        }
        int[] next = {1};
        long timer = vertx.setPeriodic(profile.intervalMs(), id -> {
            if (response.closed()) {
                vertx.cancelTimer(id);
                return;
            }
            response.write(reply.content()[next[0]++]);
            if (next[0] == reply.content().length) {
                vertx.cancelTimer(id);
                response.end(reply.tail());
            }
        });
        response.closeHandler(v -> vertx.cancelTimer(timer));
    }

    /** Writes the head and the first {@code chunks} content chunks of a stream, then closes the connection. */
    private static void cut(HttpServerResponse response, Reply reply, int chunks) {
        response.write(reply.head());
        for (int i = 0; i < Math.min(chunks, reply.content().length); i++) {
            response.write(reply.content()[i]);
        }
        response.reset();
    }

    /**
     * Whether the JSON body has {@code "stream"} followed by {@code true}, without parsing it: Netty's
     * substring search finds the key (a 400 KB body in a fraction of a millisecond), a few bytes
     * after it decide.
     */
    static boolean streams(Buffer body) {
        ByteBuf bytes = ((BufferInternal) body).getByteBuf();
        int base = bytes.readerIndex();
        int length = body.length();
        int from = 0;
        while (from < length) {
            int at = ByteBufUtil.indexOf(STREAM_KEY, bytes.slice(base + from, length - from));
            if (at < 0) {
                return false;
            }
            int j = from + at + STREAM_KEY.readableBytes();
            from = j;
            while (j < length && isSpace(body.getByte(j))) {
                j++;
            }
            if (j >= length || body.getByte(j) != ':') {
                continue;
            }
            j++;
            while (j < length && isSpace(body.getByte(j))) {
                j++;
            }
            return j + 4 <= length && body.getByte(j) == 't' && body.getByte(j + 1) == 'r'
                    && body.getByte(j + 2) == 'u' && body.getByte(j + 3) == 'e';
        }
        return false;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static void notFound(HttpServerRequest request) {
        request.response()
                .setStatusCode(404)
                .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
                .end("{\"error\":{\"type\":\"not_found\",\"message\":\"mock: no route for "
                        + request.method() + " " + request.path().replace("\"", "") + "\"}}");
    }
}
