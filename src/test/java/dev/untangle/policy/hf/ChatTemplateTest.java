package dev.untangle.policy.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The pieces of Python Jinja and of transformers' template environment that {@link ChatTemplate} adds to Jinjava,
 * each against the output of Python's jinja2 3.1.6 set up as transformers sets it up (trim_blocks, lstrip_blocks,
 * tojson = json.dumps(ensure_ascii=False, ...)), and the errors.
 */
class ChatTemplateTest {

    private static final Path FILE = Path.of("models/x/tokenizer_config.json");

    /** Slices with steps, keyword arguments that are whole expressions, Jinja's {@code not}, str and dict methods,
     * {@code trim} with Python's whitespace, trim/lstrip blocks, {@code tojson} with and without an indent, and the
     * single trailing newline Jinja drops. */
    private static final String TEMPLATE = "{%- set ns = namespace(n=xs|length - 1) -%}\n{{ xs[::-1]|join(',') }}|{{ "
            + "xs[1:]|join(',') }}|{{ xs[-2:]|join(',') }}|{{ xs[::2]|join(',') }}|{{ s[::-1] }}|{{ ns.n }}|{{ 'T' if "
            + "not x is defined else 'F' }}|{{ 'T' if not 1 == 2 else 'F' }}\n{{ '  a b  '.strip() }}|{{ "
            + "'xxaxx'.strip('x') }}|{{ 'a</t>b</t>c'.split('</t>')[-1] }}|{{ 'a b  c'.split()|join('+') }}|{{ 'T' "
            + "if 'abc'.startswith('ab') and 'abc'.endswith(('x', 'c')) else 'F' }}|{{ s2|trim }}|{{ d.get('k', "
            + "'none') }}|{{ 'go To'.title() }}\n{% for m in xs %}\n  {{ m }}\n{% endfor %}\n{{ v|tojson }}\n{{ "
            + "v|tojson(indent=2) }}\nend\n";
    /** What jinja2 renders (printed by python3 with transformers' environment). */
    private static final String EXPECTED = "4,3,2,1|2,3,4|3,4|1,3|cba|3|T|T\na b|a|c|a+b+c|T|a|none|Go To\n"
            + "  1\n  2\n  3\n  4\n{\"b\": [1, 2.5, null, true, \"\u00e9\\\"\\n\\t\\u0001\"], \"a\": {}, "
            + "\"c\": [], \"d\": 1e+16, \"e\": 0.0001,"
            + " \"f\": 1e-05, \"h\": 123456789.125}\n{\n  \"b\": [\n    1,\n    2.5,\n    null,\n    true,\n   "
            + " \"\u00e9\\\"\\n\\t\\u0001\"\n  ],\n  \"a\": {},\n  \"c\": [],\n  \"d\": 1e+16,\n  \"e\": 0.0001"
            + ",\n  \"f\": 1e-05,\n  \"h\": 123456789.125\n}\nend";

    private static ChatTemplate template(String source) {
        return new ChatTemplate(source, FILE, Map.of("eos_token", "</s>"), ChatTemplateReferenceTest.FIXED);
    }

    @Test
    void pythonJinjaAsTransformersSetsItUp() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("b", Arrays.asList(1, 2.5, null, true, "\u00e9\"\n\t\u0001"));
        v.put("a", Map.of());
        v.put("c", List.of());
        v.put("d", 1e16);
        v.put("e", 0.0001);
        v.put("f", 1e-05);
        v.put("h", 123456789.125);
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("xs", List.of(1, 2, 3, 4));
        vars.put("s", "abc");
        vars.put("s2", " \u00a0a\u3000");
        vars.put("d", Map.of());
        vars.put("v", v);
        assertEquals(EXPECTED, template(TEMPLATE).render(List.of(), vars));
    }

    @Test
    void strftimeNowReadsTheTemplatesClockAndIsDefined() {
        ChatTemplate t = template("{% if strftime_now is defined %}{{ strftime_now('%d %b %Y|%B %A %H:%M %p %%') }}"
                + "{% endif %}|{{ eos_token }}|{{ 'T' if bos_token is defined else 'F' }}");
        assertEquals("07 Mar 2025|March Friday 09:05 AM %|</s>|F", t.render(List.of(), Map.of()));
        assertEquals("26 Jul 2024 13", ChatTemplate.strftime(ZonedDateTime.parse("2024-07-26T13:00:00Z"),
                "%d %b %Y %H"));
    }

    @Test
    void messagesAddGenerationPromptAndEnableThinkingReachTheTemplate() {
        ChatTemplate t = template("{% for m in messages %}[{{ m.role }}:{{ m['content'] }}]{% endfor %}"
                + "{% if add_generation_prompt %}+{% endif %}{% if enable_thinking is defined %}{{ 'T' if "
                + "enable_thinking else 'F' }}{% else %}U{% endif %}");
        List<ChatTemplate.Message> m = List.of(new ChatTemplate.Message("user", "hi"),
                new ChatTemplate.Message("assistant", " yo\n"));
        assertEquals("[user:hi][assistant: yo\n]+F", t.render(m, true, false));
        assertEquals("[user:hi][assistant: yo\n]T", t.render(m, false, true));
        assertEquals("[user:hi][assistant: yo\n]U", t.render(m, false, null));
    }

    @Test
    void raiseExceptionIsAOneLineErrorNamingTheTemplateAndMessage() {
        ChatTemplate t = template("{% if messages[0].role != 'system' %}{{ raise_exception('roles must\nalternate') "
                + "}}{% endif %}ok");
        HfFormatException e = assertThrows(HfFormatException.class,
                () -> t.render(List.of(new ChatTemplate.Message("user", "x")), true, null));
        assertEquals(FILE + ": chat_template: the template raised an error: roles must\\nalternate", e.getMessage());
        assertEquals("chat_template", e.key());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals("ok", t.render(List.of(new ChatTemplate.Message("system", "x")), true, null));
    }

    @Test
    void aTemplateThatDoesNotParseOrFailsNamesTheFile() {
        HfFormatException e = assertThrows(HfFormatException.class, () -> template("{% for m in messages %}x"));
        assertTrue(e.getMessage().startsWith(FILE + ": chat_template: does not parse"), e.getMessage());
        ChatTemplate t = template("{{ messages[0].content|tojson(indent='x') }}");
        e = assertThrows(HfFormatException.class, () -> t.render(List.of(new ChatTemplate.Message("u", "c")), true,
                null));
        assertTrue(e.getMessage().startsWith(FILE + ": chat_template: cannot be rendered: line 1: "), e.getMessage());
    }
}
