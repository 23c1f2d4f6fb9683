package dev.junction.http;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When an upstream says to try again, in whole seconds (rounded up, at least 1). Reads, first found
 * wins: {@code retry-after-ms}; {@code Retry-After} (seconds or an HTTP date); a Gemini
 * {@code RetryInfo.retryDelay} in the body; the latest reset among the exhausted limits of
 * OpenAI's {@code x-ratelimit-*} and Anthropic's {@code anthropic-ratelimit-*} headers. Pure.
 */
final class RetryAfter {

    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");
    private static final Pattern GO_DURATION = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ms|h|m|s))+");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    private RetryAfter() {}

    static Optional<Integer> seconds(MultiMap headers, Buffer body, Instant now) {
        return fromMillisHeader(headers)
                .or(() -> fromRetryAfter(headers.get("retry-after"), now))
                .or(() -> fromGeminiBody(body))
                .or(() -> fromResetHeaders(headers, now));
    }

    private static Optional<Integer> fromMillisHeader(MultiMap headers) {
        String value = headers.get("retry-after-ms");
        if (value == null || !NUMBER.matcher(value.strip()).matches()) {
            return Optional.empty();
        }
        return Optional.of(roundUp(Double.parseDouble(value.strip()) / 1000));
    }

    private static Optional<Integer> fromRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.strip();
        if (NUMBER.matcher(trimmed).matches()) {
            return Optional.of(roundUp(Double.parseDouble(trimmed)));
        }
        try {
            Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(until(at, now));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> fromGeminiBody(Buffer body) {
        if (body == null || body.length() == 0) {
            return Optional.empty();
        }
        Object value;
        try {
            value = Json.decodeValue(body.toString(StandardCharsets.UTF_8));
        } catch (DecodeException e) {
            return Optional.empty();
        }
        if (value instanceof JsonArray array && !array.isEmpty()) {
            value = array.getValue(0);
        }
        if (!(value instanceof JsonObject object)
                || !(object.getValue("error") instanceof JsonObject error)
                || !(error.getValue("details") instanceof JsonArray details)) {
            return Optional.empty();
        }
        for (Object detail : details) {
            if (detail instanceof JsonObject info && info.getValue("retryDelay") instanceof String delay) {
                Optional<Integer> seconds = goDuration(delay);
                if (seconds.isPresent()) {
                    return seconds;
                }
            }
        }
        return Optional.empty();
    }

    /** The latest reset among limits whose remaining count is 0. */
    private static Optional<Integer> fromResetHeaders(MultiMap headers, Instant now) {
        Optional<Integer> latest = Optional.empty();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(java.util.Locale.ROOT);
            Optional<Integer> reset = Optional.empty();
            if (name.startsWith("x-ratelimit-reset-")) {
                String limit = name.substring("x-ratelimit-reset-".length());
                if ("0".equals(strip(headers.get("x-ratelimit-remaining-" + limit)))) {
                    reset = goDuration(header.getValue());
                }
            } else if (name.startsWith("anthropic-ratelimit-") && name.endsWith("-reset")) {
                String limit = name.substring(0, name.length() - "-reset".length());
                if ("0".equals(strip(headers.get(limit + "-remaining")))) {
                    reset = rfc3339(header.getValue(), now);
                }
            }
            if (reset.isPresent() && (latest.isEmpty() || reset.get() > latest.get())) {
                latest = reset;
            }
        }
        return latest;
    }

    /** A Go-style duration ({@code 1s}, {@code 6m0s}, {@code 20ms}, {@code 0.5s}) or plain seconds. */
    static Optional<Integer> goDuration(String value) {
        String trimmed = strip(value);
        if (trimmed == null) {
            return Optional.empty();
        }
        if (NUMBER.matcher(trimmed).matches()) {
            return Optional.of(roundUp(Double.parseDouble(trimmed)));
        }
        if (!GO_DURATION.matcher(trimmed).matches()) {
            return Optional.empty();
        }
        double seconds = 0;
        Matcher part = GO_DURATION_PART.matcher(trimmed);
        while (part.find()) {
            double amount = Double.parseDouble(part.group(1));
            seconds += switch (part.group(2)) {
                case "h" -> amount * 3600;
                case "m" -> amount * 60;
                case "ms" -> amount / 1000;
                default -> amount;
            };
        }
        return Optional.of(roundUp(seconds));
    }

    private static Optional<Integer> rfc3339(String value, Instant now) {
        try {
            return Optional.of(until(OffsetDateTime.parse(value.strip()).toInstant(), now));
        } catch (DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static int until(Instant at, Instant now) {
        long millis = Duration.between(now, at).toMillis();
        return roundUp(millis / 1000.0);
    }

    private static int roundUp(double seconds) {
        if (!(seconds > 1)) {
            return 1;
        }
        return seconds >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.ceil(seconds);
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
