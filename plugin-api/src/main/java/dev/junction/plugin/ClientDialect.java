package dev.junction.plugin;

/**
 * The names of the wire formats a client may speak, as {@link ChatRequest#dialect()} carries them.
 * A backend whose upstream speaks the same one may forward what the gateway did not understand
 * (the request's and its parts' {@code extra}, the provider headers); a later gateway may add
 * names, so compare with these rather than switching over them exhaustively.
 *
 * @since 1.0.0
 */
public final class ClientDialect {

    /** OpenAI Chat Completions ({@code POST /v1/chat/completions}). */
    public static final String OPENAI = "openai";
    /** Anthropic Messages ({@code POST /v1/messages}). */
    public static final String ANTHROPIC = "anthropic";
    /** OpenAI Responses ({@code POST /v1/responses}). */
    public static final String RESPONSES = "responses";

    private ClientDialect() {}
}
