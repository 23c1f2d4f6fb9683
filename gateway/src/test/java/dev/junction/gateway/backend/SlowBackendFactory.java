package dev.junction.gateway.backend;

import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendContext;
import dev.junction.plugin.BackendFactory;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ChatSink;
import org.pf4j.Extension;

/**
 * A test plugin's factory: a blocking backend that streams a word every 50 ms until it is
 * cancelled, and reports the cancel to {@link CancelProbe} (which stays on the gateway's class path,
 * so the test sees what the plugin saw).
 */
@Extension
public class SlowBackendFactory implements BackendFactory {

    @Override
    public Backend create(BackendContext context) {
        return new SlowBackend();
    }

    /** Streams until cancelled; blocks its worker thread like a CLI reader would. */
    public static class SlowBackend implements Backend {

        @Override
        public boolean blocking() {
            return true;
        }

        @Override
        public void chat(ChatRequest request, ChatSink sink) {
            sink.onCancel(CancelProbe::cancelled);
            sink.emit(new ChatEvent.MessageStart(null, request.model()));
            sink.emit(ChatEvent.BlockStart.text(0));
            for (int i = 0; i < 1200 && !sink.cancelled(); i++) {
                sink.emit(new ChatEvent.TextDelta(0, "word" + i + " "));
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            CancelProbe.stopped();
        }
    }
}
