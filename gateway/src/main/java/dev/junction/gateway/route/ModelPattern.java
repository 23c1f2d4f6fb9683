package dev.junction.gateway.route;

import java.util.regex.Pattern;

/**
 * One entry of a backend's (or an API key's) {@code models}: an exact name or a glob with {@code *}
 * and {@code ?}.
 */
public record ModelPattern(String text, Pattern glob) {

    public ModelPattern(String text) {
        this(text, text.contains("*") || text.contains("?") ? compile(text) : null);
    }

    public boolean isGlob() {
        return glob != null;
    }

    public boolean matches(String model) {
        return isGlob() ? glob.matcher(model).matches() : text.equals(model);
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String literal : glob.split("(?=[*?])|(?<=[*?])")) {
            switch (literal) {
                case "*" -> regex.append(".*");
                case "?" -> regex.append('.');
                default -> regex.append(Pattern.quote(literal));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
