package dev.untangle.env.household;

import dev.untangle.env.TaskSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One task instance: a layout, the objects in it with their starting receptacles, and the goal. Objects
 * (portable and fixed) are held in display order (class name ascending, number descending). Immutable; the
 * live state is kept by {@link HouseholdEnvironment}.
 */
final class World {

    final Catalogue cat;
    final Layout layout;
    final TaskSpec spec;
    final TaskType type;
    final int objCls;
    final int targetCls;
    final int[] objClass;
    final int[] objNumber;
    final String[] objName;
    final boolean[] portable;
    final boolean[] lamp;
    final int[] objStart;
    final boolean[] startCool;
    final String[] goCmds;
    final int[] goRecep;
    final String roomList;

    /**
     * Builds a world.
     *
     * @param placements {class, receptacle index} per portable object, in any order
     */
    World(Catalogue cat, Layout layout, String split, int taskId, TaskType type, int objCls, int targetCls,
          int template, List<int[]> placements) {
        this.cat = cat;
        this.layout = layout;
        this.type = type;
        this.objCls = objCls;
        this.targetCls = targetCls;
        this.spec = new TaskSpec(split, taskId, type.id(),
                type.goal(template, cat.name(objCls), cat.name(targetCls)));
        List<int[]> all = new ArrayList<>(); // {class, receptacle, portable}
        for (int[] p : placements) {
            all.add(new int[] {p[0], p[1], 1});
        }
        for (int i = 0; i < layout.decorClass.length; i++) {
            all.add(new int[] {layout.decorClass[i], layout.decorHost[i], 0});
        }
        // number instances per class in the order given (placement order), then sort for display
        int[] counters = new int[cat.size()];
        List<int[]> numbered = new ArrayList<>();
        for (int[] o : all) {
            numbered.add(new int[] {o[0], ++counters[o[0]], o[1], o[2]});
        }
        numbered.sort(Comparator.<int[]>comparingInt(o -> o[0]).thenComparingInt(o -> -o[1]));
        int n = numbered.size();
        objClass = new int[n];
        objNumber = new int[n];
        objName = new String[n];
        portable = new boolean[n];
        lamp = new boolean[n];
        objStart = new int[n];
        startCool = new boolean[n];
        int fridge = cat.id("fridge");
        for (int i = 0; i < n; i++) {
            int[] o = numbered.get(i);
            objClass[i] = o[0];
            objNumber[i] = o[1];
            objName[i] = cat.name(o[0]) + " " + o[1];
            objStart[i] = o[2];
            portable[i] = o[3] == 1;
            lamp[i] = cat.lamp(o[0]);
            startCool[i] = o[0] == objCls && layout.recClass[o[2]] == fridge;
        }
        int r = layout.receptacles();
        Integer[] order = new Integer[r];
        String[] cmds = new String[r];
        for (int i = 0; i < r; i++) {
            order[i] = i;
            cmds[i] = "go to " + layout.recName[i];
        }
        java.util.Arrays.sort(order, Comparator.comparing(i -> cmds[i]));
        goCmds = new String[r];
        goRecep = new int[r];
        for (int i = 0; i < r; i++) {
            goCmds[i] = cmds[order[i]];
            goRecep[i] = order[i];
        }
        roomList = Messages.list(layout.recName, r);
    }

    /** The receptacle index of the first receptacle with the class, or -1. */
    int firstReceptacle(int cls) {
        for (int i = 0; i < layout.recClass.length; i++) {
            if (layout.recClass[i] == cls) {
                return i;
            }
        }
        return -1;
    }

    /** The first observation text of the task. */
    String initialObservation() {
        return Messages.BANNER + "\n\n" + Messages.middle(roomList) + "\n\n" + Messages.taskLine(spec.goal());
    }
}
