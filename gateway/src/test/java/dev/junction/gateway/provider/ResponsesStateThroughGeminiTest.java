package dev.junction.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseIncludable;
import com.openai.models.responses.ResponseRetrieveParams;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.inputitems.InputItemListParams;
import com.openai.models.responses.inputitems.ResponseItemList;
import dev.junction.gateway.provider.FakeProvider.Reply;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official SDK's Responses client keeps its conversation in the gateway, through the gemini
 * plugin and a fake Gemini API: a streamed turn with two function calls, then a follow-up that
 * names it by {@code previous_response_id} and sends only the calls' outputs, which the upstream
 * receives as the whole conversation (the calls under the ids the client got, the first one's
 * thought signature kept by the gateway, although the client never asked for encrypted reasoning);
 * the kept answers read back (their encrypted reasoning only when asked) and listed; and
 * {@code store: false}, which keeps nothing.
 */
@Timeout(60)
class ResponsesStateThroughGeminiTest extends WithProviderGateway {

    private static final List<Object> TOOLS = List.of(
            Map.of("type", "function", "name", "get_weather", "description", "Current weather", "parameters",
                    Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city"))),
            Map.of("type", "function", "name", "get_time", "parameters",
                    Map.of("type", "object", "properties", Map.of("tz", Map.of("type", "string")), "required", List.of("tz"))),
            Map.of("type", "web_search"));

    @Test
    void a_follow_up_by_previous_response_id_reaches_the_upstream_as_the_whole_conversation() {
        providers.geminiUpstream.reply(Reply.sse(BothClientsToGeminiTest.TWO_FUNCTION_CALLS));
        ResponseAccumulator accumulator = ResponseAccumulator.create();
        try (StreamResponse<ResponseStreamEvent> stream = providers.openAi().responses().createStreaming(
                ResponseCreateParams.builder()
                        .model("gemini-2.5-flash")
                        .input("Weather and time in Paris?")
                        .tools(JsonValue.from(TOOLS))
                        .build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Response first = accumulator.response();
        assertThat(first.output().stream().flatMap(item -> item.reasoning().stream()))
                .as("the signature is a reasoning item, its content not shown unasked")
                .singleElement()
                .satisfies(reasoning -> assertThat(reasoning.encryptedContent()).isEmpty());
        List<ResponseFunctionToolCall> calls =
                first.output().stream().flatMap(item -> item.functionCall().stream()).toList();
        assertThat(calls).extracting(ResponseFunctionToolCall::name).containsExactly("get_weather", "get_time");

        providers.geminiUpstream.reset();
        providers.geminiUpstream.reply(Reply.sse(BothClientsToGeminiTest.text("18°C and 14:05 in Paris.")));
        Response second = providers.openAi().responses().create(ResponseCreateParams.builder()
                .model("gemini-2.5-flash")
                .previousResponseId(first.id())
                .input(JsonValue.from(List.of(
                        Map.of("type", "function_call_output", "call_id", calls.get(0).callId(), "output", "18°C"),
                        Map.of("type", "function_call_output", "call_id", calls.get(1).callId(), "output", "14:05"))))
                .tools(JsonValue.from(TOOLS))
                .build());

        assertThat(second.previousResponseId()).contains(first.id());
        assertThat(second.output().get(0).message().orElseThrow().content().get(0).outputText().orElseThrow().text())
                .isEqualTo("18°C and 14:05 in Paris.");
        JsonArray contents = providers.geminiUpstream.only().json().getJsonArray("contents");
        assertThat(contents).as("the first turn, its answer as streamed, then the outputs").isEqualTo(new JsonArray("""
                [{"role": "user", "parts": [{"text": "Weather and time in Paris?"}]},
                 {"role": "model", "parts": [
                   {"text": "Checking both."},
                   {"functionCall": {"id": "%s", "name": "get_weather", "args": {"city": "Paris"}},
                    "thoughtSignature": "CpcBAXLI2nzSig1Gq7Xw0eR4tY6uI8oP2aS4dF6gH8jK0lZ=="},
                   {"functionCall": {"id": "%s", "name": "get_time", "args": {"tz": "Europe/Paris"}}}]},
                 {"role": "user", "parts": [
                   {"functionResponse": {"id": "%s", "name": "get_weather", "response": {"output": "18°C"}}},
                   {"functionResponse": {"id": "%s", "name": "get_time", "response": {"output": "14:05"}}}]}]"""
                .formatted(calls.get(0).callId(), calls.get(1).callId(), calls.get(0).callId(), calls.get(1).callId())));

        Response kept = providers.openAi().responses().retrieve(first.id());
        assertThat(kept.id()).isEqualTo(first.id());
        assertThat(kept.output().stream().flatMap(item -> item.reasoning().stream()).flatMap(r -> r.encryptedContent().stream()))
                .as("encrypted reasoning is shown only when asked")
                .isEmpty();
        Response keptWithReasoning = providers.openAi().responses().retrieve(ResponseRetrieveParams.builder()
                .responseId(first.id())
                .addInclude(ResponseIncludable.REASONING_ENCRYPTED_CONTENT)
                .build());
        assertThat(keptWithReasoning.output().stream().flatMap(item -> item.reasoning().stream())
                        .flatMap(r -> r.encryptedContent().stream()))
                .containsExactly("CpcBAXLI2nzSig1Gq7Xw0eR4tY6uI8oP2aS4dF6gH8jK0lZ==");
        assertThat(kept.output()).hasSameSizeAs(first.output());
        assertThat(kept.output().stream().flatMap(item -> item.functionCall().stream()).map(ResponseFunctionToolCall::callId))
                .as("the kept answer is the streamed one")
                .containsExactlyElementsOf(calls.stream().map(ResponseFunctionToolCall::callId).toList());
        ResponseItemList inputItems = providers.openAi().responses().inputItems()
                .list(InputItemListParams.builder().responseId(second.id()).order(InputItemListParams.Order.ASC).build())
                .response();
        assertThat(inputItems.data()).hasSize(2).allSatisfy(item -> assertThat(item.isFunctionCallOutput()).isTrue());
    }

    @Test
    void an_answer_asked_not_to_be_stored_cannot_be_read_or_continued() {
        providers.geminiUpstream.reply(Reply.sse(BothClientsToGeminiTest.text("Not kept.")));
        Response response = providers.openAi().responses().create(ResponseCreateParams.builder()
                .model("gemini-2.5-flash")
                .input("Forget this.")
                .store(false)
                .build());

        assertThat(response.output().get(0).message().orElseThrow().content().get(0).outputText().orElseThrow().text())
                .isEqualTo("Not kept.");
        assertThatThrownBy(() -> providers.openAi().responses().retrieve(response.id()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(response.id());
        assertThatThrownBy(() -> providers.openAi().responses().create(ResponseCreateParams.builder()
                        .model("gemini-2.5-flash")
                        .previousResponseId(response.id())
                        .input("And then?")
                        .build()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("Previous response with id '" + response.id() + "' not found.");
        assertThat(providers.geminiUpstream.received()).as("the refused follow-up never went upstream").hasSize(1);
    }
}
