package dev.junction.plugins.openai;

import dev.junction.plugin.testkit.FakeUpstream;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tests of the backend against a fake OpenAI that {@link #start} makes and each test's end closes. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
abstract class AgainstFakeOpenAi {

    protected OpenAiUpstream upstream;

    /** Starts the fake answering with {@code responder}, and the backend with {@code options} at it. */
    protected OpenAiUpstream start(Vertx vertx, JsonObject options, FakeUpstream.Responder responder) {
        upstream = OpenAiUpstream.start(vertx, options, responder);
        return upstream;
    }

    @AfterEach
    final void closeUpstream() throws Exception {
        if (upstream != null) {
            upstream.close();
        }
    }
}
