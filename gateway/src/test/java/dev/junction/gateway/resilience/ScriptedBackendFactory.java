package dev.junction.gateway.resilience;

import dev.junction.plugin.Backend;
import dev.junction.plugin.BackendContext;
import dev.junction.plugin.BackendFactory;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ChatSink;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import io.vertx.core.Vertx;
import org.pf4j.Extension;

/**
 * A test plugin's factory: a non-blocking backend whose behaviour the model name chooses, and that
 * reports each chat and cancel to {@link ScriptProbe}. Answers are {@code "ok from <backend id>"}.
 *
 * <ul>
 *   <li>{@code flaky}: fails as {@link ScriptProbe#failure} while {@link ScriptProbe#failuresLeft}
 *       lasts, then answers; {@code flaky-after-start} sends its message start before failing;
 *   <li>{@code text-then-fail}: starts, sends the text "a", then fails as overloaded;
 *   <li>{@code down}: always unavailable; {@code invalid}: always an invalid request;
 *       {@code limited}: always rate limited, come back in 60 s;
 *   <li>{@code silent}: sends nothing; {@code stall}: starts, sends "a", then nothing;
 *       {@code drip}: sends a word every 200 ms, never finishing;
 *   <li>anything else: answers at once.
 * </ul>
 */
@Extension
public class ScriptedBackendFactory implements BackendFactory {

    @Override
    public Backend create(BackendContext context) {
        return new ScriptedBackend(context.id(), context.vertx());
    }

    public static class ScriptedBackend implements Backend {

        private final String id;
        private final Vertx vertx;

        ScriptedBackend(String id, Vertx vertx) {
            this.id = id;
            this.vertx = vertx;
        }

        @Override
        public boolean blocking() {
            return false;
        }

        @Override
        public void chat(ChatRequest request, ChatSink sink) {
            String model = request.model();
            ScriptProbe.chat(id, model);
            sink.onCancel(() -> ScriptProbe.cancelled(id, model));
            switch (model) {
                case "flaky", "flaky-after-start" -> {
                    if (ScriptProbe.failuresLeft.getAndDecrement() > 0) {
                        if (model.equals("flaky-after-start")) {
                            sink.emit(new ChatEvent.MessageStart("msg_scripted", model));
                        }
                        sink.emit(ScriptProbe.failure);
                    } else {
                        answer(sink, model);
                    }
                }
                case "text-then-fail" -> {
                    begin(sink, model, "a");
                    sink.emit(ChatEvent.Failed.of(ErrorKind.OVERLOADED, "scripted overload after text"));
                }
                case "down" -> sink.emit(ChatEvent.Failed.of(ErrorKind.UNAVAILABLE, "scripted backend is down"));
                case "invalid" -> sink.emit(ChatEvent.Failed.of(ErrorKind.INVALID_REQUEST, "scripted refusal"));
                case "limited" -> sink.emit(new ChatEvent.Failed(ErrorKind.RATE_LIMITED, "scripted rate limit", 60));
                case "silent" -> {}
                case "stall" -> begin(sink, model, "a");
                case "drip" -> {
                    begin(sink, model, "drip ");
                    vertx.setPeriodic(200, timer -> {
                        if (sink.cancelled()) {
                            vertx.cancelTimer(timer);
                        } else {
                            sink.emit(new ChatEvent.TextDelta(0, "drip "));
                        }
                    });
                }
                default -> answer(sink, model);
            }
        }

        private static void begin(ChatSink sink, String model, String text) {
            sink.emit(new ChatEvent.MessageStart("msg_scripted", model));
            sink.emit(ChatEvent.BlockStart.text(0));
            sink.emit(new ChatEvent.TextDelta(0, text));
        }

        private void answer(ChatSink sink, String model) {
            begin(sink, model, "ok from " + id);
            sink.emit(new ChatEvent.BlockStop(0));
            sink.emit(ChatEvent.Usage.of(3, 3));
            sink.emit(ChatEvent.Finish.of(FinishReason.END_TURN));
        }
    }
}
