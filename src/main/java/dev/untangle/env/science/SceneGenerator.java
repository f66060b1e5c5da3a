package dev.untangle.env.science;

import static dev.untangle.env.science.Scene.ANIMAL;
import static dev.untangle.env.science.Scene.BATTERY;
import static dev.untangle.env.science.Scene.BOX;
import static dev.untangle.env.science.Scene.CLOSABLE;
import static dev.untangle.env.science.Scene.CONDUCTIVE;
import static dev.untangle.env.science.Scene.CONTAINER;
import static dev.untangle.env.science.Scene.COOLER;
import static dev.untangle.env.science.Scene.DEVICE;
import static dev.untangle.env.science.Scene.EDIBLE;
import static dev.untangle.env.science.Scene.ELECTRIC;
import static dev.untangle.env.science.Scene.HEATER;
import static dev.untangle.env.science.Scene.MATERIAL;
import static dev.untangle.env.science.Scene.MOVABLE;
import static dev.untangle.env.science.Scene.PAINT;
import static dev.untangle.env.science.Scene.PLANT;
import static dev.untangle.env.science.Scene.POT;
import static dev.untangle.env.science.Scene.POWERED;
import static dev.untangle.env.science.Scene.READABLE;
import static dev.untangle.env.science.Scene.SOIL;
import static dev.untangle.env.science.Scene.SUBSTANCE;
import static dev.untangle.env.science.Scene.SURFACE;
import static dev.untangle.env.science.Scene.SWITCH;
import static dev.untangle.env.science.Scene.THERMOMETER;
import static dev.untangle.env.science.Scene.WATER;
import static dev.untangle.env.science.Scene.WIRE;

import dev.untangle.env.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds the scene of a variation: ScienceWorld's house with its fixtures (kitchen stove, fridge, freezer,
 * cupboard and counter; workshop table and ultra-low freezer; foundry blast furnace; greenhouse plants; animals
 * outside; ...), then the task's own things. Everything random comes from one generator seeded by the
 * variation, so a variation always gives the same scene.
 */
final class SceneGenerator {

    /** Locations an answer box of the find tasks can stand in (the find tasks' keys). */
    static final List<String> BOX_ROOMS = List.of("kitchen", "bathroom", "workshop", "living room", "hallway",
            "greenhouse", "bedroom", "art studio");
    /** Answer-box locations only L1 uses. */
    static final List<String> HELD_OUT_BOX_ROOMS = List.of("bedroom", "art studio");
    /** Locations the agent can start in. */
    static final int[] START_ROOMS = {House.KITCHEN, House.BATHROOM, House.WORKSHOP, House.ART_STUDIO,
        House.GREENHOUSE, House.HALLWAY, House.BEDROOM, House.LIVING_ROOM};
    /** Distractor seeds per (key, start location). */
    static final int SEEDS = 40;

    private static final int[] THERMO_ROOMS = {House.LIVING_ROOM, House.BEDROOM, House.BATHROOM};
    private static final int[] ITEM_ROOMS = {House.KITCHEN, House.LIVING_ROOM, House.BEDROOM, House.BATHROOM,
        House.HALLWAY};
    private static final int[] SEED_ROOMS = {House.GREENHOUSE, House.KITCHEN, House.BEDROOM, House.LIVING_ROOM};
    private static final double[] THERMO_THRESHOLDS = {0, 50, 100, 150};

    private SceneGenerator() {
    }

    /**
     * One variation of a task type.
     *
     * @param type  the task type
     * @param key   index into {@link TaskType#keys()}
     * @param start index into {@link #START_ROOMS}
     * @param seed  distractor seed, {@code 0 <= seed < SEEDS}
     */
    record Variation(TaskType type, int key, int start, int seed) {
        /** ScienceWorld-style variation number inside the type. */
        int number() {
            return (key * START_ROOMS.length + start) * SEEDS + seed;
        }
    }

    /** Builds the scene of a variation for a task of a split. */
    static Scene build(String split, int taskId, Variation v) {
        SplittableRandom rng = new SplittableRandom(0x5C1E5CE0L * (v.type().ordinal() + 1) + 7919L * v.number());
        Scene.Builder b = new Scene.Builder(v.type());
        b.startRoom = START_ROOMS[v.start()];
        boolean unseen = split.equals(ScienceSplits.L1);
        Fixtures f = house(b, rng, v, unseen);
        String goal = switch (v.type()) {
            case BOIL, MELT, FREEZE -> stateOfMatter(b, f, v);
            case MEASURE_MELTING -> measureMelting(b, f, rng, v);
            case USE_THERMOMETER -> thermometer(b, f, rng, v);
            case POWER -> power(b, f, rng, v, unseen);
            case CONDUCTIVITY -> conductivity(b, f, rng, v);
            case FIND_LIVING, FIND_NON_LIVING, FIND_PLANT, FIND_ANIMAL -> find(b, rng, v);
            case GROW_PLANT -> grow(b, rng, v, unseen);
            case MIX_PAINT -> paint(b, f, rng, v);
        };
        return b.build(new TaskSpec(split, taskId, v.type().id(), goal));
    }

    /** Ids of the fixtures tasks put things on or in. */
    private record Fixtures(int counter, int stove, int fridge, int freezer, int cupboard, int kitchenTable,
                            int thermometer, int workshopTable, int ultFreezer, int artTable, int furnace,
                            int[] plants) {
        int byName(String name, int room) {
            return switch (name + "/" + room) {
                case "counter/0" -> counter;
                case "fridge/0" -> fridge;
                case "freezer/0" -> freezer;
                case "cupboard/0" -> cupboard;
                case "table/2" -> workshopTable;
                default -> throw new IllegalArgumentException("no fixture " + name + " in location " + room);
            };
        }
    }

    /** Keys of the type that may appear as distractors: outside L1, the held-out ones never do. */
    private static List<String> distractorKeys(List<String> pool, Variation v, boolean unseen) {
        List<String> out = new ArrayList<>(pool);
        if (!unseen) {
            out.removeIf(k -> v.type().keys().contains(k) && v.type().heldOut(v.type().keys().indexOf(k)));
        }
        return out;
    }

    private static Fixtures house(Scene.Builder b, SplittableRandom rng, Variation v, boolean unseen) {
        int k = House.KITCHEN;
        int counter = b.inRoom("counter", SURFACE | CONTAINER, k);
        int bowl = b.add("bowl", CONTAINER | MOVABLE | MATERIAL, counter);
        for (String food : List.of("apple", "banana", "orange", "potato")) {
            b.add(food, EDIBLE | MOVABLE | MATERIAL, bowl);
        }
        int stove = b.inRoom("stove", SURFACE | CONTAINER | DEVICE | HEATER, k);
        b.source(stove, Catalogue.STOVE_C, false);
        int fridge = b.inRoom("fridge", CONTAINER | CLOSABLE | DEVICE | COOLER, k);
        b.source(fridge, Catalogue.FRIDGE_C, true);
        int freezer = b.inRoom("freezer", CONTAINER | CLOSABLE | DEVICE | COOLER, k);
        b.source(freezer, Catalogue.FREEZER_C, true);
        int cupboard = b.inRoom("cupboard", CONTAINER | CLOSABLE, k);
        int table = b.inRoom("table", SURFACE | CONTAINER, k);
        int thermometer = b.inRoom("thermometer", MOVABLE | THERMOMETER | MATERIAL, k);

        b.inRoom("bathtub", CONTAINER, House.BATHROOM);
        b.inRoom("toilet", CONTAINER, House.BATHROOM);

        int workshopTable = b.inRoom("table", SURFACE | CONTAINER, House.WORKSHOP);
        int ult = b.inRoom("ultra low temperature freezer", CONTAINER | CLOSABLE | DEVICE | COOLER, House.WORKSHOP);
        b.source(ult, Catalogue.ULT_FREEZER_C, true);

        int artTable = b.inRoom("table", SURFACE | CONTAINER, House.ART_STUDIO);

        int furnace = b.inRoom("blast furnace", CONTAINER | CLOSABLE | DEVICE | HEATER, House.FOUNDRY);
        b.source(furnace, Catalogue.FURNACE_C, false);

        b.inRoom("painting", MOVABLE | MATERIAL, House.HALLWAY);

        b.inRoom("bed", SURFACE | CONTAINER, House.BEDROOM);
        b.inRoom("closet", CONTAINER | CLOSABLE, House.BEDROOM);
        int shelf = b.inRoom("book shelf", CONTAINER, House.BEDROOM);
        int book = b.add("book", READABLE | MOVABLE | MATERIAL, shelf);
        b.text(book, "The book is titled " + Catalogue.BOOKS.get(rng.nextInt(Catalogue.BOOKS.size())) + ".");

        b.inRoom("couch", SURFACE | CONTAINER, House.LIVING_ROOM);
        b.inRoom("chair", SURFACE | CONTAINER, House.LIVING_ROOM);
        b.inRoom("desk", SURFACE | CONTAINER, House.LIVING_ROOM);

        // two potted plants in the greenhouse and two animals outside, species drawn per variation
        List<String> species = distractorKeys(Catalogue.SPECIES, v, unseen);
        if (v.type() == TaskType.GROW_PLANT) {
            species.remove(v.type().keys().get(v.key()));
        }
        shuffle(species, rng);
        int[] plants = new int[2];
        for (int i = 0; i < 2; i++) {
            int pot = b.inRoom("flower pot " + (i + 1), CONTAINER | MOVABLE | POT | MATERIAL, House.GREENHOUSE);
            String s = species.get(i);
            plants[i] = b.add(new String[] {s + " seed", s + " plant"}, PLANT | MOVABLE | MATERIAL, pot);
            b.stage(plants[i], 2);
        }
        List<String> animals = new ArrayList<>(Catalogue.ANIMALS);
        shuffle(animals, rng);
        for (int i = 0; i < 2; i++) {
            b.inRoom(animals.get(i), ANIMAL | MOVABLE | MATERIAL, House.OUTSIDE);
        }
        return new Fixtures(counter, stove, fridge, freezer, cupboard, table, thermometer, workshopTable, ult, artTable,
                furnace, plants);
    }

    static Catalogue.Substance substance(TaskType type, String key) {
        return switch (key) {
            case "water" -> Catalogue.WATER;
            case "ice" -> Catalogue.ICE;
            case "orange juice" -> Catalogue.ORANGE_JUICE;
            case "apple juice" -> Catalogue.APPLE_JUICE;
            case "ice cream" -> Catalogue.ICE_CREAM;
            case "chocolate" -> Catalogue.CHOCOLATE;
            case "marshmallow" -> Catalogue.MARSHMALLOW;
            case "soap" -> Catalogue.SOAP;
            case "gallium" -> Catalogue.GALLIUM;
            case "tin" -> Catalogue.TIN;
            case "lead" -> Catalogue.LEAD;
            case "mercury" -> Catalogue.MERCURY;
            case "caesium" -> Catalogue.CAESIUM;
            default -> throw new IllegalArgumentException("no substance " + key + " for " + type);
        };
    }

    /** Places the task substance in its container; sets target (substance) and second (container). */
    private static Catalogue.Substance placeSubstance(Scene.Builder b, Fixtures f, Variation v) {
        Catalogue.Substance s = substance(v.type(), v.type().keys().get(v.key()));
        int where = s.fixture() == null ? House.room(s.room()) : f.byName(s.fixture(), s.room());
        int cup = b.add(s.cup(), CONTAINER | MOVABLE | MATERIAL, where);
        int sub = b.add(new String[] {s.solid(), s.liquid(), s.gas(), s.base()}, SUBSTANCE | MATERIAL, cup);
        b.points(sub, s.meltC(), s.boilC()).temp(sub, s.startC()).temp(cup, s.startC());
        b.target = sub;
        b.second = cup;
        b.place = s.room();
        return s;
    }

    private static String stateOfMatter(Scene.Builder b, Fixtures f, Variation v) {
        Catalogue.Substance s = placeSubstance(b, f, v);
        String verb = switch (v.type()) {
            case BOIL -> "boil";
            case MELT -> "melt";
            default -> "freeze";
        };
        String extra = v.type() == TaskType.BOIL
                ? " For compounds without a boiling point, combusting the substance is also acceptable." : "";
        return "Your task is to " + verb + " " + s.base() + "." + extra + " First, focus on the substance. Then,"
                + " take actions that will cause it to change its state of matter.";
    }

    /** Two answer boxes of different colours in a location; boxYes gets the first. */
    private static String[] boxes(Scene.Builder b, SplittableRandom rng, int room) {
        List<String> colours = new ArrayList<>(Catalogue.BOX_COLOURS);
        shuffle(colours, rng);
        String yes = colours.get(0) + " box";
        String no = colours.get(1) + " box";
        b.boxYes = b.inRoom(yes, BOX | CONTAINER, room);
        b.boxNo = b.inRoom(no, BOX | CONTAINER, room);
        return new String[] {yes, no};
    }

    private static String measureMelting(Scene.Builder b, Fixtures f, SplittableRandom rng, Variation v) {
        Catalogue.Substance s = placeSubstance(b, f, v);
        b.second = f.thermometer();
        String[] box = boxes(b, rng, House.KITCHEN);
        double offset = 60 + 20 * rng.nextInt(3);
        boolean above = rng.nextBoolean();
        b.threshold = above ? s.meltC() - offset : s.meltC() + offset;
        String name = s.base();
        String t = fmt(b.threshold);
        String aboveBox = above ? box[0] : box[1];
        String belowBox = above ? box[1] : box[0];
        return "Your task is to measure the melting point of " + name + ", which is located around the "
                + House.NAMES.get(s.room()) + ". First, focus on the thermometer. Next, focus on the " + name + ". If"
                + " the melting point of " + name + " is above " + t + " degrees celsius, focus on the " + aboveBox
                + ". If the melting point of " + name + " is below " + t + " degrees celsius, focus on the "
                + belowBox + ". The boxes are located around the kitchen.";
    }

    private static String thermometer(Scene.Builder b, Fixtures f, SplittableRandom rng, Variation v) {
        String name = v.type().keys().get(v.key());
        int room = THERMO_ROOMS[rng.nextInt(THERMO_ROOMS.length)];
        int thing = b.inRoom(name, MOVABLE | MATERIAL, room);
        double threshold = THERMO_THRESHOLDS[rng.nextInt(THERMO_THRESHOLDS.length)];
        boolean above = rng.nextBoolean();
        double offset = 10 + rng.nextInt(51);
        b.temp(thing, above ? threshold + offset : threshold - offset);
        String[] box = boxes(b, rng, House.KITCHEN);
        b.target = thing;
        b.second = f.thermometer();
        b.threshold = threshold;
        b.place = room;
        String aboveBox = above ? box[0] : box[1];
        String belowBox = above ? box[1] : box[0];
        String t = fmt(threshold);
        return "Your task is to measure the temperature of " + name + ", which is located around the "
                + House.NAMES.get(room) + ". First, focus on the thermometer. Next, focus on the " + name + ". If the "
                + name + " temperature is above " + t + " degrees celsius, place it in the " + aboveBox + ". If the "
                + name + " temperature is below " + t + " degrees celsius, place it in the " + belowBox
                + ". The boxes are located around the kitchen.";
    }

    /** Battery and three wires on the workshop table. */
    private static void circuitKit(Scene.Builder b, Fixtures f) {
        b.add("battery", ELECTRIC | BATTERY | MOVABLE | MATERIAL, f.workshopTable());
        for (String colour : List.of("black", "red", "blue")) {
            b.add(colour + " wire", ELECTRIC | WIRE | CONDUCTIVE | MOVABLE | MATERIAL, f.workshopTable());
        }
    }

    private static String power(Scene.Builder b, Fixtures f, SplittableRandom rng, Variation v, boolean unseen) {
        circuitKit(b, f);
        String part = v.type().keys().get(v.key());
        List<String> others = distractorKeys(Catalogue.PARTS, v, unseen);
        others.remove(part);
        others.removeIf(p -> !p.endsWith("light bulb"));
        shuffle(others, rng);
        List<String> parts = new ArrayList<>(List.of(part, others.get(0), others.get(1)));
        shuffle(parts, rng);
        for (String p : parts) {
            int id = b.add(p, ELECTRIC | POWERED | CONDUCTIVE | MOVABLE | MATERIAL, f.workshopTable());
            if (p.equals(part)) {
                b.target = id;
            }
        }
        b.add("switch", ELECTRIC | SWITCH | DEVICE | MOVABLE | MATERIAL, f.workshopTable());
        b.place = House.WORKSHOP;
        return "Your task is to turn on the " + part + ". First, focus on the " + part + ". Then, create an"
                + " electrical circuit that powers it on.";
    }

    private static String conductivity(Scene.Builder b, Fixtures f, SplittableRandom rng, Variation v) {
        circuitKit(b, f);
        b.second = b.add("red light bulb", ELECTRIC | POWERED | CONDUCTIVE | MOVABLE | MATERIAL, f.workshopTable());
        String name = v.type().keys().get(v.key());
        boolean conducts = Catalogue.CONDUCTORS.contains(name);
        int room = ITEM_ROOMS[rng.nextInt(ITEM_ROOMS.length)];
        b.target = b.inRoom(name, ELECTRIC | MOVABLE | MATERIAL | (conducts ? CONDUCTIVE : 0), room);
        b.place = room;
        String[] box = boxes(b, rng, House.WORKSHOP);
        return "Your task is to determine if " + name + " is electrically conductive. The " + name + " is located"
                + " around the " + House.NAMES.get(room) + ". First, focus on the " + name + ". If it is electrically"
                + " conductive, place it in the " + (conducts ? box[0] : box[1]) + ". If it is electrically"
                + " nonconductive, place it in the " + (conducts ? box[1] : box[0]) + ".";
    }

    private static String find(Scene.Builder b, SplittableRandom rng, Variation v) {
        String roomName = v.type().keys().get(v.key());
        int room = House.index(roomName);
        String colour = Catalogue.BOX_COLOURS.get(rng.nextInt(Catalogue.BOX_COLOURS.size()));
        b.target = b.inRoom(colour + " box", BOX | CONTAINER, room);
        b.place = room;
        String what = switch (v.type()) {
            case FIND_LIVING -> "living thing";
            case FIND_NON_LIVING -> "non-living thing";
            case FIND_PLANT -> "plant";
            default -> "animal";
        };
        return "Your task is to find a(n) " + what + ". First, focus on the thing. Then, move it to the " + colour
                + " box in the " + roomName + ".";
    }

    private static String grow(Scene.Builder b, SplittableRandom rng, Variation v, boolean unseen) {
        String sp = v.type().keys().get(v.key());
        int room = SEED_ROOMS[rng.nextInt(SEED_ROOMS.length)];
        int jar = b.inRoom("seed jar", CONTAINER | MOVABLE | MATERIAL, room);
        List<String> others = distractorKeys(Catalogue.SPECIES, v, unseen);
        others.remove(sp);
        shuffle(others, rng);
        String other = others.get(0);
        boolean targetFirst = rng.nextBoolean();
        for (int i = 0; i < 2; i++) {
            String s = (i == 0) == targetFirst ? sp : other;
            int seed = b.add(new String[] {s + " seed", s + " plant"}, PLANT | MOVABLE | MATERIAL, jar);
            if (s.equals(sp)) {
                b.target = seed;
            }
        }
        int g = House.GREENHOUSE;
        b.second = b.inRoom("flower pot 3", CONTAINER | MOVABLE | POT | MATERIAL, g);
        b.inRoom("soil", SOIL | MOVABLE | MATERIAL, g);
        int jug = b.inRoom("jug", CONTAINER | MOVABLE | MATERIAL, g);
        int water = b.add(new String[] {"ice", "water", "steam", "water"}, SUBSTANCE | WATER | MATERIAL, jug);
        b.points(water, 0, 100);
        b.place = room;
        return "Your task is to grow a " + sp + " plant from seed. Seeds can be found in the " + House.NAMES.get(room)
                + ". First, focus on a seed. Then, make changes to the environment that grow the plant until it"
                + " reaches the reproduction life stage.";
    }

    private static String paint(Scene.Builder b, Fixtures f, SplittableRandom rng, Variation v) {
        List<String> cups = new ArrayList<>(List.of("wood cup", "plastic cup", "paper cup"));
        shuffle(cups, rng);
        for (int c = 0; c < 3; c++) {
            int cup = b.add(cups.get(c), CONTAINER | MOVABLE | MATERIAL, f.artTable());
            int paint = b.add(Scene.COLOURS.get(c) + " paint", PAINT | MATERIAL, cup);
            b.colour(paint, c);
        }
        String want = v.type().keys().get(v.key());
        for (int c = 3; c < 6; c++) {
            int paint = b.add(Scene.COLOURS.get(c) + " paint", PAINT | MATERIAL, House.GONE);
            b.colour(paint, c);
            if (Scene.COLOURS.get(c).equals(want)) {
                b.target = paint;
            }
        }
        b.place = House.ART_STUDIO;
        return "Your task is to use chemistry to create " + want + " paint. When you are done, focus on the " + want
                + " paint.";
    }

    static String fmt(double c) {
        return Long.toString(Math.round(c));
    }

    private static <T> void shuffle(List<T> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
