package dev.junction.gateway.dialect;

/**
 * A request body that its dialect rejects: answered with 400.
 *
 * @see ApiError#invalidRequest(String, String)
 */
public class InvalidRequestException extends RuntimeException {

    private final String param;

    /**
     * @param param the offending field as a path ({@code messages[2].role}), or {@code null}
     */
    public InvalidRequestException(String message, String param) {
        super(message, null, false, false);
        this.param = param;
    }

    public String param() {
        return param;
    }
}
