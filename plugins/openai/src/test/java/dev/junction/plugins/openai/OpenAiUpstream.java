package dev.junction.plugins.openai;

import dev.junction.plugin.Backend;
import dev.junction.plugin.testkit.FakeUpstream;
import dev.junction.plugin.testkit.TestBackendContext;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;

/** A fake OpenAI (the kit's {@link FakeUpstream}) and the plugin's backend {@code gpt} pointing at it. */
record OpenAiUpstream(FakeUpstream fake, Backend backend, TestBackendContext context) implements AutoCloseable {

    static final String KEY = "sk-test-4f9a1c7e";

    /**
     * Starts a fake that answers with {@code responder} and creates a backend with {@code baseUrl}
     * at it, {@link #KEY} and {@code options}.
     */
    static OpenAiUpstream start(Vertx vertx, JsonObject options, FakeUpstream.Responder responder) {
        FakeUpstream fake = FakeUpstream.start(vertx, responder);
        JsonObject all = new JsonObject()
                .put("baseUrl", fake.baseUrl("/v1"))
                .put("apiKey", KEY)
                .mergeIn(options);
        TestBackendContext context = TestBackendContext.of("gpt", all, vertx);
        return new OpenAiUpstream(fake, new OpenAiBackendFactory().create(context), context);
    }

    @Override
    public void close() throws Exception {
        try {
            backend.close().await(10, TimeUnit.SECONDS);
        } finally {
            context.close();
            fake.close();
        }
    }
}
