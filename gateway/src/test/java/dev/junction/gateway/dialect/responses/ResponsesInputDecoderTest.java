package dev.junction.gateway.dialect.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.Message;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How input items group into the canonical conversation's turns. */
class ResponsesInputDecoderTest {

    private static ChatRequest decode(String body) {
        return new ResponsesDialect().decode(new JsonObject(body)).request();
    }

    @Test
    void an_empty_assistant_message_and_the_calls_after_it_are_one_turn_without_empty_text() {
        ChatRequest request = decode("""
                {"model": "m", "input": [
                  {"role": "user", "content": "go"},
                  {"type": "message", "role": "assistant", "content": []},
                  {"type": "function_call", "call_id": "c1", "name": "f", "arguments": "{}"},
                  {"type": "function_call", "call_id": "c2", "name": "g", "arguments": "{}"},
                  {"type": "function_call_output", "call_id": "c1", "output": "one"},
                  {"type": "function_call_output", "call_id": "c2", "output": [{"type": "input_text", "text": "two"}]},
                  {"role": "user", "content": "and?"}]}""");

        assertThat(request.messages()).extracting(Message::role)
                .containsExactly(Message.Role.USER, Message.Role.ASSISTANT, Message.Role.USER);
        assertThat(request.messages().get(1).content()).extracting(part -> ((ContentPart.ToolCall) part).id())
                .containsExactly("c1", "c2");
        assertThat(request.messages().get(2).content()).hasSize(3).last().isEqualTo(new ContentPart.Text("and?"));
    }

    @Test
    void instructions_come_first_and_system_messages_after_the_first_turn_stay_in_place() {
        ChatRequest request = decode("""
                {"model": "m", "instructions": "Be brief.", "input": [
                  {"role": "developer", "content": "Use tools."},
                  {"role": "user", "content": "hi"},
                  {"role": "system", "content": "Now in French."},
                  {"role": "user", "content": "ok"}]}""");

        assertThat(request.system()).extracting(part -> ((ContentPart.Text) part).text()).containsExactly("Be brief.", "Use tools.");
        assertThat(request.messages()).extracting(Message::role)
                .containsExactly(Message.Role.USER, Message.Role.SYSTEM, Message.Role.USER);
        assertThat(request.messages().get(1).text()).isEqualTo("Now in French.");
    }

    @Test
    void a_continuation_may_come_without_input_its_id_kept_for_the_store() {
        ChatRequest request = decode("{\"model\": \"m\", \"previous_response_id\": \"resp_1\"}");

        assertThat(request.messages()).isEmpty();
        assertThat(request.extra().getString("previous_response_id")).isEqualTo("resp_1");
    }

    @Test
    void records_of_built_in_tool_runs_are_left_out() {
        ChatRequest request = decode("""
                {"model": "m", "input": [
                  {"role": "user", "content": "news?"},
                  {"type": "web_search_call", "id": "ws_1", "status": "completed", "action": {"type": "search"}},
                  {"type": "message", "role": "assistant", "content": [{"type": "output_text", "text": "None."}]}]}""");

        assertThat(request.messages()).extracting(Message::text).containsExactly("news?", "None.");
    }

    @Test
    void a_string_input_is_one_user_message() {
        assertThat(decode("{\"model\": \"m\", \"input\": \"hi\"}").messages()).containsExactly(Message.text(Message.Role.USER, "hi"));
    }

    @Test
    void reasoning_keeps_its_summary_text_signature_and_what_rebuilds_the_item() {
        ChatRequest request = decode("""
                {"model": "m", "input": [{"role": "user", "content": "q"},
                  {"type": "reasoning", "id": "rs_1", "summary": [{"type": "summary_text", "text": "a"},
                   {"type": "summary_text", "text": "b"}], "encrypted_content": "enc"}]}""");

        ContentPart.Thinking thinking = (ContentPart.Thinking) request.messages().get(1).content().get(0);
        assertThat(thinking.text()).isEqualTo("a\n\nb");
        assertThat(thinking.signature()).isEqualTo("enc");
        assertThat(thinking.extra().getString("id")).isEqualTo("rs_1");
        assertThat(thinking.extra().getJsonArray("summary")).hasSize(2);
        assertThat(List.copyOf(thinking.extra().fieldNames())).doesNotContain("encrypted_content");
    }
}
