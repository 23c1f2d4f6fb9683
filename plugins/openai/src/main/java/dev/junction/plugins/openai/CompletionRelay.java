package dev.junction.plugins.openai;

import dev.junction.http.BodyReader;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * Relays a whole Chat Completions answer ({@code stream: false}) as it came, once it is complete:
 * its bytes, then the usage and the finish read from them ({@link CompletionScan}). Holds at most
 * {@value #MAX_ANSWER} bytes; a larger answer fails. One per answer.
 */
final class CompletionRelay implements BodyReader {

    static final int MAX_ANSWER = 16 << 20;

    private final String backendId;
    private final Buffer body = Buffer.buffer();
    private boolean tooLarge;

    CompletionRelay(String backendId) {
        this.backendId = backendId;
    }

    @Override
    public void chunk(Buffer chunk, Consumer<ChatEvent> events) {
        if (body.length() + chunk.length() > MAX_ANSWER) {
            tooLarge = true;
        } else if (!tooLarge) {
            body.appendBuffer(chunk);
        }
    }

    @Override
    public ChatEvent end(boolean clean, Consumer<ChatEvent> events) {
        if (!clean || tooLarge) {
            return ChatEvent.Failed.of(ErrorKind.UPSTREAM, prefix() + (tooLarge
                    ? "the upstream's answer is larger than " + MAX_ANSWER + " bytes"
                    : "the upstream's answer broke off"));
        }
        String json = body.toString();
        Object error = CompletionScan.error(json);
        if (error != null) {
            return StreamErrors.failure(backendId, error);
        }
        CompletionScan scan = new CompletionScan();
        ChatEvent.Usage usage = scan.read(json);
        events.accept(new ChatEvent.Relayed(body));
        if (usage != null) {
            events.accept(usage);
        }
        FinishReason finish = scan.finish();
        return ChatEvent.Finish.of(finish == null ? FinishReason.END_TURN : finish);
    }

    private String prefix() {
        return "backend '" + backendId + "': ";
    }
}
