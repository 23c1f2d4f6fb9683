package dev.junction.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.provider.FakeProvider.Received;
import dev.junction.gateway.provider.FakeProvider.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A request as Claude Code sends it ({@code POST /v1/messages?beta=true}, its betas, adaptive
 * thinking, {@code context_management}, {@code output_config.effort}, {@code metadata.user_id} as a
 * JSON string, tools and blocks with {@code cache_control}, a system message among the messages),
 * raw, to an Anthropic upstream, which gets all of it, and to an OpenAI one, which gets none of what
 * it would refuse.
 */
class ClaudeCodeRequestTest extends WithProviderGateway {

    private static final String BETAS = "claude-code-20250219,interleaved-thinking-2025-05-14,"
            + "context-management-2025-06-27,mid-conversation-system-2026-04-07,effort-2025-11-24";
    private static final JsonObject TURN = claudeCodeTurn();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** The Claude Code turn of the golden request fixtures, streamed. */
    private static JsonObject claudeCodeTurn() {
        try {
            return new JsonObject(Files.readString(Path.of("src/test/resources/golden/requests/anthropic/claude_code_turn.json")))
                    .getJsonObject("client");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(JsonObject body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(providers.gateway.url("/v1/messages?beta=true")))
                .header("content-type", "application/json")
                .header("x-api-key", "client-key")
                .header("anthropic-version", "2023-06-01")
                .header("anthropic-beta", BETAS)
                .header("x-app", "cli")
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void an_anthropic_upstream_gets_every_beta_and_field_as_sent() throws Exception {
        providers.anthropicUpstream.reply(Reply.sse(OpenAiClientToAnthropicTest.text("Done.")));

        HttpResponse<String> response = send(TURN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("event: message_stop");
        Received call = providers.anthropicUpstream.only();
        assertThat(call.path()).isEqualTo("/v1/messages");
        assertThat(call.headers()).containsEntry("anthropic-beta", BETAS).doesNotContainKey("x-app");
        JsonObject sent = call.json();
        for (String field : new String[] {"thinking", "context_management", "output_config", "metadata", "system", "tools"}) {
            assertThat(sent.getValue(field)).as(field).isEqualTo(TURN.getValue(field));
        }
        assertThat(sent.getJsonArray("messages").getJsonObject(1))
                .as("the system message stays in place under the beta")
                .isEqualTo(TURN.getJsonArray("messages").getJsonObject(1));
    }

    @Test
    void an_openai_upstream_gets_nothing_it_would_refuse() throws Exception {
        providers.openAiUpstream.reply(Reply.sse(AnthropicClientToOpenAiTest.text("Done.")));

        HttpResponse<String> response = send(TURN.copy().put("model", "gpt-4.1"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject sent = providers.openAiUpstream.only().json();
        assertThat(sent.fieldNames())
                .containsExactlyInAnyOrder("model", "messages", "tools", "max_tokens", "user", "stream", "stream_options");
        assertThat(sent.getString("user")).as("the JSON user id, hashed to OpenAI's 64 characters").matches("[0-9a-f]{64}");
        assertThat(sent.getJsonArray("tools").getJsonObject(0).getJsonObject("function").fieldNames())
                .containsExactlyInAnyOrder("name", "description", "parameters");
        assertThat(sent.getJsonArray("messages").getJsonObject(2))
                .isEqualTo(new JsonObject().put("role", "system").put("content", TURN.getJsonArray("messages")
                        .getJsonObject(1).getString("content")));
        assertThat(sent.encode()).doesNotContain("cache_control");
    }

    @Test
    void the_small_fast_model_request_is_routed_like_any_other() throws Exception {
        providers.anthropicUpstream.reply(Reply.sse(OpenAiClientToAnthropicTest.text("Listing files")));
        JsonObject title = new JsonObject()
                .put("model", "claude-haiku-4-5")
                .put("max_tokens", 512)
                .put("system", "Summarize this coding conversation in under 50 characters.")
                .put("messages", new JsonArray().add(new JsonObject()
                        .put("role", "user")
                        .put("content", "List the files.")))
                .put("metadata", TURN.getJsonObject("metadata"))
                .put("stream", true);

        HttpResponse<String> response = send(title);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("Listing files");
        assertThat(providers.anthropicUpstream.only().json().getString("model")).isEqualTo("claude-haiku-4-5");
    }
}
