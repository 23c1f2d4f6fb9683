package dev.junction.gateway.backend;

import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendContext;
import dev.junction.plugin.BackendFactory;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ChatSink;
import dev.junction.plugin.FinishReason;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.pf4j.Extension;

/**
 * A test plugin's factory whose backend answers with the label its JAR holds
 * ({@value #LABEL_RESOURCE}); to the prompt {@value #WAIT} it streams {@code "<label>-start "},
 * waits for {@link HotProbe#openGate}, then streams {@code "<label>-end"}. Each version tells
 * {@link HotProbe} its class loader (weakly), so that a test sees it unloaded.
 */
@Extension
public class HotBackendFactory implements BackendFactory {

    /** The resource of the JAR that holds the label its backend answers with. */
    public static final String LABEL_RESOURCE = "hot-label.txt";
    /** The prompt that makes the backend wait for the probe's gate mid-stream. */
    public static final String WAIT = "wait";

    @Override
    public Backend create(BackendContext context) {
        String label = label();
        HotProbe.created(label, getClass().getClassLoader());
        return new HotBackend(label);
    }

    private static String label() {
        try (InputStream in = HotBackendFactory.class.getClassLoader().getResourceAsStream(LABEL_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers with its label; blocks its worker thread while it waits for the gate. */
    public static class HotBackend implements Backend {

        private final String label;

        HotBackend(String label) {
            this.label = label;
        }

        @Override
        public boolean blocking() {
            return true;
        }

        @Override
        public void chat(ChatRequest request, ChatSink sink) {
            boolean wait = WAIT.equals(request.messages().get(request.messages().size() - 1).text());
            sink.emit(new ChatEvent.MessageStart(null, request.model()));
            sink.emit(ChatEvent.BlockStart.text(0));
            if (wait) {
                sink.emit(new ChatEvent.TextDelta(0, label + "-start "));
                HotProbe.waitForGate();
                sink.emit(new ChatEvent.TextDelta(0, label + "-end"));
            } else {
                sink.emit(new ChatEvent.TextDelta(0, label));
            }
            sink.emit(new ChatEvent.BlockStop(0));
            sink.emit(ChatEvent.Finish.of(FinishReason.END_TURN));
        }
    }
}
