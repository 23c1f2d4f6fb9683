package dev.junction.plugins.geminicli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeminiPromptTest {

    @Test
    void escapes_every_at_sign_so_the_cli_reads_no_file() {
        assertThat(GeminiPrompt.inert("@Test void f() {} // mail me@example.com, \\@x"))
                .isEqualTo("\\@Test void f() {} // mail me\\@example.com, \\\\@x");
    }

    @Test
    void puts_a_space_before_a_leading_slash_so_the_cli_runs_no_command() {
        assertThat(GeminiPrompt.inert("/init")).isEqualTo(" /init");
        assertThat(GeminiPrompt.inert("a/b /init")).isEqualTo("a/b /init");
    }

    @Test
    void appends_one_labelled_reference_per_image() {
        assertThat(GeminiPrompt.of("Compare [image 1] and [image 2].", List.of(Path.of("/tmp/r/input-1.png"), Path.of("/tmp/r/input-2.jpg"))))
                .isEqualTo("Compare [image 1] and [image 2].\n\n[image 1] @/tmp/r/input-1.png\n[image 2] @/tmp/r/input-2.jpg");
        assertThat(GeminiPrompt.of("hi", List.of())).isEqualTo("hi");
    }

    @Test
    void escapes_the_characters_that_would_end_a_referenced_path() {
        assertThat(GeminiPrompt.reference(Path.of("/tmp/my dir (1)/input-1.png")))
                .isEqualTo("@/tmp/my\\ dir\\ \\(1\\)/input-1.png");
    }
}
