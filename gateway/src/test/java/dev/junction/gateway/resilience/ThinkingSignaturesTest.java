package dev.junction.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.config.ResilienceConfig;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThinkingSignaturesTest {

    private static final Target A = new Target("a", "claude-a", ResilienceConfig.DEFAULTS);
    private static final Target A_OTHER_MODEL = new Target("a", "claude-other", ResilienceConfig.DEFAULTS);
    private static final Target B = new Target("b", "claude-a", ResilienceConfig.DEFAULTS);

    private static void answer(ThinkingSignatures signatures, Target target, String signature) {
        signatures.noting(target, event -> {}).handle(new ChatEvent.ThinkingDelta(0, null, signature));
    }

    private static ChatRequest turn(ContentPart... assistant) {
        return ChatRequest.builder("claude-a")
                .messages(List.of(Message.text(Message.Role.USER, "Hi"), new Message(Message.Role.ASSISTANT, List.of(assistant)),
                        Message.text(Message.Role.USER, "Go on")))
                .build();
    }

    @Test
    void keeps_own_and_unknown_signatures_and_strips_another_backends_or_models() {
        ThinkingSignatures signatures = new ThinkingSignatures();
        answer(signatures, A, "sig-a");
        answer(signatures, A, "redacted-a");
        ChatRequest request = turn(
                new ContentPart.Thinking("mine", "sig-a"),
                new ContentPart.RedactedThinking("redacted-a"),
                new ContentPart.Thinking("unknown", "sig-?"),
                new ContentPart.Text("Hello."));

        assertThat(signatures.forTarget(request, A)).isSameAs(request);
        List<ContentPart> expected = List.of(
                new ContentPart.Thinking("mine", null),
                new ContentPart.Thinking("unknown", "sig-?"),
                new ContentPart.Text("Hello."));
        assertThat(signatures.forTarget(request, B).messages().get(1).content()).isEqualTo(expected);
        assertThat(signatures.forTarget(request, A_OTHER_MODEL).messages().get(1).content()).isEqualTo(expected);
    }

    @Test
    void forgets_the_least_recently_seen_signature_beyond_its_capacity() {
        ThinkingSignatures signatures = new ThinkingSignatures(2);
        answer(signatures, A, "first");
        answer(signatures, A, "second");
        answer(signatures, A, "third");

        ChatRequest request = turn(new ContentPart.Thinking("old", "first"), new ContentPart.Thinking("new", "third"));

        assertThat(signatures.forTarget(request, B).messages().get(1).content())
                .containsExactly(new ContentPart.Thinking("old", "first"), new ContentPart.Thinking("new", null));
    }
}
