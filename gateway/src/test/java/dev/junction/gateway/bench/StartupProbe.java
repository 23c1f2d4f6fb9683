package dev.junction.gateway.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How long a gateway takes from its start to its first answer: starts a command (the README's run
 * command, pinned by {@code taskset}), then POSTs one JSON body over a fresh connection after
 * another, 0.2 ms after each refused connection, until an answer is 200 and holds the expected text.
 * Records, from the moment the command was started: the first accepted connection, the first
 * answer, and the CPU time and RSS the process had used by then. The command must exec the JVM
 * (taskset and the launcher do), so that its pid is the gateway's. The gateway is left running
 * (its output goes to {@code --log}); the caller stops it. Gives up, stopping it, after 120 s.
 *
 * <pre>
 * java -cp GATEWAY_TEST_CLASSPATH dev.junction.gateway.bench.StartupProbe --url URL --body FILE
 *     --expect TEXT --label LABEL --log FILE --out FILE -- COMMAND...
 * </pre>
 *
 * Prints and appends to {@code --out} one JSON line: {@code kind} "start", {@code label},
 * {@code pid}, {@code spawn_epoch_ms}, {@code listen_ms}, {@code first_answer_ms}, {@code polls},
 * {@code cpu_ms} (utime + stime at the first answer) and {@code rss_kib} (VmRSS then).
 */
public final class StartupProbe {

    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(120);
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private StartupProbe() {}

    public static void main(String[] args) throws Exception {
        int dashes = Arrays.asList(args).indexOf("--");
        JsonObject options = options(Arrays.copyOfRange(args, 0, dashes));
        List<String> command = Arrays.asList(args).subList(dashes + 1, args.length);
        URI url = URI.create(options.getString("url"));
        InetSocketAddress address = new InetSocketAddress(url.getHost(), url.getPort());
        byte[] request = request(url, Files.readAllBytes(Path.of(options.getString("body"))));
        String expect = options.getString("expect");

        long spawnEpochMs = System.currentTimeMillis();
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of(options.getString("log")).toFile()))
                .start();
        long listen = -1;
        int polls = 0;
        while (true) {
            if (System.nanoTime() - start > GIVE_UP_NANOS || !process.isAlive()) {
                process.destroy();
                throw new IllegalStateException("no answer from " + url + " within 120 s (the gateway "
                        + (process.isAlive() ? "runs" : "ended") + "); see " + options.getString("log"));
            }
            polls++;
            try (Socket socket = new Socket()) {
                socket.connect(address, 1000);
                if (listen < 0) {
                    listen = System.nanoTime() - start;
                }
                String answer = exchange(socket, request);
                if (answer.startsWith("HTTP/1.1 200") && answer.contains(expect)) {
                    break;
                }
            } catch (SocketException e) { // refused, or reset by a server still starting
                LockSupport.parkNanos(POLL_NANOS);
            }
        }
        long firstAnswer = System.nanoTime() - start;
        JsonObject line = new JsonObject()
                .put("kind", "start")
                .put("label", options.getString("label"))
                .put("pid", process.pid())
                .put("spawn_epoch_ms", spawnEpochMs)
                .put("listen_ms", Math.round(listen / 1e5) / 10.0)
                .put("first_answer_ms", Math.round(firstAnswer / 1e5) / 10.0)
                .put("polls", polls)
                .put("cpu_ms", ProcCpu.micros(ProcCpu.ticks(List.of(process.pid()))) / 1e3)
                .put("rss_kib", rssKib(process.pid()));
        Files.writeString(Path.of(options.getString("out")), line.encode() + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        System.out.println(line.encode());
    }

    private static JsonObject options(String[] args) {
        JsonObject options = new JsonObject();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        for (String required : List.of("url", "body", "expect", "label", "log", "out")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("--" + required + " is missing");
            }
        }
        return options;
    }

    private static byte[] request(URI url, byte[] body) {
        byte[] head = ("POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                        + "\r\nContent-Type: application/json\r\nanthropic-version: 2023-06-01\r\nContent-Length: "
                        + body.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
    }

    /** The whole answer to {@code request}, which asks the server to close the connection after it. */
    private static String exchange(Socket socket, byte[] request) throws IOException {
        socket.setSoTimeout(30_000);
        socket.getOutputStream().write(request);
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static long rssKib(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst()
                .orElse(-1);
    }
}
