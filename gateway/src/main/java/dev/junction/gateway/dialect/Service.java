package dev.junction.gateway.dialect;

/** What answers an {@link Endpoint}: a dialect's codec, or the gateway itself in the family's shape. */
public sealed interface Service {

    /** A chat endpoint: decode, call a backend, encode whole or streamed. */
    record Chat(ChatDialect dialect) implements Service {}

    /**
     * A chat endpoint whose answers the gateway keeps, so that a later request continues one
     * ({@code previous_response_id}) and the client can read or delete it: the Responses API.
     */
    record StoredChat(ChatDialect dialect) implements Service {}

    /** An embeddings endpoint. */
    record Embeddings(EmbeddingsDialect dialect) implements Service {}

    /** A token-counting endpoint. */
    record CountTokens(TokenCountDialect dialect) implements Service {}

    /** Answered by the gateway itself, in the endpoint family's shape. */
    enum Fixed implements Service {
        /** The models the gateway serves. */
        MODEL_LIST,
        /** One model, its id the path's {@code id}. */
        MODEL,
        /** The base URL itself, which clients probe ({@code HEAD /}) before they call the API. */
        ROOT,
        /** One stored answer of the Responses API, its id the path's {@code id}. */
        RESPONSE,
        /** Deletes one stored answer of the Responses API. */
        DELETE_RESPONSE,
        /** The input items of one stored answer of the Responses API. */
        RESPONSE_INPUT_ITEMS
    }
}
