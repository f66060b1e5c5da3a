package dev.untangle.report;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/**
 * TFRecord framing, the container format of TensorBoard event files. Each record is
 * {@code uint64 length | uint32 maskedCrc32c(length bytes) | data | uint32 maskedCrc32c(data)}, all integers
 * little-endian, where {@code mask(c) = ((c >>> 15) | (c << 17)) + 0xa282ead8} (32-bit arithmetic).
 */
public final class TfRecord {

    private static final int MASK_DELTA = 0xa282ead8;
    /** Larger records are rejected when reading: no event we write comes near this. */
    static final long MAX_RECORD_BYTES = 64L << 20;

    private TfRecord() {
    }

    /** The masked CRC32C of {@code len} bytes of {@code data} starting at {@code off}. */
    public static int maskedCrc(byte[] data, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(data, off, len);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }

    /** Writes one framed record holding {@code data}. */
    public static void write(OutputStream out, byte[] data) throws IOException {
        byte[] header = new byte[12];
        putLong(header, 0, data.length);
        putInt(header, 8, maskedCrc(header, 0, 8));
        byte[] footer = new byte[4];
        putInt(footer, 0, maskedCrc(data, 0, data.length));
        out.write(header);
        out.write(data);
        out.write(footer);
    }

    /**
     * Reads the next record, checking both checksums.
     *
     * @return the record's data, or {@code null} at a clean end of stream
     * @throws IOException when the stream ends inside a record or a checksum does not match
     */
    public static byte[] read(InputStream in) throws IOException {
        byte[] header = new byte[12];
        int first = in.readNBytes(header, 0, 12);
        if (first == 0) {
            return null;
        }
        if (first < 12) {
            throw new EOFException("truncated record header (" + first + " of 12 bytes)");
        }
        long length = getLong(header, 0);
        if (getInt(header, 8) != maskedCrc(header, 0, 8)) {
            throw new IOException("length checksum mismatch");
        }
        if (length < 0 || length > MAX_RECORD_BYTES) {
            throw new IOException("record length " + length + " out of range");
        }
        byte[] data = in.readNBytes((int) length);
        if (data.length < length) {
            throw new EOFException("truncated record data (" + data.length + " of " + length + " bytes)");
        }
        byte[] footer = in.readNBytes(4);
        if (footer.length < 4) {
            throw new EOFException("truncated record footer");
        }
        if (getInt(footer, 0) != maskedCrc(data, 0, data.length)) {
            throw new IOException("data checksum mismatch");
        }
        return data;
    }

    static void putLong(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    static void putInt(byte[] b, int off, int v) {
        for (int i = 0; i < 4; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    static long getLong(byte[] b, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }

    static int getInt(byte[] b, int off) {
        int v = 0;
        for (int i = 3; i >= 0; i--) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }
}
