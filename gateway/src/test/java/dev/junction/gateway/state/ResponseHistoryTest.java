package dev.junction.gateway.state;

import static dev.junction.gateway.support.ResponseObjects.answer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.config.ResponsesConfig;
import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.InvalidRequestException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** previous_response_id expanded into the stored conversation, and answers recorded unless store is false. */
class ResponseHistoryTest {

    private static Vertx vertx;

    private final ResponseStore store = ResponseStore.local(ResponsesConfig.Store.DEFAULTS, InstantSource.system());
    private final ResponseHistory history = new ResponseHistory(vertx, store);

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    private static <T> T done(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Throwable failure(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("succeeded: " + future.result());
    }

    private static List<String> texts(JsonArray input) {
        return input.stream().map(item -> {
            JsonObject object = (JsonObject) item;
            Object content = object.getValue("content");
            if (content instanceof String text) {
                return object.getString("role") + ":" + text;
            }
            if (content instanceof JsonArray parts) {
                return object.getString("role") + ":" + parts.getJsonObject(0).getString("text");
            }
            return object.getString("type") + ":" + object.getString("call_id");
        }).toList();
    }

    @Test
    void a_body_without_previous_response_id_is_left_as_it_is() {
        JsonObject body = new JsonObject().put("model", "echo").put("input", "hi");

        assertThat(done(history.expand("a", body))).isSameAs(body);
    }

    @Test
    void previous_response_id_puts_the_whole_chain_before_the_new_input() {
        JsonObject first = new JsonObject().put("model", "echo").put("instructions", "Be brief.").put("input", "one");
        done(history.record("a", first, answer("resp_1", "reply one")));
        JsonObject second = new JsonObject().put("model", "echo").put("previous_response_id", "resp_1")
                .put("input", new JsonArray()
                        .add(new JsonObject().put("type", "function_call").put("call_id", "call_9").put("name", "ls")
                                .put("arguments", "{}"))
                        .add(new JsonObject().put("type", "function_call_output").put("call_id", "call_9").put("output", "a.txt")));
        done(history.record("a", second, answer("resp_2", "reply two")));
        JsonObject third = new JsonObject().put("model", "echo").put("previous_response_id", "resp_2").put("input", "three")
                .put("temperature", 0.5);

        JsonObject expanded = done(history.expand("a", third));

        assertThat(texts(expanded.getJsonArray("input"))).containsExactly(
                "user:one", "assistant:reply one", "function_call:call_9", "function_call_output:call_9",
                "assistant:reply two", "user:three");
        assertThat(expanded.getString("previous_response_id")).as("kept for the answer to name").isEqualTo("resp_2");
        assertThat(expanded.getString("instructions")).as("instructions are not carried over").isNull();
        assertThat(expanded.getDouble("temperature")).isEqualTo(0.5);
        assertThat(expanded.getJsonArray("input").getJsonObject(5))
                .isEqualTo(new JsonObject().put("type", "message").put("role", "user").put("content", "three"));
        assertThat(third.getValue("input")).as("the caller's body is not changed").isEqualTo("three");
    }

    @Test
    void an_item_reference_to_an_item_of_the_conversation_is_replaced_by_the_item() {
        done(history.record("a", new JsonObject().put("input", "one"), answer("resp_1", "reply one")));
        JsonObject next = new JsonObject().put("previous_response_id", "resp_1").put("input", new JsonArray()
                .add(new JsonObject().put("type", "item_reference").put("id", "msg_out_resp_1"))
                .add(new JsonObject().put("type", "item_reference").put("id", "msg_elsewhere")));

        JsonArray input = done(history.expand("a", next)).getJsonArray("input");

        assertThat(input).hasSize(4);
        assertThat(input.getJsonObject(2)).isEqualTo(input.getJsonObject(1));
        assertThat(input.getJsonObject(2).getString("role")).isEqualTo("assistant");
        assertThat(input.getJsonObject(3).getString("type")).as("a reference to no item of the chain stays").isEqualTo("item_reference");
    }

    @Test
    void recorded_input_items_each_get_an_id_and_message_content_as_parts() {
        JsonObject body = new JsonObject().put("model", "echo").put("input", new JsonArray()
                .add(new JsonObject().put("role", "user").put("content", "hello"))
                .add(new JsonObject().put("type", "message").put("role", "assistant").put("content", "earlier"))
                .add(new JsonObject().put("type", "function_call").put("id", "fc_client").put("call_id", "c1")
                        .put("name", "ls").put("arguments", "{}"))
                .add(new JsonObject().put("type", "function_call_output").put("call_id", "c1").put("output", "x")));
        done(history.record("a", body, answer("resp_1", "ok")));

        JsonArray items = done(store.get("a", "resp_1")).orElseThrow().inputItemsJson();

        assertThat(items.getJsonObject(0).getString("id")).matches("msg_[0-9a-f]{32}");
        assertThat(items.getJsonObject(0).getString("type")).isEqualTo("message");
        assertThat(items.getJsonObject(0).getJsonArray("content")).isEqualTo(
                new JsonArray().add(new JsonObject().put("type", "input_text").put("text", "hello")));
        assertThat(items.getJsonObject(1).getJsonArray("content").getJsonObject(0).getString("type")).isEqualTo("output_text");
        assertThat(items.getJsonObject(2).getString("id")).isEqualTo("fc_client");
        assertThat(items.getJsonObject(3).getString("id")).matches("fco_[0-9a-f]{32}");
        assertThat(items.getJsonObject(0).getString("id")).isNotEqualTo(items.getJsonObject(1).getString("id"));
    }

    @Test
    void a_string_input_is_kept_as_one_user_message() {
        done(history.record("a", new JsonObject().put("input", "hello"), answer("resp_1", "ok")));

        JsonArray items = done(store.get("a", "resp_1")).orElseThrow().inputItemsJson();

        assertThat(items).hasSize(1);
        assertThat(items.getJsonObject(0).fieldNames()).containsExactly("id", "type", "role", "content");
        assertThat(items.getJsonObject(0).getString("role")).isEqualTo("user");
    }

    @Test
    void the_stored_response_names_the_response_it_continued() {
        done(history.record("a", new JsonObject().put("input", "one"), answer("resp_1", "ok")));
        done(history.record("a", new JsonObject().put("input", "two").put("previous_response_id", "resp_1"),
                answer("resp_2", "ok")));

        StoredResponse second = done(store.get("a", "resp_2")).orElseThrow();

        assertThat(second.previousResponseId()).isEqualTo("resp_1");
        assertThat(second.responseJson().getString("previous_response_id")).isEqualTo("resp_1");
        assertThat(second.createdAt().getEpochSecond()).isEqualTo(1_741_476_542L);
    }

    @Test
    void store_false_keeps_nothing() {
        done(history.record("a", new JsonObject().put("input", "one").put("store", false), answer("resp_1", "ok")));

        assertThat(done(store.get("a", "resp_1"))).isEmpty();
        assertThat(failure(history.expand("a", new JsonObject().put("previous_response_id", "resp_1"))))
                .isInstanceOf(UnknownResponseException.class);
    }

    @Test
    void another_owners_response_is_not_found_as_openai_says_it() {
        done(history.record("a", new JsonObject().put("input", "one"), answer("resp_1", "ok")));

        Throwable failure = failure(history.expand("b", new JsonObject().put("previous_response_id", "resp_1")));

        ApiError error = ((UnknownResponseException) failure).error();
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.message()).isEqualTo("Previous response with id 'resp_1' not found.");
        assertThat(error.param()).isEqualTo("previous_response_id");
    }

    @Test
    void a_chain_missing_an_earlier_response_is_not_found_by_the_id_asked() {
        done(history.record("a", new JsonObject().put("input", "one"), answer("resp_1", "ok")));
        done(history.record("a", new JsonObject().put("input", "two").put("previous_response_id", "resp_1"),
                answer("resp_2", "ok")));
        done(store.delete("a", "resp_1"));

        Throwable failure = failure(history.expand("a", new JsonObject().put("previous_response_id", "resp_2")));

        assertThat(((UnknownResponseException) failure).error().message())
                .isEqualTo("Previous response with id 'resp_2' not found.");
    }

    @Test
    void a_previous_response_id_that_is_not_a_string_is_a_bad_request() {
        Throwable failure = failure(history.expand("a", new JsonObject().put("previous_response_id", 42)));

        assertThat(failure).isInstanceOf(InvalidRequestException.class);
        assertThat(((InvalidRequestException) failure).param()).isEqualTo("previous_response_id");
    }

    @Test
    void a_long_conversation_expands_without_a_frame_per_turn_and_off_the_event_loop() {
        String previous = null;
        for (int turn = 0; turn < 5000; turn++) {
            JsonObject body = new JsonObject().put("input", "turn " + turn);
            if (previous != null) {
                body.put("previous_response_id", previous);
            }
            previous = "resp_" + turn;
            done(history.record("a", body, answer(previous, "reply " + turn)));
        }

        JsonArray input = done(history.expand("a", new JsonObject().put("previous_response_id", previous).put("input", "last")))
                .getJsonArray("input");

        assertThat(done(store.get("a", previous)).orElseThrow().bytes() * 5000)
                .as("large enough to be put together on a worker thread")
                .isGreaterThan(ResponseHistory.OFF_LOOP_BYTES);
        assertThat(input).hasSize(2 * 5000 + 1);
        assertThat(texts(input).subList(0, 2)).containsExactly("user:turn 0", "assistant:reply 0");
    }
}
