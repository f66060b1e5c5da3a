package dev.untangle.env.household;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One floor plan at one scene size: its receptacles (in display order: class name ascending, number
 * descending), which of them open, their internal location numbers, and the fixed objects standing on them.
 * A pure function of room, plan number and size. Immutable.
 */
final class Layout {

    final Room room;
    final int plan;
    final SceneSize size;
    final int[] recClass;
    final int[] recNumber;
    final String[] recName;
    final boolean[] openable;
    final int[] loc;
    final int[] decorClass;
    final int[] decorHost;

    private Layout(Room room, int plan, SceneSize size, int[] recClass, int[] recNumber, String[] recName,
                   boolean[] openable, int[] loc, int[] decorClass, int[] decorHost) {
        this.room = room;
        this.plan = plan;
        this.size = size;
        this.recClass = recClass;
        this.recNumber = recNumber;
        this.recName = recName;
        this.openable = openable;
        this.loc = loc;
        this.decorClass = decorClass;
        this.decorHost = decorHost;
    }

    /** Number of receptacles. */
    int receptacles() {
        return recClass.length;
    }

    /** Whether some receptacle has the class. */
    boolean hasClass(int cls) {
        for (int c : recClass) {
            if (c == cls) {
                return true;
            }
        }
        return false;
    }

    /** Whether some fixed object has the class. */
    boolean hasDecor(int cls) {
        for (int c : decorClass) {
            if (c == cls) {
                return true;
            }
        }
        return false;
    }

    /**
     * A hand-made layout (for tests and examples): receptacle names in display order, location numbers
     * 1, 2, ... in that order, and fixed objects by class name on the receptacle with the given index.
     */
    static Layout custom(Catalogue cat, Room room, String[] names, boolean[] openable, String[] decor, int[] hosts) {
        int n = names.length;
        int[] recClass = new int[n];
        int[] recNumber = new int[n];
        int[] loc = new int[n];
        for (int i = 0; i < n; i++) {
            int space = names[i].lastIndexOf(' ');
            recClass[i] = cat.id(names[i].substring(0, space));
            recNumber[i] = Integer.parseInt(names[i].substring(space + 1));
            loc[i] = i + 1;
        }
        int[] decorClass = new int[decor.length];
        for (int i = 0; i < decor.length; i++) {
            decorClass[i] = cat.id(decor[i]);
        }
        return new Layout(room, 0, SceneSize.TINY, recClass, recNumber, names.clone(), openable.clone(), loc,
                decorClass, hosts.clone());
    }

    /** Builds the layout of a floor plan. */
    static Layout generate(Catalogue cat, Room room, int plan, SceneSize size) {
        SplittableRandom rng = new SplittableRandom(StableHash.of("layout/" + room.key(), plan));
        int s = size.ordinal();
        List<int[]> recs = new ArrayList<>(); // {class, number, openable}
        for (Catalogue.ReceptacleSpec spec : cat.receptacles(room)) {
            boolean present = rng.nextInt(100) < spec.presencePercent();
            double u = rng.nextDouble();
            if (!present || spec.max()[s] == 0) {
                continue;
            }
            int count = spec.min()[s] + (int) Math.floor(u * (spec.max()[s] - spec.min()[s] + 1));
            for (int k = 1; k <= count; k++) {
                boolean open = spec.openablePercent() > 0 && rng.nextInt(100) < spec.openablePercent();
                recs.add(new int[] {spec.cls(), k, open ? 1 : 0});
            }
        }
        recs.sort(Comparator.<int[]>comparingInt(r -> r[0]).thenComparingInt(r -> -r[1]));
        int n = recs.size();
        int[] recClass = new int[n];
        int[] recNumber = new int[n];
        String[] recName = new String[n];
        boolean[] openable = new boolean[n];
        for (int i = 0; i < n; i++) {
            int[] r = recs.get(i);
            recClass[i] = r[0];
            recNumber[i] = r[1];
            recName[i] = cat.name(r[0]) + " " + r[1];
            openable[i] = r[2] == 1;
        }
        int[] loc = new int[n];
        for (int i = 0; i < n; i++) {
            loc[i] = i + 1;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = loc[i];
            loc[i] = loc[j];
            loc[j] = t;
        }
        List<int[]> decor = new ArrayList<>();
        for (Catalogue.ObjectSpec spec : cat.decor(room)) {
            if (rng.nextInt(100) >= spec.presencePercent()) {
                continue;
            }
            List<Integer> hosts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!openable[i] && cat.hosts(spec.cls(), recClass[i])) {
                    hosts.add(i);
                }
            }
            if (!hosts.isEmpty()) {
                decor.add(new int[] {spec.cls(), hosts.get(rng.nextInt(hosts.size()))});
            }
        }
        int[] decorClass = decor.stream().mapToInt(d -> d[0]).toArray();
        int[] decorHost = decor.stream().mapToInt(d -> d[1]).toArray();
        return new Layout(room, plan, size, recClass, recNumber, recName, openable, loc, decorClass, decorHost);
    }

    @Override
    public String toString() {
        return room.key() + " plan " + plan + " (" + size.key() + "): " + Arrays.toString(recName);
    }
}
