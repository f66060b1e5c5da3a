package dev.untangle.policy.hf;

import java.nio.ByteBuffer;

/**
 * The floating-point storage types of safetensors files this package reads and writes; every value becomes a
 * float32 in memory. Writing rounds to nearest, ties to even.
 */
public enum TensorDtype {
    /** IEEE float32. */
    F32("F32", "float32", 4),
    /** IEEE float16 (half precision). */
    F16("F16", "float16", 2),
    /** bfloat16: the upper 16 bits of a float32. */
    BF16("BF16", "bfloat16", 2);

    private final String code;
    private final String torchName;
    private final int bytes;

    TensorDtype(String code, String torchName, int bytes) {
        this.code = code;
        this.torchName = torchName;
        this.bytes = bytes;
    }

    /** The safetensors header's dtype string, for example {@code BF16}. */
    public String code() {
        return code;
    }

    /** The {@code torch_dtype} name in {@code config.json}, for example {@code bfloat16}. */
    public String torchName() {
        return torchName;
    }

    /** Bytes per value. */
    public int bytes() {
        return bytes;
    }

    /** The type of a safetensors dtype string, or {@code null} when this package cannot read it. */
    public static TensorDtype ofCode(String code) {
        for (TensorDtype t : values()) {
            if (t.code.equals(code)) {
                return t;
            }
        }
        return null;
    }

    /** Reads {@code n} values from a little-endian buffer into {@code out[from ..]}. */
    void decode(ByteBuffer in, float[] out, int from, int n) {
        for (int i = 0; i < n; i++) {
            out[from + i] = switch (this) {
                case F32 -> in.getFloat();
                case F16 -> halfToFloat(in.getShort());
                case BF16 -> Float.intBitsToFloat((in.getShort() & 0xffff) << 16);
            };
        }
    }

    /** Writes {@code n} values of {@code values[from ..]} into a little-endian buffer. */
    void encode(float[] values, int from, int n, ByteBuffer out) {
        for (int i = 0; i < n; i++) {
            float v = values[from + i];
            switch (this) {
                case F32 -> out.putFloat(v);
                case F16 -> out.putShort(floatToHalf(v));
                case BF16 -> out.putShort(floatToBfloat16(v));
            }
        }
    }

    /** A float32 rounded to the nearest value this type can store. */
    public float round(float v) {
        return switch (this) {
            case F32 -> v;
            case F16 -> halfToFloat(floatToHalf(v));
            case BF16 -> Float.intBitsToFloat((floatToBfloat16(v) & 0xffff) << 16);
        };
    }

    static short floatToBfloat16(float v) {
        int bits = Float.floatToRawIntBits(v);
        if (Float.isNaN(v)) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        int rounding = 0x7fff + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float m = mant / 1024f / 16384f;                  // subnormal: mant * 2^-24
            return sign == 0 ? m : -m;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    static short floatToHalf(float v) {
        int bits = Float.floatToRawIntBits(v);
        int sign = (bits >>> 16) & 0x8000;
        if (Float.isNaN(v)) {
            return (short) (sign | 0x7e00);
        }
        float a = Math.abs(v);
        if (a >= 65520f) {                                    // rounds to infinity
            return (short) (sign | 0x7c00);
        }
        if (a < 6.103515625e-05f) {                           // below the smallest normal half: subnormal or 0
            int m = Math.round(a * 16777216f);                // a / 2^-24, ties: see below
            float exact = a * 16777216f;
            if (exact - Math.floor(exact) == 0.5 && (m & 1) == 1) {
                m -= 1;                                       // ties to even
            }
            return (short) (sign | m);
        }
        int exp = ((bits >>> 23) & 0xff) - 127 + 15;
        int mant = bits & 0x7fffff;
        int half = (exp << 10) | (mant >>> 13);
        int rest = mant & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
            half += 1;                                        // may carry into the exponent, which is correct
        }
        return (short) (sign | half);
    }
}
