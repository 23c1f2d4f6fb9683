package dev.junction.gateway.dialect.anthropic;

import com.anthropic.core.ObjectMappers;
import com.fasterxml.jackson.core.JsonProcessingException;

/** Reads and writes JSON the way the official anthropic-java SDK does. */
final class Sdk {

    private Sdk() {}

    static <T> T read(String json, Class<T> type) {
        try {
            return ObjectMappers.jsonMapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the SDK cannot read " + json, e);
        }
    }

    static String write(Object value) {
        try {
            return ObjectMappers.jsonMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
