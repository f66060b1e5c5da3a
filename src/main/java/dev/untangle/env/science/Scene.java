package dev.untangle.env.science;

import dev.untangle.env.TaskSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The starting state of one science task: its things (with their names per state, properties and starting
 * containers), the agent's starting location and the task's parameters. Built by {@link SceneGenerator}; never
 * changed after {@link Builder#build}. A live episode copies the mutable parts ({@link ScienceEnvironment}).
 */
final class Scene {

    // ---- thing properties: bits of flags[thing], tested with is(thing, mask) ----
    /** Can be picked up and moved. */
    static final int MOVABLE = 1;
    /** Holds other things (a closable one only while open). */
    static final int CONTAINER = 1 << 1;
    /** Opens and closes (starts closed). */
    static final int CLOSABLE = 1 << 2;
    /** Can be activated and deactivated. */
    static final int DEVICE = 1 << 3;
    /** Heats what it holds while on (stove, blast furnace). */
    static final int HEATER = 1 << 4;
    /** Cools what it holds while on (fridge, freezers). */
    static final int COOLER = 1 << 5;
    /** Has two terminals. */
    static final int ELECTRIC = 1 << 6;
    /** Conducts between its terminals. */
    static final int CONDUCTIVE = 1 << 7;
    /** A living animal. */
    static final int ANIMAL = 1 << 8;
    /** A living plant (grows through the stages). */
    static final int PLANT = 1 << 9;
    /** Can be eaten. */
    static final int EDIBLE = 1 << 10;
    /** Has a text to read. */
    static final int READABLE = 1 << 11;
    /** Has a state of matter (its names follow the state). */
    static final int SUBSTANCE = 1 << 12;
    /** Measures temperatures. */
    static final int THERMOMETER = 1 << 13;
    /** An answer box. */
    static final int BOX = 1 << 14;
    /** A part that is on when the circuit powers it (light bulb, buzzer, motor). */
    static final int POWERED = 1 << 15;
    /** The circuit's source. */
    static final int BATTERY = 1 << 16;
    /** Conducts while activated. */
    static final int SWITCH = 1 << 17;
    /** A wire (every connection has one at an end). */
    static final int WIRE = 1 << 18;
    /** Holds things on it (a table, a counter), always open. */
    static final int SURFACE = 1 << 19;
    /** Has a temperature that heaters and coolers change. */
    static final int MATERIAL = 1 << 20;
    /** A paint (liquid; mixes by colour). */
    static final int PAINT = 1 << 21;
    /** Soil (a plant needs it in its pot). */
    static final int SOIL = 1 << 22;
    /** A flower pot. */
    static final int POT = 1 << 23;
    /** Water (a plant needs it liquid in its pot). */
    static final int WATER = 1 << 24;

    /** Paint colours: three primaries, then the secondaries (red+blue, blue+yellow, red+yellow). */
    static final List<String> COLOURS = List.of("red", "blue", "yellow", "violet", "green", "orange");

    final TaskSpec spec;
    final TaskType type;
    final int n;
    /**
     * Names per variant: substances by state (solid, liquid, gas) and then their base name (the one commands use),
     * plants by stage (seed, grown), anything else one name.
     */
    final String[][] names;
    final int[] flags;
    final int[] container;
    final double[] temp;
    final boolean[] open;
    final boolean[] on;
    final double[] melt;
    final double[] boil;
    /** Temperature a heater or cooler drives its contents to. */
    final double[] sourceTemp;
    final int[] stage;
    final int[] colour;
    final String[] text;
    /** Electric index per thing (-1 when not electric); terminals of electric thing e are 2e and 2e+1. */
    final int[] elec;
    final int[] elecThing;
    final int startRoom;
    /** Task parameters, meaning by type (see {@link SceneGenerator}): main thing, second thing, boxes. */
    final int target;
    final int second;
    final int boxYes;
    final int boxNo;
    final double threshold;
    /** Location named in the goal text (where the task object or the answer box is), -1 when none. */
    final int place;
    /** Every name variant of every thing, to the things that carry it. */
    final Map<String, int[]> byName;

    private Scene(Builder b, TaskSpec spec) {
        this.spec = spec;
        this.type = b.type;
        this.n = b.names.size();
        this.names = b.names.toArray(new String[0][]);
        this.flags = ints(b.flags);
        this.container = ints(b.container);
        this.temp = doubles(b.temp);
        this.open = new boolean[n];
        this.on = new boolean[n];
        for (int i = 0; i < n; i++) {
            open[i] = b.open.get(i);
            on[i] = b.on.get(i);
        }
        this.melt = doubles(b.melt);
        this.boil = doubles(b.boil);
        this.sourceTemp = doubles(b.sourceTemp);
        this.stage = ints(b.stage);
        this.colour = ints(b.colour);
        this.text = b.text.toArray(new String[0]);
        this.elec = new int[n];
        List<Integer> things = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            elec[i] = (flags[i] & ELECTRIC) != 0 ? things.size() : -1;
            if (elec[i] >= 0) {
                things.add(i);
            }
        }
        this.elecThing = things.stream().mapToInt(Integer::intValue).toArray();
        this.startRoom = b.startRoom;
        this.target = b.target;
        this.second = b.second;
        this.boxYes = b.boxYes;
        this.boxNo = b.boxNo;
        this.threshold = b.threshold;
        this.place = b.place;
        Map<String, int[]> map = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (String name : names[i]) {
                int[] old = map.get(name);
                if (old == null) {
                    map.put(name, new int[] {i});
                } else if (old[old.length - 1] != i) {
                    int[] grown = Arrays.copyOf(old, old.length + 1);
                    grown[old.length] = i;
                    map.put(name, grown);
                }
            }
        }
        this.byName = Map.copyOf(map);
    }

    boolean is(int thing, int flag) {
        return (flags[thing] & flag) != 0;
    }

    /** Name of terminal {@code k} (0 or 1) of an electric thing. */
    String terminalName(int thing, int k) {
        if (is(thing, WIRE) || !is(thing, BATTERY | POWERED | SWITCH)) {
            return k == 0 ? "terminal 1" : "terminal 2";
        }
        return k == 0 ? "anode" : "cathode";
    }

    private static int[] ints(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double[] doubles(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Assembles a scene thing by thing. */
    static final class Builder {
        final TaskType type;
        final List<String[]> names = new ArrayList<>();
        final List<Integer> flags = new ArrayList<>();
        final List<Integer> container = new ArrayList<>();
        final List<Double> temp = new ArrayList<>();
        final List<Boolean> open = new ArrayList<>();
        final List<Boolean> on = new ArrayList<>();
        final List<Double> melt = new ArrayList<>();
        final List<Double> boil = new ArrayList<>();
        final List<Double> sourceTemp = new ArrayList<>();
        final List<Integer> stage = new ArrayList<>();
        final List<Integer> colour = new ArrayList<>();
        final List<String> text = new ArrayList<>();
        int startRoom;
        int target = -1;
        int second = -1;
        int boxYes = -1;
        int boxNo = -1;
        double threshold;
        int place = -1;

        Builder(TaskType type) {
            this.type = type;
        }

        /** Adds a thing with one name at a container code; returns its id. */
        int add(String name, int flagBits, int where) {
            return add(new String[] {name}, flagBits, where);
        }

        /** Adds a thing with name variants; returns its id. */
        int add(String[] variants, int flagBits, int where) {
            int id = names.size();
            names.add(variants);
            flags.add(flagBits);
            container.add(where);
            temp.add(25.0);
            open.add((flagBits & CLOSABLE) == 0);
            on.add(false);
            melt.add(-1000.0);
            boil.add(100_000.0);
            sourceTemp.add(25.0);
            stage.add(0);
            colour.add(-1);
            text.add("");
            return id;
        }

        /** Adds a thing directly in location {@code room}. */
        int inRoom(String name, int flagBits, int room) {
            return add(name, flagBits, House.room(room));
        }

        Builder temp(int id, double t) {
            temp.set(id, t);
            return this;
        }

        Builder points(int id, double meltC, double boilC) {
            melt.set(id, meltC);
            boil.set(id, boilC);
            return this;
        }

        Builder source(int id, double t, boolean activated) {
            sourceTemp.set(id, t);
            on.set(id, activated);
            return this;
        }

        Builder stage(int id, int s) {
            stage.set(id, s);
            return this;
        }

        Builder colour(int id, int c) {
            colour.set(id, c);
            return this;
        }

        Builder text(int id, String s) {
            text.set(id, s);
            return this;
        }

        Builder open(int id, boolean o) {
            open.set(id, o);
            return this;
        }

        /** Freezes the scene. */
        Scene build(TaskSpec spec) {
            return new Scene(this, spec);
        }
    }
}
