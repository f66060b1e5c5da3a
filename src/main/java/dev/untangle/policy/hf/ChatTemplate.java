package dev.untangle.policy.hf;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.el.TruthyTypeConverter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.tree.TreeStore;
import jinjava.de.odysseus.el.tree.impl.Cache;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ExpressionFactory;

/**
 * A model's own chat template ({@code chat_template} of {@code tokenizer_config.json}, or
 * {@code chat_template.jinja}), executed by a Jinja engine (HubSpot's Jinjava) set up as {@code transformers}'
 * {@code apply_chat_template} sets up Python's jinja2 (docs/ALGORITHMS.md "Pretrained Hugging Face decoders"):
 * <ul>
 *   <li>{@code trim_blocks} and {@code lstrip_blocks} on, a single trailing newline of the template dropped
 *       ({@code keep_trailing_newline} off); {@code {{- }}} and {@code {%- %}} trim as in Jinja;</li>
 *   <li>the globals {@code raise_exception(message)} (rendering fails with a one-line {@link HfFormatException}
 *       naming the template's file, {@code chat_template} and the message) and {@code strftime_now(format)}
 *       (Python's {@code strftime} of this template's clock, English names);</li>
 *   <li>the filter {@code tojson} as transformers defines it ({@code json.dumps} with {@code ensure_ascii=False},
 *       {@code indent}, {@code separators}, {@code sort_keys}: {@link PythonJson}) and {@code trim} with Python's
 *       {@code str.strip};</li>
 *   <li>Python's {@code str} and {@code dict} methods ({@link PythonMethods}), keyword arguments whose value is a
 *       whole expression and {@code [start:stop:step]} slices ({@link JinjaSyntax});</li>
 *   <li>the variables {@code messages}, {@code add_generation_prompt}, the special tokens of
 *       {@code tokenizer_config.json} that are set ({@code bos_token}, {@code eos_token}, {@code unk_token},
 *       {@code pad_token}) and, where given, {@code enable_thinking} and others such as {@code tools}.</li>
 * </ul>
 * The rendered text is what {@code apply_chat_template(messages, tokenize=False, ...)} returns; its token ids are
 * the tokenizer's encoding of that text as a whole (special tokens in it are matched as whole tokens and no
 * others are added). Tested against Hugging Face's {@code @huggingface/jinja} and Python's jinja2 on the templates
 * of Qwen2.5-Instruct, Qwen3, SmolLM2-Instruct and Llama 3 / 3.1 / 3.2 Instruct ({@code ChatTemplateReferenceTest}).
 * Thread-safe.
 */
public final class ChatTemplate {

    /** One chat message. */
    public record Message(String role, String content) {
        /** Checks the values. */
        public Message {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(content, "content");
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("role", role);
            m.put("content", content);
            return m;
        }
    }

    /** What the functions of one rendering read and report (the functions are static, the state per thread). */
    private static final class State {
        private final Clock clock;
        private String raised;

        State(Clock clock) {
            this.clock = clock;
        }
    }

    private static final ThreadLocal<State> STATE = new ThreadLocal<>();

    private final String source;
    private final String body;
    private final Path file;
    private final Map<String, String> specialTokens;
    private final Clock clock;
    private final Jinjava jinjava;

    /**
     * Compiles a template.
     *
     * @param source        the template (Jinja text)
     * @param file          the file it came from (named by every error)
     * @param specialTokens the special tokens the template sees ({@code bos_token}, ...; those not set left out)
     * @param clock         the clock of {@code strftime_now}
     * @throws HfFormatException naming {@code file} and {@code chat_template} when the template does not parse
     */
    public ChatTemplate(String source, Path file, Map<String, String> specialTokens, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.body = withoutTrailingNewline(source);
        this.file = Objects.requireNonNull(file, "file");
        this.specialTokens = Map.copyOf(specialTokens);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.jinjava = engine();
        JinjavaInterpreter parser = jinjava.newInterpreter();
        JinjavaInterpreter.pushCurrent(parser);
        try {
            parser.parse(body);
        } catch (RuntimeException e) {
            throw error("does not parse: " + e.getMessage());
        } finally {
            JinjavaInterpreter.popCurrent();
        }
        fail(parser.getErrorsCopy(), "does not parse");
    }

    /**
     * The template of a model's tokenizer, with its special tokens and the system clock.
     *
     * @throws HfFormatException naming the file and {@code chat_template} when there is none or it does not parse
     */
    public static ChatTemplate of(HfTokenizer tokenizer) {
        return of(tokenizer, Clock.systemDefaultZone());
    }

    /**
     * The template of a model's tokenizer, with its special tokens and {@code clock} for {@code strftime_now}.
     *
     * @throws HfFormatException naming the file and {@code chat_template} when there is none or it does not parse
     */
    public static ChatTemplate of(HfTokenizer tokenizer, Clock clock) {
        Map<String, String> specials = new LinkedHashMap<>();
        putIfSet(specials, "bos_token", tokenizer.bosToken());
        putIfSet(specials, "eos_token", tokenizer.eosToken());
        putIfSet(specials, "unk_token", tokenizer.unkToken());
        putIfSet(specials, "pad_token", tokenizer.padToken());
        String template = tokenizer.chatTemplate();
        return new ChatTemplate(template, tokenizer.chatTemplateFile(), specials, clock);
    }

    private static void putIfSet(Map<String, String> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /** The template text. */
    public String source() {
        return source;
    }

    /** The file the template came from. */
    public Path file() {
        return file;
    }

    /**
     * Renders messages.
     *
     * @param messages            the conversation
     * @param addGenerationPrompt whether the assistant's turn is opened at the end
     * @param enableThinking      the template's {@code enable_thinking}, or {@code null} to leave it undefined
     * @throws HfFormatException naming the file and {@code chat_template} when the template raises or fails
     */
    public String render(List<Message> messages, boolean addGenerationPrompt, Boolean enableThinking) {
        List<Map<String, Object>> m = new ArrayList<>();
        for (Message x : messages) {
            m.add(x.toMap());
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("add_generation_prompt", addGenerationPrompt);
        if (enableThinking != null) {
            vars.put("enable_thinking", enableThinking);
        }
        return render(m, vars);
    }

    /**
     * Renders messages given as maps (any keys: {@code role}, {@code content}, {@code tool_calls}, ...) with more
     * template variables ({@code add_generation_prompt}, {@code enable_thinking}, {@code tools}, ...), as
     * {@code apply_chat_template(messages, **variables)} does.
     *
     * @throws HfFormatException naming the file and {@code chat_template} when the template raises or fails
     */
    public String render(List<? extends Map<String, ?>> messages, Map<String, ?> variables) {
        Map<String, Object> bindings = new LinkedHashMap<>(specialTokens);
        bindings.put("add_generation_prompt", false);
        bindings.putAll(variables);
        bindings.put("messages", messages);
        // defined, as in transformers (the calls themselves go to the functions registered below)
        bindings.put("raise_exception", "raise_exception");
        bindings.put("strftime_now", "strftime_now");
        State state = new State(clock);
        State outer = STATE.get();
        STATE.set(state);
        RenderResult r;
        try {
            synchronized (jinjava) { // Jinjava resets its global context after each rendering
                r = jinjava.renderForResult(body, bindings);
            }
        } finally {
            if (outer == null) {
                STATE.remove();
            } else {
                STATE.set(outer);
            }
        }
        if (state.raised != null) {
            throw error("the template raised an error: " + oneLine(state.raised));
        }
        fail(r.getErrors(), "cannot be rendered");
        return r.getOutput();
    }

    /** Jinja drops a single trailing newline of a template ({@code keep_trailing_newline=False}). */
    private static String withoutTrailingNewline(String s) {
        if (s.endsWith("\r\n")) {
            return s.substring(0, s.length() - 2);
        }
        return s.endsWith("\n") || s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private void fail(List<TemplateError> errors, String what) {
        for (TemplateError e : errors) {
            if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw error(what + ": line " + e.getLineno() + ": " + oneLine(e.getMessage()));
            }
        }
    }

    private HfFormatException error(String message) {
        return new HfFormatException(file, "chat_template", message);
    }

    private static String oneLine(String s) {
        return String.valueOf(s).replace("\r", "\\r").replace("\n", "\\n");
    }

    // ---- the engine ------------------------------------------------------------------------------------------

    private static Jinjava engine() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new PythonMethods());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withElResolver(resolver)
                .withFailOnUnknownTokens(false)
                .withLegacyOverrides(LegacyOverrides.newBuilder()
                        .withUseNaturalOperatorPrecedence(true)
                        .withParseWhitespaceControlStrictly(true)
                        .withUseTrimmingForNotesAndExpressions(true)
                        .withKeepNullableLoopValues(true)
                        .withEvaluateMapKeys(true)
                        .withIterateOverMapKeys(true)
                        .withUsePyishObjectMapper(true)
                        .build())
                .build();
        Jinjava j = new PythonJinjava(config);
        j.registerFunction(function("raise_exception", "raiseException", Object.class));
        j.registerFunction(function("strftime_now", "strftimeNow", String.class));
        j.registerFilter(new ToJson());
        j.registerFilter(new Trim());
        return j;
    }

    private static ELFunctionDefinition function(String name, String method, Class<?>... types) {
        try {
            Method m = Functions.class.getDeclaredMethod(method, types);
            m.setAccessible(true);
            return new ELFunctionDefinition("", name, m);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Jinjava with {@link JinjaSyntax}'s expression parser. */
    private static final class PythonJinjava extends Jinjava {

        private final ExpressionFactory factory = new ExpressionFactoryImpl(
                new TreeStore(new JinjaSyntax(), new Cache(512)), new TruthyTypeConverter());

        PythonJinjava(JinjavaConfig config) {
            super(config);
        }

        @Override
        public ExpressionFactory getExpressionFactory() {
            return factory;
        }
    }

    /** The template functions transformers adds. */
    private static final class Functions {

        private Functions() {
        }

        @SuppressWarnings("unused") // called by templates
        private static Object raiseException(Object message) {
            State s = STATE.get();
            String text = String.valueOf(message);
            if (s != null && s.raised == null) {
                s.raised = text;
            }
            throw new IllegalStateException(text);
        }

        @SuppressWarnings("unused") // called by templates
        private static String strftimeNow(String format) {
            State s = STATE.get();
            return strftime(ZonedDateTime.now(s == null ? Clock.systemDefaultZone() : s.clock), format);
        }
    }

    /** Python's {@code strftime} for the directives a chat template may use, with English names. */
    static String strftime(ZonedDateTime t, String format) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%' || i + 1 == format.length()) {
                b.append(c);
                continue;
            }
            char d = format.charAt(++i);
            switch (d) {
                case 'Y' -> b.append(t.getYear());
                case 'y' -> b.append(String.format("%02d", t.getYear() % 100));
                case 'm' -> b.append(String.format("%02d", t.getMonthValue()));
                case 'd' -> b.append(String.format("%02d", t.getDayOfMonth()));
                case 'e' -> b.append(String.format("%2d", t.getDayOfMonth()));
                case 'j' -> b.append(String.format("%03d", t.getDayOfYear()));
                case 'H' -> b.append(String.format("%02d", t.getHour()));
                case 'I' -> b.append(String.format("%02d", (t.getHour() + 11) % 12 + 1));
                case 'M' -> b.append(String.format("%02d", t.getMinute()));
                case 'S' -> b.append(String.format("%02d", t.getSecond()));
                case 'p' -> b.append(t.getHour() < 12 ? "AM" : "PM");
                case 'b', 'h' -> b.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'B' -> b.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'a' -> b.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'A' -> b.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case '%' -> b.append('%');
                default -> b.append('%').append(d);
            }
        }
        return b.toString();
    }

    /** {@code tojson} as transformers defines it. */
    private static final class ToJson implements Filter {

        @Override
        public String getName() {
            return "tojson";
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            return filter(var, interpreter, args, Map.of());
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
            Object indent = kwargs.containsKey("indent") ? kwargs.get("indent") : args.length > 0 ? args[0] : null;
            Object separators = kwargs.get("separators");
            List<String> seps = null;
            if (separators instanceof List<?> l && l.size() == 2) {
                seps = List.of(String.valueOf(l.get(0)), String.valueOf(l.get(1)));
            }
            boolean sort = Boolean.TRUE.equals(kwargs.get("sort_keys"));
            Integer n = indent == null ? null : indent instanceof Number x ? x.intValue()
                    : Integer.valueOf(String.valueOf(indent));
            return PythonJson.dumps(var, n, seps, sort);
        }
    }

    /** {@code trim} with Python's {@code str.strip(chars)}. */
    private static final class Trim implements Filter {

        @Override
        public String getName() {
            return "trim";
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            if (var == null) {
                return "";
            }
            return PythonMethods.strip(String.valueOf(var), args.length > 0 ? args[0] : null, true, true);
        }
    }
}
