package dev.untangle.policy.hf;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELException;
import jinjava.javax.el.ELResolver;

/**
 * The methods of Python's {@code str} and {@code dict} that chat templates call ({@code content.strip('\n')},
 * {@code content.split('</think>')[-1]}, {@code content.startswith('<tool_response>')}, {@code message.get('x')},
 * {@code d.items()}), with Python's semantics, for Jinjava, which otherwise calls the Java methods of the same
 * object. Everything else falls through to Jinjava's own resolver.
 */
final class PythonMethods extends ELResolver {

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (!(method instanceof String name)) {
            return null;
        }
        Object[] args = params == null ? new Object[0] : params;
        Object result;
        if (base instanceof String s) {
            result = string(s, name, args);
        } else if (base instanceof Map<?, ?> m) {
            result = dict(m, name, args);
        } else {
            return null;
        }
        if (result == NOT_HANDLED) {
            return null;
        }
        context.setPropertyResolved(true);
        return result;
    }

    private static final Object NOT_HANDLED = new Object();

    private static Object string(String s, String name, Object[] a) {
        switch (name) {
            case "strip":
                return strip(s, chars(a, 0), true, true);
            case "lstrip":
                return strip(s, chars(a, 0), true, false);
            case "rstrip":
                return strip(s, chars(a, 0), false, true);
            case "split":
                return split(s, a.length > 0 ? a[0] : null, a.length > 1 ? ((Number) a[1]).intValue() : -1);
            case "startswith":
                return affix(s, arg(a, 0, name), true);
            case "endswith":
                return affix(s, arg(a, 0, name), false);
            case "upper":
                return s.toUpperCase(java.util.Locale.ROOT);
            case "lower":
                return s.toLowerCase(java.util.Locale.ROOT);
            case "title":
                return title(s);
            case "capitalize":
                return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                        + s.substring(1).toLowerCase(java.util.Locale.ROOT);
            case "replace": {
                String old = String.valueOf(arg(a, 0, name));
                String by = String.valueOf(arg(a, 1, name));
                int count = a.length > 2 ? ((Number) a[2]).intValue() : -1;
                return replace(s, old, by, count);
            }
            case "find":
                return (long) s.indexOf(String.valueOf(arg(a, 0, name)));
            case "count":
                return (long) count(s, String.valueOf(arg(a, 0, name)));
            case "join": {
                StringBuilder b = new StringBuilder();
                boolean first = true;
                for (Object o : iterable(arg(a, 0, name))) {
                    if (!first) {
                        b.append(s);
                    }
                    b.append(o);
                    first = false;
                }
                return b.toString();
            }
            case "isspace":
                return !s.isEmpty() && s.codePoints().allMatch(PythonMethods::isSpace);
            case "isdigit":
                return !s.isEmpty() && s.codePoints().allMatch(Character::isDigit);
            default:
                return NOT_HANDLED;
        }
    }

    private static Object dict(Map<?, ?> m, String name, Object[] a) {
        switch (name) {
            case "get":
                if (a.length == 0) {
                    return NOT_HANDLED;
                }
                return m.containsKey(a[0]) ? m.get(a[0]) : (a.length > 1 ? a[1] : null);
            case "items": {
                List<Object> out = new ArrayList<>();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    out.add(java.util.Arrays.asList(e.getKey(), e.getValue()));
                }
                return out;
            }
            case "keys":
                return new ArrayList<>(m.keySet());
            case "values":
                return new ArrayList<>(m.values());
            default:
                return NOT_HANDLED;
        }
    }

    private static Object arg(Object[] a, int i, String method) {
        if (i >= a.length) {
            throw new ELException(method + "() takes at least " + (i + 1) + " argument(s)");
        }
        return a[i];
    }

    private static String chars(Object[] a, int i) {
        return i < a.length && a[i] != null ? String.valueOf(a[i]) : null;
    }

    private static Iterable<?> iterable(Object o) {
        if (o instanceof Iterable<?> it) {
            return it;
        }
        if (o instanceof Object[] arr) {
            return List.of(arr);
        }
        throw new ELException("expected a sequence, got " + o);
    }

    /** Python's {@code str.isspace} for one code point. */
    static boolean isSpace(int c) {
        return c == ' ' || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f) || c == 0x85 || c == 0xa0
                || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f
                || c == 0x205f || c == 0x3000;
    }

    /** Python's {@code str.strip}/{@code lstrip}/{@code rstrip}: whitespace, or any of {@code chars}. */
    static String strip(String s, String chars, boolean left, boolean right) {
        int from = 0;
        int to = s.length();
        while (left && from < to && strippable(s.codePointAt(from), chars)) {
            from += Character.charCount(s.codePointAt(from));
        }
        while (right && to > from && strippable(s.codePointBefore(to), chars)) {
            to -= Character.charCount(s.codePointBefore(to));
        }
        return s.substring(from, to);
    }

    private static boolean strippable(int c, String chars) {
        return chars == null ? isSpace(c) : chars.codePoints().anyMatch(x -> x == c);
    }

    /** Python's {@code str.split(sep=None, maxsplit=-1)}. */
    static List<String> split(String s, Object sep, int maxsplit) {
        List<String> out = new ArrayList<>();
        if (sep == null) {
            int i = 0;
            int n = s.length();
            while (true) {
                while (i < n && isSpace(s.codePointAt(i))) {
                    i += Character.charCount(s.codePointAt(i));
                }
                if (i >= n) {
                    return out;
                }
                if (maxsplit >= 0 && out.size() == maxsplit) {
                    out.add(strip(s.substring(i), null, false, true));
                    return out;
                }
                int j = i;
                while (j < n && !isSpace(s.codePointAt(j))) {
                    j += Character.charCount(s.codePointAt(j));
                }
                out.add(s.substring(i, j));
                i = j;
            }
        }
        String d = String.valueOf(sep);
        if (d.isEmpty()) {
            throw new ELException("split(): empty separator");
        }
        int from = 0;
        int at;
        while ((maxsplit < 0 || out.size() < maxsplit) && (at = s.indexOf(d, from)) >= 0) {
            out.add(s.substring(from, at));
            from = at + d.length();
        }
        out.add(s.substring(from));
        return out;
    }

    private static boolean affix(String s, Object what, boolean prefix) {
        if (what instanceof Collection<?> options) {
            for (Object o : options) {
                if (affix(s, o, prefix)) {
                    return true;
                }
            }
            return false;
        }
        String w = String.valueOf(what);
        return prefix ? s.startsWith(w) : s.endsWith(w);
    }

    private static String title(String s) {
        StringBuilder b = new StringBuilder();
        boolean previousCased = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(previousCased ? Character.toLowerCase(c) : Character.toTitleCase(c));
            previousCased = Character.isLetter(c);
        }
        return b.toString();
    }

    private static String replace(String s, String old, String by, int count) {
        if (count < 0) {
            return s.replace(old, by);
        }
        StringBuilder b = new StringBuilder();
        int from = 0;
        int at;
        int done = 0;
        while (done < count && !old.isEmpty() && (at = s.indexOf(old, from)) >= 0) {
            b.append(s, from, at).append(by);
            from = at + old.length();
            done++;
        }
        return b.append(s.substring(from)).toString();
    }

    private static int count(String s, String sub) {
        if (sub.isEmpty()) {
            return s.length() + 1;
        }
        int n = 0;
        for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) {
            n++;
        }
        return n;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        // never resolves a property
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}
