package dev.junction.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;

/** What an error answer in each dialect looks like, whoever sent it. */
public final class ErrorShapes {

    private ErrorShapes() {}

    /**
     * Asserts {@code body} is an error in the dialect of {@code path}'s family (Anthropic for
     * {@code /anthropic/...} and {@code /v1/messages...}, OpenAI otherwise), without a stack trace.
     *
     * @return the error's message
     */
    public static String assertErrorShape(String path, String body) {
        JsonObject json = new JsonObject(body);
        JsonObject error = json.getJsonObject("error");
        if (path.startsWith("/anthropic/") || path.startsWith("/v1/messages")) {
            assertThat(json.getString("type")).as(body).isEqualTo("error");
        } else {
            assertThat(json.containsKey("type")).as(body).isFalse();
        }
        assertThat(error.getString("type")).as(body).isNotBlank();
        assertThat(error.getString("message")).as(body).isNotBlank();
        assertThat(body).doesNotContain("Exception").doesNotContain("\tat ");
        return error.getString("message");
    }
}
