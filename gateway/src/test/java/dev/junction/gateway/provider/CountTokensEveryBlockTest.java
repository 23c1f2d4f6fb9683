package dev.junction.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.JsonValue;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.models.messages.Base64ImageSource;
import com.anthropic.models.messages.Base64PdfSource;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageTokensCount;
import com.anthropic.models.messages.PlainTextSource;
import com.anthropic.models.messages.ThinkingBlockParam;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlockParam;
import dev.junction.gateway.provider.FakeProvider.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Anthropic SDK's {@code count_tokens} counts every block, not only text (Claude Code decides
 * when to compact a conversation by it): the gateway's estimate (echo, which cannot count) grows
 * with each kind of block, sizes an image by Anthropic's formula and a PDF by its pages; the anthropic plugin hands the
 * whole request, every block of it, to the upstream's own count.
 */
@Timeout(60)
class CountTokensEveryBlockTest extends WithProviderGateway {

    private static final String ASK = "What is the weather in Paris?";

    @Test
    void the_estimate_grows_with_each_kind_of_block() {
        long text = estimate(ask -> ask.addUserMessage(ASK));

        assertThat(estimate(ask -> ask.system("Answer in one short sentence.").addUserMessage(ASK)))
                .as("system").isGreaterThan(text);
        assertThat(estimate(ask -> ask.addTool(AnthropicClientToOpenAiTest.tool("get_weather", "Current weather", "city"))
                .addUserMessage(ASK))).as("a tool definition").isGreaterThan(text);
        long toolUse = estimate(ask -> ask.addUserMessage(ASK).addAssistantMessageOfContentBlockParams(List.of(toolUse())));
        assertThat(toolUse).as("a tool_use block").isGreaterThan(text);
        assertThat(estimate(ask -> ask.addUserMessage(ASK)
                .addAssistantMessageOfContentBlockParams(List.of(toolUse()))
                .addUserMessageOfContentBlockParams(List.of(toolResult()))))
                .as("a tool_result block").isGreaterThan(toolUse);
        assertThat(estimate(ask -> ask.addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofText(ASK), png(300, 200)))))
                .as("an image").isGreaterThan(text);
        long answered = estimate(ask -> ask.addUserMessage(ASK).addAssistantMessage("Mild.").addUserMessage("Thanks."));
        assertThat(estimate(ask -> ask.addUserMessage(ASK)
                .addAssistantMessageOfContentBlockParams(List.of(thinking(), ContentBlockParam.ofText("Mild.")))
                .addUserMessage("Thanks.")))
                .as("a thinking block").isGreaterThan(answered);
    }

    @Test
    void an_image_counts_width_times_height_over_750_up_to_the_largest_size() {
        long text = estimate(ask -> ask.addUserMessage(ASK));

        assertThat(estimate(ask -> ask.addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofText(ASK), png(300, 200)))))
                .isEqualTo(text + 80);
        assertThat(estimate(ask -> ask.addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofText(ASK), png(600, 400)))))
                .isEqualTo(text + 320);
        assertThat(estimate(ask -> ask.addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofText(ASK), png(2000, 1500)))))
                .as("scaled down by the provider to about 1,600 tokens").isEqualTo(text + 1600);
    }

    @Test
    void a_pdf_counts_by_its_pages_and_a_text_document_by_its_text() {
        long text = estimate(ask -> ask.addUserMessage(ASK));

        assertThat(estimate(ask -> ask.addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofText(ASK), pdf(1)))))
                .isEqualTo(text + 3000);
        assertThat(estimate(ask -> ask.addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofText(ASK), pdf(3)))))
                .isEqualTo(text + 9000);
        assertThat(estimate(ask -> ask.addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofText(ASK),
                        ContentBlockParam.ofDocument(PlainTextSource.builder().data("x".repeat(400)).build())))))
                .isEqualTo(text + 100);
    }

    @Test
    void the_anthropic_plugin_asks_its_upstream_to_count_the_whole_request() {
        providers.anthropicUpstream.reply(Reply.json(200, new JsonObject().put("input_tokens", 2100)));

        HttpResponseFor<MessageTokensCount> response = providers.anthropic().messages().withRawResponse()
                .countTokens(everyBlock(MessageCountTokensParams.builder().model("claude-sonnet-4-5")).build());

        assertThat(response.parse().inputTokens()).isEqualTo(2100);
        assertThat(response.headers().values("x-junction-token-count")).containsExactly("exact");
        JsonObject counted = providers.anthropicUpstream.only().json();
        assertThat(counted.getString("system")).isEqualTo("Answer in one short sentence.");
        assertThat(counted.getJsonArray("tools")).extracting(tool -> ((JsonObject) tool).getString("name"))
                .containsExactly("get_weather");
        assertThat(blockTypes(counted.getJsonArray("messages")))
                .containsExactly("text", "image", "thinking", "tool_use", "tool_result");
    }

    @Test
    void a_request_with_every_kind_of_block_is_estimated_above_its_text_alone() {
        long everything = providers.anthropic().messages()
                .countTokens(everyBlock(MessageCountTokensParams.builder().model("echo")).build())
                .inputTokens();

        long textAlone = estimate(ask -> ask.system("Answer in one short sentence.").addUserMessage(ASK)
                .addUserMessage("18°C, light rain"));
        assertThat(everything).isGreaterThan(textAlone + 80); // the image alone is 80
    }

    private static MessageCountTokensParams.Builder everyBlock(MessageCountTokensParams.Builder ask) {
        return ask.system("Answer in one short sentence.")
                .addTool(AnthropicClientToOpenAiTest.tool("get_weather", "Current weather", "city"))
                .addUserMessageOfContentBlockParams(List.of(ContentBlockParam.ofText(ASK), png(300, 200)))
                .addAssistantMessageOfContentBlockParams(List.of(thinking(), toolUse()))
                .addUserMessageOfContentBlockParams(List.of(toolResult()));
    }

    private static long estimate(UnaryOperator<MessageCountTokensParams.Builder> blocks) {
        HttpResponseFor<MessageTokensCount> response = providers.anthropic().messages().withRawResponse()
                .countTokens(blocks.apply(MessageCountTokensParams.builder().model("echo")).build());
        assertThat(response.headers().values("x-junction-token-count")).containsExactly("estimate");
        return response.parse().inputTokens();
    }

    private static ContentBlockParam toolUse() {
        return ContentBlockParam.ofToolUse(ToolUseBlockParam.builder()
                .id("toolu_01WeatherA1b2C3d4E5f6G7h8")
                .name("get_weather")
                .input(JsonValue.from(Map.of("city", "Paris")))
                .build());
    }

    private static ContentBlockParam toolResult() {
        return ContentBlockParam.ofToolResult(ToolResultBlockParam.builder()
                .toolUseId("toolu_01WeatherA1b2C3d4E5f6G7h8")
                .content("18°C, light rain")
                .build());
    }

    private static ContentBlockParam thinking() {
        return ContentBlockParam.ofThinking(ThinkingBlockParam.builder()
                .thinking("The user wants the current weather; I should call the tool.")
                .signature("EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds")
                .build());
    }

    private static ContentBlockParam pdf(int pages) {
        return ContentBlockParam.ofDocument(Base64PdfSource.builder().data(Pdfs.base64(pages)).build());
    }

    /** A real PNG of the given size, inline. */
    private static ContentBlockParam png(int width, int height) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ContentBlockParam.ofImage(Base64ImageSource.builder()
                .mediaType(Base64ImageSource.MediaType.IMAGE_PNG)
                .data(Base64.getEncoder().encodeToString(bytes.toByteArray()))
                .build());
    }

    private static List<String> blockTypes(JsonArray messages) {
        return messages.stream()
                .flatMap(message -> ((JsonObject) message).getJsonArray("content").stream())
                .map(block -> ((JsonObject) block).getString("type"))
                .toList();
    }
}
