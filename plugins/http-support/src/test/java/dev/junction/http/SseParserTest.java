package dev.junction.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SseParserTest {

    /** A stream shaped like Anthropic's: named events, a comment, a ping, odd whitespace, UTF-8. */
    private static final String ANTHROPIC_LIKE = """
            : keep-alive comment
            event: message_start
            data: {"type":"message_start"}

            event: ping
            data: {"type": "ping"}

            event: content_block_delta
            data: {"text":"héllo wörld ✓"}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    private static final List<SseEvent> ANTHROPIC_LIKE_EVENTS = List.of(
            new SseEvent("message_start", "{\"type\":\"message_start\"}"),
            new SseEvent("ping", "{\"type\": \"ping\"}"),
            new SseEvent("content_block_delta", "{\"text\":\"héllo wörld ✓\"}"),
            new SseEvent("message_stop", "{\"type\":\"message_stop\"}"));

    static Stream<Arguments> streams() {
        return Stream.of(
                Arguments.of("named events, comment, UTF-8", ANTHROPIC_LIKE, ANTHROPIC_LIKE_EVENTS),
                Arguments.of(
                        "CRLF line ends",
                        ANTHROPIC_LIKE.replace("\n", "\r\n"),
                        ANTHROPIC_LIKE_EVENTS),
                Arguments.of("CR line ends", ANTHROPIC_LIKE.replace("\n", "\r"), ANTHROPIC_LIKE_EVENTS),
                Arguments.of(
                        "OpenAI style without names, then [DONE]",
                        "data: {\"a\":1}\n\ndata: {\"a\":2}\n\ndata: [DONE]\n\n",
                        List.of(new SseEvent(null, "{\"a\":1}"), new SseEvent(null, "{\"a\":2}"), new SseEvent(null, "[DONE]"))),
                Arguments.of(
                        "multi-line data joins with newline",
                        "data: first\ndata: second\ndata:\ndata:  indented\n\n",
                        List.of(new SseEvent(null, "first\nsecond\n\n indented"))),
                Arguments.of(
                        "no space after the colon",
                        "event:delta\ndata:x\n\n",
                        List.of(new SseEvent("delta", "x"))),
                Arguments.of(
                        "last event without a trailing blank line",
                        "data: one\n\ndata: two",
                        List.of(new SseEvent(null, "one"), new SseEvent(null, "two"))),
                Arguments.of(
                        "last event ends with one newline only",
                        "event: end\ndata: two\n",
                        List.of(new SseEvent("end", "two"))),
                Arguments.of(
                        "comments, id and retry ignored",
                        ":comment\nid: 7\nretry: 1000\ndata: x\n: another\n\n",
                        List.of(new SseEvent(null, "x"))),
                Arguments.of(
                        "an event without data is not dispatched, and its name does not leak",
                        "event: ping\n\ndata: x\n\n",
                        List.of(new SseEvent(null, "x"))),
                Arguments.of(
                        "extra blank lines between events",
                        "\n\ndata: a\n\n\n\ndata: b\n\n",
                        List.of(new SseEvent(null, "a"), new SseEvent(null, "b"))),
                Arguments.of(
                        "a leading byte order mark is dropped",
                        "\uFEFFdata: a\n\n",
                        List.of(new SseEvent(null, "a"))),
                Arguments.of(
                        "an empty first data line still joins",
                        "data:\ndata: x\n\n",
                        List.of(new SseEvent(null, "\nx"))),
                Arguments.of(
                        "a byte order mark before a comment or a name is dropped",
                        "\uFEFF: c\nevent: e\ndata: a\n\n",
                        List.of(new SseEvent("e", "a"))),
                Arguments.of(
                        "a byte order mark after the first line is part of the name",
                        "data: a\n\n\uFEFFdata: b\n\n",
                        List.of(new SseEvent(null, "a"))),
                Arguments.of(
                        "names that only start like data or event are unknown fields",
                        "datum: x\ndata2: y\ndat: z\nevents: w\ndata: a\n\n",
                        List.of(new SseEvent(null, "a"))),
                Arguments.of(
                        "a field without a colon has an empty value",
                        "event: e\nevent\ndata\n\n",
                        List.of(new SseEvent(null, ""))),
                Arguments.of(
                        "UTF-8 in an event name and after a colon in the value",
                        "event: dëltä ✓\ndata: {\"k\":\"a: ü\"}\n\n",
                        List.of(new SseEvent("dëltä ✓", "{\"k\":\"a: ü\"}"))),
                Arguments.of("empty stream", "", List.of()),
                Arguments.of("only comments", ": hi\n: there\n", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void parses_a_whole_stream(String name, String stream, List<SseEvent> expected) {
        assertThat(parse(List.of(stream.getBytes(StandardCharsets.UTF_8)))).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void parses_the_same_when_split_into_two_chunks_at_any_byte(String name, String stream, List<SseEvent> expected) {
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= bytes.length; split++) {
            List<byte[]> chunks = List.of(Arrays.copyOfRange(bytes, 0, split), Arrays.copyOfRange(bytes, split, bytes.length));
            assertThat(parse(chunks)).as("split at byte %d", split).containsExactlyElementsOf(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void parses_the_same_when_fed_one_byte_at_a_time(String name, String stream, List<SseEvent> expected) {
        List<byte[]> chunks = new ArrayList<>();
        for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
            chunks.add(new byte[] {b});
        }
        assertThat(parse(chunks)).containsExactlyElementsOf(expected);
    }

    @Test
    void invalid_utf8_in_a_value_becomes_the_replacement_character_and_in_a_name_matches_nothing() {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        parser.feed(new byte[] {'d', 'a', 't', (byte) 0xE1, ':', ' ', 'x', '\n', 'd', 'a', 't', 'a', ':', ' ', 'a',
            (byte) 0xFF, 'b', (byte) 0xE2, (byte) 0x9C, '\n', '\n'});

        assertThat(events).containsExactly(new SseEvent(null, "a\uFFFDb\uFFFD"));
    }

    @Test
    void dispatches_each_event_as_soon_as_its_blank_line_arrives() {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);

        parser.feed("data: one\n".getBytes(StandardCharsets.UTF_8));
        assertThat(events).isEmpty();
        parser.feed("\ndata: tw".getBytes(StandardCharsets.UTF_8));
        assertThat(events).containsExactly(new SseEvent(null, "one"));
        parser.feed("o\r".getBytes(StandardCharsets.UTF_8));
        parser.feed("\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(events).containsExactly(new SseEvent(null, "one"), new SseEvent(null, "two"));
    }

    @Test
    void a_carriage_return_ending_a_chunk_and_a_newline_starting_the_next_are_one_line_end() {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);

        parser.feed("data: a\r".getBytes(StandardCharsets.UTF_8));
        parser.feed("\ndata: b\r".getBytes(StandardCharsets.UTF_8));
        parser.feed("\n\r".getBytes(StandardCharsets.UTF_8));
        parser.feed("\n".getBytes(StandardCharsets.UTF_8));

        assertThat(events).containsExactly(new SseEvent(null, "a\nb"));
    }

    private static List<SseEvent> parse(List<byte[]> chunks) {
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        chunks.forEach(parser::feed);
        parser.end();
        return events;
    }
}
