package dev.junction.cli;

import static dev.junction.cli.FakeCli.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.FinishReason;
import dev.junction.plugin.testkit.RecordingSink;
import dev.junction.plugin.testkit.StreamGrammar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a client sees of a CLI's output: the answer, crashes, garbage, floods. */
@Timeout(30)
class CliBackendStreamTest {

    private final FakeCli cli = new FakeCli();

    @AfterEach
    void close() {
        cli.close();
    }

    @Test
    void streams_text_deltas_in_order_and_finishes_once() {
        RecordingSink sink = new RecordingSink();

        cli.backend("stream").chat(request("hi"), sink);

        assertThat(sink.events()).map(Object::getClass).containsExactly(
                ChatEvent.MessageStart.class, ChatEvent.BlockStart.class, ChatEvent.TextDelta.class,
                ChatEvent.TextDelta.class, ChatEvent.TextDelta.class, ChatEvent.BlockStop.class, ChatEvent.Finish.class);
        assertThat(sink.text()).isEqualTo("Hello from fake: hi");
        StreamGrammar.assertValid(sink.events());
    }

    @Test
    void reports_a_crash_mid_stream_with_the_exit_code_and_stderr() {
        RecordingSink sink = new RecordingSink();

        cli.backend("crash").chat(request("hi"), sink);

        assertThat(sink.text()).isEqualTo("Hello");
        ChatEvent.Failed failed = sink.awaitFailure();
        assertThat(failed.kind()).isEqualTo(ErrorKind.UPSTREAM);
        assertThat(failed.message()).contains("exited with code 3").contains("fatal: the model fell over");
        StreamGrammar.assertValid(sink.events());
    }

    @Test
    void skips_lines_that_are_not_json_objects() {
        RecordingSink sink = new RecordingSink();

        cli.backend("garbage").chat(request("hi"), sink);

        assertThat(sink.text()).isEqualTo("Hello world");
        assertThat(sink.events()).last().isEqualTo(ChatEvent.Finish.of(FinishReason.END_TURN));
        StreamGrammar.assertValid(sink.events());
    }

    @Test
    void explains_an_exit_without_output_with_the_tail_of_stderr() {
        RecordingSink sink = new RecordingSink();

        cli.backend("quiet-fail").chat(request("hi"), sink);

        String message = sink.awaitFailure().message();
        assertThat(message).contains("exited with code 2").endsWith("error: invalid API key");
        assertThat(message).as("only the tail of 100 KB of stderr")
                .doesNotContain("noise line 0 ")
                .hasSizeLessThan(StderrTail.CAPACITY + 100);
        StreamGrammar.assertValid(sink.events());
    }

    @Test
    void streams_fifty_megabytes_of_output_through() {
        RecordingSink sink = RecordingSink.countingText();

        cli.backend("huge").chat(request("hi"), sink);

        assertThat(sink.textLength()).isEqualTo(50_000_000L);
        assertThat(sink.events()).last().isInstanceOf(ChatEvent.Finish.class);
        StreamGrammar.assertValid(sink.events());
    }

    @Test
    void fails_cleanly_on_a_line_over_sixteen_mebibytes() throws InterruptedException {
        RecordingSink sink = new RecordingSink();

        cli.backend("long-line").chat(request("hi"), sink);

        assertThat(sink.awaitFailure()).isEqualTo(
                ChatEvent.Failed.of(ErrorKind.UPSTREAM, "Fake CLI printed a line too long (over 16 MiB)"));
        FakeCli.assertAllDead(cli.pids(1));
        StreamGrammar.assertValid(sink.events());
    }

    @Test
    void finishes_when_the_cli_never_reads_a_large_prompt() {
        RecordingSink sink = new RecordingSink();

        cli.backend("deaf").chat(request("x".repeat(1_000_000)), sink);

        assertThat(sink.text()).isEqualTo("not listening");
        StreamGrammar.assertValid(sink.events());
    }
}
