package dev.junction.plugins.geminicli;

import java.nio.file.Path;
import java.util.List;

/**
 * The text a run writes to Gemini CLI's stdin. A headless run reads its input like typed input:
 * every {@code @word} is a file reference (the CLI searches its workspace for a matching file and
 * sends its content along) and a leading {@code /word} runs a slash command ({@code /init} writes a
 * {@code GEMINI.md}). Client text must do neither, so each {@code @} becomes {@code \@} (the model
 * sees the backslash) and a leading {@code /} gets a space before it. The images, written to files,
 * follow as real {@code @path} references, one line each, labelled like the transcript's
 * {@code [image N]} markers.
 */
final class GeminiPrompt {

    private static final String PATH_DELIMITERS = " \t\n\r,;!?()[]{}\\\"";

    private GeminiPrompt() {}

    /** {@code text} made inert, then one reference line per image. */
    static String of(String text, List<Path> images) {
        StringBuilder prompt = new StringBuilder(inert(text));
        for (int i = 0; i < images.size(); i++) {
            prompt.append(i == 0 ? "\n\n" : "\n")
                    .append("[image ").append(i + 1).append("] ")
                    .append(reference(images.get(i)));
        }
        return prompt.toString();
    }

    /** Client text that Gemini CLI passes on as it is, but for a backslash before each {@code @}. */
    static String inert(String text) {
        String escaped = text.replace("@", "\\@");
        return escaped.startsWith("/") ? " " + escaped : escaped;
    }

    /** An {@code @path} reference, with the characters that would end the path escaped. */
    static String reference(Path file) {
        StringBuilder reference = new StringBuilder("@");
        for (char c : file.toAbsolutePath().toString().toCharArray()) {
            if (PATH_DELIMITERS.indexOf(c) >= 0) {
                reference.append('\\');
            }
            reference.append(c);
        }
        return reference.toString();
    }
}
