package dev.junction.gateway.dialect.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.JsonValue;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.ErrorResponse;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.Metadata;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolChoiceAny;
import com.anthropic.models.messages.ToolResultBlockParam;
import dev.junction.gateway.dialect.ChatResult;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.gateway.dialect.SseFrame;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import dev.junction.plugin.ToolChoice;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Feeds what the dialect writes to the official anthropic-java SDK, and what the SDK writes to the dialect. */
class AnthropicSdkCompatibilityTest {

    private final AnthropicDialect dialect = new AnthropicDialect();

    /** Reads every frame as the SDK's stream does (skipping pings) and accumulates the message. */
    private static Message accumulate(List<SseFrame> frames) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        for (SseFrame frame : frames) {
            if (frame.event().equals("ping")) {
                assertThat(new JsonObject(frame.data())).isEqualTo(new JsonObject().put("type", "ping"));
                continue;
            }
            RawMessageStreamEvent event =
                    Sdk.read(frame.data(), RawMessageStreamEvent.class).validate();
            assertThat(event.type().asString()).isEqualTo(frame.event());
            accumulator.accumulate(event);
        }
        return accumulator.message().validate();
    }

    @Test
    void the_sdk_accumulates_a_streamed_text_answer() {
        Message message = accumulate(AnthropicStreamEncoderTest.encode(AnthropicStreamEncoderTest.TEXT_ANSWER));

        assertThat(message.id()).isEqualTo("msg_01");
        assertThat(message.content())
                .singleElement()
                .satisfies(block -> assertThat(block.asText().text()).isEqualTo("Hello there"));
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isEqualTo(25);
        assertThat(message.usage().outputTokens()).isEqualTo(7);
    }

    @Test
    void the_sdk_accumulates_two_streamed_tool_calls_with_their_inputs() {
        Message message = accumulate(AnthropicStreamEncoderTest.encode(AnthropicStreamEncoderTest.TWO_TOOL_CALLS));

        List<ContentBlock> blocks = message.content();
        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(0).asToolUse().id()).isEqualTo("toolu_01A");
        assertThat(blocks.get(0).asToolUse()._input()).isEqualTo(JsonValue.from(Map.of("city", "Paris")));
        assertThat(blocks.get(1).asToolUse().name()).isEqualTo("get_time");
        assertThat(blocks.get(1).asToolUse()._input()).isEqualTo(JsonValue.from(Map.of("zone", "CET")));
        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
    }

    @Test
    void the_sdk_accumulates_streamed_thinking_with_its_signature() {
        Message message = accumulate(AnthropicStreamEncoderTest.encode(List.of(
                new ChatEvent.MessageStart(null, "claude-sonnet-4-5"),
                new ChatEvent.Usage(10, 1, 2, 3, 0),
                ChatEvent.BlockStart.thinking(0),
                new ChatEvent.ThinkingDelta(0, "Plan", null),
                new ChatEvent.ThinkingDelta(0, null, "sig"),
                new ChatEvent.BlockStop(0),
                ChatEvent.BlockStart.text(1),
                new ChatEvent.TextDelta(1, "Done"),
                new ChatEvent.BlockStop(1),
                ChatEvent.Finish.of(FinishReason.END_TURN))));

        assertThat(message.content().get(0).asThinking().thinking()).isEqualTo("Plan");
        assertThat(message.content().get(0).asThinking().signature()).isEqualTo("sig");
        assertThat(message.content().get(1).asText().text()).isEqualTo("Done");
        assertThat(message.usage().cacheReadInputTokens()).contains(2L);
    }

    @Test
    void the_sdk_reads_the_streamed_error_event_as_an_error_response() {
        List<SseFrame> frames =
                AnthropicStreamEncoderTest.encode(List.of(ChatEvent.Failed.of(ErrorKind.OVERLOADED, "Busy")));

        ErrorResponse error =
                Sdk.read(frames.get(0).data(), ErrorResponse.class).validate();

        assertThat(error.error().isOverloadedError()).isTrue();
        assertThat(error.error().asOverloadedError().message()).isEqualTo("Busy");
    }

    @Test
    void decodes_a_request_the_sdk_builds_from_an_answer_it_read() {
        ChatResult answer = new ChatResult(
                "msg_01",
                "claude-sonnet-4-5",
                List.of(
                        new ContentPart.Thinking("Plan", "sig"),
                        new ContentPart.ToolCall("toolu_01A", "get_weather", "{\"city\":\"Paris\"}")),
                FinishReason.TOOL_USE,
                null,
                ChatEvent.Usage.of(1, 2));
        DecodedRequest original = dialect.decode(AnthropicRequestDecoderTest.minimal());
        Message read = Sdk.read(dialect.encodeResponse(answer, original).encode(), Message.class);
        MessageCreateParams params = MessageCreateParams.builder()
                .model("claude-sonnet-4-5")
                .maxTokens(512)
                .system("Be brief.")
                .metadata(Metadata.builder().userId("u-42").build())
                .addTool(Tool.builder()
                        .name("get_weather")
                        .inputSchema(Tool.InputSchema.builder().build())
                        .build())
                .toolChoice(ToolChoiceAny.builder().disableParallelToolUse(true).build())
                .addUserMessage("Weather in Paris?")
                .addMessage(read)
                .addMessage(MessageParam.ofUserOfContentBlockParams(
                        List.of(ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                                .toolUseId("toolu_01A")
                                .content("18C")
                                .build()))))
                .build();

        ChatRequest request =
                dialect.decode(new JsonObject(Sdk.write(params._body()))).request();

        assertThat(request.system()).containsExactly(new ContentPart.Text("Be brief."));
        assertThat(request.user()).isEqualTo("u-42");
        assertThat(request.tools()).extracting(dev.junction.plugin.Tool::name).containsExactly("get_weather");
        assertThat(request.toolChoice()).isEqualTo(new ToolChoice(ToolChoice.Mode.REQUIRED, null, false));
        assertThat(request.messages().get(1).content())
                .containsExactly(
                        new ContentPart.Thinking("Plan", "sig"),
                        // the SDK sends the block's caller back; it is kept for an Anthropic upstream
                        new ContentPart.ToolCall(
                                "toolu_01A",
                                "get_weather",
                                "{\"city\":\"Paris\"}",
                                new JsonObject().put("caller", new JsonObject().put("type", "direct"))));
        assertThat(request.messages().get(2).content())
                .containsExactly(new ContentPart.ToolResult("toolu_01A", List.of(new ContentPart.Text("18C")), false));
    }
}
