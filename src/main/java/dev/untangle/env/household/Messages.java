package dev.untangle.env.household;

import java.util.ArrayList;
import java.util.List;

/** The feedback templates of the household world (ALFWorld's text mode) and the list-joining rule. */
final class Messages {

    /** The banner paragraph of the first observation. */
    static final String BANNER = "-= Welcome to TextWorld, ALFRED! =-";
    /** Feedback for any command that is not admissible. */
    static final String NOTHING = "Nothing happens.";
    /** Inventory with empty hands. */
    static final String EMPTY_HANDS = "You are not carrying anything.";
    /** The {@code help} text (new grammar only). */
    static final String HELP = "\nAvailable commands:\n"
            + "  look:                             look around your current location\n"
            + "  inventory:                        check your current inventory\n"
            + "  go to (receptacle):               move to a receptacle\n"
            + "  open (receptacle):                open a receptacle\n"
            + "  close (receptacle):               close a receptacle\n"
            + "  take (object) from (receptacle):  take an object from a receptacle\n"
            + "  move (object) to (receptacle):    place an object in or on a receptacle\n"
            + "  examine (something):              examine a receptacle or an object\n"
            + "  use (object):                     use an object\n"
            + "  heat (object) with (receptacle):  heat an object using a receptacle\n"
            + "  clean (object) with (receptacle): clean an object using a receptacle\n"
            + "  cool (object) with (receptacle):  cool an object using a receptacle\n";

    private Messages() {
    }

    /** {@code nothing}, {@code a X}, or {@code a X, a Y, and a Z} (serial comma even for two items). */
    static String list(String[] names, int n) {
        if (n == 0) {
            return "nothing";
        }
        if (n == 1) {
            return "a " + names[0];
        }
        StringBuilder b = new StringBuilder(n * 16);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(", ");
            }
            if (i == n - 1) {
                b.append("and ");
            }
            b.append("a ").append(names[i]);
        }
        return b.toString();
    }

    /** The "middle of a room" sentence. */
    static String middle(String list) {
        return "You are in the middle of a room. Looking quickly around you, you see " + list + ".";
    }

    /** The task line. */
    static String taskLine(String goal) {
        return "Your task is to: " + goal + ".";
    }

    /** Description of an open receptacle. */
    static String open(String r, String list) {
        return "The " + r + " is open. In it, you see " + list + ".";
    }

    /** Description of a closed receptacle. */
    static String closed(String r) {
        return "The " + r + " is closed.";
    }

    /** Description of a receptacle that does not open. */
    static String surface(String r, String list) {
        return "On the " + r + ", you see " + list + ".";
    }

    /**
     * Text covering every word the world can emit or accept, in a stable order: templates filled with sample
     * names, every class name, every number, every goal template.
     */
    static List<String> corpus(Catalogue cat) {
        List<String> out = new ArrayList<>();
        String r = "cabinet 1";
        String o = "apple 1";
        out.add(BANNER);
        out.add(middle(list(new String[] {"cabinet 2", "cabinet 1", "countertop 1"}, 3)));
        out.add(taskLine("put a clean apple in cabinet"));
        out.add("You arrive at " + r + ". " + closed(r));
        out.add("You arrive at loc 1. " + surface(r, list(new String[] {o, "mug 2"}, 2)));
        out.add("You open the " + r + ". " + open(r, "nothing"));
        out.add("You close the " + r + ".");
        out.add("You pick up the " + o + " from the " + r + ".");
        out.add("You move the " + o + " to the " + r + ".");
        out.add("You put the " + o + " in/on the " + r + ".");
        out.add("You heat the " + o + " using the microwave 1.");
        out.add("You cool the " + o + " using the fridge 1.");
        out.add("You clean the " + o + " using the sinkbasin 1.");
        out.add("You turn on the desklamp 1.");
        out.add("You are carrying: a " + o + ".");
        out.add(EMPTY_HANDS);
        out.add("You are facing the " + r + ". Next to it, you see nothing.");
        out.add(NOTHING);
        out.add("This is a normal mug 1. In it, you see nothing.");
        out.add("This is a hot and clean " + o + ".");
        out.add("This is a cool and clean " + o + ".");
        out.add("This is a hot " + o + ".");
        out.add("This is a clean " + o + ".");
        out.add("This is a cold " + o + ".");
        out.add("This desklamp 1 is on.");
        out.add("This desklamp 1 is off.");
        out.add("There's nothing special about " + o + ".");
        for (String line : HELP.strip().split("\n")) {
            out.add(line.strip());
        }
        out.add("go to " + r);
        out.add("open " + r);
        out.add("close " + r);
        out.add("take " + o + " from " + r);
        out.add("move " + o + " to " + r);
        out.add("put " + o + " in/on " + r);
        out.add("heat " + o + " with microwave 1");
        out.add("cool " + o + " with fridge 1");
        out.add("clean " + o + " with sinkbasin 1");
        out.add("use desklamp 1");
        out.add("examine " + r);
        out.add("inventory");
        out.add("look");
        out.add("help");
        for (TaskType t : TaskType.values()) {
            for (int k = 0; k < 2; k++) {
                out.add(t.goal(k, "mug", t == TaskType.LOOK ? "desklamp" : "cabinet"));
            }
        }
        out.add(String.join(" ", cat.namesOfKind("receptacle")));
        out.add(String.join(" ", cat.namesOfKind("object")));
        out.add(String.join(" ", cat.namesOfKind("fixed")));
        int maxNumber = Math.max(cat.maxReceptacleCount(), cat.maxReceptacles(SceneSize.ALFWORLD) + 1);
        StringBuilder nums = new StringBuilder();
        for (int i = 0; i <= maxNumber; i++) {
            nums.append(i == 0 ? "" : " ").append(i);
        }
        out.add(nums.toString());
        return List.copyOf(out);
    }
}
