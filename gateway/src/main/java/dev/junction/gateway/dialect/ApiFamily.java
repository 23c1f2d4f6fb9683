package dev.junction.gateway.dialect;

import dev.junction.plugin.ErrorKind;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An API family (OpenAI, Anthropic): what all its endpoints share (the error shape and statuses,
 * the model lists, the keep-alive of its streams) and how a request is told to be the family's
 * where the path does not say. Pure and thread-safe; knows nothing of HTTP routing or the bus.
 */
public interface ApiFamily {

    /** A short name for logs and metrics: {@code openai}, {@code anthropic}. */
    String name();

    /** The HTTP status this family gives a backend failure of {@code kind}. */
    int status(ErrorKind kind);

    /** The error response body for {@code error}. */
    JsonObject errorBody(ApiError error);

    /** The body of {@code GET models}. */
    JsonObject modelList(List<ModelEntry> models);

    /** The body of {@code GET models/{id}}. */
    JsonObject model(ModelEntry model);

    /**
     * What a stream writes after a long silence so that clients and proxies do not give up on it:
     * wire text that the official SDKs skip.
     */
    String keepAlive();

    /**
     * Whether a request on a path that several families serve ({@code /v1/models}), or that no
     * endpoint serves, comes from this family's clients: the Anthropic SDKs always send
     * {@code anthropic-version}.
     */
    boolean claims(MultiMap headers);

    /**
     * Lower-case path prefixes that are this family's even where no endpoint is declared, so that
     * an unknown path under them gets this family's error shape ({@code /anthropic/}).
     */
    List<String> pathPrefixes();
}
