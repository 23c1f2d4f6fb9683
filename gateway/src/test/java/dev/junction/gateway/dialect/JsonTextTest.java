package dev.junction.gateway.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.FinishReason;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

public class JsonTextTest {

    /** Strings whose escaping could go wrong: every control character, quotes, slashes, non-ASCII. */
    public static List<String> awkwardTexts() {
        List<String> texts = new ArrayList<>(List.of(
                "",
                "plain words",
                "quote \" and backslash \\ and slash /",
                "line\nfeed, tab\t, return\r, backspace\b, form feed\f",
                "delete \u007f, next line \u0085, no-break\u00a0space",
                "line separator \u2028 and paragraph separator \u2029",
                "été, naïve, 日本語, Ελληνικά",
                "emoji 😀 and 👩‍💻 (surrogate pairs and a joiner)",
                "a lone high surrogate \ud83d then text",
                "a lone low surrogate \ude00",
                "</script><!-- & ' =",
                "{\"json\": [1, 2.5e-3, true, null]}"));
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        texts.add(controls.toString());
        return texts;
    }

    /**
     * An answer with {@code text} in each of its strings that the stream encoders write from
     * templates: reasoning, its signature, text and a tool call's arguments; it ends at max tokens.
     */
    public static List<ChatEvent> turnWith(String text) {
        return List.of(
                new ChatEvent.MessageStart("id_t\"1", "model-tést"),
                ChatEvent.BlockStart.thinking(0),
                new ChatEvent.ThinkingDelta(0, text, null),
                new ChatEvent.ThinkingDelta(0, null, text),
                new ChatEvent.BlockStop(0),
                ChatEvent.BlockStart.text(1),
                new ChatEvent.TextDelta(1, text),
                new ChatEvent.BlockStop(1),
                ChatEvent.BlockStart.toolCall(12, "call_1", "f"),
                new ChatEvent.ToolArgumentsDelta(12, text),
                new ChatEvent.BlockStop(12),
                ChatEvent.Finish.of(FinishReason.MAX_TOKENS));
    }

    @Test
    void writes_strings_as_a_json_tree_encodes_them() {
        for (String text : awkwardTexts()) {
            String tree = new JsonArray().add(text).encode();
            String written = JsonText.string(new StringBuilder("["), text).append(']').toString();
            assertThat(written).as("escaping of %s", text).isEqualTo(tree);
        }
    }

    @Test
    void writes_null_as_the_json_literal() {
        assertThat(JsonText.string(new StringBuilder(), null).toString()).isEqualTo("null");
    }

    @Test
    void appends_to_what_the_builder_holds() {
        assertThat(JsonText.string(new StringBuilder("{\"a\":"), "b").append('}').toString())
                .isEqualTo("{\"a\":\"b\"}");
    }
}
