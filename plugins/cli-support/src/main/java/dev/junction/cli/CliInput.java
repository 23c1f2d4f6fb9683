package dev.junction.cli;

/** The CLI's stdin. Writes never block the caller; closing twice is harmless. */
public interface CliInput {

    /** Writes {@code text} as UTF-8. */
    void write(String text);

    /** Closes stdin, so the CLI sees the end of its input. */
    void close();
}
