package dev.junction.gateway.reload;

import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendContext;
import dev.junction.plugin.BackendException;
import dev.junction.plugin.BackendFactory;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ChatSink;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import io.vertx.core.Future;
import java.util.concurrent.TimeUnit;
import org.pf4j.Extension;

/**
 * A test plugin's factory: a blocking backend that answers {@code "<label>-start <label>-end"},
 * where {@code label} is its option of that name ({@code broken} is refused). For the model {@code held} it waits at
 * {@link ReloadProbe#gate()} between the two words (ten seconds at most, or until cancelled), so a
 * test can reload the configuration while the answer is in flight. Creations and closes go to
 * {@link ReloadProbe}.
 */
@Extension
public class ReloadBackendFactory implements BackendFactory {

    @Override
    public Backend create(BackendContext context) {
        String label = context.options().getString("label", context.id());
        if (label.equals("broken")) {
            throw new BackendException(ErrorKind.INVALID_REQUEST, "options.label: 'broken' is refused");
        }
        ReloadProbe.onCreate(context.id());
        return new LabelBackend(context.id(), label);
    }

    public static class LabelBackend implements Backend {

        private final String id;
        private final String label;

        LabelBackend(String id, String label) {
            this.id = id;
            this.label = label;
        }

        @Override
        public boolean blocking() {
            return true;
        }

        @Override
        public void chat(ChatRequest request, ChatSink sink) {
            sink.onCancel(() -> ReloadProbe.cancelled().countDown());
            sink.emit(new ChatEvent.MessageStart(null, request.model()));
            sink.emit(ChatEvent.BlockStart.text(0));
            sink.emit(new ChatEvent.TextDelta(0, label + "-start "));
            if (request.model().equals("held")) {
                try {
                    for (int i = 0; i < 100 && !sink.cancelled(); i++) {
                        if (ReloadProbe.gate().await(100, TimeUnit.MILLISECONDS)) {
                            break;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            sink.emit(new ChatEvent.TextDelta(0, label + "-end"));
            sink.emit(new ChatEvent.BlockStop(0));
            sink.emit(ChatEvent.Usage.of(2, 2));
            sink.emit(ChatEvent.Finish.of(FinishReason.END_TURN));
        }

        @Override
        public Future<Void> close() {
            ReloadProbe.onClose(id);
            return Future.succeededFuture();
        }
    }
}
