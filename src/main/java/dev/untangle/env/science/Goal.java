package dev.untangle.env.science;

/**
 * An ordered sub-goal of a task's goal sequence ({@link Goals}), after ScienceWorld's {@code goals} package: a
 * {@link Focus} is met by a {@code focus on} that names a thing it accepts; a {@link Condition} is met when the
 * world reaches a state (checked after every action and every tick).
 */
sealed interface Goal {

    /** A focus sub-goal: which things a {@code focus on} may name now (ScienceWorld's {@code GoalFind} family). */
    enum Focus implements Goal {
        /** The task's object. */
        TARGET,
        /** The task's second object (the thermometer). */
        SECOND,
        /** Any living thing (the answer of a find task). */
        LIVING,
        /** Any non-living thing (the answer). */
        NON_LIVING,
        /** Any plant (the answer). */
        PLANT,
        /** Any animal (the answer). */
        ANIMAL,
        /** The box the goal text names for the right answer. */
        ANSWER_BOX;

        /** Whether a {@code focus on x} meets this sub-goal. */
        boolean accepts(Scene s, int x) {
            return switch (this) {
                case TARGET -> x == s.target;
                case SECOND -> x == s.second;
                case LIVING -> s.is(x, Scene.ANIMAL | Scene.PLANT);
                case NON_LIVING -> !s.is(x, Scene.ANIMAL | Scene.PLANT);
                case PLANT -> s.is(x, Scene.PLANT);
                case ANIMAL -> s.is(x, Scene.ANIMAL);
                case ANSWER_BOX -> x == s.boxYes;
            };
        }

        /** Whether the focused thing becomes the task's answer (find tasks). */
        boolean choosesAnswer() {
            return this == LIVING || this == NON_LIVING || this == PLANT || this == ANIMAL;
        }
    }

    /** A state sub-goal (ScienceWorld's {@code GoalChangeStateOfMatter}, {@code GoalObjectInContainer}, ...). */
    enum Condition implements Goal {
        /** The task object is solid. */
        SOLID,
        /** The task object is liquid. */
        LIQUID,
        /** The task object is a gas. */
        GAS,
        /** The task object is in the right answer box (the wrong box fails the task). */
        IN_RIGHT_BOX,
        /** The focused answer is in the answer box (the task object). */
        ANSWER_IN_BOX,
        /** The task object (a light bulb, a motor) is powered. */
        POWERED_ON,
        /** The thermometer has measured the task substance while liquid. */
        MEASURED_LIQUID,
        /** The plant is a seedling or older. */
        SEEDLING,
        /** The plant is adult or older. */
        ADULT,
        /** The plant reproduces. */
        REPRODUCING;

        /** 1 when the sub-goal holds, 0 when not yet, -1 when the task has failed it. */
        int check(Goals g) {
            World w = g.world();
            Scene s = w.s;
            int t = s.target;
            return switch (this) {
                case SOLID -> w.state(t) == 0 ? 1 : 0;
                case LIQUID -> w.state(t) == 1 ? 1 : 0;
                case GAS -> w.state(t) == 2 ? 1 : 0;
                case IN_RIGHT_BOX -> w.in[t] == s.boxYes ? 1 : w.in[t] == s.boxNo ? -1 : 0;
                case ANSWER_IN_BOX -> g.answer() >= 0 && w.in[g.answer()] == t ? 1 : 0;
                case POWERED_ON -> w.powered[t] ? 1 : 0;
                case MEASURED_LIQUID -> w.measuredLiquid ? 1 : 0;
                case SEEDLING -> w.stage[t] >= 1 ? 1 : 0;
                case ADULT -> w.stage[t] >= 2 ? 1 : 0;
                case REPRODUCING -> w.stage[t] >= 3 ? 1 : 0;
            };
        }
    }
}
