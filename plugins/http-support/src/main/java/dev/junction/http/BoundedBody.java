package dev.junction.http;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;

/**
 * Reads a response body into memory, never more than a bound. Must be called in the callback that
 * delivered the response, before it returns, so that no chunk is missed.
 */
final class BoundedBody {

    private BoundedBody() {}

    /** The body's first {@code max} bytes; the rest is read and dropped. */
    static Future<Buffer> head(HttpClientResponse response, int max) {
        return read(response, max, false);
    }

    /** The whole body; fails with {@link TooLarge} (and stops reading) beyond {@code max} bytes. */
    static Future<Buffer> all(HttpClientResponse response, int max) {
        return read(response, max, true);
    }

    /** A body longer than the bound. */
    static final class TooLarge extends RuntimeException {
        TooLarge(int max) {
            super("the answer is larger than " + max + " bytes", null, false, false);
        }
    }

    private static Future<Buffer> read(HttpClientResponse response, int max, boolean failWhenLarger) {
        Promise<Buffer> body = Promise.promise();
        Buffer buffer = Buffer.buffer();
        response.handler(chunk -> {
            int room = max - buffer.length();
            if (chunk.length() <= room) {
                buffer.appendBuffer(chunk);
            } else if (failWhenLarger) {
                body.tryFail(new TooLarge(max));
            } else if (room > 0) {
                buffer.appendBuffer(chunk, 0, room);
            }
        });
        response.exceptionHandler(body::tryFail);
        response.endHandler(done -> body.tryComplete(buffer));
        return body.future();
    }
}
