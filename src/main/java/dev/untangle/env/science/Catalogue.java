package dev.untangle.env.science;

import java.util.List;

/**
 * The science facts the world and its experts share, taken from ScienceWorld's source
 * ({@code MaterialProperties.scala}, {@code HeatSourceProperties.scala}, {@code CoolingSourceProperties.scala}):
 * substances with their names per state of matter and their melting and boiling points (degrees Celsius), the
 * temperatures of heaters and coolers, and the living things, conductors and insulators tasks draw from.
 */
final class Catalogue {

    /** Room temperature, the starting temperature of most things. */
    static final double ROOM_C = 25;
    /** ScienceWorld's stove ({@code HeatSourcePropertiesStove}). */
    static final double STOVE_C = 260;
    /** ScienceWorld's blast furnace ({@code HeatSourcePropertiesBlastFurnace}). */
    static final double FURNACE_C = 3000;
    /** ScienceWorld's fridge ({@code CoolingSourcePropertiesFridge}). */
    static final double FRIDGE_C = 2;
    /** ScienceWorld's freezer ({@code CoolingSourcePropertiesFreezer}). */
    static final double FREEZER_C = -18;
    /** ScienceWorld's ultra low temperature freezer ({@code CoolingSourcePropertiesULTFreezer}). */
    static final double ULT_FREEZER_C = -86;
    /** Share of the gap to a heater's or cooler's temperature closed per tick (ScienceWorld's coefficient). */
    static final double HEAT_TRANSFER = 0.10;
    /** Ticks of soil and water a plant needs per life stage. */
    static final int TICKS_PER_STAGE = 10;
    /** Plant life stages (ScienceWorld's first four). */
    static final List<String> STAGES = List.of("seed", "seedling", "adult", "reproducing");

    /**
     * A substance a state-of-matter task can use. Its names change with its state, as in ScienceWorld's
     * {@code nameInStateOfMatter}; commands name it by its base name in every state (ScienceWorld keeps the
     * substance name among an object's referents), and goals use the base name.
     *
     * @param base     the name goals and commands use in every state
     * @param solid    name when solid
     * @param liquid   name when liquid
     * @param gas      name when gaseous
     * @param meltC    melting point
     * @param boilC    boiling point
     * @param startC   starting temperature
     * @param cup      the container it starts in
     * @param room     location of the container
     * @param fixture  the fixture in that location holding the container ({@code null}: on the floor)
     */
    record Substance(String base, String solid, String liquid, String gas, double meltC, double boilC,
                     double startC, String cup, int room, String fixture) {
    }

    static final Substance WATER = new Substance("water", "ice", "water", "steam",
            0, 100, ROOM_C, "metal pot", House.KITCHEN, "counter");
    static final Substance ICE = new Substance("ice", "ice", "water", "steam",
            0, 100, -10, "wood cup", House.KITCHEN, "freezer");
    static final Substance ORANGE_JUICE = new Substance("orange juice",
            "solid orange juice", "orange juice", "gaseous orange juice",
            0, 100, FRIDGE_C, "glass cup", House.KITCHEN, "fridge");
    static final Substance APPLE_JUICE = new Substance("apple juice",
            "solid apple juice", "apple juice", "gaseous apple juice",
            -2, 160, FRIDGE_C, "plastic cup", House.KITCHEN, "fridge");
    static final Substance ICE_CREAM = new Substance("ice cream", "ice cream", "liquid ice cream", "gaseous ice cream",
            -10, 101, FREEZER_C, "paper cup", House.KITCHEN, "freezer");
    static final Substance CHOCOLATE = new Substance("chocolate", "chocolate", "liquid chocolate", "gaseous chocolate",
            30, 100_000, FRIDGE_C, "ceramic cup", House.KITCHEN, "fridge");
    static final Substance MARSHMALLOW = new Substance("marshmallow",
            "marshmallow", "liquid marshmallow", "gaseous marshmallow",
            36, 100_000, ROOM_C, "glass jar", House.KITCHEN, "cupboard");
    static final Substance SOAP = new Substance("soap", "soap", "liquid soap", "gaseous soap",
            140, 100_000, ROOM_C, "tin cup", House.BATHROOM, null);
    static final Substance GALLIUM = new Substance("gallium", "gallium", "liquid gallium", "gaseous gallium",
            30, 2400, 20, "glass jar", House.WORKSHOP, "table");
    static final Substance TIN = new Substance("tin", "tin", "liquid tin", "gaseous tin",
            232, 2602, ROOM_C, "glass jar", House.WORKSHOP, "table");
    static final Substance LEAD = new Substance("lead", "lead", "liquid lead", "gaseous lead",
            327, 1740, ROOM_C, "glass jar", House.WORKSHOP, "table");
    static final Substance MERCURY = new Substance("mercury", "solid mercury", "liquid mercury", "gaseous mercury",
            -39, 357, ROOM_C, "glass jar", House.WORKSHOP, "table");
    static final Substance CAESIUM = new Substance("caesium", "solid caesium", "liquid caesium", "gaseous caesium",
            29, 671, 15, "glass jar", House.WORKSHOP, "table");

    /** Every substance, in a stable order. */
    static final List<Substance> SUBSTANCES = List.of(WATER, ICE, ORANGE_JUICE, APPLE_JUICE, ICE_CREAM, CHOCOLATE,
            MARSHMALLOW, SOAP, GALLIUM, TIN, LEAD, MERCURY, CAESIUM);

    /** The substance a goal names by its base name. */
    static Substance byBase(String name) {
        for (Substance s : SUBSTANCES) {
            if (s.base().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no substance called " + name);
    }

    /** Animals (ScienceWorld's outside animals and their kin); all can be carried. */
    static final List<String> ANIMALS = List.of("frog", "turtle", "chameleon", "crocodile", "beaver", "parrot",
            "dragonfly", "moth");
    /** Plant species: a seed is {@code <species> seed}, a grown plant {@code <species> plant}. */
    static final List<String> SPECIES = List.of("apple", "orange", "peach", "banana", "lemon", "cherry");
    /** Things for the conductivity tasks and whether each conducts electricity. */
    static final List<String> CONDUCTORS = List.of("metal fork", "aluminum foil", "iron block", "zinc block");
    static final List<String> INSULATORS = List.of("plastic fork", "wood block", "glass rod", "rubber ball");
    /** Things whose temperature the thermometer tasks ask for. */
    static final List<String> THERMO_THINGS = List.of("metal fork", "wood block", "sodium chloride",
            "plastic fork", "ceramic plate");
    /** Parts the power-component task can ask to turn on. */
    static final List<String> PARTS = List.of("red light bulb", "green light bulb", "blue light bulb",
            "orange light bulb", "yellow light bulb", "violet light bulb", "electric buzzer", "electric motor");
    /** Answer-box colours. */
    static final List<String> BOX_COLOURS = List.of("red", "green", "blue", "orange", "yellow", "purple");
    /** Book titles on the shelves. */
    static final List<String> BOOKS = List.of("Origin of Species", "The Foundations of Geometry",
            "Elements of Chemistry", "Principia");

    private Catalogue() {
    }
}
