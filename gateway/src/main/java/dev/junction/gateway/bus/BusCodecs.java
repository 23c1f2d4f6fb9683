package dev.junction.gateway.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;

/**
 * The event-bus codecs of the chat path. On one node a message is the immutable record itself (no
 * copy, no JSON); between cluster nodes it travels in the JSON wire forms of {@link RequestWire}
 * and {@link EventBatch} (events in {@link EventWire}'s form; a relayed request in
 * {@link RawRequestWire}'s), length-prefixed.
 */
public final class BusCodecs {

    /** How an {@link EventBatch} is sent. */
    public static final DeliveryOptions EVENTS = new DeliveryOptions().setCodecName("junction.chat-events");

    static final MessageCodec<EventBatch, EventBatch> EVENT_CODEC =
            new RecordCodec<>("junction.chat-events", EventBatch::encode, EventBatch::decode);
    static final MessageCodec<ExchangeRequest, ExchangeRequest> REQUEST_CODEC =
            new RecordCodec<>("junction.exchange-request", BusCodecs::encodeRequest, BusCodecs::decodeRequest);

    private BusCodecs() {}

    /** Registers the codecs on {@code bus}; calling it again replaces them. */
    public static void register(EventBus bus) {
        for (MessageCodec<?, ?> codec : new MessageCodec<?, ?>[] {EVENT_CODEC, REQUEST_CODEC}) {
            bus.unregisterCodec(codec.name());
            bus.registerCodec(codec);
        }
    }

    /** How an {@link ExchangeRequest} is sent, with a timeout for its acceptance. */
    static DeliveryOptions requests(long timeoutMillis) {
        return new DeliveryOptions().setCodecName(REQUEST_CODEC.name()).setSendTimeout(timeoutMillis);
    }

    private static JsonObject encodeRequest(ExchangeRequest request) {
        JsonObject json = new JsonObject()
                .put("exchange", request.exchange())
                .put("credit", request.credit())
                .put("origin", request.origin());
        return request.raw() == null
                ? json.put("request", RequestWire.encode(request.request()))
                : json.put("raw", RawRequestWire.encode(request.raw()));
    }

    private static ExchangeRequest decodeRequest(JsonObject json) {
        JsonObject raw = json.getJsonObject("raw");
        return new ExchangeRequest(
                json.getString("exchange"),
                raw == null ? RequestWire.decode(json.getJsonObject("request")) : null,
                raw == null ? null : RawRequestWire.decode(raw),
                json.getInteger("credit", 0),
                json.getString("origin"));
    }

    /** An immutable record passed as it is locally and as length-prefixed JSON between nodes. */
    private record RecordCodec<T>(String name, Function<T, JsonObject> encoder, Function<JsonObject, T> decoder)
            implements MessageCodec<T, T> {

        @Override
        public void encodeToWire(Buffer buffer, T value) {
            Buffer json = encoder.apply(value).toBuffer();
            buffer.appendInt(json.length()).appendBuffer(json);
        }

        @Override
        public T decodeFromWire(int pos, Buffer buffer) {
            int length = buffer.getInt(pos);
            return decoder.apply(new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length)));
        }

        @Override
        public T transform(T value) {
            return value;
        }

        @Override
        public byte systemCodecID() {
            return -1;
        }
    }
}
