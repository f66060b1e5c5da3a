package dev.untangle.env.science;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * ScienceWorld's house: ten locations and the ten doors of its {@code mkRandomHouse} (every door starts
 * closed). Location indices are fixed; a thing placed directly in location {@code r} has container {@link #room(int)}.
 */
final class House {

    static final int KITCHEN = 0;
    static final int BATHROOM = 1;
    static final int WORKSHOP = 2;
    static final int ART_STUDIO = 3;
    static final int GREENHOUSE = 4;
    static final int OUTSIDE = 5;
    static final int FOUNDRY = 6;
    static final int HALLWAY = 7;
    static final int BEDROOM = 8;
    static final int LIVING_ROOM = 9;

    /** Location names, by index. */
    static final List<String> NAMES = List.of("kitchen", "bathroom", "workshop", "art studio", "greenhouse",
            "outside", "foundry", "hallway", "bedroom", "living room");

    /** The doors as pairs of locations (ScienceWorld's order). */
    static final int[][] DOORS = {
        {KITCHEN, HALLWAY}, {LIVING_ROOM, HALLWAY}, {BEDROOM, HALLWAY}, {BATHROOM, KITCHEN}, {WORKSHOP, HALLWAY},
        {GREENHOUSE, HALLWAY}, {ART_STUDIO, HALLWAY}, {KITCHEN, OUTSIDE}, {GREENHOUSE, OUTSIDE}, {FOUNDRY, OUTSIDE},
    };

    /** Container code of the agent's inventory. */
    static final int INVENTORY = -20;
    /** Container code of a thing that no longer exists (eaten, mixed away) or does not exist yet. */
    static final int GONE = -30;

    private House() {
    }

    /** Container code of location {@code r}. */
    static int room(int r) {
        return -1 - r;
    }

    /** Whether a container code is a location. */
    static boolean isRoom(int container) {
        return container < 0 && container >= -NAMES.size();
    }

    /** The location of a location container code. */
    static int roomOf(int container) {
        return -1 - container;
    }

    /** The location a door leads to from {@code from}, or -1 when the door does not touch {@code from}. */
    static int across(int door, int from) {
        int[] d = DOORS[door];
        return d[0] == from ? d[1] : d[1] == from ? d[0] : -1;
    }

    /** Index of a location name, or -1. */
    static int index(String name) {
        return NAMES.indexOf(name);
    }

    /** Door steps from a location to every location. */
    static int[] distances(int from) {
        int[] dist = new int[NAMES.size()];
        Arrays.fill(dist, Integer.MAX_VALUE);
        dist[from] = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(from));
        while (!queue.isEmpty()) {
            int r = queue.poll();
            for (int d = 0; d < DOORS.length; d++) {
                int x = across(d, r);
                if (x >= 0 && dist[x] == Integer.MAX_VALUE) {
                    dist[x] = dist[r] + 1;
                    queue.add(x);
                }
            }
        }
        return dist;
    }
}
