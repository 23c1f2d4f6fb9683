package dev.junction.plugin;

/**
 * How many input tokens a request has.
 *
 * @param exact whether the upstream counted them; {@code false} for an estimate
 *
 * @since 1.0.0
 */
public record TokenCount(int inputTokens, boolean exact) {

    private static final int CHARACTERS_PER_TOKEN = 4;

    /**
     * An estimate of every block of the request: text, tool definitions (name, description, schema),
     * tool calls and results, and reasoning at about four characters to a token (English text,
     * code and JSON); an image by its size ({@link ImageTokens}); a document by its text or its
     * pages ({@link DocumentTokens}).
     */
    public static TokenCount estimate(ChatRequest request) {
        long characters = 0;
        for (ContentPart part : request.system()) {
            characters += characters(part);
        }
        for (Message message : request.messages()) {
            for (ContentPart part : message.content()) {
                characters += characters(part);
            }
        }
        for (Tool tool : request.tools()) {
            characters += tool.name().length() + (tool.description() == null ? 0 : tool.description().length())
                    + tool.inputSchema().encode().length();
        }
        return new TokenCount((int) Math.max(1, (characters + CHARACTERS_PER_TOKEN - 1) / CHARACTERS_PER_TOKEN), false);
    }

    private static long characters(ContentPart part) {
        if (part instanceof ContentPart.Text text) {
            return text.text().length();
        } else if (part instanceof ContentPart.ToolCall call) {
            return call.name().length() + call.arguments().length();
        } else if (part instanceof ContentPart.ToolResult result) {
            return result.content().stream().mapToLong(TokenCount::characters).sum();
        } else if (part instanceof ContentPart.Thinking thinking) {
            return thinking.text().length();
        } else if (part instanceof ContentPart.RedactedThinking redacted) {
            return redacted.data().length();
        } else if (part instanceof ContentPart.Image image) {
            return (long) ImageTokens.of(image) * CHARACTERS_PER_TOKEN;
        } else if (part instanceof ContentPart.Document document) {
            return DocumentTokens.characters(document);
        }
        return 0;
    }
}
