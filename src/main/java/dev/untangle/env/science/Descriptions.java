package dev.untangle.env.science;

import static dev.untangle.env.science.Scene.CLOSABLE;
import static dev.untangle.env.science.Scene.CONTAINER;
import static dev.untangle.env.science.Scene.DEVICE;
import static dev.untangle.env.science.Scene.ELECTRIC;
import static dev.untangle.env.science.Scene.PAINT;
import static dev.untangle.env.science.Scene.PLANT;
import static dev.untangle.env.science.Scene.POWERED;
import static dev.untangle.env.science.Scene.SUBSTANCE;
import static dev.untangle.env.science.Scene.SURFACE;
import static dev.untangle.env.science.Scene.SWITCH;
import static dev.untangle.env.science.Scene.THERMOMETER;

import java.util.ArrayList;
import java.util.List;

/**
 * ScienceWorld's descriptions of an episode's state ({@code Location.getDescription}, the objects'
 * {@code getDescription}, {@code StringHelpers}): the room text of {@code look around}, the inventory, and each
 * thing, cursory in lists and detailed for {@code look at}. Reads the world's state; changes nothing.
 */
final class Descriptions {

    private final World world;

    Descriptions(World world) {
        this.world = world;
    }

    /** The {@code look around} text of the agent's location. */
    String lookAround() {
        Scene s = world.scene();
        int at = world.at();
        StringBuilder b = new StringBuilder(512);
        if (at == House.OUTSIDE) {
            b.append("This outside location is called the outside. Here you see: \n");
        } else {
            b.append("This room is called the ").append(House.NAMES.get(at)).append(". In it, you see: \n");
        }
        b.append("\tthe agent\n\ta substance called air\n");
        for (int i : sortedContents(House.room(at))) {
            b.append('\t').append(describe(i, false)).append('\n');
        }
        b.append("You also see:\n");
        List<String> doors = new ArrayList<>();
        for (int d = 0; d < House.DOORS.length; d++) {
            int r = House.across(d, at);
            if (r >= 0) {
                doors.add("A door to the " + House.NAMES.get(r) + " (that is "
                        + (world.doorOpen(d) ? "open" : "closed") + ")");
            }
        }
        doors.sort(null);
        for (String d : doors) {
            b.append('\t').append(d).append('\n');
        }
        return b.toString();
    }

    /** The {@code inventory} text. */
    String inventory() {
        StringBuilder b = new StringBuilder("In your inventory, you see:\n");
        List<Integer> items = sortedContents(House.INVENTORY);
        if (items.isEmpty()) {
            b.append("\tnothing\n");
        }
        for (int i : items) {
            b.append('\t').append(describe(i, true)).append('\n');
        }
        return b.toString();
    }

    /** Things directly in a container, sorted by name (ScienceWorld's order). */
    private List<Integer> sortedContents(int container) {
        Scene s = world.scene();
        List<Integer> list = new ArrayList<>();
        for (int i = 0; i < s.n; i++) {
            if (world.containerOf(i) == container) {
                list.add(i);
            }
        }
        list.sort((x, y) -> {
            int c = world.name(x).compareTo(world.name(y));
            return c != 0 ? c : Integer.compare(x, y);
        });
        return list;
    }

    private String contentsList(int container) {
        List<Integer> items = sortedContents(container);
        if (items.isEmpty()) {
            return "nothing";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(describe(items.get(i), false));
        }
        return b.toString();
    }

    /** ScienceWorld's description of a thing: cursory in lists, detailed for {@code look at}. */
    String describe(int x, boolean detailed) {
        Scene s = world.scene();
        int f = s.flags[x];
        String n = world.name(x);
        if ((f & (SUBSTANCE | PAINT)) != 0) {
            return detailed ? "a substance called " + n : n;
        }
        if ((f & PLANT) != 0) {
            int stage = world.stageOf(x);
            return stage == 0 ? "a " + n : "a " + n + " in the " + Catalogue.STAGES.get(stage) + " stage";
        }
        if ((f & THERMOMETER) != 0) {
            return "a thermometer, currently reading a temperature of " + SceneGenerator.fmt(world.temperature(x))
                    + " degrees celsius";
        }
        if ((f & ELECTRIC) != 0) {
            StringBuilder b = new StringBuilder("a ").append(n);
            if ((f & (POWERED | SWITCH)) != 0) {
                boolean on = (f & SWITCH) != 0 ? world.isOn(x) : world.isPowered(x);
                b.append(", which is ").append(on ? "on" : "off");
            }
            if (detailed) {
                b.append(". ");
                for (int k = 0; k < 2; k++) {
                    int other = world.terminalPartner(world.terminal(x, k));
                    b.append("its ").append(s.terminalName(x, k)).append(" is connected to: ")
                            .append(other < 0 ? "nothing" : world.terminalText(other)).append(". ");
                }
            }
            return b.toString();
        }
        if ((f & CLOSABLE) != 0) {
            StringBuilder b = new StringBuilder("a ").append(n);
            if ((f & DEVICE) != 0) {
                b.append(", which is turned ").append(world.isOn(x) ? "on" : "off");
            }
            b.append(". The ").append(n).append(" door is ").append(world.isOpen(x) ? "open. " : "closed.");
            if (world.isOpen(x)) {
                b.append("In the ").append(n).append(" is: ").append(contentsList(x)).append('.');
            }
            return b.toString();
        }
        if ((f & SURFACE) != 0) {
            StringBuilder b = new StringBuilder("a ").append(n);
            if ((f & DEVICE) != 0) {
                b.append(", which is turned ").append(world.isOn(x) ? "on" : "off");
            }
            return b.append(". On the ").append(n).append(" is: ").append(contentsList(x)).append('.').toString();
        }
        if ((f & CONTAINER) != 0) {
            return "a " + n + " (containing " + contentsList(x) + ")";
        }
        return "a " + n;
    }
}
