package dev.junction.gateway.dialect.anthropic;

import dev.junction.gateway.dialect.Endpoint;
import dev.junction.gateway.dialect.Service;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;

/**
 * The Anthropic endpoints, under {@code /anthropic/v1} and {@code /v1} (where the model list and
 * the base URL are the OpenAI family's too: {@link AnthropicFamily#claims} tells them apart).
 */
public final class AnthropicApi {

    private static final AnthropicDialect DIALECT = new AnthropicDialect();

    /** Every Anthropic endpoint. */
    public static final List<Endpoint> ENDPOINTS = declare();

    private AnthropicApi() {}

    private static List<Endpoint> declare() {
        AnthropicFamily family = AnthropicFamily.INSTANCE;
        List<Endpoint> all = new ArrayList<>();
        for (String base : List.of("/v1", "/anthropic/v1")) {
            all.add(new Endpoint(HttpMethod.POST, base + "/messages", family, new Service.Chat(DIALECT), "messages"));
            all.add(new Endpoint(HttpMethod.POST, base + "/messages/count_tokens", family,
                    new Service.CountTokens(DIALECT), "count_tokens"));
            all.add(new Endpoint(HttpMethod.GET, base + "/models", family, Service.Fixed.MODEL_LIST, "models"));
            all.add(new Endpoint(HttpMethod.GET, base + "/models/{id...}", family, Service.Fixed.MODEL, "models"));
        }
        all.add(new Endpoint(HttpMethod.GET, "/", family, Service.Fixed.ROOT, "root"));
        all.add(new Endpoint(HttpMethod.HEAD, "/", family, Service.Fixed.ROOT, "root"));
        return List.copyOf(all);
    }
}
