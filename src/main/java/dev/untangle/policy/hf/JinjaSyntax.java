package dev.untangle.policy.hf;

import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.el.ext.AstNamedParameter;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.impl.Builder;
import jinjava.de.odysseus.el.tree.impl.Parser;
import jinjava.de.odysseus.el.tree.impl.Scanner;
import jinjava.de.odysseus.el.tree.impl.Scanner.Symbol;
import jinjava.de.odysseus.el.tree.impl.Scanner.Token;
import jinjava.de.odysseus.el.tree.impl.ast.AstBracket;
import jinjava.de.odysseus.el.tree.impl.ast.AstDot;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.de.odysseus.el.tree.impl.ast.AstParameters;
import jinjava.de.odysseus.el.tree.impl.ast.AstRightValue;
import jinjava.de.odysseus.el.tree.impl.ast.AstUnary;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELException;

/**
 * Jinjava's expression syntax with the two pieces of Python Jinja that chat templates use and Jinjava parses
 * differently (Llama 3.1/3.2's and Qwen3's templates use them):
 * <ul>
 *   <li>{@code not} applies to a whole comparison, and tests and filters bind tighter than it:
 *       {@code not tools is defined} is {@code not (tools is defined)} and {@code not a == b} is
 *       {@code not (a == b)} (Jinjava: {@code (not tools) is defined});</li>
 *   <li>a keyword argument's value is a whole expression: {@code namespace(i=messages|length - 1)} passes
 *       {@code (messages|length) - 1}, where Jinjava binds {@code i=messages|length} first and then subtracts from
 *       the named parameter;</li>
 *   <li>slices follow Python, with an optional step: {@code messages[::-1]}, {@code s[1:]}, {@code xs[-2:]}.</li>
 * </ul>
 */
final class JinjaSyntax extends ExtendedSyntaxBuilder {

    private static final long serialVersionUID = 1L;

    JinjaSyntax() {
        super(Feature.METHOD_INVOCATIONS, Feature.VARARGS);
    }

    @Override
    protected Parser createParser(String expression) {
        return new PythonParser(this, expression);
    }

    /** The parser: Jinjava's, with whole-expression keyword arguments and Python slices. */
    static final class PythonParser extends ExtendedParser {

        PythonParser(Builder context, String input) {
            super(context, input);
        }

        /** Jinja's {@code not}: between {@code and} and the comparisons. */
        @Override
        protected AstNode eq(boolean required) throws Scanner.ScanException, ParseException {
            if (getToken().getSymbol() == Symbol.NOT) {
                consumeToken();
                return createAstUnary(eq(true), AstUnary.NOT);
            }
            return super.eq(required);
        }

        @Override
        protected AstParameters params(Symbol left, Symbol right) throws Scanner.ScanException, ParseException {
            consumeToken(left);
            List<AstNode> l = new ArrayList<>();
            AstNode v = argument(false);
            if (v != null) {
                l.add(v);
                while (getToken().getSymbol() == Symbol.COMMA) {
                    consumeToken();
                    l.add(argument(true));
                }
            }
            consumeToken(right);
            return createAstParameters(l);
        }

        /** {@code name=expression} or an expression. */
        private AstNode argument(boolean required) throws Scanner.ScanException, ParseException {
            if (getToken().getSymbol() == Symbol.IDENTIFIER && lookahead(0).getSymbol() == Symbol.EXTENSION
                    && "=".equals(lookahead(0).getImage())) {
                String name = consumeToken().getImage();
                consumeToken();
                return new AstNamedParameter(identifier(name), expr(true));
            }
            return expr(required);
        }

        /** Jinjava's {@code value()} (natural operator precedence), with {@code [start:stop:step]} slices. */
        @Override
        protected AstNode value() throws Scanner.ScanException, ParseException {
            boolean lvalue = true;
            AstNode v = nonliteral();
            if (v == null) {
                v = literal();
                if (v == null) {
                    return null;
                }
                lvalue = false;
            }
            while (true) {
                switch (getToken().getSymbol()) {
                    case DOT: {
                        consumeToken();
                        String name = consumeToken(Symbol.IDENTIFIER).getImage();
                        AstDot dot = createAstDot(v, name, lvalue);
                        if (getToken().getSymbol() == Symbol.LPAREN && context.isEnabled(Feature.METHOD_INVOCATIONS)) {
                            v = createAstMethod(dot, params());
                        } else {
                            v = dot;
                        }
                        break;
                    }
                    case LBRACK: {
                        consumeToken();
                        AstNode property = expr(false);
                        boolean strict = !context.isEnabled(Feature.NULL_PROPERTIES);
                        Token next = consumeToken();
                        if (next.getSymbol() == Symbol.COLON) {
                            AstNode stop = expr(false);
                            AstNode step = null;
                            if (getToken().getSymbol() == Symbol.COLON) {
                                consumeToken();
                                step = expr(false);
                            }
                            consumeToken(Symbol.RBRACK);
                            v = new AstSlice(v, property, stop, step);
                        } else if (next.getSymbol() == Symbol.RBRACK) {
                            AstBracket bracket = createAstBracket(v, property, lvalue, strict);
                            if (getToken().getSymbol() == Symbol.LPAREN
                                    && context.isEnabled(Feature.METHOD_INVOCATIONS)) {
                                v = createAstMethod(bracket, params());
                            } else {
                                v = bracket;
                            }
                        } else {
                            fail(Symbol.RBRACK);
                        }
                        break;
                    }
                    default:
                        return v;
                }
            }
        }
    }

    /** {@code base[start:stop:step]} with Python's semantics on lists, arrays and strings. */
    static final class AstSlice extends AstRightValue {

        private final AstNode base;
        private final AstNode start;
        private final AstNode stop;
        private final AstNode step;
        private final List<AstNode> children = new ArrayList<>();

        AstSlice(AstNode base, AstNode start, AstNode stop, AstNode step) {
            this.base = base;
            this.start = start;
            this.stop = stop;
            this.step = step;
            for (AstNode c : new AstNode[] {base, start, stop, step}) {
                if (c != null) {
                    children.add(c);
                }
            }
        }

        @Override
        public Object eval(Bindings bindings, ELContext context) {
            Object b = base.eval(bindings, context);
            Integer first = index(start, bindings, context);
            Integer last = index(stop, bindings, context);
            Integer by = index(step, bindings, context);
            if (b instanceof CharSequence s) {
                StringBuilder out = new StringBuilder();
                for (int i : indices(s.length(), first, last, by)) {
                    out.append(s.charAt(i));
                }
                return out.toString();
            }
            List<Object> items;
            if (b instanceof List<?> list) {
                items = new ArrayList<>(list);
            } else if (b != null && b.getClass().isArray()) {
                items = new ArrayList<>();
                for (int i = 0; i < Array.getLength(b); i++) {
                    items.add(Array.get(b, i));
                }
            } else if (b instanceof Iterable<?> it) {
                items = new ArrayList<>();
                it.forEach(items::add);
            } else {
                throw new ELException("cannot slice " + (b == null ? "none" : b.getClass().getSimpleName())
                        + " (" + base + ")");
            }
            List<Object> out = new ArrayList<>();
            for (int i : indices(items.size(), first, last, by)) {
                out.add(items.get(i));
            }
            return out;
        }

        private static Integer index(AstNode node, Bindings bindings, ELContext context) {
            if (node == null) {
                return null;
            }
            Object v = node.eval(bindings, context);
            if (v == null) {
                return null;
            }
            if (!(v instanceof Number n)) {
                throw new ELException("slice indices must be integers or none, got " + v);
            }
            return n.intValue();
        }

        /** Python's {@code range(*slice(start, stop, step).indices(n))}. */
        static int[] indices(int n, Integer start, Integer stop, Integer step) {
            int by = step == null ? 1 : step;
            if (by == 0) {
                throw new ELException("slice step cannot be zero");
            }
            int lower = by > 0 ? 0 : -1;
            int upper = by > 0 ? n : n - 1;
            int from = start == null ? (by > 0 ? lower : upper) : clamp(start, n, lower, upper);
            int to = stop == null ? (by > 0 ? upper : lower) : clamp(stop, n, lower, upper);
            int[] out = new int[n + 1];
            int k = 0;
            for (int i = from; by > 0 ? i < to : i > to; i += by) {
                out[k++] = i;
            }
            return Arrays.copyOf(out, k);
        }

        private static int clamp(int i, int n, int lower, int upper) {
            if (i < 0) {
                return Math.max(i + n, lower);
            }
            return Math.min(i, upper);
        }

        @Override
        public void appendStructure(StringBuilder b, Bindings bindings) {
            base.appendStructure(b, bindings);
            b.append('[');
            if (start != null) {
                start.appendStructure(b, bindings);
            }
            b.append(':');
            if (stop != null) {
                stop.appendStructure(b, bindings);
            }
            if (step != null) {
                b.append(':');
                step.appendStructure(b, bindings);
            }
            b.append(']');
        }

        @Override
        public int getCardinality() {
            return children.size();
        }

        @Override
        public AstNode getChild(int i) {
            return i >= 0 && i < children.size() ? children.get(i) : null;
        }

        @Override
        public String toString() {
            return "[:]";
        }
    }
}
