package dev.junction.plugins.echo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordsTest {

    @Test
    void words_keep_leading_space_and_join_to_the_original() {
        String text = "  Hello,\n big   world! ";
        assertThat(Words.split(text)).containsExactly("  Hello,", "\n big", "   world! ");
        assertThat(String.join("", Words.split(text))).isEqualTo(text);
    }

    @Test
    void blank_text_has_no_words() {
        assertThat(Words.split("   ")).isEmpty();
        assertThat(Words.count("")).isZero();
    }

    @Test
    void counts_words() {
        assertThat(Words.count("one two  three")).isEqualTo(3);
    }
}
