package dev.junction.plugins.echo;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits text into words that keep their leading white space. */
final class Words {

    private static final Pattern WORD = Pattern.compile("\\s*\\S+");

    private Words() {}

    /** The words of {@code text}; joined, they give {@code text} back (trailing space joins the last word). */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        Matcher matcher = WORD.matcher(text);
        int end = 0;
        while (matcher.find()) {
            words.add(matcher.group());
            end = matcher.end();
        }
        if (end < text.length() && !words.isEmpty()) {
            words.set(words.size() - 1, words.get(words.size() - 1) + text.substring(end));
        }
        return words;
    }

    static int count(String text) {
        int count = 0;
        Matcher matcher = WORD.matcher(text);
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
