/**
 * Configuration: YAML files with {@code key=value} overrides, read into typed immutable records.
 *
 * <p>{@link dev.untangle.config.ConfigTree} is the parsed, overridden tree; typed records read it with defaults
 * and documentation, and every key that no record read is rejected as unknown. Errors name the key and, where
 * the value came from a file, the file and line.
 */
package dev.untangle.config;
