package dev.untangle.env.science;

import dev.untangle.env.TextEnvironment;

/**
 * What a science expert knows of its episode's world, the strategy a {@link Planner} is composed with: the
 * {@link OracleKnowledge} reads the world state; the {@link SearcherKnowledge} knows only what the observations
 * said. Names are command names ({@code red paint}, {@code flower pot 3}); locations are indices of
 * {@link House#NAMES}. The methods taking a {@link Memory} answer from what the expert's own episode showed unless
 * the knowledge can read the answer elsewhere (the oracle reads the state instead, so that it also plays correctly
 * from a state another agent's commands reached).
 */
interface Knowledge {

    /** The expert's name ({@code oracle}, {@code searcher}). */
    String name();

    /** Prepares for an episode of a science environment, given the first observation and the goal sentence. */
    void start(ScienceEnvironment env, String firstObservation, String goal);

    /** Updates what is known after {@code command} answered {@code observation}. */
    void learn(String command, String observation);

    /** Whether the knowledge can follow another agent's commands (it learns from any command's answer). */
    boolean followsOtherAgents();

    /** The agent's location. */
    int at();

    /** Whether a door is known to be open. */
    boolean doorOpen(int door);

    /** The location where a thing with this name can be reached (the agent's when carried), or -1 when unknown. */
    int roomOf(String name);

    /** Whether the thing is carried. */
    boolean carried(String name);

    /** A closed container that must be opened to reach the thing, or null. */
    String closedAround(String name);

    /** Whether {@link #contentOf} describes the state the next command acts on (the oracle's does). */
    boolean exactNow();

    /** Whether the agent's location's contents are known (the oracle always knows them). */
    boolean knowsHere();

    /** Whether a device of this name in the agent's location is switched on. */
    boolean isOn(String name);

    /** Whether a closable thing of this name in the agent's location is closed. */
    boolean closedHere(String name);

    /** The container holding a thing with this name (a substance, a paint, a seed), or null when unknown. */
    String holderOf(String name);

    /** The name of what a container now holds (its first thing), or null when unknown or stale. */
    String contentOf(String container);

    /** The next command that explores the house for unseen things, or null when nothing is left to explore. */
    String explore();

    /** The nearest candidate for a find task ({@code living thing}, {@code plant}, ...), or null if none known. */
    String candidate(String kind);

    /** Whether a thing of this name has been focused on. */
    default boolean hasFocused(String name, Memory own) {
        return own.hasFocused(name);
    }

    /** The container a thing was last put in by a move, or null. */
    default String placedIn(String thing, Memory own) {
        return own.placedIn(thing);
    }

    /** Whether a connect or pour command has taken effect. */
    default boolean hasDone(String command, Memory own) {
        return own.hasDone(command);
    }

    /** A thing's temperature as last measured, NaN when not measured. */
    default double temperatureOf(String thing, Memory own) {
        return own.lastReading;
    }

    /** Whether a thing conducts electricity, as the test bulb showed; null when not tested. */
    default Boolean conducts(String thing, Memory own) {
        return own.litAnswer == null ? null : own.litAnswer.equals("on");
    }

    /** A substance's melting point as the readings bracket it (NaN until a solid and a liquid reading exist). */
    default double meltingPoint(Catalogue.Substance s, Memory own) {
        return Double.isNaN(own.solidReading) || Double.isNaN(own.liquidReading) ? Double.NaN
                : (own.solidReading + own.liquidReading) / 2;
    }

    /** Whether the thermometer has been used on the substance while it was liquid. */
    default boolean measuredLiquid(Memory own) {
        return !Double.isNaN(own.liquidReading);
    }
}
