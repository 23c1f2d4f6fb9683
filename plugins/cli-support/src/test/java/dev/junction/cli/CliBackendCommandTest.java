package dev.junction.cli;

import static dev.junction.cli.FakeCli.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.plugin.Availability;
import dev.junction.plugin.ChatEvent;
import dev.junction.plugin.ChatRequest;
import dev.junction.plugin.ContentPart;
import dev.junction.plugin.ErrorKind;
import dev.junction.plugin.Message;
import dev.junction.plugin.testkit.RecordingSink;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Finding the CLI, saying how to install it when it is missing, and listing models. */
@Timeout(30)
class CliBackendCommandTest {

    private final FakeCli cli = new FakeCli();

    @AfterEach
    void close() {
        cli.close();
    }

    @Test
    void fails_as_unavailable_with_the_install_hint_when_the_command_is_missing() {
        RecordingSink sink = new RecordingSink();

        cli.backend(new JsonObject().put("command", "junction-no-such-cli")).chat(request("hi"), sink);

        assertThat(sink.events()).containsExactly(ChatEvent.Failed.of(ErrorKind.UNAVAILABLE,
                "Fake CLI is not installed: 'junction-no-such-cli' was not found. Install it with: apt install fake-cli"));
    }

    @Test
    void refuses_a_document_with_a_400_before_anything_else() {
        RecordingSink sink = new RecordingSink();
        ChatRequest withPdf = ChatRequest.builder("fake")
                .messages(List.of(new Message(Message.Role.USER, List.of(
                        new ContentPart.Text("Summarise this."),
                        new ContentPart.Document("application/pdf", "JVBERi0xLjQK", null, null, "report.pdf", null)))))
                .build();

        cli.backend(new JsonObject().put("command", "junction-no-such-cli")).chat(withPdf, sink);

        assertThat(sink.events()).containsExactly(ChatEvent.Failed.of(ErrorKind.INVALID_REQUEST,
                "messages[0].content[1]: Fake CLI does not take documents (a CLI reads a text prompt); send the "
                        + "document's text instead, or route the model to an HTTP provider backend"));
    }

    @Test
    void is_unavailable_when_the_command_is_missing_and_says_how_to_install_it() {
        CliBackend backend = cli.backend(new JsonObject().put("command", "junction-no-such-cli"));

        assertThat(backend.availability()).isEqualTo(Availability.unavailable(
                "'junction-no-such-cli' not found on PATH; install with: apt install fake-cli"));
    }

    @Test
    void is_available_when_the_command_is_a_path_or_on_the_path() {
        assertThat(cli.backend(new JsonObject().put("command", "/bin/sh")).availability()).isEqualTo(Availability.AVAILABLE);
        assertThat(cli.backend(new JsonObject().put("command", "sh")).availability()).isEqualTo(Availability.AVAILABLE);
    }

    @Test
    void finds_and_runs_the_command_on_the_path_that_options_env_sets(@TempDir Path bin) throws Exception {
        Path executable = Files.copy(FakeCli.SCRIPT, bin.resolve("fake-cli"));
        Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwx------"));
        CliBackend backend = cli.backend(new JsonObject()
                .put("args", new JsonArray().add("stream"))
                .put("env", new JsonObject().put("PATH", bin + ":/usr/bin:/bin")));
        RecordingSink sink = new RecordingSink();

        backend.chat(request("hi"), sink);

        assertThat(backend.availability()).isEqualTo(Availability.AVAILABLE);
        assertThat(sink.text()).isEqualTo("Hello from fake: hi");
        assertThat(cli.backend(new JsonObject()).availability().available())
                .as("fake-cli is not on the gateway's own PATH")
                .isFalse();
    }

    @Test
    void lists_the_aliases_of_its_model_map() {
        CliBackend backend = cli.backend(new JsonObject().put("modelMap", new JsonObject().put("fast", "fake-mini")));

        assertThat(backend.models().result()).containsExactly("fake", "fast");
    }
}
