/**
 * The engine-neutral environment API: tasks, splits, observations, step results and admissible commands.
 *
 * <p>Built-in worlds ({@code env.household}) and remote environment servers ({@code env.remote}) implement
 * {@link dev.untangle.env.EnvironmentSuite} and {@link dev.untangle.env.TextEnvironment}. This package holds
 * no tensors, no buffers and no training code: text in, text out.
 */
package dev.untangle.env;
