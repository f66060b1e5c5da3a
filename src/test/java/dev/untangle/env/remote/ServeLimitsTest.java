package dev.untangle.env.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code untangle serve} under slow and many clients (issue 25 item 8), all on 127.0.0.1 and bounded in count and
 * time: a normal client stays fast while 64 connections send their headers one byte a second (the JDK server's 16
 * threads made it wait 10 s); a connection that keeps sending bytes but never finishes its request is closed after
 * the request timeout, one that sends nothing after the read timeout, a request whose body stalls after the
 * request timeout; connections beyond the limit wait until one closes; errors the HTTP layer answers itself carry
 * an {@code {"error"}} body.
 */
class ServeLimitsTest {

    private static final int SLOW = 64;
    private static final int MEASURED = 300;

    private static AgentGymServer start(ServeSettings.Builder b) throws IOException {
        return AgentGymServer.start(new CounterSuite(), b.optPort(0).optIdleTimeout(Duration.ofMinutes(5)).build());
    }

    private static Socket connect(AgentGymServer server) throws IOException {
        Socket s = new Socket("127.0.0.1", server.address().getPort());
        s.setSoTimeout(100);
        return s;
    }

    /** Whether the server closed {@code s} (end of stream or reset) within {@code millis}; its answer is skipped. */
    private static boolean closedWithin(Socket s, long millis) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        while (System.nanoTime() < deadline) {
            try {
                if (in.read(buf) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                // nothing yet
            } catch (IOException e) {
                return true;                              // reset by the server
            }
        }
        return false;
    }

    /** Whether the server still holds {@code s} open: a read finds neither data, nor the end, nor a reset. */
    private static boolean open(Socket s) throws IOException {
        s.setSoTimeout(1);
        try {
            s.getInputStream().read();                    // an answer or the end: the server is done with it
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aNormalClientStaysFastWhileSixtyFourConnectionsSendTheirHeadersOneByteASecond() throws Exception {
        // the request timeout is the default (10 s); everything below happens within about 6 s of the first slow
        // byte, so the slow connections stay open throughout (checked at the end)
        try (AgentGymServer server = start(ServeSettings.builder())) {
            URI base = server.url();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            long id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(client.send(HttpRequest.newBuilder(
                    base.resolve("/create")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("id").asLong();
            List<HttpRequest> cycle = List.of(
                    HttpRequest.newBuilder(base.resolve("/")).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpRequest.newBuilder(base.resolve("/reset")).timeout(Duration.ofSeconds(20)).POST(
                            HttpRequest.BodyPublishers.ofString("{\"id\": " + id + ", \"game\": 1}")).build(),
                    HttpRequest.newBuilder(base.resolve("/observation?id=" + id)).timeout(Duration.ofSeconds(20))
                            .GET().build(),
                    HttpRequest.newBuilder(base.resolve("/detail?id=" + id)).timeout(Duration.ofSeconds(20))
                            .GET().build());
            for (int i = 0; i < 200; i++) {                               // warm-up: the JIT, the connection
                assertEquals(200, client.send(cycle.get(i % cycle.size()), HttpResponse.BodyHandlers.ofString())
                        .statusCode());
            }
            byte[] head = ("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: one-byte-a-second\r\n"
                    + "X-Padding: " + "x".repeat(64) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            List<Socket> slow = new ArrayList<>();
            Thread sender = new Thread(() -> {
                // one byte a second on each slow connection, for at most 20 s; never the whole head (133 bytes)
                for (int b = 0; b < 20 && !Thread.currentThread().isInterrupted(); b++) {
                    for (Socket s : slow) {
                        try {
                            OutputStream o = s.getOutputStream();
                            o.write(head[b]);
                            o.flush();
                        } catch (IOException e) {
                            // closed by the server: seen by open() below
                        }
                    }
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "one-byte-a-second");
            try {
                for (int i = 0; i < SLOW; i++) {
                    slow.add(connect(server));
                }
                sender.start();
                Thread.sleep(1500);                       // every slow connection is inside its request head now

                // open loop: a request every 10 ms for 3 s, each timed from when it was due, so that a stall
                // counts for every request it delays (a closed loop would count it once)
                List<CompletableFuture<Long>> answers = new ArrayList<>();
                long start = System.nanoTime();
                for (int i = 0; i < MEASURED; i++) {
                    long due = start + TimeUnit.MILLISECONDS.toNanos(10L * i);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    answers.add(client.sendAsync(cycle.get(i % cycle.size()), HttpResponse.BodyHandlers.ofString())
                            .thenApply(r -> {
                                if (r.statusCode() != 200 || r.body().contains("\"error\"")) {
                                    throw new AssertionError(r.statusCode() + " " + r.body());
                                }
                                return (System.nanoTime() - due) / 1_000_000;
                            }));
                }
                long[] millis = new long[MEASURED];
                for (int i = 0; i < MEASURED; i++) {
                    millis[i] = answers.get(i).get(30, TimeUnit.SECONDS);
                }
                int stillOpen = 0;
                for (Socket s : slow) {
                    stillOpen += open(s) ? 1 : 0;
                }
                Arrays.sort(millis);
                long p50 = millis[MEASURED / 2];
                long p99 = millis[(int) Math.ceil(0.99 * MEASURED) - 1];
                System.out.println("serve with " + SLOW + " slow connections: " + MEASURED + " requests, p50 " + p50
                        + " ms, p99 " + p99 + " ms, max " + millis[MEASURED - 1] + " ms; " + stillOpen
                        + " slow connections open at the end");
                assertTrue(p99 < 100, "p99 " + p99 + " ms (p50 " + p50 + " ms, max " + millis[MEASURED - 1]
                        + " ms) with " + SLOW + " slow connections open");
                assertEquals(SLOW, stillOpen, "the slow connections stayed open while the client was measured");
            } finally {
                sender.interrupt();
                sender.join(5000);
                for (Socket s : slow) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aConnectionThatNeverFinishesItsRequestIsClosedAfterTheRequestTimeout() throws Exception {
        try (AgentGymServer server = start(ServeSettings.builder().optRequestTimeout(Duration.ofMillis(800))
                .optReadTimeout(Duration.ofSeconds(30)))) {
            // a byte every 200 ms keeps the read timeout away; only the request timeout can end it
            try (Socket s = connect(server)) {
                byte[] head = "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
                        .getBytes(StandardCharsets.US_ASCII);
                long t0 = System.nanoTime();
                boolean closed = false;
                for (int i = 0; i < head.length && !closed; i++) {
                    try {
                        s.getOutputStream().write(head[i]);
                        s.getOutputStream().flush();
                    } catch (IOException e) {
                        closed = true;
                        break;
                    }
                    closed = closedWithin(s, 200);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                assertTrue(closed, "the connection was closed");
                assertTrue(seconds > 0.7 && seconds < 3, "closed after " + seconds + " s");
                assertEquals(1, server.lateRequestsClosed());
            }
            // a body that stops arriving: closed by the same bound, and its thread is free again
            try (Socket s = connect(server)) {
                s.getOutputStream().write(("POST /step HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100\r\n\r\n{\"id\": 0,").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                assertTrue(closedWithin(s, 3000), "a stalled body is bounded by the request timeout");
                assertEquals(2, server.lateRequestsClosed());
            }
            // a request that arrives in time is not touched, nor is the idle connection it leaves
            try (Socket s = connect(server)) {
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                assertTrue(!closedWithin(s, 1500), "a keep-alive connection between requests is not late");
                assertEquals(2, server.lateRequestsClosed());
            }
        }
    }

    @Test
    void aSilentConnectionIsClosedAfterTheReadTimeout() throws Exception {
        try (AgentGymServer server = start(ServeSettings.builder().optReadTimeout(Duration.ofMillis(600)));
             Socket s = connect(server)) {
            long t0 = System.nanoTime();
            assertTrue(closedWithin(s, 5000), "closed");
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(seconds > 0.5 && seconds < 3, "closed after " + seconds + " s");
        }
    }

    @Test
    void connectionsBeyondTheLimitWaitUntilOneCloses() throws Exception {
        try (AgentGymServer server = start(ServeSettings.builder().optMaxConnections(3))) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    held.add(connect(server));
                }
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (server.openConnections() < 3 && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
                assertEquals(3, server.openConnections());
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                long t0 = System.nanoTime();
                CompletableFuture<HttpResponse<String>> waiting = client.sendAsync(HttpRequest.newBuilder(
                        server.url().resolve("/")).timeout(Duration.ofSeconds(10)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                Thread.sleep(700);
                assertTrue(!waiting.isDone(), "a fourth connection is not served while three are open");
                held.remove(0).close();
                HttpResponse<String> r = waiting.get(10, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode());
                assertTrue((System.nanoTime() - t0) / 1e9 >= 0.6, "answered once a connection closed");
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    @Test
    void errorsOfTheHttpLayerAreJsonToo() throws Exception {
        try (AgentGymServer server = start(ServeSettings.builder())) {
            try (Socket s = connect(server)) {
                s.setSoTimeout(5000);
                s.getOutputStream().write(("POST /step HTTP/1.1\r\nHost: x\r\nContent-Length: many\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
                assertTrue(answer.toLowerCase(Locale.ROOT).contains("content-type: application/json"), answer);
                assertTrue(answer.contains("{\"error\":\"malformed HTTP request"), answer);
            }
            try (Socket s = connect(server)) {
                s.setSoTimeout(5000);
                s.getOutputStream().write(("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "z".repeat(20_000) + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 431"), answer);
                assertTrue(answer.contains("{\"error\":\"request headers too large"), answer);
            }
        }
    }
}
