package dev.junction.plugins.openai;

import dev.junction.plugin.BackendFactory;
import dev.junction.plugin.ClientDialect;
import dev.junction.plugin.RawRequest;
import dev.junction.plugin.testkit.HttpBackendContractTest.UpstreamFailure;
import dev.junction.plugin.testkit.RelayContractTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/** The openai plugin's relay of OpenAI clients keeps the relay contract, against a recorded stream. */
class OpenAiRelayContractTest extends RelayContractTest {

    private static final String BODY = "{\"model\": \"gpt-4o-mini\", \"stream\": true, "
            + "\"stream_options\": {\"include_usage\": true}, \"messages\": [{\"role\": \"user\", \"content\": \"Hello\"}]}";

    private final OpenAiContractTest backend = new OpenAiContractTest();

    @Override
    protected BackendFactory factory() {
        return backend.factory();
    }

    @Override
    protected JsonObject options(String root) {
        return backend.options(root);
    }

    @Override
    protected RawRequest request() {
        int model = BODY.indexOf("\"gpt-4o-mini\"");
        return new RawRequest(ClientDialect.OPENAI, "gpt-4o-mini", Buffer.buffer(BODY), true, true, Map.of(),
                new RawRequest.Span(model, model + "\"gpt-4o-mini\"".length()), Map.of(), -1);
    }

    @Override
    protected String chatPath() {
        return backend.chatPath();
    }

    @Override
    protected UpstreamFailure failure() {
        return backend.failure();
    }
}
