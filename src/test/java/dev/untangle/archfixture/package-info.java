/**
 * Classes that break every rule of {@code dev.untangle.ArchitectureTest} on purpose, so that the test shows its rules
 * can fail: {@code a} and {@code b} use each other (a package cycle, and {@code a} uses a package the fixture's map
 * does not allow it), and {@code b.Rogue} constructs an estimator, a loss term and a model kind and loads a policy
 * without their registries. Never run; only read by ArchUnit.
 */
package dev.untangle.archfixture;
