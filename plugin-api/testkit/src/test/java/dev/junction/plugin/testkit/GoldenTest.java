package dev.junction.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatEvent.BlockStart;
import dev.junction.plugin.ChatEvent.BlockStop;
import dev.junction.plugin.ChatEvent.Finish;
import dev.junction.plugin.ChatEvent.MessageStart;
import dev.junction.plugin.ChatEvent.TextDelta;
import dev.junction.plugin.ChatEvent.Usage;
import dev.junction.plugin.FinishReason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GoldenTest {

    private static final List<ChatEvent> EVENTS = List.of(
            new MessageStart("msg_1", "m"),
            BlockStart.text(0),
            new TextDelta(0, "Hi"),
            new BlockStop(0),
            Usage.of(3, 1),
            Finish.of(FinishReason.END_TURN));

    @Test
    void json_compares_whatever_the_key_order_and_number_types() {
        JsonObject actual = new JsonObject()
                .put("options", new JsonObject()
                        .put("a", new JsonArray().add(1.5f).add(new JsonObject().putNull("x").put("y", true)))
                        .put("b", 2L))
                .put("model", "m");

        assertThatCode(() -> Golden.assertJson("sample.json", actual)).doesNotThrowAnyException();
        assertThatCode(() -> Golden.assertJson("sample.json", "options.b", 2)).doesNotThrowAnyException();
    }

    @Test
    void a_json_difference_fails_showing_the_file_and_both_sides() {
        JsonObject actual = Golden.json("sample.json");
        actual.getJsonObject("options").put("b", 3);

        assertThatThrownBy(() -> Golden.assertJson("sample.json", actual))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("golden/sample.json")
                .hasMessageContaining("\"b\" : 3")
                .hasMessageContaining("\"b\" : 2");
        assertThatThrownBy(() -> Golden.assertJson("sample.json", "options.a", new JsonArray()))
                .hasMessageContaining("at options.a");
    }

    @Test
    void events_compare_one_by_one_with_the_golden_list() {
        assertThatCode(() -> Golden.assertEvents("sample.events.json", EVENTS)).doesNotThrowAnyException();

        List<ChatEvent> other = new ArrayList<>(EVENTS);
        other.set(2, new TextDelta(0, "Ho"));
        assertThatThrownBy(() -> Golden.assertEvents("sample.events.json", other))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("\"text\":\"Ho\"");
    }

    @Test
    void an_event_is_written_with_its_type_and_non_null_components_in_order() {
        assertThat(CanonicalJson.event(Finish.of(FinishReason.END_TURN)).encode())
                .isEqualTo("{\"event\":\"Finish\",\"reason\":\"END_TURN\"}");
        assertThat(CanonicalJson.events(EVENTS)).hasSize(EVENTS.size());
    }

    @Test
    void lists_the_files_of_a_golden_folder() {
        assertThat(Golden.names("", ".json")).containsExactly("sample.events.json", "sample.json");
    }
}
