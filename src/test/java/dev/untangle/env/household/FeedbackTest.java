package dev.untangle.env.household;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.env.EnvironmentException;
import dev.untangle.env.Reset;
import dev.untangle.env.StepResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exact feedback strings of every command, on hand-made worlds, against the ALFWorld templates. */
class FeedbackTest {

    private static final Catalogue CAT = Catalogue.standard();

    /** Kitchen: cabinet 2 (opens), cabinet 1 (does not), countertop 1, fridge 1, microwave 1, sinkbasin 1. */
    private static World kitchen(TaskType type, String obj, String target, int template) {
        Layout layout = Layout.custom(CAT, Room.KITCHEN,
                new String[] {"cabinet 2", "cabinet 1", "countertop 1", "fridge 1", "microwave 1", "sinkbasin 1"},
                new boolean[] {true, false, false, true, true, false}, new String[0], new int[0]);
        List<int[]> objects = List.of(
                new int[] {CAT.id("apple"), 0},
                new int[] {CAT.id("mug"), 2},
                new int[] {CAT.id("apple"), 2},
                new int[] {CAT.id("egg"), 3});
        return new World(CAT, layout, "test", 0, type, CAT.id(obj), CAT.id(target), template, objects);
    }

    private static HouseholdEnvironment env(Grammar grammar) {
        return new HouseholdEnvironment(null, CAT, grammar, 50);
    }

    private static void expect(HouseholdEnvironment env, String command, String feedback) {
        StepResult r = env.step(command);
        assertEquals(feedback, r.observation(), "feedback of '" + command + "'");
    }

    @Test
    void everyCommandAnswersWithTheAlfworldTemplate() {
        HouseholdEnvironment env = env(Grammar.NEW);
        Reset reset = env.load(kitchen(TaskType.HEAT, "apple", "countertop", 0));
        assertEquals("-= Welcome to TextWorld, ALFRED! =-\n\nYou are in the middle of a room. Looking quickly around "
                + "you, you see a cabinet 2, a cabinet 1, a countertop 1, a fridge 1, a microwave 1, and a sinkbasin 1."
                + "\n\nYour task is to: put a hot apple in countertop.", reset.observation());
        assertEquals("put a hot apple in countertop", reset.task().goal());
        assertEquals("pick_heat_then_place_in_recep", reset.task().taskType());
        assertEquals(List.of("go to cabinet 1", "go to cabinet 2", "go to countertop 1", "go to fridge 1",
                "go to microwave 1", "go to sinkbasin 1", "help", "inventory", "look"), reset.admissible());
        expect(env, "look", "You are in the middle of a room. Looking quickly around you, you see a cabinet 2, "
                + "a cabinet 1, a countertop 1, a fridge 1, a microwave 1, and a sinkbasin 1.");
        expect(env, "inventory", "You are not carrying anything.");
        expect(env, "go to cabinet 2", "You arrive at cabinet 2. The cabinet 2 is closed.");
        assertEquals(List.of("examine cabinet 2", "go to cabinet 1", "go to countertop 1", "go to fridge 1",
                "go to microwave 1", "go to sinkbasin 1", "help", "inventory", "look", "open cabinet 2"),
                env.admissible());
        expect(env, "take apple 1 from cabinet 2", "Nothing happens.");
        expect(env, "open cabinet 2", "You open the cabinet 2. The cabinet 2 is open. In it, you see a apple 1.");
        expect(env, "look", "You are facing the cabinet 2. Next to it, you see nothing.");
        expect(env, "examine cabinet 2", "The cabinet 2 is open. In it, you see a apple 1.");
        expect(env, "examine apple 1", "There's nothing special about apple 1.");
        expect(env, "take apple 1 from cabinet 2", "You pick up the apple 1 from the cabinet 2.");
        expect(env, "inventory", "You are carrying: a apple 1.");
        expect(env, "close cabinet 2", "You close the cabinet 2.");
        expect(env, "examine cabinet 2", "The cabinet 2 is closed.");
        expect(env, "go to cabinet 1", "You arrive at cabinet 1. On the cabinet 1, you see nothing.");
        expect(env, "go to countertop 1",
                "You arrive at countertop 1. On the countertop 1, you see a apple 2, and a mug 1.");
        expect(env, "take mug 1 from countertop 1", "Nothing happens.");
        expect(env, "examine mug 1", "This is a normal mug 1. In it, you see nothing.");
        expect(env, "heat apple 1 with microwave 1", "Nothing happens.");
        expect(env, "go to microwave 1", "You arrive at microwave 1. The microwave 1 is closed.");
        expect(env, "heat apple 1 with microwave 1", "You heat the apple 1 using the microwave 1.");
        expect(env, "examine apple 1", "This is a hot apple 1.");
        expect(env, "go to sinkbasin 1", "You arrive at sinkbasin 1. On the sinkbasin 1, you see nothing.");
        expect(env, "clean apple 1 with sinkbasin 1", "You clean the apple 1 using the sinkbasin 1.");
        expect(env, "examine apple 1", "This is a hot and clean apple 1.");
        expect(env, "go to fridge 1", "You arrive at fridge 1. The fridge 1 is closed.");
        expect(env, "cool apple 1 with fridge 1", "You cool the apple 1 using the fridge 1.");
        expect(env, "examine apple 1", "This is a cool and clean apple 1.");
        expect(env, "move apple 1 to fridge 1", "Nothing happens.");
        expect(env, "open fridge 1", "You open the fridge 1. The fridge 1 is open. In it, you see a egg 1.");
        expect(env, "go to microwave 1", "You arrive at microwave 1. The microwave 1 is closed.");
        expect(env, "heat apple 1 with microwave 1", "You heat the apple 1 using the microwave 1.");
        expect(env, "go to countertop 1",
                "You arrive at countertop 1. On the countertop 1, you see a apple 2, and a mug 1.");
        assertTrue(env.admissible().contains("examine apple 1"));
        StepResult win = env.step("move apple 1 to countertop 1");
        assertEquals("You move the apple 1 to the countertop 1.", win.observation());
        assertTrue(win.won());
        assertTrue(win.done());
        assertEquals(1.0, win.reward());
        assertThrows(EnvironmentException.class, () -> env.step("look"));
    }

    @Test
    void helpAndUnknownCommands() {
        HouseholdEnvironment env = env(Grammar.NEW);
        env.load(kitchen(TaskType.PICK, "apple", "microwave", 1));
        StepResult help = env.step("help");
        assertTrue(help.observation().startsWith("\nAvailable commands:\n"), help.observation());
        for (String pattern : List.of("look:", "inventory:", "go to (receptacle):", "open (receptacle):",
                "close (receptacle):", "take (object) from (receptacle):", "move (object) to (receptacle):",
                "examine (something):", "use (object):", "heat (object) with (receptacle):",
                "clean (object) with (receptacle):", "cool (object) with (receptacle):")) {
            assertTrue(help.observation().contains("\n  " + pattern), pattern);
        }
        for (String junk : List.of("", "jump", "go to", "go to cabinet 9", "GO TO CABINET 1", "take apple 1",
                "put apple 1 in/on countertop 1", "slice apple 1 with knife 1")) {
            StepResult r = env.step(junk);
            assertEquals("Nothing happens.", r.observation(), junk);
            assertFalse(r.valid());
        }
        assertEquals("You arrive at cabinet 1. On the cabinet 1, you see nothing.",
                env.step("  go to cabinet 1 \t").observation());
    }

    @Test
    void oldGrammarUsesPutAndLocationNumbersAndHasNoHelp() {
        HouseholdEnvironment env = env(Grammar.OLD);
        Reset reset = env.load(kitchen(TaskType.PICK, "apple", "fridge", 1));
        assertEquals("put some apple on fridge", reset.task().goal());
        assertFalse(reset.admissible().contains("help"));
        expect(env, "help", "Nothing happens.");
        expect(env, "go to countertop 1", "You arrive at loc 3. On the countertop 1, you see a apple 2, and a mug 1.");
        expect(env, "take apple 2 from countertop 1", "You pick up the apple 2 from the countertop 1.");
        expect(env, "go to fridge 1", "You arrive at loc 4. The fridge 1 is closed.");
        assertFalse(env.admissible().contains("put apple 2 in/on fridge 1"));
        expect(env, "open fridge 1", "You open the fridge 1. The fridge 1 is open. In it, you see a egg 1.");
        assertTrue(env.admissible().contains("put apple 2 in/on fridge 1"));
        expect(env, "move apple 2 to fridge 1", "Nothing happens.");
        StepResult win = env.step("put apple 2 in/on fridge 1");
        assertEquals("You put the apple 2 in/on the fridge 1.", win.observation());
        assertTrue(win.won());
    }

    @Test
    void objectsStartingInTheFridgeOfACoolTaskAreCold() {
        HouseholdEnvironment env = env(Grammar.NEW);
        env.load(kitchen(TaskType.COOL, "egg", "countertop", 0));
        env.step("go to fridge 1");
        env.step("open fridge 1");
        expect(env, "take egg 1 from fridge 1", "You pick up the egg 1 from the fridge 1.");
        expect(env, "examine egg 1", "This is a cold egg 1.");
        expect(env, "go to countertop 1",
                "You arrive at countertop 1. On the countertop 1, you see a apple 2, and a mug 1.");
        assertTrue(env.step("move egg 1 to countertop 1").won());
    }

    @Test
    void lookTaskNeedsTheObjectInHandAndTheLampSwitchedOnHere() {
        Layout layout = Layout.custom(CAT, Room.BEDROOM, new String[] {"desk 1", "drawer 1"},
                new boolean[] {false, true}, new String[] {"desklamp"}, new int[] {0});
        World w = new World(CAT, layout, "test", 0, TaskType.LOOK, CAT.id("book"), CAT.id("desklamp"), 0,
                List.<int[]>of(new int[] {CAT.id("book"), 1}));
        assertEquals("look at book under the desklamp", w.spec.goal());
        HouseholdEnvironment env = env(Grammar.NEW);
        env.load(w);
        expect(env, "go to desk 1", "You arrive at desk 1. On the desk 1, you see a desklamp 1.");
        assertFalse(env.admissible().contains("take desklamp 1 from desk 1"));
        expect(env, "examine desklamp 1", "This desklamp 1 is off.");
        expect(env, "use desklamp 1", "You turn on the desklamp 1.");
        expect(env, "examine desklamp 1", "This desklamp 1 is on.");
        expect(env, "go to drawer 1", "You arrive at drawer 1. The drawer 1 is closed.");
        expect(env, "open drawer 1", "You open the drawer 1. The drawer 1 is open. In it, you see a book 1.");
        StepResult take = env.step("take book 1 from drawer 1");
        assertFalse(take.won(), "the lamp is not at the drawer");
        StepResult arrive = env.step("go to desk 1");
        assertEquals("You arrive at desk 1. On the desk 1, you see a desklamp 1.", arrive.observation());
        assertTrue(arrive.won());
    }

    @Test
    void pickTwoNeedsTwoObjectsInTheSameReceptacle() {
        Layout layout = Layout.custom(CAT, Room.BATHROOM, new String[] {"countertop 1", "toilet 2", "toilet 1"},
                new boolean[] {false, false, false}, new String[0], new int[0]);
        World w = new World(CAT, layout, "test", 0, TaskType.PICK_TWO, CAT.id("soapbar"), CAT.id("toilet"), 1,
                List.of(new int[] {CAT.id("soapbar"), 0}, new int[] {CAT.id("soapbar"), 0}));
        assertEquals("find two soapbar and put them in toilet", w.spec.goal());
        HouseholdEnvironment env = env(Grammar.NEW);
        env.load(w);
        expect(env, "go to countertop 1", "You arrive at countertop 1. On the countertop 1, you see a soapbar 2, "
                + "and a soapbar 1.");
        env.step("take soapbar 2 from countertop 1");
        env.step("go to toilet 1");
        assertFalse(env.step("move soapbar 2 to toilet 1").won());
        env.step("go to countertop 1");
        env.step("take soapbar 1 from countertop 1");
        env.step("go to toilet 2");
        assertFalse(env.step("move soapbar 1 to toilet 2").won(), "two different toilets");
        env.step("take soapbar 1 from toilet 2");
        env.step("go to toilet 1");
        assertTrue(env.step("move soapbar 1 to toilet 1").won());
    }

    @Test
    void stepLimitEndsTheEpisodeAndStepsCountNothingHappens() {
        HouseholdEnvironment env = new HouseholdEnvironment(null, CAT, Grammar.NEW, 3);
        env.load(kitchen(TaskType.PICK, "apple", "microwave", 0));
        assertFalse(env.step("dance").done());
        assertFalse(env.step("look").done());
        StepResult last = env.step("dance");
        assertTrue(last.done());
        assertFalse(last.won());
        assertEquals(0.0, last.reward());
        assertEquals(3, env.steps());
        assertThrows(EnvironmentException.class, () -> env.step("look"));
    }

    @Test
    void listsJoinLikeAlfworld() {
        String[] names = {"soapbar 4", "soapbar 3", "towel 1"};
        assertEquals("nothing", Messages.list(names, 0));
        assertEquals("a soapbar 4", Messages.list(names, 1));
        assertEquals("a soapbar 4, and a soapbar 3", Messages.list(names, 2));
        assertEquals("a soapbar 4, a soapbar 3, and a towel 1", Messages.list(names, 3));
    }
}
