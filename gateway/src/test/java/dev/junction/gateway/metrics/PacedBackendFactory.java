package dev.junction.gateway.metrics;

import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendContext;
import dev.junction.plugin.BackendFactory;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ChatSink;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.pf4j.Extension;

/**
 * A test plugin's factory: a blocking backend that runs until it is cancelled. With option
 * {@code silent: true} it sends nothing at all (a CLI still starting); otherwise it starts a message
 * and streams a word every 50 ms. It reports to the {@link PacedProbe} of the request's model, which
 * stays on the gateway's class path, so the test sees what the plugin saw.
 */
@Extension
public class PacedBackendFactory implements BackendFactory {

    @Override
    public Backend create(BackendContext context) {
        return new PacedBackend(context.options().getBoolean("silent", false));
    }

    /** Runs until cancelled (at most a minute), blocking its worker thread like a CLI reader would. */
    public static class PacedBackend implements Backend {

        private final boolean silent;

        PacedBackend(boolean silent) {
            this.silent = silent;
        }

        @Override
        public boolean blocking() {
            return true;
        }

        @Override
        public void chat(ChatRequest request, ChatSink sink) {
            PacedProbe probe = PacedProbe.of(request.model());
            CountDownLatch cancelled = new CountDownLatch(1);
            sink.onCancel(() -> {
                cancelled.countDown();
                probe.cancelled().release();
            });
            probe.started().release();
            try {
                if (silent) {
                    cancelled.await(1, TimeUnit.MINUTES);
                    return;
                }
                sink.emit(new ChatEvent.MessageStart(null, request.model()));
                sink.emit(ChatEvent.BlockStart.text(0));
                for (int i = 0; i < 1200 && !cancelled.await(50, TimeUnit.MILLISECONDS); i++) {
                    sink.emit(new ChatEvent.TextDelta(0, "word" + i + " "));
                    probe.deltas().release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
