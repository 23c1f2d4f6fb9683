package dev.junction.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    @Test
    void splits_on_newlines_drops_carriage_returns_and_keeps_a_last_line_without_newline() throws IOException {
        assertThat(lines("one\r\ntwo\n\nthree", 100)).containsExactly("one", "two", "", "three");
    }

    @Test
    void decodes_a_character_split_across_reads() throws IOException {
        String line = "x".repeat(64 * 1024 - 1) + "é€😀";

        assertThat(lines(line + "\nnext\n", 1024 * 1024)).containsExactly(line, "next");
    }

    @Test
    void accepts_a_line_at_the_limit_and_fails_on_one_byte_more() throws IOException {
        assertThat(lines("abcd\n", 4)).containsExactly("abcd");

        LineReader reader = new LineReader(stream("abcde\n"), 4);
        assertThatThrownBy(reader::readLine).isInstanceOf(LineReader.LineTooLongException.class);
    }

    private static List<String> lines(String text, int limit) throws IOException {
        LineReader reader = new LineReader(stream(text), limit);
        List<String> lines = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lines.add(line);
        }
        return lines;
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
