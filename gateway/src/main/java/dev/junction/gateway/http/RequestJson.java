package dev.junction.gateway.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.junction.gateway.dialect.InvalidRequestException;
import dev.junction.gateway.dialect.UserText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses a request body strictly, into the maps and lists a {@code JsonObject} wraps (what the
 * decoders read): UTF-8 only (overlong forms refused), standard JSON only (no comments, no
 * {@code NaN}), no key twice in an object, every number finite. Limits, each refused with a message
 * of ours naming where: {@value #MAX_DEPTH} levels of nesting, {@value #MAX_NUMBER_CHARS}
 * characters in a number, {@value #MAX_KEY_CHARS} in a key; a string may be as long as the body
 * limit lets it be. Error messages never name a library class. Thread-safe; one pass over the bytes
 * to validate them, one to parse.
 */
final class RequestJson {

    static final int MAX_DEPTH = 100;
    static final int MAX_NUMBER_CHARS = 100;
    static final int MAX_KEY_CHARS = 10_000;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    // Ours are checked as the tree is built; the parser's own stay out of the way.
                    .maxNestingDepth(Integer.MAX_VALUE)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNameLength(MAX_KEY_CHARS)
                    .build())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    /** What a parser's own message may not pass on: library names, feature names. */
    private static final Pattern INTERNALS =
            Pattern.compile("Feature|Constraints|`|com\\.fasterxml|io\\.vertx|java\\.|jackson", Pattern.CASE_INSENSITIVE);

    private RequestJson() {}

    /**
     * @return the body's value: a {@code Map}, {@code List}, {@code String}, {@code Number},
     *     {@code Boolean} or null
     * @throws InvalidRequestException when the body is not acceptable JSON, naming where
     */
    static Object parse(byte[] body) {
        int invalid = Utf8.firstInvalid(body);
        if (invalid >= 0) {
            throw new InvalidRequestException(
                    "The request body is not valid UTF-8 (byte " + invalid + " starts no valid sequence).", null);
        }
        try (JsonParser parser = FACTORY.createParser(body)) {
            Object value = value(parser, parser.nextToken(), 0);
            if (parser.nextToken() != null) {
                throw new InvalidRequestException("The request body holds more than one JSON value.", null);
            }
            return value;
        } catch (StreamConstraintsException e) {
            throw new InvalidRequestException(
                    "A key in the request body is longer than " + MAX_KEY_CHARS + " characters.", null);
        } catch (JsonProcessingException e) {
            throw notJson(e);
        } catch (IOException e) {
            throw new InvalidRequestException("The request body could not be read.", null);
        }
    }

    private static Object value(JsonParser parser, JsonToken token, int depth) throws IOException {
        if (token == null) {
            throw new InvalidRequestException("The request body ends before its JSON value does.", null);
        }
        return switch (token) {
            case START_OBJECT -> object(parser, depth + 1);
            case START_ARRAY -> array(parser, depth + 1);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(parser);
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new InvalidRequestException("The request body is not valid JSON.", null);
        };
    }

    private static Map<String, Object> object(JsonParser parser, int depth) throws IOException {
        checkDepth(parser, depth);
        Map<String, Object> object = new LinkedHashMap<>();
        for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
            if (object.containsKey(key)) {
                throw new InvalidRequestException(
                        "The request body has the key '" + UserText.shorten(key) + "' twice in one object.", path(parser));
            }
            object.put(key, value(parser, parser.nextToken(), depth));
        }
        return object;
    }

    private static List<Object> array(JsonParser parser, int depth) throws IOException {
        checkDepth(parser, depth);
        List<Object> array = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            array.add(value(parser, token, depth));
        }
        return array;
    }

    private static void checkDepth(JsonParser parser, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidRequestException(
                    "The request body nests deeper than " + MAX_DEPTH + " levels.", path(parser.getParsingContext().getParent()));
        }
    }

    private static Number number(JsonParser parser) throws IOException {
        if (parser.getTextLength() > MAX_NUMBER_CHARS) {
            String where = path(parser);
            throw new InvalidRequestException(
                    "The number" + at(where) + " is longer than " + MAX_NUMBER_CHARS + " characters.", where);
        }
        Number number = parser.getNumberValue();
        if (number instanceof Double real && !Double.isFinite(real)) {
            String where = path(parser);
            throw new InvalidRequestException(
                    "The number" + at(where) + " (" + parser.getText() + ") is too large to be a finite number.", where);
        }
        return number;
    }

    /** A parse error as "not valid JSON", with where and why in words of ours. */
    private static InvalidRequestException notJson(JsonProcessingException e) {
        String why = e.getOriginalMessage();
        why = why == null ? "" : why.lines().findFirst().orElse("");
        for (String cut : new String[] {": enable", " (not recognized", "; enable"}) {
            int at = why.indexOf(cut);
            if (at >= 0) {
                why = why.substring(0, at);
            }
        }
        if (why.toLowerCase(Locale.ROOT).contains("comment")) {
            why = "comments are not allowed";
        } else if (why.isBlank() || INTERNALS.matcher(why).find()) {
            why = "unexpected content";
        }
        String where = e.getProcessor() instanceof JsonParser parser ? path(parser) : null;
        String location = e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return new InvalidRequestException(
                "The request body is not valid JSON" + location + at(where) + ": " + UserText.shorten(why) + ".", where);
    }

    private static String at(String where) {
        return where == null ? "" : " at '" + where + "'";
    }

    private static String path(JsonParser parser) {
        return path(parser.getParsingContext());
    }

    /** Where the parser is, as {@code messages[0].content} ({@link UserText#shorten shortened}); null at the top level. */
    private static String path(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray()) {
                path.insert(0, "[" + Math.max(0, at.getCurrentIndex()) + "]");
            } else if (at.getCurrentName() != null) {
                path.insert(0, (at.getParent() != null && !at.getParent().inRoot() ? "." : "") + at.getCurrentName());
            }
        }
        return path.isEmpty() ? null : UserText.shorten(path.toString());
    }
}
