/**
 * Support shared by the coding-agent CLI plugins (claude-code, codex, gemini-cli).
 *
 * <p>A CLI plugin describes its CLI with a {@link dev.junction.cli.CliProtocol}: how to invoke it for
 * one request and how to read its output, as a {@link dev.junction.cli.CliRun}. A
 * {@link dev.junction.cli.CliBackend} does the rest: options ({@link dev.junction.cli.CliOptions}),
 * a concurrency gate with a bounded queue, the process tree with timeouts, cancellation and a
 * bounded stderr tail, temporary files, and the guarantee of exactly one terminal event.
 */
package dev.junction.cli;
