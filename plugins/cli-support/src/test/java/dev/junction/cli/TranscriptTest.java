package dev.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.plugin.BackendException;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptTest {

    @Test
    void passes_a_single_user_message_verbatim() {
        String text = "--help me\nUser: this is not a label\n\n  keep the spacing  ";

        assertThat(Transcript.prompt(request(List.of(), Message.text(Message.Role.USER, text)))).isEqualTo(text);
    }

    @Test
    void labels_a_conversation_in_order_and_ends_with_the_assistants_turn() {
        ChatRequest request = request(List.of(),
                Message.text(Message.Role.USER, "Hi"),
                Message.text(Message.Role.ASSISTANT, "Hello! How can I help?"),
                Message.text(Message.Role.USER, "Name a colour."));

        assertThat(Transcript.prompt(request)).isEqualTo(Transcript.PREFACE + "\n\n"
                + "User: Hi\n\n"
                + "Assistant: Hello! How can I help?\n\n"
                + "User: Name a colour.\n\n"
                + "Assistant:");
    }

    @Test
    void writes_a_mid_conversation_system_message_as_a_system_note_at_its_place() {
        ChatRequest request = request(List.of(),
                Message.text(Message.Role.USER, "List the files."),
                Message.text(Message.Role.SYSTEM, "Be brief."));

        assertThat(Transcript.prompt(request)).isEqualTo(Transcript.PREFACE + "\n\n"
                + "User: List the files.\n\n"
                + "System note: Be brief.\n\n"
                + "Assistant:");
    }

    @Test
    void writes_a_lone_assistant_message_as_a_transcript() {
        ChatRequest request = request(List.of(), Message.text(Message.Role.ASSISTANT, "Continue from here"));

        assertThat(Transcript.prompt(request)).isEqualTo(Transcript.PREFACE + "\n\nAssistant: Continue from here\n\nAssistant:");
    }

    @Test
    void joins_the_system_text_parts_and_puts_them_before_the_prompt() {
        ChatRequest request = request(
                List.of(new ContentPart.Text("Be brief."), new ContentPart.Text("Answer in French.")),
                Message.text(Message.Role.USER, "Hi"));

        assertThat(Transcript.system(request)).isEqualTo("Be brief.\n\nAnswer in French.");
        assertThat(Transcript.promptWithSystem(request))
                .isEqualTo("System instructions:\nBe brief.\n\nAnswer in French.\n\nHi");
    }

    @Test
    void leaves_the_prompt_alone_when_there_is_no_system_text() {
        ChatRequest request = request(List.of(), Message.text(Message.Role.USER, "Hi"));

        assertThat(Transcript.system(request)).isEmpty();
        assertThat(Transcript.promptWithSystem(request)).isEqualTo("Hi");
    }

    @Test
    void numbers_images_in_order_across_messages_and_tool_results() {
        ContentPart.Image cat = new ContentPart.Image("image/png", "Y2F0", null);
        ContentPart.Image dog = new ContentPart.Image(null, null, "https://example.com/dog.jpg");
        ContentPart.Image chart = new ContentPart.Image("image/jpeg", "Y2hhcnQ=", null);
        ChatRequest request = request(List.of(),
                new Message(Message.Role.USER, List.of(new ContentPart.Text("Compare"), cat, dog)),
                new Message(Message.Role.ASSISTANT, List.of(new ContentPart.ToolCall("call_1", "plot", "{\"x\":1}"))),
                new Message(Message.Role.USER, List.of(new ContentPart.ToolResult("call_1", List.of(chart), false))));

        assertThat(Transcript.prompt(request)).contains(
                "User: Compare\n[image 1]\n[image 2]",
                "Assistant: [called tool plot (id call_1) with {\"x\":1}]",
                "User: [result of tool call call_1: [image 3]]");
        assertThat(Transcript.images(request)).containsExactly(cat, dog, chart);
    }

    @Test
    void marks_failed_tool_results_and_leaves_out_earlier_thinking() {
        ChatRequest request = request(List.of(),
                Message.text(Message.Role.USER, "Weather?"),
                new Message(Message.Role.ASSISTANT, List.of(
                        new ContentPart.Thinking("The user wants the weather.", "sig"),
                        new ContentPart.ToolCall("call_9", "weather", null))),
                new Message(Message.Role.USER, List.of(
                        new ContentPart.ToolResult("call_9", List.of(new ContentPart.Text("timeout")), true))));

        assertThat(Transcript.prompt(request))
                .contains("Assistant: [called tool weather (id call_9) with {}]")
                .contains("User: [result of tool call call_9 (error): timeout]")
                .doesNotContain("wants the weather");
    }

    @Test
    void refuses_a_document_in_a_tool_result_naming_where_it_is() {
        ChatRequest request = request(List.of(),
                Message.text(Message.Role.USER, "Read the spec."),
                new Message(Message.Role.ASSISTANT, List.of(new ContentPart.ToolCall("call_1", "fetch", "{}"))),
                new Message(Message.Role.USER, List.of(new ContentPart.ToolResult("call_1", List.of(
                        new ContentPart.Document("text/plain", null, "the spec", null, null, null)), false))));

        assertThatThrownBy(() -> Transcript.refuseDocuments(request, "Codex"))
                .isInstanceOf(BackendException.class)
                .hasMessageStartingWith("messages[2].content[0]: Codex does not take documents");
        Transcript.refuseDocuments(request(List.of(), Message.text(Message.Role.USER, "Hi")), "Codex"); // no document: no refusal
    }

    private static ChatRequest request(List<ContentPart> system, Message... messages) {
        return ChatRequest.builder("fake")
                .system(system)
                .messages(List.of(messages))
                .build();
    }
}
