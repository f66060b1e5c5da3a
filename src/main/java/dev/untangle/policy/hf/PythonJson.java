package dev.untangle.policy.hf;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Python's {@code json.dumps(x, ensure_ascii=False, indent=indent, separators=separators, sort_keys=sort_keys)},
 * which is what transformers' {@code tojson} filter is (it replaces Jinja's, which escapes HTML characters):
 * {@code ", "} and {@code ": "} between items without an indent, {@code ","} and {@code ": "} with one; non-ASCII
 * text as it is; floats as Python's {@code repr}.
 */
final class PythonJson {

    private PythonJson() {
    }

    /**
     * The JSON text of {@code value}.
     *
     * @param indent    spaces per level, or {@code null} for one line
     * @param separators the item and key separators, or {@code null} for Python's defaults
     * @param sortKeys  whether object keys are sorted
     * @throws IllegalArgumentException for a value JSON cannot hold
     */
    static String dumps(Object value, Integer indent, List<String> separators, boolean sortKeys) {
        String item = separators != null ? separators.get(0) : indent == null ? ", " : ",";
        String key = separators != null ? separators.get(1) : ": ";
        StringBuilder b = new StringBuilder();
        write(b, value, indent, item, key, sortKeys, 0);
        return b.toString();
    }

    private static void write(StringBuilder b, Object v, Integer indent, String item, String key, boolean sort,
                              int level) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof Boolean bool) {
            b.append(bool ? "true" : "false");
        } else if (v instanceof CharSequence || v instanceof Character) {
            string(b, v.toString());
        } else if (v instanceof Double || v instanceof Float) {
            b.append(floatRepr(((Number) v).doubleValue()));
        } else if (v instanceof BigDecimal d) {
            b.append(floatRepr(d.doubleValue()));
        } else if (v instanceof Number n) {
            b.append(n instanceof BigInteger ? n.toString() : Long.toString(n.longValue()));
        } else if (v instanceof Map<?, ?> m) {
            Map<?, ?> map = m;
            if (sort) {
                Map<String, Object> sorted = new TreeMap<>();
                m.forEach((k, x) -> sorted.put(keyText(k), x));
                map = sorted;
            }
            if (map.isEmpty()) {
                b.append("{}");
                return;
            }
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    b.append(item);
                }
                first = false;
                newline(b, indent, level + 1);
                string(b, keyText(e.getKey()));
                b.append(key);
                write(b, e.getValue(), indent, item, key, sort, level + 1);
            }
            newline(b, indent, level);
            b.append('}');
        } else if (v instanceof Collection<?> || v.getClass().isArray()) {
            List<Object> items = new ArrayList<>();
            if (v instanceof Collection<?> c) {
                items.addAll(c);
            } else {
                for (int i = 0; i < Array.getLength(v); i++) {
                    items.add(Array.get(v, i));
                }
            }
            if (items.isEmpty()) {
                b.append("[]");
                return;
            }
            b.append('[');
            boolean first = true;
            for (Object x : items) {
                if (!first) {
                    b.append(item);
                }
                first = false;
                newline(b, indent, level + 1);
                write(b, x, indent, item, key, sort, level + 1);
            }
            newline(b, indent, level);
            b.append(']');
        } else {
            throw new IllegalArgumentException("Object of type " + v.getClass().getSimpleName()
                    + " is not JSON serializable");
        }
    }

    private static String keyText(Object k) {
        if (k == null) {
            return "null";
        }
        if (k instanceof Boolean bool) {
            return bool ? "true" : "false";
        }
        if (k instanceof Double || k instanceof Float) {
            return floatRepr(((Number) k).doubleValue());
        }
        return k.toString();
    }

    private static void newline(StringBuilder b, Integer indent, int level) {
        if (indent != null) {
            b.append('\n').append(" ".repeat(indent * level));
        }
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    /** Python's {@code repr(float)}: the shortest digits that read back, fixed between 1e-4 and 1e16. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale(); // d = 0.digits... * 10^(exponent + 1)
        String sign = d < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = shortest.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }
}
