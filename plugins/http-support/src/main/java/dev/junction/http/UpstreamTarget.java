package dev.junction.http;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import io.vertx.core.http.HttpClosedException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/**
 * One backend's upstream as failure messages name it: the backend id and {@code host:port}. Also
 * keeps the API key out of every message it builds or passes on. Immutable and thread-safe; its
 * {@link #toString()} shows no key.
 */
final class UpstreamTarget {

    private static final String REDACTED = "[redacted]";

    private final String backendId;
    private final String hostPort;
    private final String secret;

    private UpstreamTarget(String backendId, String hostPort, String secret) {
        this.backendId = backendId;
        this.hostPort = hostPort;
        this.secret = secret;
    }

    /**
     * The target of {@code baseUrl}; {@code apiKey} (may be {@code null}) is redacted from messages.
     *
     * @throws dev.junction.plugin.BackendException {@code INVALID_REQUEST} naming {@code options.baseUrl}
     */
    static UpstreamTarget of(String backendId, String baseUrl, String apiKey) {
        URI uri;
        try {
            uri = new URI(baseUrl);
        } catch (URISyntaxException e) {
            throw HttpOptions.invalid("baseUrl", "is not a valid URL: " + e.getReason());
        }
        if (uri.getHost() == null) {
            throw HttpOptions.invalid("baseUrl", "names no host");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        String secret = apiKey != null && apiKey.length() >= 4 ? apiKey : null;
        return new UpstreamTarget(backendId, uri.getHost() + ":" + port, secret);
    }

    String backendId() {
        return backendId;
    }

    String hostPort() {
        return hostPort;
    }

    /** No connection could be opened: refused, unknown host, connect timeout, TLS handshake. */
    ChatEvent.Failed unreachable(Throwable cause) {
        return ChatEvent.Failed.of(ErrorKind.UNAVAILABLE, prefix() + "cannot reach " + hostPort + ": " + reason(cause));
    }

    /** The connection failed after it was open, before the answer was complete. */
    ChatEvent.Failed broken(Throwable cause) {
        return ChatEvent.Failed.of(
                ErrorKind.UPSTREAM, prefix() + "the connection to " + hostPort + " failed: " + reason(cause));
    }

    ChatEvent.Failed firstByteTimeout(int seconds) {
        return ChatEvent.Failed.of(
                ErrorKind.TIMEOUT, prefix() + "the upstream did not answer within " + seconds + " s");
    }

    ChatEvent.Failed totalTimeout(int seconds) {
        return ChatEvent.Failed.of(
                ErrorKind.TIMEOUT, prefix() + "the upstream did not finish within " + seconds + " s");
    }

    /** A classified failure whose message may quote the upstream, with the key taken out. */
    ChatEvent.Failed redact(ChatEvent.Failed failed) {
        return new ChatEvent.Failed(failed.kind(), redact(failed.message()), failed.retryAfterSeconds());
    }

    String redact(String text) {
        return secret == null || text == null ? text : text.replace(secret, REDACTED);
    }

    String prefix() {
        return "backend '" + backendId + "': ";
    }

    private String reason(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof io.netty.channel.ConnectTimeoutException) {
                return "connection timed out";
            }
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof SSLException) {
                return "TLS failed: " + redact(t.getMessage());
            }
            if (t instanceof HttpClosedException) {
                return "connection closed";
            }
        }
        String message = cause.getMessage();
        return redact(message == null || message.isBlank() ? cause.getClass().getSimpleName() : message);
    }

    @Override
    public String toString() {
        return "UpstreamTarget[" + backendId + " at " + hostPort + "]";
    }
}
