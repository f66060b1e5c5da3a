package dev.untangle.env.household;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The household catalogue, read from the resource {@code catalogue.txt}: class names, the receptacles and
 * objects of each room type, object properties and which receptacle classes accept which objects.
 *
 * <p>Class ids follow the alphabetical order of class names, so comparing ids compares names (ALFWorld lists
 * entities alphabetically by class). Immutable.
 */
public final class Catalogue {

    /** The resource name next to this class. */
    public static final String RESOURCE = "catalogue.txt";

    private static final Catalogue DEFAULT = load();

    /** A receptacle class in a room: openable share, presence and per-size instance counts. */
    record ReceptacleSpec(int cls, int openablePercent, int presencePercent, int[] min, int[] max) {
    }

    /** An object or decor class in a room with its presence. */
    record ObjectSpec(int cls, int presencePercent) {
    }

    private final String[] names;
    private final Map<String, Integer> ids;
    private final boolean[][] accepts;
    private final boolean[] portable;
    private final boolean[] heatable;
    private final boolean[] coolable;
    private final boolean[] cleanable;
    private final boolean[] container;
    private final boolean[] lamp;
    private final boolean[] openableClass;
    private final boolean[] receptacleClass;
    private final Map<Room, List<ReceptacleSpec>> receptacles;
    private final Map<Room, List<ObjectSpec>> objects;
    private final Map<Room, List<ObjectSpec>> decor;
    private final Map<Integer, boolean[]> hosts;

    private Catalogue(List<String[]> lines) {
        TreeSet<String> all = new TreeSet<>();
        for (String[] l : lines) {
            switch (l[0]) {
                case "receptacle", "object", "decor" -> all.add(l[2]);
                case "property", "accepts", "host" -> {
                    for (int i = 1; i < l.length; i++) {
                        if (!l[i].equals("*")) {
                            all.add(l[i].startsWith("-") ? l[i].substring(1) : l[i]);
                        }
                    }
                }
                default -> throw new IllegalStateException("catalogue: unknown line kind '" + l[0] + "'");
            }
        }
        names = all.toArray(new String[0]);
        ids = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            ids.put(names[i], i);
        }
        int n = names.length;
        accepts = new boolean[n][n];
        portable = new boolean[n];
        heatable = new boolean[n];
        coolable = new boolean[n];
        cleanable = new boolean[n];
        container = new boolean[n];
        lamp = new boolean[n];
        openableClass = new boolean[n];
        receptacleClass = new boolean[n];
        receptacles = new EnumMap<>(Room.class);
        objects = new EnumMap<>(Room.class);
        decor = new EnumMap<>(Room.class);
        hosts = new HashMap<>();
        for (Room r : Room.values()) {
            receptacles.put(r, new ArrayList<>());
            objects.put(r, new ArrayList<>());
            decor.put(r, new ArrayList<>());
        }
        for (String[] l : lines) {
            if (l[0].equals("object")) {
                portable[id(l[2])] = true;
            }
        }
        for (String[] l : lines) {
            switch (l[0]) {
                case "receptacle" -> {
                    int c = id(l[2]);
                    int[] min = new int[SceneSize.values().length];
                    int[] max = new int[min.length];
                    for (int s = 0; s < min.length; s++) {
                        String[] mm = l[5 + s].split("-");
                        min[s] = Integer.parseInt(mm[0]);
                        max[s] = Integer.parseInt(mm[1]);
                    }
                    int open = Integer.parseInt(l[3]);
                    receptacleClass[c] = true;
                    openableClass[c] |= open > 0;
                    receptacles.get(Room.ofKey(l[1])).add(
                            new ReceptacleSpec(c, open, Integer.parseInt(l[4]), min, max));
                }
                case "object" -> objects.get(Room.ofKey(l[1])).add(new ObjectSpec(id(l[2]), Integer.parseInt(l[3])));
                case "decor" -> decor.get(Room.ofKey(l[1])).add(new ObjectSpec(id(l[2]), Integer.parseInt(l[3])));
                case "property" -> {
                    boolean[] p = switch (l[1]) {
                        case "heatable" -> heatable;
                        case "coolable" -> coolable;
                        case "cleanable" -> cleanable;
                        case "container" -> container;
                        case "lamp" -> lamp;
                        default -> throw new IllegalStateException("catalogue: unknown property '" + l[1] + "'");
                    };
                    for (int i = 2; i < l.length; i++) {
                        p[id(l[i])] = true;
                    }
                }
                case "host" -> {
                    boolean[] h = new boolean[n];
                    for (int i = 2; i < l.length; i++) {
                        h[id(l[i])] = true;
                    }
                    hosts.put(l[1].equals("*") ? -1 : id(l[1]), h);
                }
                case "accepts" -> {
                    boolean[] a = accepts[id(l[1])];
                    for (int i = 2; i < l.length; i++) {
                        if (l[i].equals("*")) {
                            for (int c = 0; c < n; c++) {
                                a[c] |= portable[c];
                            }
                        } else if (l[i].startsWith("-")) {
                            a[id(l[i].substring(1))] = false;
                        } else {
                            a[id(l[i])] = true;
                        }
                    }
                }
                default -> throw new IllegalStateException("catalogue: unknown line kind '" + l[0] + "'");
            }
        }
    }

    /** The catalogue shipped with untangle. */
    public static Catalogue standard() {
        return DEFAULT;
    }

    private static Catalogue load() {
        List<String[]> lines = new ArrayList<>();
        try (InputStream in = Catalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE + " next to " + Catalogue.class);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    lines.add(t.split("\\s+"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new Catalogue(lines);
    }

    /** The id of a class name. */
    public int id(String name) {
        Integer i = ids.get(name);
        if (i == null) {
            throw new IllegalArgumentException("unknown household class '" + name + "'");
        }
        return i;
    }

    /** The class name of an id. */
    public String name(int cls) {
        return names[cls];
    }

    /** Number of classes. */
    public int size() {
        return names.length;
    }

    /** Every class name, alphabetically. */
    public List<String> classNames() {
        return List.of(names);
    }

    /** Whether {@code move} may put an object of class {@code obj} into a receptacle of class {@code recep}. */
    public boolean accepts(int recep, int obj) {
        return accepts[recep][obj];
    }

    /** Whether the class can be picked up. */
    public boolean portable(int cls) {
        return portable[cls];
    }

    /** Whether a microwave can heat the class. */
    public boolean heatable(int cls) {
        return heatable[cls];
    }

    /** Whether a fridge can cool the class. */
    public boolean coolable(int cls) {
        return coolable[cls];
    }

    /** Whether a sink basin can clean the class. */
    public boolean cleanable(int cls) {
        return cleanable[cls];
    }

    /** Whether the class is a movable container (examined as {@code This is a normal ...}). */
    public boolean container(int cls) {
        return container[cls];
    }

    /** Whether the class is a lamp that {@code use} switches on. */
    public boolean lamp(int cls) {
        return lamp[cls];
    }

    /** Whether the class is a receptacle class. */
    public boolean receptacle(int cls) {
        return receptacleClass[cls];
    }

    /** Whether instances of the receptacle class may be openable. */
    public boolean openableClass(int cls) {
        return openableClass[cls];
    }

    /** Whether a fixed object of class {@code decor} may stand on a receptacle of class {@code recep}. */
    boolean hosts(int decorCls, int recep) {
        boolean[] h = hosts.getOrDefault(decorCls, hosts.get(-1));
        return h != null && h[recep];
    }

    /** Whether the class has its own host list (lamps). */
    boolean hasOwnHosts(int decorCls) {
        return hosts.containsKey(decorCls);
    }

    List<ReceptacleSpec> receptacles(Room room) {
        return receptacles.get(room);
    }

    List<ObjectSpec> objects(Room room) {
        return objects.get(room);
    }

    List<ObjectSpec> decor(Room room) {
        return decor.get(room);
    }

    /** Class names grouped for the corpus: receptacles, portable objects, fixed objects; each alphabetical. */
    List<String> namesOfKind(String kind) {
        Set<String> out = new LinkedHashSet<>();
        for (int c = 0; c < names.length; c++) {
            boolean isFixed = !portable[c] && !receptacleClass[c];
            if ((kind.equals("receptacle") && receptacleClass[c]) || (kind.equals("object") && portable[c])
                    || (kind.equals("fixed") && isFixed)) {
                out.add(names[c]);
            }
        }
        return List.copyOf(out);
    }

    /** The largest instance count of any receptacle class at any size (for the corpus of numbers). */
    int maxReceptacleCount() {
        int m = 1;
        for (List<ReceptacleSpec> l : receptacles.values()) {
            for (ReceptacleSpec s : l) {
                m = Math.max(m, Arrays.stream(s.max()).max().orElse(1));
            }
        }
        return m;
    }

    /** The largest number of receptacles a room can have at the given size. */
    int maxReceptacles(SceneSize size) {
        int m = 0;
        for (List<ReceptacleSpec> l : receptacles.values()) {
            int sum = 0;
            for (ReceptacleSpec s : l) {
                sum += s.max()[size.ordinal()];
            }
            m = Math.max(m, sum);
        }
        return m;
    }
}
