package dev.junction.gateway.http;

import static dev.junction.gateway.support.ResponseObjects.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.errors.NotFoundException;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseItem;
import com.openai.models.responses.ResponseRetrieveParams;
import com.openai.models.responses.inputitems.InputItemListPage;
import com.openai.models.responses.inputitems.InputItemListParams;
import dev.junction.gateway.state.ResponseHistory;
import dev.junction.gateway.support.TestGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET} and {@code DELETE /v1/responses/{id}} and its {@code input_items}, through the
 * official OpenAI SDK, on responses recorded in the gateway's store as the Responses endpoint
 * records them: each key reads its own responses alone.
 */
@Timeout(60)
class StoredResponsesSdkTest {

    private static final String KEY_A = "sk-team-a-0123";
    private static final String KEY_B = "sk-team-b-4567";

    private static TestGateway gateway;
    private static ResponseHistory history;

    @BeforeAll
    static void start(@TempDir Path dir) {
        String auth = "  keys:\n"
                + "    - name: team-a\n      key: " + KEY_A + "\n"
                + "    - name: team-b\n      key: " + KEY_B + "\n";
        gateway = TestGateway.withAuth(dir, TestGateway.echoBackend(), auth);
        history = new ResponseHistory(gateway.vertx(), gateway.responses());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static void record(String owner, String id, Object input) {
        JsonObject body = new JsonObject().put("model", "echo").put("input", input);
        history.record(owner, body, answer(id, "reply to " + id)).await();
    }

    private static JsonArray messages(int count) {
        JsonArray input = new JsonArray();
        IntStream.rangeClosed(1, count).forEach(i -> input.add(new JsonObject().put("role", "user").put("content", "m" + i)));
        return input;
    }

    private static String text(ResponseItem item) {
        return item.asResponseInputMessageItem().content().get(0).asInputText().text();
    }

    private static HttpResponse<String> raw(String method, String path, String key) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.url(path)))
                .header("Authorization", "Bearer " + key)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void retrieve_gives_the_response_as_the_client_got_it() {
        record("team-a", "resp_retrieve", "hello");

        Response response = gateway.openAi(KEY_A).responses().retrieve("resp_retrieve");

        response.validate();
        assertThat(response.id()).isEqualTo("resp_retrieve");
        assertThat(response.output().get(0).asMessage().content().get(0).asOutputText().text())
                .isEqualTo("reply to resp_retrieve");
        assertThat(response.usage().orElseThrow().totalTokens()).isEqualTo(7);
    }

    @Test
    void another_keys_response_is_not_found_for_retrieve_delete_and_input_items() {
        record("team-a", "resp_private", "secret");
        OpenAIClient other = gateway.openAi(KEY_B);

        assertThatThrownBy(() -> other.responses().retrieve("resp_private"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("Response with id 'resp_private' not found.");
        assertThatThrownBy(() -> other.responses().delete("resp_private")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> other.responses().inputItems().list("resp_private")).isInstanceOf(NotFoundException.class);
        assertThat(gateway.openAi(KEY_A).responses().retrieve("resp_private").id()).isEqualTo("resp_private");
    }

    @Test
    void delete_removes_the_response_and_answers_as_openai_does() throws Exception {
        record("team-a", "resp_delete_raw", "bye");
        record("team-a", "resp_delete_sdk", "bye");

        HttpResponse<String> deleted = raw("DELETE", "/v1/responses/resp_delete_raw", KEY_A);
        gateway.openAi(KEY_A).responses().delete("resp_delete_sdk");

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(deleted.body()))
                .isEqualTo(new JsonObject().put("id", "resp_delete_raw").put("object", "response").put("deleted", true));
        for (String id : List.of("resp_delete_raw", "resp_delete_sdk")) {
            assertThatThrownBy(() -> gateway.openAi(KEY_A).responses().retrieve(id)).isInstanceOf(NotFoundException.class);
        }
    }

    @Test
    void an_unknown_id_is_a_404_in_openais_error_shape_under_both_prefixes() throws Exception {
        for (String path : List.of("/v1/responses/resp_nope", "/openai/v1/responses/resp_nope/input_items")) {
            HttpResponse<String> answer = raw("GET", path, KEY_A);

            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(new JsonObject(answer.body())).isEqualTo(new JsonObject().put("error", new JsonObject()
                    .put("message", "Response with id 'resp_nope' not found.")
                    .put("type", "invalid_request_error")
                    .put("param", (Object) null)
                    .put("code", (Object) null)));
        }
    }

    @Test
    void input_items_list_the_requests_own_items_newest_first_with_ids() {
        record("team-a", "resp_items", "just this");

        InputItemListPage page = gateway.openAi(KEY_A).responses().inputItems().list("resp_items");

        assertThat(page.data()).hasSize(1);
        assertThat(text(page.data().get(0))).isEqualTo("just this");
        assertThat(page.data().get(0).asResponseInputMessageItem().id()).matches("msg_[0-9a-f]{32}");
        assertThat(page.hasMore()).contains(false);
    }

    @Test
    void input_items_page_by_limit_order_and_after_as_the_sdk_pages_them() {
        record("team-a", "resp_paged", messages(5));
        OpenAIClient client = gateway.openAi(KEY_A);

        InputItemListPage first = client.responses().inputItems().list("resp_paged",
                InputItemListParams.builder().limit(2).order(InputItemListParams.Order.ASC).build());
        List<String> all = new ArrayList<>();
        first.autoPager().forEach(item -> all.add(text(item)));
        InputItemListPage newest = client.responses().inputItems().list("resp_paged",
                InputItemListParams.builder().limit(2).build());

        assertThat(first.data()).extracting(StoredResponsesSdkTest::text).containsExactly("m1", "m2");
        assertThat(first.hasMore()).contains(true);
        assertThat(all).containsExactly("m1", "m2", "m3", "m4", "m5");
        assertThat(newest.data()).extracting(StoredResponsesSdkTest::text).containsExactly("m5", "m4");
        assertThat(first.response().firstId()).isEqualTo(first.data().get(0).asResponseInputMessageItem().id());
    }

    @Test
    void input_items_refuse_a_bad_limit_order_or_cursor_with_400() throws Exception {
        record("team-a", "resp_bad_query", "x");

        for (String query : List.of("limit=0", "limit=101", "limit=ten", "order=up", "after=msg_unknown")) {
            HttpResponse<String> answer = raw("GET", "/v1/responses/resp_bad_query/input_items?" + query, KEY_A);

            assertThat(answer.statusCode()).as(query).isEqualTo(400);
            JsonObject error = new JsonObject(answer.body()).getJsonObject("error");
            assertThat(error.getString("type")).isEqualTo("invalid_request_error");
            assertThat(error.getString("param")).isEqualTo(query.substring(0, query.indexOf('=')));
        }
    }

    @Test
    void retrieve_with_include_is_accepted_and_a_replayed_stream_is_refused() throws Exception {
        record("team-a", "resp_include", "x");

        Response response = gateway.openAi(KEY_A).responses().retrieve("resp_include", ResponseRetrieveParams.builder()
                .addInclude(com.openai.models.responses.ResponseIncludable.REASONING_ENCRYPTED_CONTENT).build());
        HttpResponse<String> streamed = raw("GET", "/v1/responses/resp_include?stream=true", KEY_A);

        assertThat(response.id()).isEqualTo("resp_include");
        assertThat(streamed.statusCode()).isEqualTo(400);
    }

    @Test
    void a_response_path_asked_with_another_method_is_405() throws Exception {
        HttpResponse<String> answer = raw("PUT", "/v1/responses/resp_x", KEY_A);

        assertThat(answer.statusCode()).isEqualTo(405);
        assertThat(answer.headers().firstValue("Allow")).contains("GET, DELETE");
    }
}
