package dev.untangle.env.science;

import java.util.List;

/**
 * The task types of the science world, named as in ScienceWorld's {@code tasks.json}, with their topic, the keys
 * a variation draws (substance, object, part, species, colour or answer-box location) and which keys only L1 uses.
 */
enum TaskType {
    /** 1-1: boil a substance. */
    BOIL("boil", "Matter", List.of("water", "orange juice", "apple juice", "ice cream", "mercury", "lead", "tin"),
            List.of("apple juice", "lead")),
    /** 1-2: melt a substance. */
    MELT("melt", "Matter", List.of("ice", "chocolate", "marshmallow", "soap", "gallium", "tin", "lead", "caesium"),
            List.of("soap", "lead")),
    /** 1-3: freeze a substance. */
    FREEZE("freeze", "Matter", List.of("water", "orange juice", "apple juice", "mercury"), List.of()),
    /** 2-1: measure a thing's temperature and sort it into a box. */
    USE_THERMOMETER("use-thermometer", "Measurement", Catalogue.THERMO_THINGS, List.of("sodium chloride")),
    /** 2-2: measure a substance's melting point and answer with a box. */
    MEASURE_MELTING("measure-melting-point-known-substance", "Measurement",
            List.of("chocolate", "marshmallow", "soap", "gallium", "tin", "caesium"), List.of()),
    /** 3-1: power an electrical part with a circuit. */
    POWER("power-component", "Electricity", Catalogue.PARTS, List.of("violet light bulb", "electric motor")),
    /** 3-3: test whether a thing conducts electricity. */
    CONDUCTIVITY("test-conductivity", "Electricity", List.of("metal fork", "aluminum foil", "iron block",
            "zinc block", "plastic fork", "wood block", "glass rod", "rubber ball"),
            List.of("zinc block", "rubber ball")),
    /** 4-1: find a living thing (key: the answer box's location). */
    FIND_LIVING("find-living-thing", "Classification", SceneGenerator.BOX_ROOMS, SceneGenerator.HELD_OUT_BOX_ROOMS),
    /** 4-2: find a non-living thing. */
    FIND_NON_LIVING("find-non-living-thing", "Classification", SceneGenerator.BOX_ROOMS,
            SceneGenerator.HELD_OUT_BOX_ROOMS),
    /** 4-3: find a plant. */
    FIND_PLANT("find-plant", "Classification", SceneGenerator.BOX_ROOMS, SceneGenerator.HELD_OUT_BOX_ROOMS),
    /** 4-4: find an animal. */
    FIND_ANIMAL("find-animal", "Classification", SceneGenerator.BOX_ROOMS, List.of()),
    /** 5-1: grow a plant from seed to its reproducing stage. */
    GROW_PLANT("grow-plant", "Biology", Catalogue.SPECIES, List.of("lemon")),
    /** 6-2: mix two primary paints into a secondary colour. */
    MIX_PAINT("chemistry-mix-paint-secondary-color", "Chemistry", List.of("violet", "green", "orange"),
            List.of("orange"));

    private final String id;
    private final String topic;
    private final List<String> keys;
    private final List<String> heldOut;

    TaskType(String id, String topic, List<String> keys, List<String> heldOut) {
        this.id = id;
        this.topic = topic;
        this.keys = keys;
        this.heldOut = heldOut;
    }

    /** ScienceWorld's task name. */
    String id() {
        return id;
    }

    /** ScienceWorld's topic. */
    String topic() {
        return topic;
    }

    /** What a variation's key picks (substance, thing, part, species, colour, answer-box location). */
    List<String> keys() {
        return keys;
    }

    /** Keys only L1 uses (unseen substances, objects, locations). */
    boolean heldOut(int key) {
        return heldOut.contains(keys.get(key));
    }
}
