package dev.junction.gateway.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * An OpenAI Chat Completions upstream in the test's JVM whose streamed answer is as long as the test
 * likes and goes out as fast as its connection takes it: the role chunk, {@code chunks} content
 * chunks ({@code content.apply(i)} for the i-th, from 0), the chunk with {@code finish_reason: stop}
 * and {@code data: [DONE]}, as the real API streams them. It keeps at most {@link #MAX_UNSENT}
 * chunks between itself and the socket, writing the next as one reaches it, so it shows how far the
 * gateway let it get: {@link #written()}.
 */
public final class FastUpstream {

    /** The chunks handed to the connection that have not reached the socket yet, at most. */
    private static final int MAX_UNSENT = 16;

    private final int chunks;
    private final IntFunction<String> content;
    private final AtomicLong written = new AtomicLong();
    private final CountDownLatch answering = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean queueFull;
    private int port;

    private FastUpstream(int chunks, IntFunction<String> content) {
        this.chunks = chunks;
        this.content = content;
    }

    /**
     * Starts the upstream on 127.0.0.1 on a free port.
     *
     * @param sendBufferBytes its sockets' send buffer; 0 for the system's
     */
    public static FastUpstream start(Vertx vertx, int chunks, IntFunction<String> content, int sendBufferBytes)
            throws Exception {
        FastUpstream upstream = new FastUpstream(chunks, content);
        HttpServerOptions options = new HttpServerOptions();
        if (sendBufferBytes > 0) {
            options.setSendBufferSize(sendBufferBytes);
        }
        HttpServer server = vertx.createHttpServer(options)
                .requestHandler(upstream::handle)
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
        upstream.port = server.actualPort();
        return upstream;
    }

    /** A backend of the openai plugin with this upstream, as a {@code backends:} entry. */
    public String backend(String id, String model) {
        return "  " + id + ":\n    plugin: openai\n    models: [\"" + model + "\"]\n"
                + "    options: {baseUrl: \"http://127.0.0.1:" + port + "/v1\", apiKey: sk-up}\n";
    }

    /** The content chunks the last answer has written so far. */
    public long written() {
        return written.get();
    }

    /** Whether its chunks on their way to the socket were {@link #MAX_UNSENT} when it last stopped writing. */
    public boolean queueFull() {
        return queueFull;
    }

    /** Waits until a call reached the upstream. */
    public boolean awaitAnswering(long seconds) throws InterruptedException {
        return answering.await(seconds, TimeUnit.SECONDS);
    }

    /** Waits until a connection to the upstream closed. */
    public boolean awaitClosed(long seconds) throws InterruptedException {
        return closed.await(seconds, TimeUnit.SECONDS);
    }

    private void handle(HttpServerRequest request) {
        request.connection().closeHandler(gone -> closed.countDown());
        request.body().onSuccess(body -> {
            HttpServerResponse response =
                    request.response().setChunked(true).putHeader("content-type", "text/event-stream");
            written.set(0);
            answering.countDown();
            response.write(chunk(new JsonObject().put("role", "assistant").put("content", ""), null));
            new Answer(response).pump();
        });
    }

    /** One streamed answer: at most {@link #MAX_UNSENT} chunks handed over and not yet on the socket. */
    private final class Answer {

        private final HttpServerResponse response;
        private int unsent;
        private boolean failed;
        private boolean pumping;

        Answer(HttpServerResponse response) {
            this.response = response;
        }

        /** Hands over chunks while few enough are unsent; each one that reaches the socket makes room. */
        void pump() {
            if (pumping) {
                return; // a write completed at once: the loop below goes on
            }
            pumping = true;
            while (!failed && written.get() < chunks && unsent < MAX_UNSENT) {
                unsent++;
                String content = FastUpstream.this.content.apply((int) written.getAndIncrement());
                response.write(chunk(new JsonObject().put("content", content), null)).onComplete(sent -> {
                    unsent--;
                    failed |= sent.failed();
                    pump();
                });
            }
            pumping = false;
            queueFull = unsent == MAX_UNSENT;
            if (!failed && written.get() == chunks && unsent == 0 && !response.ended()) {
                response.end(chunk(new JsonObject(), "stop") + "data: [DONE]\n\n");
            }
        }
    }

    private static String chunk(JsonObject delta, String finishReason) {
        return "data: " + new JsonObject()
                .put("id", "chatcmpl-1").put("object", "chat.completion.chunk").put("created", 0).put("model", "gpt-x")
                .put("choices", new JsonArray().add(new JsonObject()
                        .put("index", 0)
                        .put("delta", delta)
                        .put("finish_reason", finishReason)))
                .encode() + "\n\n";
    }
}
