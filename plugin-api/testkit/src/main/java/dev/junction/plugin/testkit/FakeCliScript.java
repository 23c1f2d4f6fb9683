package dev.junction.plugin.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A shell script that stands in for a CLI, for the tests of a plugin that runs one. It lives in a
 * folder of the test's ({@code $DIR} in the script), where it first writes its process id
 * ({@code pid}), its arguments one per line ({@code args.txt}) and its environment
 * ({@code env.txt}), then runs the shell lines it was given: read stdin, print a recorded output
 * put in the folder, exit with a code, or {@code exec sleep 1000} to play a CLI that never ends
 * ({@link #stopProbe()} then sees it killed). POSIX {@code sh} only.
 *
 * @param dir the script's folder
 * @param command the script, to give the backend as its command
 * @since 1.0.0
 */
public record FakeCliScript(Path dir, Path command) {

    /** Writes the script {@code dir/name} that runs {@code body} after recording how it was started. */
    public static FakeCliScript write(Path dir, String name, String body) {
        Path command = dir.resolve(name);
        try {
            Files.writeString(command, String.join("\n",
                    "#!/bin/sh",
                    "DIR=$(dirname \"$0\")",
                    "echo $$ > \"$DIR/pid\"",
                    "printf '%s\\n' \"$@\" > \"$DIR/args.txt\"",
                    "env > \"$DIR/env.txt\"",
                    body,
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!command.toFile().setExecutable(true)) {
            throw new IllegalStateException("cannot make " + command + " executable");
        }
        return new FakeCliScript(dir, command);
    }

    /** The file {@code name} of the script's folder, for the script to read or for the test to check. */
    public Path file(String name) {
        return dir.resolve(name);
    }

    /** Sees the script's last run killed, for a {@link Scenario} of a slow answer. */
    public Scenario.StopProbe stopProbe() {
        return PidFileProbe.of(file("pid"));
    }
}
