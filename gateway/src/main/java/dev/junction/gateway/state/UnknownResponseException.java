package dev.junction.gateway.state;

import dev.junction.gateway.dialect.ApiError;
import dev.junction.gateway.dialect.UserText;

/**
 * A response id that its owner's store does not hold (unknown, expired, dropped, or another key's):
 * the OpenAI API's 404, which {@link #error} spells.
 */
public final class UnknownResponseException extends RuntimeException {

    private final transient ApiError error;

    private UnknownResponseException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    /** {@code previous_response_id} names no response of its owner. */
    static UnknownResponseException previous(String id) {
        return new UnknownResponseException(new ApiError(
                404, "Previous response with id '" + UserText.shorten(id) + "' not found.", "previous_response_id", null));
    }

    /** The 404 of a response {@code id} that its owner's store does not hold. */
    public static ApiError notFound(String id) {
        return ApiError.of(404, "Response with id '" + UserText.shorten(id) + "' not found.");
    }

    /** What the client is answered. */
    public ApiError error() {
        return error;
    }
}
