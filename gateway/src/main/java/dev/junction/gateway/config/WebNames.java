package dev.junction.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The canonical forms the gateway compares browser origins and host names in, shared by the
 * configuration (what {@code server.cors.allowedOrigins} and {@code server.allowedHosts} list) and
 * the HTTP checks (what a request sends). Pure.
 */
public final class WebNames {

    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]*:[0-9a-f:.]*");
    private static final Pattern PORT = Pattern.compile(":[0-9]{1,5}");
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    private static final Pattern IPV6_LOOPBACK = Pattern.compile("::1|(0{1,4}:){7}0{0,3}1");

    private WebNames() {}

    /**
     * An origin as browsers send it: {@code http} or {@code https}, the host in lower case, the port
     * only when not the scheme's default ({@code HTTPS://Example.com:443} gives
     * {@code https://example.com}); null for anything else (a path, {@code null}, another scheme).
     */
    public static String origin(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int defaultPort = scheme.equals("http") ? 80 : scheme.equals("https") ? 443 : -2;
        boolean bare = uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null
                && (uri.getRawPath() == null || uri.getRawPath().isEmpty());
        if (defaultPort == -2 || uri.getHost() == null || !bare) {
            return null;
        }
        int port = uri.getPort();
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + (port == -1 || port == defaultPort ? "" : ":" + port);
    }

    /**
     * A host name or IP address in lower case, IPv6 without brackets ({@code [::1]} gives
     * {@code ::1}); null when it is neither (a port, a scheme, a space).
     */
    public static String host(String text) {
        String host = text.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
            return IPV6.matcher(host).matches() ? host : null;
        }
        return HOST_NAME.matcher(host).matches() || IPV6.matcher(host).matches() ? host : null;
    }

    /**
     * The host of a {@code Host} header ({@code host[:port]}, {@code [ipv6][:port]}) as {@link #host}
     * gives it; null when the header is malformed.
     */
    public static String hostOfAuthority(String authority) {
        String text = authority.trim();
        int portStart = text.startsWith("[") ? text.indexOf(']') + 1 : text.indexOf(':');
        if (portStart <= 0 || portStart == text.length()) {
            return portStart == 0 ? null : host(text);
        }
        String port = text.substring(portStart);
        return PORT.matcher(port).matches() ? host(text.substring(0, portStart)) : null;
    }

    /**
     * Whether {@code host} (as {@link #host} gives it) can only mean this machine: {@code localhost},
     * a name under {@code .localhost}, an address in 127.0.0.0/8 or {@code ::1}. No name is resolved.
     */
    public static boolean isLoopback(String host) {
        return host.equals("localhost")
                || host.endsWith(".localhost")
                || IPV4_LOOPBACK.matcher(host).matches()
                || IPV6_LOOPBACK.matcher(host).matches();
    }
}
