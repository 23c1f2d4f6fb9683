package dev.junction.plugins.echo;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits text into words that keep their leading white space. */
final class Words {

    private static final Pattern WORD = Pattern.compile("\\s*\\S+");

    private Words() {}

    /** The words of {@code text}; joined, they give {@code text} back (trailing space joins the last word). */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        iterate(text).forEachRemaining(words::add);
        return words;
    }

    /** The words of {@code text} as {@link #split} gives them, one at a time: holds no list of them. */
    static Iterator<String> iterate(String text) {
        return new WordIterator(text);
    }

    static int count(String text) {
        int count = 0;
        Matcher matcher = WORD.matcher(text);
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private static final class WordIterator implements Iterator<String> {

        private final String text;
        private final Matcher matcher;
        private boolean found;

        WordIterator(String text) {
            this.text = text;
            this.matcher = WORD.matcher(text);
            this.found = matcher.find();
        }

        @Override
        public boolean hasNext() {
            return found;
        }

        @Override
        public String next() {
            if (!found) {
                throw new NoSuchElementException();
            }
            String word = matcher.group();
            int end = matcher.end();
            found = matcher.find();
            return found ? word : word + text.substring(end);
        }
    }
}
