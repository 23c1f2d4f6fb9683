package dev.junction.gateway.jmh;

import io.vertx.core.json.JsonObject;
import java.util.function.UnaryOperator;

/** What a {@link JsonObject} goes through between the two ends of the event bus. */
enum Transport implements UnaryOperator<JsonObject> {
    /** Nothing: the encoder's object is the decoder's. */
    NONE {
        @Override
        public JsonObject apply(JsonObject json) {
            return json;
        }
    },
    /** Local delivery: Vert.x's JSON message codec hands the consumer a deep copy. */
    LOCAL {
        @Override
        public JsonObject apply(JsonObject json) {
            return json.copy();
        }
    },
    /** To a string and back, as the wire-format tests do. */
    TEXT {
        @Override
        public JsonObject apply(JsonObject json) {
            return new JsonObject(json.encode());
        }
    },
    /** To bytes and back: what Vert.x's JSON message codec does between cluster nodes. */
    BUFFER {
        @Override
        public JsonObject apply(JsonObject json) {
            return new JsonObject(json.toBuffer());
        }
    };

    /** The transport named by a benchmark parameter. */
    static Transport of(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
