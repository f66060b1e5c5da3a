package dev.untangle.env.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code untangle serve} under slow clients (issue 12, item 9; issue 25 item 8), the command in its own JVM: clients
 * that send half a request line and stall hold no request thread, so a normal request is answered at once, and their
 * connections are closed after {@code --request-timeout-seconds}; an oversized body is refused and its connection
 * closed; {@code HEAD /} answers like {@code GET /} without a body; bad limits are refused by name.
 */
class SlowClientsTest {

    @Test
    void stalledClientsCannotHoldTheWorkersForever() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "dev.untangle.cli.Main",
                "serve", "--env", "household", "--port", "0", "--threads", "2", "--max-body-bytes", "1024",
                "--request-timeout-seconds", "1"));                      // the test's bound: 1 s instead of 10
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<Socket> stalled = new ArrayList<>();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            URI url = null;
            Pattern served = Pattern.compile("serving \\S+ on (http://\\S+?)/? ");
            for (String line; url == null && (line = out.readLine()) != null; ) {
                Matcher m = served.matcher(line);
                if (m.find()) {
                    url = URI.create(m.group(1) + "/");
                }
            }
            assertTrue(url != null, "the server printed its address");
            for (int i = 0; i < 4; i++) {                 // twice as many stalled clients as worker threads
                Socket s = new Socket(url.getHost(), url.getPort());
                s.getOutputStream().write("GET / HTT".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                stalled.add(s);
            }
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            long t0 = System.nanoTime();
            HttpResponse<String> ok = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(8)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode(), ok.body());
            assertTrue((System.nanoTime() - t0) / 1e9 < 0.9, "answered before the stalled connections were closed:"
                    + " they hold no request thread");

            HttpResponse<String> head = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(8))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, head.statusCode());
            assertEquals("", head.body());

            try (Socket big = new Socket(url.getHost(), url.getPort())) {
                OutputStream o = big.getOutputStream();
                o.write(("POST /step HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 5000000000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                o.flush();
                big.setSoTimeout(8000);
                String answer = new String(big.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
                assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), answer);
                assertTrue(answer.contains("exceeds the limit of 1024"), answer);
            }
            for (Socket s : stalled) {                     // the request timeout closed every stalled connection
                s.setSoTimeout(8000);
                try {
                    assertEquals(-1, s.getInputStream().read(), "closed without an answer");
                } catch (java.net.SocketException reset) {
                    // closed by the server while the client had unread data: also closed
                }
            }
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
            p.destroy();
            p.waitFor();
        }
    }

    @Test
    void theBoundsHaveDefaultsAndBadOnesAreRefused() {
        ServeSettings d = ServeSettings.builder().build();
        assertEquals(Duration.ofSeconds(10), d.requestTimeout());
        assertEquals(Duration.ofSeconds(30), d.readTimeout());
        assertEquals(512, d.maxConnections());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ServeSettings.builder().optRequestTimeout(Duration.ofMillis(50)).build());
        assertTrue(e.getMessage().startsWith("request timeout must be >= 0.1 s"), e.getMessage());
    }
}
