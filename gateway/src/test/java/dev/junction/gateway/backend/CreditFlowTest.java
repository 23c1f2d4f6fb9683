package dev.junction.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.bus.Addresses;
import dev.junction.gateway.bus.BusCodecs;
import dev.junction.gateway.bus.EventBatch;
import dev.junction.gateway.bus.ExchangeRequest;
import dev.junction.gateway.bus.NodeDirectory;
import dev.junction.gateway.cluster.Membership;
import dev.junction.gateway.metrics.GatewayMetrics;
import dev.junction.plugin.Backend;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ChatSink;
import dev.junction.plugin.FinishReason;
import dev.junction.plugin.Message;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The backend's side of flow control, driven over the event bus as a front end would: a backend
 * that honours {@link ChatSink#ready()} sends no more than its credit, and goes on when granted more;
 * one that ignores it has its stream cut off once the sink holds {@link BusChatSink#MAX_HELD}; either
 * way the exchange's credit address is gone once the stream ended. The events travel in batches: the
 * answer's opening one by one, then what one turn of the event loop emitted, or one grant released.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class CreditFlowTest {

    private static final int WORDS = 10_000;
    private static final ChatRequest REQUEST = ChatRequest.builder("words")
            .messages(List.of(Message.text(Message.Role.USER, "go")))
            .build();

    private final AtomicInteger emitted = new AtomicInteger();
    private final AtomicInteger cancels = new AtomicInteger();
    private NodeDirectory nodes;

    @BeforeEach
    void codecs(Vertx vertx) {
        BusCodecs.register(vertx.eventBus());
        nodes = new NodeDirectory(Membership.of(vertx));
    }

    @Test
    void a_backend_that_waits_for_ready_sends_no_more_than_its_credit(Vertx vertx, VertxTestContext test) {
        List<ChatEvent> received = new CopyOnWriteArrayList<>();
        Checkpoint finished = test.checkpoint();
        deploy(vertx, new Words(true)).onComplete(test.succeeding(deployed -> {
            vertx.eventBus().<EventBatch>consumer(Addresses.reply("x1"), message -> {
                received.addAll(message.body().events());
                if (last(message.body()) instanceof ChatEvent.Finish) {
                    test.verify(() -> assertThat(received).filteredOn(ChatEvent.TextDelta.class::isInstance).hasSize(WORDS));
                    expectNoCreditAddress(vertx, "x1", test, finished);
                }
            });
            open(vertx, "x1", 8);
            vertx.setTimer(500, quiet -> test.verify(() -> {
                assertThat(received).as("the first credit's events, and no more").hasSize(8);
                assertThat(emitted.get()).isEqualTo(8);
                vertx.eventBus().send(Addresses.credit("x1"), new JsonObject().put("events", WORDS));
            }));
        }));
    }

    @Test
    void a_backend_that_ignores_readiness_is_cut_off_and_cancelled(Vertx vertx, VertxTestContext test) {
        List<ChatEvent> received = new CopyOnWriteArrayList<>();
        Checkpoint failed = test.checkpoint();
        deploy(vertx, new Words(false)).onComplete(test.succeeding(deployed -> {
            vertx.eventBus().<EventBatch>consumer(Addresses.reply("x2"), message -> {
                received.addAll(message.body().events());
                if (last(message.body()) instanceof ChatEvent.Failed failure) {
                    test.verify(() -> {
                        assertThat(failure.message()).contains("ignores flow control");
                        assertThat(received).as("the credit's events, then the failure").hasSize(8 + 1);
                        assertThat(cancels.get()).as("the backend was told to stop").isEqualTo(1);
                        assertThat(emitted.get()).isLessThan(WORDS);
                    });
                    expectNoCreditAddress(vertx, "x2", test, failed);
                }
            });
            open(vertx, "x2", 8);
        }));
    }

    @Test
    void a_cancelled_exchange_wakes_the_waiting_backend_and_frees_its_credit_address(Vertx vertx, VertxTestContext test) {
        Checkpoint freed = test.checkpoint();
        deploy(vertx, new Words(true)).onComplete(test.succeeding(deployed -> {
            AtomicInteger received = new AtomicInteger();
            vertx.eventBus().<EventBatch>consumer(Addresses.reply("x3"), message -> {
                if (received.addAndGet(message.body().events().size()) == 4) {
                    vertx.eventBus().send(Addresses.cancel("x3"), new JsonObject());
                    vertx.setTimer(200, later -> {
                        test.verify(() -> assertThat(cancels.get()).isEqualTo(1));
                        expectNoCreditAddress(vertx, "x3", test, freed);
                    });
                }
            });
            open(vertx, "x3", 4);
        }));
    }

    @Test
    void the_opening_goes_event_by_event_then_what_one_turn_emitted_goes_as_one_batch(Vertx vertx, VertxTestContext test) {
        List<List<ChatEvent>> batches = new CopyOnWriteArrayList<>();
        Checkpoint finished = test.checkpoint();
        deploy(vertx, new Burst(10)).onComplete(test.succeeding(deployed -> {
            vertx.eventBus().<EventBatch>consumer(Addresses.reply("x4"), message -> {
                batches.add(message.body().events());
                if (last(message.body()) instanceof ChatEvent.Finish) {
                    test.verify(() -> {
                        assertThat(batches).extracting(List::size).containsExactly(1, 1, 10 + 2);
                        assertThat(batches.get(0).get(0)).isInstanceOf(ChatEvent.MessageStart.class);
                        assertThat(batches.get(1).get(0)).isInstanceOf(ChatEvent.BlockStart.class);
                    });
                    finished.flag();
                }
            });
            open(vertx, "x4", 128);
        }));
    }

    @Test
    void what_a_grant_releases_goes_as_one_batch(Vertx vertx, VertxTestContext test) {
        List<List<ChatEvent>> batches = new CopyOnWriteArrayList<>();
        Checkpoint finished = test.checkpoint();
        deploy(vertx, new Burst(20)).onComplete(test.succeeding(deployed -> {
            vertx.eventBus().<EventBatch>consumer(Addresses.reply("x5"), message -> {
                batches.add(message.body().events());
                if (batches.size() == 3) {
                    vertx.eventBus().send(Addresses.credit("x5"), new JsonObject().put("events", 100));
                }
                if (last(message.body()) instanceof ChatEvent.Finish) {
                    test.verify(() -> assertThat(batches)
                            .as("the opening, the rest of the credit, then what the grant released and the end")
                            .extracting(List::size)
                            .containsExactly(1, 1, 8 - 2, 20 + 2 - 8 + 2));
                    finished.flag();
                }
            });
            open(vertx, "x5", 8);
        }));
    }

    private static ChatEvent last(EventBatch batch) {
        return batch.events().get(batch.events().size() - 1);
    }

    private Future<String> deploy(Vertx vertx, Backend backend) {
        return vertx.deployVerticle(new BackendVerticle("words", nodes, backend, HostedContext.of("words", new JsonObject(), vertx), GatewayMetrics.create().backend("words")));
    }

    private void open(Vertx vertx, String exchange, int credit) {
        vertx.eventBus().request(
                Addresses.backend("words", nodes.self()),
                new ExchangeRequest(exchange, REQUEST, credit, nodes.self()),
                new DeliveryOptions().setCodecName("junction.exchange-request"));
    }

    private static void expectNoCreditAddress(Vertx vertx, String exchange, VertxTestContext test, Checkpoint done) {
        vertx.eventBus().request(Addresses.credit(exchange), new JsonObject().put("events", 1)).onComplete(reply -> {
            test.verify(() -> assertThat(reply.cause())
                    .as("the credit address of an ended exchange")
                    .isInstanceOfSatisfying(ReplyException.class,
                            e -> assertThat(e.failureType()).isEqualTo(ReplyFailure.NO_HANDLERS)));
            done.flag();
        });
    }

    /** Emits its answer in one go, whatever the sink says: start, block start, {@code deltas} deltas, block stop, finish. */
    private record Burst(int deltas) implements Backend {

        @Override
        public boolean blocking() {
            return false;
        }

        @Override
        public void chat(ChatRequest request, ChatSink sink) {
            sink.emit(new ChatEvent.MessageStart("m", "words"));
            sink.emit(ChatEvent.BlockStart.text(0));
            for (int i = 0; i < deltas; i++) {
                sink.emit(new ChatEvent.TextDelta(0, "w "));
            }
            sink.emit(new ChatEvent.BlockStop(0));
            sink.emit(ChatEvent.Finish.of(FinishReason.END_TURN));
        }
    }

    /**
     * Emits {@link #WORDS} deltas: while the sink is ready, waiting for its callback when it is not
     * (pacing), or all at once whatever the sink says (flooding).
     */
    private final class Words implements Backend {

        private final boolean pacing;

        Words(boolean pacing) {
            this.pacing = pacing;
        }

        @Override
        public boolean blocking() {
            return false;
        }

        @Override
        public void chat(ChatRequest request, ChatSink sink) {
            sink.onCancel(cancels::incrementAndGet);
            pump(sink);
        }

        private void pump(ChatSink sink) {
            while (emitted.get() < WORDS && !sink.cancelled() && (sink.ready() || !pacing)) {
                emitted.incrementAndGet();
                sink.emit(new ChatEvent.TextDelta(0, "w "));
            }
            if (emitted.get() == WORDS) {
                sink.emit(ChatEvent.Finish.of(FinishReason.END_TURN));
            } else if (!sink.cancelled()) {
                sink.onReady(() -> pump(sink));
            }
        }
    }
}
