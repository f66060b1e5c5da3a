package dev.untangle.env.science;

/**
 * ScienceWorld's action templates that this world knows ({@code OBJ} a thing's name, {@code LOC} a location,
 * {@code TERM} a terminal: {@code <thing> anode|cathode|terminal 1|terminal 2}, or a thing's name for its first
 * free terminal). {@link Parser} turns a command into an action with its arguments; {@link Actions} carries it
 * out; {@link Commands} lists the admissible ones.
 */
enum Action {
    /** {@code look around} (also {@code look}): the location's description. */
    LOOK_AROUND("look around"),
    /** {@code inventory}. */
    INVENTORY("inventory"),
    /** {@code task}: the goal again. */
    TASK("task"),
    /** {@code wait} (also {@code wait10}): ten ticks. */
    WAIT("wait"),
    /** {@code wait1}: one tick. */
    WAIT1("wait1"),
    /** {@code open door to LOC}. */
    OPEN_DOOR("open door to "),
    /** {@code close door to LOC}. */
    CLOSE_DOOR("close door to "),
    /** {@code go to LOC}, through an open door. */
    GO_TO("go to "),
    /** {@code look at OBJ}: the thing's detailed description. */
    LOOK_AT("look at "),
    /** {@code focus on OBJ}: names the thing a task is about (a wrong focus fails the task). */
    FOCUS_ON("focus on "),
    /** {@code pick up OBJ}. */
    PICK_UP("pick up "),
    /** {@code put down OBJ}. */
    PUT_DOWN("put down "),
    /** {@code open OBJ}. */
    OPEN("open "),
    /** {@code close OBJ}. */
    CLOSE("close "),
    /** {@code activate OBJ}. */
    ACTIVATE("activate "),
    /** {@code deactivate OBJ}. */
    DEACTIVATE("deactivate "),
    /** {@code eat OBJ}. */
    EAT("eat "),
    /** {@code read OBJ}. */
    READ("read "),
    /** {@code mix OBJ}: mixes a container's contents ({@link PaintMixing}). */
    MIX("mix "),
    /** {@code move OBJ to OBJ}. */
    MOVE("move "),
    /** {@code pour OBJ into OBJ}: moves a container's contents. */
    POUR("pour "),
    /** {@code use OBJ on OBJ}: a thermometer on something with a temperature. */
    USE("use "),
    /** {@code connect TERM to TERM}. */
    CONNECT("connect ");

    /** The words a command of this action starts with (the whole command for those without arguments). */
    final String prefix;

    Action(String prefix) {
        this.prefix = prefix;
    }
}
