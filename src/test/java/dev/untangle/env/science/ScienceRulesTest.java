package dev.untangle.env.science;

import static dev.untangle.env.science.Scene.BATTERY;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import dev.untangle.env.TaskSpec;
import org.junit.jupiter.api.Test;

/** The world's rules on hand-built scenes: every action template, heat, circuits, plants, paint. */
class ScienceRulesTest {

    private static final ScienceSuite SUITE = ScienceExpertsTest.SUITE;

    /**
     * A kitchen scene (a freeze task, so heating never ends it): stove, closed fridge and freezer, a pot of water,
     * thermometer, apple, book.
     */
    private static final class Kitchen {
        final Scene.Builder b = new Scene.Builder(TaskType.FREEZE);
        final int stove;
        final int fridge;
        final int freezer;
        final int pot;
        final int water;
        final int thermometer;
        final int apple;
        final int bowl;

        Kitchen() {
            int k = House.KITCHEN;
            b.startRoom = k;
            int counter = b.inRoom("counter", SURFACE | CONTAINER, k);
            stove = b.inRoom("stove", SURFACE | CONTAINER | DEVICE | HEATER, k);
            b.source(stove, Catalogue.STOVE_C, false);
            fridge = b.inRoom("fridge", CONTAINER | CLOSABLE | DEVICE | COOLER, k);
            b.source(fridge, Catalogue.FRIDGE_C, true);
            freezer = b.inRoom("freezer", CONTAINER | CLOSABLE | DEVICE | COOLER, k);
            b.source(freezer, Catalogue.FREEZER_C, true);
            pot = b.add("metal pot", CONTAINER | MOVABLE | MATERIAL, counter);
            water = b.add(new String[] {"ice", "water", "steam", "water"}, SUBSTANCE | WATER | MATERIAL, pot);
            b.points(water, 0, 100);
            thermometer = b.inRoom("thermometer", MOVABLE | THERMOMETER | MATERIAL, k);
            bowl = b.add("bowl", CONTAINER | MOVABLE | MATERIAL, counter);
            apple = b.add("apple", EDIBLE | MOVABLE | MATERIAL, bowl);
            int book = b.inRoom("book", READABLE | MOVABLE | MATERIAL, k);
            b.text(book, "The book is titled Principia.");
            b.target = water;
            b.second = pot;
            b.place = k;
        }

        ScienceEnvironment start() {
            ScienceEnvironment env = (ScienceEnvironment) SUITE.create();
            env.load(b.build(new TaskSpec("test", 0, "freeze", "Your task is to freeze water.")));
            return env;
        }
    }

    private static StepResult ok(ScienceEnvironment env, String command, String expected) {
        StepResult r = env.step(command);
        assertTrue(r.valid(), command + " -> " + r.observation());
        assertEquals(expected, r.observation(), command);
        return r;
    }

    private static void refused(ScienceEnvironment env, String command, String expected) {
        StepResult r = env.step(command);
        assertFalse(r.valid(), command);
        assertEquals(expected, r.observation(), command);
    }

    @Test
    void everyActionTemplateAnswersInScienceWorldsWords() {
        Kitchen k = new Kitchen();
        ScienceEnvironment env = k.start();
        String look = env.step("look around").observation();
        assertTrue(look.startsWith("This room is called the kitchen. In it, you see: \n\tthe agent\n"
                + "\ta substance called air\n\ta book\n"), look);
        assertTrue(look.contains("\ta counter. On the counter is: a bowl (containing a apple), a metal pot (containing"
                + " water).\n"), look);
        assertTrue(look.contains("\ta fridge, which is turned on. The fridge door is closed.\n"), look);
        assertTrue(look.contains("\ta stove, which is turned off. On the stove is: nothing.\n"), look);
        assertTrue(look.endsWith("You also see:\n\tA door to the bathroom (that is closed)\n\tA door to the hallway"
                + " (that is closed)\n\tA door to the outside (that is closed)\n"), look);
        ok(env, "look at metal pot", "a metal pot (containing water)");
        ok(env, "look at water", "a substance called water");
        ok(env, "open fridge", "The fridge is now open.");
        ok(env, "look at fridge", "a fridge, which is turned on. The fridge door is open. In the fridge is: nothing.");
        ok(env, "close fridge", "The fridge is now closed.");
        ok(env, "pick up thermometer", "You move the thermometer to the inventory.");
        ok(env, "use thermometer on water", "the thermometer measures a temperature of 25 degrees celsius");
        ok(env, "put down thermometer", "You move the thermometer to the kitchen.");
        ok(env, "pick up metal pot", "You move the metal pot to the inventory.");
        ok(env, "inventory", "In your inventory, you see:\n\ta metal pot (containing water)\n");
        ok(env, "move metal pot to stove", "You move the metal pot to the stove.");
        ok(env, "activate stove", "The stove is now activated.");
        ok(env, "deactivate stove", "The stove is now deactivated.");
        ok(env, "read book", "The book is titled Principia.");
        ok(env, "eat apple", "The apple was delicious.");
        refused(env, "look at apple", ScienceText.NO_MATCH);
        ok(env, "pick up bowl", "You move the bowl to the inventory.");
        ok(env, "pour metal pot into bowl", "You pour the contents of the metal pot into the bowl.");
        ok(env, "look at bowl", "a bowl (containing water)");
        refused(env, "mix bowl", "There is only one thing (water)");
        ok(env, "focus on water", "You focus on the water.");
        ok(env, "wait", "You decide to wait for 10 iterations.");
        ok(env, "wait1", "You decide to wait for 1 iterations.");
        ok(env, "task", "Task Description:\nYour task is to freeze water.");
        ok(env, "open door to hallway", "The door is now open.");
        ok(env, "go to hallway", "You move to the hallway.");
        ok(env, "close door to kitchen", "The door is now closed.");
        refused(env, "go to kitchen", "The door is not open.");
        refused(env, "go to foundry", "It's not clear how to get there from here.");
        assertTrue(env.score() > 0, "focusing the task's substance is an ordered sub-goal");
    }

    @Test
    void refusalsGiveTheReasonAndChangeNothing() {
        Kitchen k = new Kitchen();
        ScienceEnvironment env = k.start();
        String before = env.snapshot();
        refused(env, "pick up stove", "The stove is not moveable.");
        refused(env, "pick up water", "You can't pick up a liquid directly.  Try pouring it from one container to"
                + " another.");
        refused(env, "open stove", "The stove is not openable.");
        refused(env, "close fridge", "The fridge is already closed.");
        refused(env, "activate apple", "The apple is not something that can be activated.");
        refused(env, "activate fridge", "The fridge is already activated.");
        refused(env, "eat book", "The book is not edible.");
        refused(env, "read apple", "It's not clear how to read that.");
        refused(env, "put down apple", "That object does not appear to be in the inventory.");
        refused(env, "move metal pot to fridge", "That can't be moved there, because the fridge isn't open.");
        refused(env, "move metal pot to metal pot", "You can't move something into itself.");
        refused(env, "move metal pot to apple", "That can't be moved there.");
        refused(env, "use apple on water", "I'm not sure how to use those two things together.");
        refused(env, "mix stove", "That container is empty, so there are no items to mix.");
        refused(env, "open door to hallway".replace("hallway", "foundry"), ScienceText.NO_MATCH);
        refused(env, "go to kitchen", "You are already in the kitchen.");
        assertEquals(before, env.snapshot(), "refused commands change nothing");
        assertEquals(16, env.steps(), "refused commands still count as steps");
    }

    @Test
    void badCommandsAnswerNoKnownActionAndNeverThrow() {
        ScienceEnvironment env = new Kitchen().start();
        for (String c : new String[] {"", "   ", "fly to the moon", "pick up unicorn", "look at", "go to",
            "connect", "move apple", "pour water", "use thermometer", "focus on", "xyzzy", "PICK   UP   THE APPLE",
            "open door to narnia", "\t\n", "eat", "look at door to hallway"}) {
            StepResult r = env.step(c);
            assertFalse(r.valid(), c);
            assertEquals(ScienceText.NO_MATCH, r.observation(), c);
            assertEquals(0.0, r.reward());
        }
        StepResult r = env.step(null);
        assertEquals(ScienceText.NO_MATCH, r.observation());
        assertTrue(env.step("  LOOK   AT   APPLE ").valid(), "commands are trimmed, lower-cased, spaces collapsed");
    }

    @Test
    void aStoveHeatsItsContentsTenPercentOfTheGapPerTickUntilTheWaterBoils() {
        Kitchen k = new Kitchen();
        ScienceEnvironment env = k.start();
        ok(env, "move metal pot to stove", "You move the metal pot to the stove.");
        assertEquals(25.0, env.world().temperature(k.water), 1e-9, "a switched-off stove does not heat");
        ok(env, "activate stove", "The stove is now activated.");
        assertEquals(25 + 0.1 * (260 - 25), env.world().temperature(k.water), 1e-9, "one tick after activation");
        double t = env.world().temperature(k.water);
        ok(env, "wait1", "You decide to wait for 1 iterations.");
        assertEquals(t + 0.1 * (260 - t), env.world().temperature(k.water), 1e-9);
        assertEquals("water", env.world().name(k.water));
        env.step("wait");
        assertTrue(env.world().temperature(k.water) > 100);
        assertEquals("steam", env.world().name(k.water));
        assertEquals(2, env.world().state(k.water));
        assertEquals("a metal pot (containing steam)", env.step("look at metal pot").observation());
        assertEquals(25.0, env.world().temperature(k.apple), 1e-9, "things outside heaters keep their temperature");
        String reading = env.step("use thermometer on steam").observation();
        assertTrue(reading.startsWith("the thermometer measures a temperature of "), reading);
    }

    @Test
    void aFreezerFreezesWaterAndTheFridgeOnlyCoolsIt() {
        Kitchen k = new Kitchen();
        ScienceEnvironment env = k.start();
        env.step("pick up metal pot");
        env.step("open fridge");
        ok(env, "move metal pot to fridge", "You move the metal pot to the fridge.");
        for (int i = 0; i < 5; i++) {
            env.step("wait");
        }
        assertTrue(env.world().temperature(k.water) > Catalogue.FRIDGE_C && env.world().temperature(k.water) < 3);
        assertEquals("water", env.world().name(k.water), "2 C is above water's melting point");
        env.step("pick up metal pot");
        env.step("open freezer");
        env.step("move metal pot to freezer");
        env.step("wait");
        assertEquals("ice", env.world().name(k.water));
        assertEquals(0, env.world().state(k.water));
        env.step("deactivate freezer");
        double t = env.world().temperature(k.water);
        env.step("wait");
        assertEquals(t, env.world().temperature(k.water), 1e-9, "a switched-off freezer does not cool");
    }

    /** A workshop with a battery, three wires, a bulb, a switch, a fork and a rubber ball. */
    private static final class Workshop {
        final Scene.Builder b = new Scene.Builder(TaskType.POWER);
        final int bulb;
        final int other;

        Workshop() {
            int w = House.WORKSHOP;
            b.startRoom = w;
            int table = b.inRoom("table", SURFACE | CONTAINER, w);
            b.add("battery", ELECTRIC | BATTERY | MOVABLE | MATERIAL, table);
            for (String c : new String[] {"black", "red", "blue"}) {
                b.add(c + " wire", ELECTRIC | WIRE | CONDUCTIVE | MOVABLE | MATERIAL, table);
            }
            bulb = b.add("red light bulb", ELECTRIC | POWERED | CONDUCTIVE | MOVABLE | MATERIAL, table);
            other = b.add("green light bulb", ELECTRIC | POWERED | CONDUCTIVE | MOVABLE | MATERIAL, table);
            b.add("switch", ELECTRIC | SWITCH | DEVICE | MOVABLE | MATERIAL, table);
            b.inRoom("metal fork", ELECTRIC | CONDUCTIVE | MOVABLE | MATERIAL, w);
            b.inRoom("rubber ball", ELECTRIC | MOVABLE | MATERIAL, w);
            b.target = bulb;
            b.place = w;
        }

        ScienceEnvironment start() {
            ScienceEnvironment env = (ScienceEnvironment) SUITE.create();
            env.load(b.build(new TaskSpec("test", 0, "power-component",
                    "Your task is to turn on the red light bulb.")));
            return env;
        }
    }

    @Test
    void aClosedCircuitThroughTheBulbLightsItAndOnlyIt() {
        Workshop w = new Workshop();
        ScienceEnvironment env = w.start();
        ok(env, "connect battery anode to black wire terminal 1",
                "anode on battery is now connected to terminal 1 on black wire");
        ok(env, "connect black wire terminal 2 to red light bulb anode",
                "terminal 2 on black wire is now connected to anode on red light bulb");
        assertFalse(env.world().isPowered(w.bulb), "an open circuit");
        ok(env, "connect red light bulb cathode to red wire terminal 1",
                "cathode on red light bulb is now connected to terminal 1 on red wire");
        ok(env, "connect red wire terminal 2 to battery cathode",
                "terminal 2 on red wire is now connected to cathode on battery");
        assertTrue(env.world().isPowered(w.bulb));
        assertFalse(env.world().isPowered(w.other));
        assertEquals("a red light bulb, which is on. its anode is connected to: terminal 2 on black wire. its cathode"
                + " is connected to: terminal 1 on red wire. ", env.step("look at red light bulb").observation());
        refused(env, "connect battery anode to blue wire terminal 1", "The anode on battery is already connected.");
        refused(env, "connect blue wire terminal 1 to blue wire terminal 2", "Something can't be connected to itself.");
        ok(env, "pick up black wire", "(disconnecting black wire)\nYou move the black wire to the inventory.");
        assertFalse(env.world().isPowered(w.bulb), "taking a wire away opens the circuit");
    }

    @Test
    void aSwitchConductsOnlyWhenOnAndAShortCircuitStarvesTheBulb() {
        Workshop w = new Workshop();
        ScienceEnvironment env = w.start();
        env.step("connect battery anode to black wire terminal 1");
        env.step("connect black wire terminal 2 to switch anode");
        env.step("connect switch cathode to blue wire terminal 1");
        env.step("connect blue wire terminal 2 to red light bulb anode");
        env.step("connect red light bulb cathode to red wire terminal 1");
        env.step("connect red wire terminal 2 to battery cathode");
        assertFalse(env.world().isPowered(w.bulb), "the switch is off");
        ok(env, "activate switch", "The switch is now activated.");
        assertTrue(env.world().isPowered(w.bulb));
        assertTrue(env.step("look at switch").observation().startsWith("a switch, which is on. "));
        env.step("deactivate switch");
        assertFalse(env.world().isPowered(w.bulb));
    }

    @Test
    void conductorsCloseACircuitAndInsulatorsDoNot() {
        for (String thing : new String[] {"metal fork", "rubber ball"}) {
            Workshop w = new Workshop();
            ScienceEnvironment env = w.start();
            env.step("connect battery anode to black wire terminal 1");
            env.step("connect black wire terminal 2 to " + thing + " terminal 1");
            env.step("connect " + thing + " terminal 2 to blue wire terminal 1");
            env.step("connect blue wire terminal 2 to red light bulb anode");
            env.step("connect red light bulb cathode to red wire terminal 1");
            StepResult last = env.step("connect red wire terminal 2 to battery cathode");
            assertTrue(last.valid());
            assertEquals(thing.equals("metal fork"), env.world().isPowered(w.bulb), thing);
        }
    }

    @Test
    void aSeedInAPotWithSoilAndWaterGrowsOneStagePerTenTicks() {
        Scene.Builder b = new Scene.Builder(TaskType.GROW_PLANT);
        int g = House.GREENHOUSE;
        b.startRoom = g;
        int pot = b.inRoom("flower pot", CONTAINER | MOVABLE | POT | MATERIAL, g);
        int seed = b.add(new String[] {"apple seed", "apple plant"}, PLANT | MOVABLE | MATERIAL, House.room(g));
        b.inRoom("soil", SOIL | MOVABLE | MATERIAL, g);
        int jug = b.inRoom("jug", CONTAINER | MOVABLE | MATERIAL, g);
        int water = b.add(new String[] {"ice", "water", "steam", "water"}, SUBSTANCE | WATER | MATERIAL, jug);
        b.points(water, 0, 100);
        b.target = seed;
        b.second = pot;
        ScienceEnvironment env = (ScienceEnvironment) SUITE.create();
        env.load(b.build(new TaskSpec("test", 0, "grow-plant", "Your task is to grow a apple plant from seed.")));
        env.step("pick up apple seed");
        env.step("move apple seed to flower pot");
        env.step("wait");
        assertEquals(0, env.world().stageOf(seed), "no soil, no water: no growth");
        env.step("pick up soil");
        env.step("move soil to flower pot");
        env.step("pick up jug");
        ok(env, "pour jug into flower pot", "You pour the contents of the jug into the flower pot.");
        env.step("wait");
        assertEquals(1, env.world().stageOf(seed));
        env.step("wait");
        env.step("wait");
        assertEquals(3, env.world().stageOf(seed));
        env.step("wait");
        assertEquals(3, env.world().stageOf(seed), "reproducing is the last stage");
    }

    @Test
    void twoPrimaryPaintsMixIntoTheirSecondaryColour() {
        Scene.Builder b = new Scene.Builder(TaskType.MIX_PAINT);
        int a = House.ART_STUDIO;
        b.startRoom = a;
        String[] cups = {"wood cup", "plastic cup", "paper cup"};
        for (int c = 0; c < 3; c++) {
            int cup = b.inRoom(cups[c], CONTAINER | MOVABLE | MATERIAL, a);
            b.colour(b.add(Scene.COLOURS.get(c) + " paint", PAINT | MATERIAL, cup), c);
        }
        for (int c = 3; c < 6; c++) {
            int paint = b.add(Scene.COLOURS.get(c) + " paint", PAINT | MATERIAL, House.GONE);
            b.colour(paint, c);
            if (c == 4) {
                b.target = paint;
            }
        }
        ScienceEnvironment env = (ScienceEnvironment) SUITE.create();
        env.load(b.build(new TaskSpec("test", 0, "chemistry-mix-paint-secondary-color", "make green paint")));
        env.step("pick up plastic cup");
        ok(env, "pour plastic cup into paper cup", "You pour the contents of the plastic cup into the paper cup.");
        ok(env, "mix paper cup", "Blue and yellow paint mix to produce green paint.");
        assertEquals("a paper cup (containing green paint)", env.step("look at paper cup").observation());
        ok(env, "focus on green paint", "You focus on the green paint.");
        assertTrue(env.isWon());
        assertEquals(100, env.score());
    }

    @Test
    void everyAdmissibleCommandIsExecutedOnRandomWalks() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
        for (String split : new String[] {"train", "L0", "L1", "L2"}) {
            for (int id = 0; id < 60; id++) {
                ScienceEnvironment env = (ScienceEnvironment) SUITE.create();
                Reset reset = env.reset(split, id);
                java.util.List<String> adm = reset.admissible();
                boolean done = false;
                while (!done) {
                    String c = adm.get(rng.nextInt(adm.size()));
                    if (c.startsWith("focus on ") && rng.nextInt(8) != 0) {
                        continue;
                    }
                    StepResult r = env.step(c);
                    assertTrue(r.valid(), split + "/" + id + ": admissible '" + c + "' was refused: "
                            + r.observation());
                    assertEquals(java.util.Set.copyOf(r.admissible()).size(), r.admissible().size(), "no duplicates");
                    adm = r.admissible();
                    done = r.done();
                }
            }
        }
    }
}
