/**
 * The {@code untangle} command line (picocli): each command parses and validates its options, calls one
 * library entry point, and prints the result as text or, with {@code --json}, as one JSON document.
 * Commands hold no training or environment logic of their own.
 */
package dev.untangle.cli;
