/**
 * The experiment's runs on Apache Spark ({@code untangle experiment --master URL}): {@link
 * dev.untangle.experiment.spark.SparkGrid} submits each run as a task, {@code RunTask} trains it in a child JVM on an
 * executor and {@link dev.untangle.experiment.spark.RunPublisher} publishes the finished run directory atomically
 * through Hadoop's FileSystem API (docs/EXPERIMENT.md "On a Spark cluster").
 */
package dev.untangle.experiment.spark;
