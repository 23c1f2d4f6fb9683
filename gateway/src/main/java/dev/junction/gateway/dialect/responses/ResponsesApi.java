package dev.junction.gateway.dialect.responses;

import dev.junction.gateway.dialect.Endpoint;
import dev.junction.gateway.dialect.Service;
import dev.junction.gateway.dialect.openai.OpenAiFamily;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;

/**
 * The Responses API's endpoints, under {@code /v1} and {@code /openai/v1}: creating a response, and
 * reading, listing the input of and deleting one the gateway kept. Of the OpenAI family.
 */
public final class ResponsesApi {

    private static final ResponsesDialect DIALECT = new ResponsesDialect();

    /** Every Responses endpoint. */
    public static final List<Endpoint> ENDPOINTS = declare();

    private ResponsesApi() {}

    private static List<Endpoint> declare() {
        OpenAiFamily family = OpenAiFamily.INSTANCE;
        List<Endpoint> all = new ArrayList<>();
        for (String base : List.of("/v1", "/openai/v1")) {
            all.add(new Endpoint(HttpMethod.POST, base + "/responses", family, new Service.StoredChat(DIALECT), "responses"));
            all.add(new Endpoint(HttpMethod.GET, base + "/responses/{id}", family, Service.Fixed.RESPONSE, "response"));
            all.add(new Endpoint(
                    HttpMethod.DELETE, base + "/responses/{id}", family, Service.Fixed.DELETE_RESPONSE, "response"));
            all.add(new Endpoint(HttpMethod.GET, base + "/responses/{id}/input_items", family,
                    Service.Fixed.RESPONSE_INPUT_ITEMS, "response_input_items"));
        }
        return List.copyOf(all);
    }
}
