package dev.junction.gateway.dialect.openai;

import dev.junction.gateway.dialect.Endpoint;
import dev.junction.gateway.dialect.Service;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;

/** The OpenAI endpoints, under {@code /v1} and {@code /openai/v1}, and the base URL clients probe. */
public final class OpenAiApi {

    private static final OpenAiDialect DIALECT = new OpenAiDialect();

    /** Every OpenAI endpoint. */
    public static final List<Endpoint> ENDPOINTS = declare();

    private OpenAiApi() {}

    private static List<Endpoint> declare() {
        OpenAiFamily family = OpenAiFamily.INSTANCE;
        List<Endpoint> all = new ArrayList<>();
        for (String base : List.of("/v1", "/openai/v1")) {
            all.add(new Endpoint(HttpMethod.POST, base + "/chat/completions", family, new Service.Chat(DIALECT),
                    "chat_completions"));
            all.add(new Endpoint(HttpMethod.POST, base + "/embeddings", family, new Service.Embeddings(DIALECT),
                    "embeddings"));
            all.add(new Endpoint(HttpMethod.GET, base + "/models", family, Service.Fixed.MODEL_LIST, "models"));
            all.add(new Endpoint(HttpMethod.GET, base + "/models/{id...}", family, Service.Fixed.MODEL, "models"));
        }
        all.add(new Endpoint(HttpMethod.GET, "/", family, Service.Fixed.ROOT, "root"));
        all.add(new Endpoint(HttpMethod.HEAD, "/", family, Service.Fixed.ROOT, "root"));
        return List.copyOf(all);
    }
}
