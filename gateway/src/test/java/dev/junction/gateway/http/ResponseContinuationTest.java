package dev.junction.gateway.http;

import static dev.junction.gateway.support.ResponseObjects.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.config.ResponsesConfig;
import dev.junction.gateway.dialect.openai.OpenAiFamily;
import dev.junction.gateway.state.ResponseHistory;
import dev.junction.gateway.state.ResponseStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The route step of {@code POST responses} on a router of its own, before a stand-in chat handler
 * that answers the body it would decode and records a response for it: previous_response_id
 * expanded per key, 404 in OpenAI's shape for another key's or an unknown id, store false kept to.
 */
@Timeout(60)
class ResponseContinuationTest {

    private static final AtomicInteger IDS = new AtomicInteger();

    private static Vertx vertx;
    private static HttpServer server;
    private static ResponseStore store;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        store = ResponseStore.local(ResponsesConfig.Store.DEFAULTS, InstantSource.system());
        ResponseContinuation continuation =
                new ResponseContinuation(new ResponseHistory(vertx, store), OpenAiFamily.INSTANCE);
        Router router = Router.router(vertx);
        router.post("/v1/responses")
                .handler(BodyHandler.create())
                .handler(ctx -> {
                    String key = ctx.request().getHeader("x-test-key");
                    if (key != null) {
                        ctx.put(AuthHandler.KEY_NAME, key);
                    }
                    ctx.next();
                })
                .handler(ctx -> continuation.expand(ctx, RoutingContext::next))
                .handler(ctx -> {
                    JsonObject decoded;
                    try {
                        decoded = JsonBody.read(ctx);
                    } catch (JsonBody.Rejected e) {
                        ErrorResponses.send(ctx, OpenAiFamily.INSTANCE, e.error);
                        return;
                    }
                    String id = "resp_" + IDS.incrementAndGet();
                    continuation.record(ctx, answer(id, "reply"));
                    ctx.json(new JsonObject().put("id", id).put("decoded", decoded));
                });
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    private static HttpResponse<String> post(String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.actualPort() + "/v1/responses"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("x-test-key", key);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject postJson(String key, JsonObject body) throws Exception {
        HttpResponse<String> answer = post(key, body.encode());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return new JsonObject(answer.body());
    }

    @Test
    void the_handler_decodes_the_continued_conversation_and_the_store_keeps_the_sent_input() throws Exception {
        String first = postJson("team-a", new JsonObject().put("model", "echo").put("input", "one")).getString("id");

        JsonObject second = postJson("team-a",
                new JsonObject().put("model", "echo").put("previous_response_id", first).put("input", "two"));

        JsonArray decodedInput = second.getJsonObject("decoded").getJsonArray("input");
        assertThat(decodedInput).hasSize(3);
        assertThat(decodedInput.getJsonObject(1).getString("role")).isEqualTo("assistant");
        assertThat(second.getJsonObject("decoded").getString("previous_response_id")).isEqualTo(first);
        JsonArray kept = store.get("team-a", second.getString("id")).await().orElseThrow().inputItemsJson();
        assertThat(kept).as("the store keeps the request's own input").hasSize(1);
        assertThat(store.get("team-a", second.getString("id")).await().orElseThrow().previousResponseId())
                .isEqualTo(first);
    }

    @Test
    void another_keys_or_an_unknown_previous_response_is_404_in_openais_shape() throws Exception {
        String first = postJson("team-a", new JsonObject().put("model", "echo").put("input", "one")).getString("id");

        for (String asked : new String[] {first, "resp_unknown"}) {
            HttpResponse<String> answer = post("team-b",
                    new JsonObject().put("model", "echo").put("previous_response_id", asked).put("input", "x").encode());

            assertThat(answer.statusCode()).isEqualTo(404);
            JsonObject error = new JsonObject(answer.body()).getJsonObject("error");
            assertThat(error.getString("message")).isEqualTo("Previous response with id '" + asked + "' not found.");
            assertThat(error.getString("type")).isEqualTo("invalid_request_error");
            assertThat(error.getString("param")).isEqualTo("previous_response_id");
        }
    }

    @Test
    void store_false_keeps_nothing_and_a_gateway_without_keys_has_one_scope() throws Exception {
        String unstored = postJson(null, new JsonObject().put("model", "echo").put("input", "x").put("store", false))
                .getString("id");
        String stored = postJson(null, new JsonObject().put("model", "echo").put("input", "y")).getString("id");

        assertThat(store.get(ResponseStore.NO_KEYS, unstored).await()).isEmpty();
        assertThat(store.get(ResponseStore.NO_KEYS, stored).await()).isPresent();
    }

    @Test
    void a_body_that_is_not_json_is_left_to_the_handler_and_a_bad_id_is_400() throws Exception {
        HttpResponse<String> notJson = post("team-a", "{\"input\": ");
        HttpResponse<String> badId = post("team-a", "{\"input\": \"x\", \"previous_response_id\": 7}");

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(badId.body()).getJsonObject("error").getString("param")).isEqualTo("previous_response_id");
    }
}
