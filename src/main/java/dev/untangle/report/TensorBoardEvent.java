package dev.untangle.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One TensorBoard {@code Event} protobuf message, limited to the fields untangle writes: {@code wall_time}
 * (field 1, double), {@code step} (2, int64), {@code file_version} (3, string), {@code summary} (5) with
 * scalar values ({@code Summary.Value{tag = 1, simple_value = 2}}) and {@code session_log} (7) with status
 * {@code START}. Encoded by hand; decoding skips fields it does not know.
 *
 * @param wallTime     seconds since the Unix epoch
 * @param step         the training iteration
 * @param fileVersion  {@code "brain.Event:2"} on a file's first event, otherwise {@code null}
 * @param sessionStart whether this event is a {@code SessionLog START} (TensorBoard then discards the
 *                     events of earlier sessions with a step at or after this one, which is how a resumed
 *                     run replaces the tail of its first attempt)
 * @param scalars      tag to value, in order; empty for non-summary events
 */
public record TensorBoardEvent(double wallTime, long step, String fileVersion, boolean sessionStart,
                               Map<String, Float> scalars) {

    /** The file version string TensorBoard expects on the first event of every file. */
    public static final String FILE_VERSION = "brain.Event:2";

    /** Copies the scalar map (keeping its order). */
    public TensorBoardEvent {
        scalars = Collections.unmodifiableMap(new LinkedHashMap<>(scalars));
    }

    /** The first event of a file. */
    public static TensorBoardEvent fileVersion(double wallTime) {
        return new TensorBoardEvent(wallTime, 0, FILE_VERSION, false, Map.of());
    }

    /** The protobuf wire encoding of this event. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 32 * scalars.size());
        tag(out, 1, 1);
        fixed64(out, Double.doubleToRawLongBits(wallTime));
        tag(out, 2, 0);
        varint(out, step);
        if (fileVersion != null) {
            bytes(out, 3, fileVersion.getBytes(StandardCharsets.UTF_8));
        }
        if (!scalars.isEmpty()) {
            ByteArrayOutputStream summary = new ByteArrayOutputStream();
            for (Map.Entry<String, Float> e : scalars.entrySet()) {
                ByteArrayOutputStream value = new ByteArrayOutputStream();
                bytes(value, 1, e.getKey().getBytes(StandardCharsets.UTF_8));
                tag(value, 2, 5);
                fixed32(value, Float.floatToRawIntBits(e.getValue()));
                bytes(summary, 1, value.toByteArray());
            }
            bytes(out, 5, summary.toByteArray());
        }
        if (sessionStart) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            tag(log, 1, 0);
            varint(log, 1);
            bytes(out, 7, log.toByteArray());
        }
        return out.toByteArray();
    }

    /**
     * Decodes an {@code Event} message.
     *
     * @throws IOException when the bytes are not a well-formed message
     */
    public static TensorBoardEvent decode(byte[] data) throws IOException {
        Reader r = new Reader(data, 0, data.length);
        double wallTime = 0;
        long step = 0;
        String fileVersion = null;
        boolean start = false;
        Map<String, Float> scalars = new LinkedHashMap<>();
        while (r.more()) {
            long key = r.varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (field == 1 && wire == 1) {
                wallTime = Double.longBitsToDouble(r.fixed64());
            } else if (field == 2 && wire == 0) {
                step = r.varint();
            } else if (field == 3 && wire == 2) {
                fileVersion = new String(r.bytes(), StandardCharsets.UTF_8);
            } else if (field == 5 && wire == 2) {
                decodeSummary(r.sub(), scalars);
            } else if (field == 7 && wire == 2) {
                Reader log = r.sub();
                while (log.more()) {
                    long k = log.varint();
                    if (k == ((1 << 3) | 0)) {
                        start = log.varint() == 1;
                    } else {
                        log.skip((int) (k & 7));
                    }
                }
            } else {
                r.skip(wire);
            }
        }
        return new TensorBoardEvent(wallTime, step, fileVersion, start, scalars);
    }

    private static void decodeSummary(Reader r, Map<String, Float> scalars) throws IOException {
        while (r.more()) {
            long key = r.varint();
            if (key == ((1 << 3) | 2)) {
                Reader value = r.sub();
                String tag = null;
                Float simple = null;
                while (value.more()) {
                    long k = value.varint();
                    if (k == ((1 << 3) | 2)) {
                        tag = new String(value.bytes(), StandardCharsets.UTF_8);
                    } else if (k == ((2 << 3) | 5)) {
                        simple = Float.intBitsToFloat(value.fixed32());
                    } else {
                        value.skip((int) (k & 7));
                    }
                }
                if (tag != null && simple != null) {
                    scalars.put(tag, simple);
                }
            } else {
                r.skip((int) (key & 7));
            }
        }
    }

    private static void tag(ByteArrayOutputStream out, int field, int wire) {
        varint(out, ((long) field << 3) | wire);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static void fixed64(ByteArrayOutputStream out, long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    private static void fixed32(ByteArrayOutputStream out, int v) {
        for (int i = 0; i < 4; i++) {
            out.write((v >>> (8 * i)) & 0xff);
        }
    }

    private static void bytes(ByteArrayOutputStream out, int field, byte[] b) {
        tag(out, field, 2);
        varint(out, b.length);
        out.write(b, 0, b.length);
    }

    /** A bounds-checked cursor over protobuf wire bytes. */
    private static final class Reader {
        private final byte[] b;
        private int pos;
        private final int end;

        Reader(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        long varint() throws IOException {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new IOException("truncated varint");
                }
                int x = b[pos++] & 0xff;
                v |= (long) (x & 0x7f) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
            throw new IOException("varint longer than 10 bytes");
        }

        long fixed64() throws IOException {
            need(8);
            long v = TfRecord.getLong(b, pos);
            pos += 8;
            return v;
        }

        int fixed32() throws IOException {
            need(4);
            int v = TfRecord.getInt(b, pos);
            pos += 4;
            return v;
        }

        Reader sub() throws IOException {
            int len = length();
            Reader r = new Reader(b, pos, pos + len);
            pos += len;
            return r;
        }

        byte[] bytes() throws IOException {
            int len = length();
            byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + len);
            pos += len;
            return out;
        }

        void skip(int wire) throws IOException {
            switch (wire) {
                case 0 -> varint();
                case 1 -> fixed64();
                case 2 -> pos += length();
                case 5 -> fixed32();
                default -> throw new IOException("unsupported wire type " + wire);
            }
        }

        private int length() throws IOException {
            long len = varint();
            if (len < 0 || len > end - pos) {
                throw new IOException("length " + len + " runs past the end of the message");
            }
            return (int) len;
        }

        private void need(int n) throws IOException {
            if (end - pos < n) {
                throw new IOException("truncated fixed-width field");
            }
        }
    }
}
