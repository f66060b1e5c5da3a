package dev.untangle.policy;

import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * A prefix tree over the tokenized admissible commands, for constrained decoding: from each node only the
 * tokens that continue some command are allowed, plus the end-of-action token where a command ends.
 * Commands that tokenize alike (words outside the vocabulary) share a path; the first one in list order
 * names the action. Immutable after construction.
 */
final class PrefixTree {

    /** A node: children by token id (sorted), and the command that ends here, if any. */
    static final class Node {
        private final TreeMap<Integer, Node> children = new TreeMap<>();
        private String command;
        private int[] allowed;

        /** Allowed token ids at this node, ascending (end-of-action included where a command ends). */
        int[] allowed() {
            return allowed;
        }

        /** The child reached by {@code token}, or {@code null}. */
        Node child(int token) {
            return children.get(token);
        }

        /** The command that ends here, or {@code null}. */
        String command() {
            return command;
        }
    }

    private final Node root = new Node();
    private final int endOfAction;

    /**
     * Builds the tree.
     *
     * @param tokenizer  tokenizes each command
     * @param commands   admissible commands (non-empty)
     */
    PrefixTree(Tokenizer tokenizer, List<String> commands) {
        this.endOfAction = tokenizer.endOfActionId();
        for (String c : commands) {
            Node n = root;
            for (int id : tokenizer.encode(c)) {
                n = n.children.computeIfAbsent(id, k -> new Node());
            }
            if (n.command == null) {
                n.command = c;
            }
        }
        finish(root);
    }

    private void finish(Node n) {
        int[] a = new int[n.children.size() + (n.command != null ? 1 : 0)];
        int i = 0;
        if (n.command != null) {
            a[i++] = endOfAction;
        }
        for (int k : n.children.keySet()) {
            a[i++] = k;
        }
        Arrays.sort(a);
        n.allowed = a;
        for (Node c : n.children.values()) {
            finish(c);
        }
    }

    /** The root node (nothing generated yet). */
    Node root() {
        return root;
    }
}
