package dev.junction.gateway.http;

import dev.junction.gateway.dialect.ChatDialect;
import dev.junction.gateway.bus.Demand;
import dev.junction.gateway.dialect.ChatResultCollector;
import dev.junction.gateway.dialect.DecodedRequest;
import dev.junction.plugin.ChatEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * An answer the gateway keeps ({@code Service.StoredChat}): it passes every event on to the client's
 * writer, and once the answer is complete, keeps it in the dialect's kept form
 * ({@link ChatDialect#encodeKept}) before the client sees its end, so that a follow-up sent the
 * moment the client has the answer finds it. The
 * answer's id is the gateway's own, fixed at its start: unique, since the client reads the answer
 * back by it (an upstream's ids may repeat), and the same in the streamed and the kept answer. A
 * failed answer is not kept.
 */
final class KeptAnswer implements AnswerWriter {

    private final AnswerWriter client;
    private final ChatDialect dialect;
    private final DecodedRequest request;
    private final Function<JsonObject, Future<Void>> keeper;
    private final ChatResultCollector collector;

    /** @param keeper keeps the whole answer; its future completes (never fails) once it is kept */
    KeptAnswer(AnswerWriter client, ChatDialect dialect, DecodedRequest request, Function<JsonObject, Future<Void>> keeper) {
        this.client = client;
        this.dialect = dialect;
        this.request = request;
        this.keeper = keeper;
        this.collector = new ChatResultCollector(request.request().model());
    }

    @Override
    public void write(ChatEvent event) {
        if (event instanceof ChatEvent.MessageStart start) {
            event = new ChatEvent.MessageStart(RequestIds.fresh(), start.model());
        }
        if (event instanceof ChatEvent.Finish finish) {
            JsonObject whole = dialect.encodeKept(collector.finish(finish), request);
            keeper.apply(whole).onComplete(kept -> client.write(finish));
            return;
        }
        if (!(event instanceof ChatEvent.Failed)) {
            collector.accept(event);
        }
        client.write(event);
    }

    @Override
    public void paceWith(Demand source) {
        client.paceWith(source);
    }

    @Override
    public void close() {
        client.close();
    }
}
