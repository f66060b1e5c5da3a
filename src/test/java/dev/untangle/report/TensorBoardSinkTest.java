package dev.untangle.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorBoardSinkTest {

    @TempDir
    Path tmp;

    private static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    }

    private static int crc32c(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    @Test
    void maskedCrcOfKnownVector() {
        // CRC32C("123456789") = 0xE3069283 (the standard check value); masked by the TFRecord rule.
        byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xE3069283, crc32c(digits, 0, digits.length));
        int expected = ((0xE3069283 >>> 15) | (0xE3069283 << 17)) + 0xa282ead8;
        assertEquals(expected, TfRecord.maskedCrc(digits, 0, digits.length));
    }

    @Test
    void framingIsLengthCrcDataCrcLittleEndian() throws IOException {
        byte[] data = "hello event".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TfRecord.write(out, data);
        ByteBuffer b = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(8 + 4 + data.length + 4, b.remaining());
        assertEquals(data.length, b.getLong(0));
        assertEquals(mask(crc32c(out.toByteArray(), 0, 8)), b.getInt(8));
        byte[] payload = new byte[data.length];
        b.position(12);
        b.get(payload);
        assertArrayEquals(data, payload);
        assertEquals(mask(crc32c(data, 0, data.length)), b.getInt(12 + data.length));
        assertArrayEquals(data, TfRecord.read(new ByteArrayInputStream(out.toByteArray())));
    }

    @Test
    void writtenScalarsDecodeBackWithFileVersionFirst() throws IOException {
        double[] clock = {1_700_000_000.25};
        Path file;
        try (TensorBoardSink sink = TensorBoardSink.open(tmp.resolve("tb"), () -> clock[0], null)) {
            file = sink.file();
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("rollout/success_rate", 0.375);
            m.put("loss/policy", -1.25e-3);
            m.put("coupling/index", Double.NaN);
            sink.record(0, m);
            clock[0] += 2;
            sink.record(7, Map.of("eval/L1/success_rate", 0.5));
            sink.record(8, Map.of("coupling/index", Double.NaN));
        }
        assertTrue(file.getFileName().toString().matches("events\\.out\\.tfevents\\.1700000000\\.[A-Za-z0-9._-]+"),
                file.getFileName().toString());
        List<TensorBoardEvent> events = TensorBoardSink.read(file);
        assertEquals(3, events.size(), "file_version + two summaries (the all-NaN record writes nothing)");
        assertEquals("brain.Event:2", events.get(0).fileVersion());
        assertEquals(1_700_000_000.25, events.get(0).wallTime());
        assertEquals(0, events.get(1).step());
        assertEquals(Map.of("rollout/success_rate", 0.375f, "loss/policy", -1.25e-3f), events.get(1).scalars());
        assertFalse(events.get(1).scalars().containsKey("coupling/index"));
        assertEquals(7, events.get(2).step());
        assertEquals(1_700_000_002.25, events.get(2).wallTime());
        assertEquals(0.5f, events.get(2).scalars().get("eval/L1/success_rate"));
        assertNull(events.get(2).fileVersion());
    }

    @Test
    void everyRecordOfTheFileIsFramedAndChecksummed() throws IOException {
        Path file;
        try (TensorBoardSink sink = TensorBoardSink.open(tmp, () -> 5.0, null)) {
            file = sink.file();
            for (int i = 0; i < 5; i++) {
                sink.record(i, Map.of("a", (double) i));
            }
        }
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int records = 0;
        int pos = 0;
        while (pos < all.length) {
            long len = b.getLong(pos);
            assertEquals(mask(crc32c(all, pos, 8)), b.getInt(pos + 8), "length crc of record " + records);
            assertEquals(mask(crc32c(all, pos + 12, (int) len)), b.getInt(pos + 12 + (int) len), "data crc");
            pos += 12 + (int) len + 4;
            records++;
        }
        assertEquals(all.length, pos);
        assertEquals(6, records);
    }

    @Test
    void corruptedDataIsRejectedNamingTheRecord() throws IOException {
        Path file;
        try (TensorBoardSink sink = TensorBoardSink.open(tmp, () -> 5.0, null)) {
            file = sink.file();
            sink.record(1, Map.of("a", 1.0));
        }
        byte[] all = Files.readAllBytes(file);
        all[all.length - 6] ^= 0x01;
        Files.write(file, all);
        IOException e = assertThrows(IOException.class, () -> TensorBoardSink.read(file));
        assertTrue(e.getMessage().contains("record 1") && e.getMessage().contains("checksum"), e.getMessage());
        Files.write(file, java.util.Arrays.copyOf(all, all.length - 2));
        assertThrows(IOException.class, () -> TensorBoardSink.read(file));
    }

    @Test
    void resumeWritesSessionStartAtTheResumeStepInANewFile() throws IOException {
        Path first;
        try (TensorBoardSink sink = TensorBoardSink.open(tmp, () -> 10.0, null)) {
            first = sink.file();
            sink.record(0, Map.of("a", 1.0));
        }
        Path second;
        try (TensorBoardSink sink = TensorBoardSink.open(tmp, () -> 10.0, 5L)) {
            second = sink.file();
            sink.record(5, Map.of("a", 2.0));
        }
        assertFalse(first.equals(second));
        List<TensorBoardEvent> ev = TensorBoardSink.read(second);
        assertEquals("brain.Event:2", ev.get(0).fileVersion());
        assertTrue(ev.get(1).sessionStart());
        assertEquals(5, ev.get(1).step());
        assertEquals(2.0f, ev.get(2).scalars().get("a"));
    }

    @Test
    void eventEncodingRoundTripsLargeSteps() throws IOException {
        TensorBoardEvent e = new TensorBoardEvent(1.5, 1L << 40, null, false, Map.of("x/y", Float.MAX_VALUE));
        assertEquals(e, TensorBoardEvent.decode(e.encode()));
    }
}
