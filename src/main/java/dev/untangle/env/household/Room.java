package dev.untangle.env.household;

import java.util.Locale;

/** The four room types of the household world, each with 30 floor plans numbered as in ALFRED. */
public enum Room {
    /** Kitchens, plans 1-30. */
    KITCHEN("kitchen", "kitchen", 1),
    /** Living rooms, plans 201-230. */
    LIVING_ROOM("livingroom", "living room", 201),
    /** Bedrooms, plans 301-330. */
    BEDROOM("bedroom", "bedroom", 301),
    /** Bathrooms, plans 401-430. */
    BATHROOM("bathroom", "bathroom", 401);

    /** Number of floor plans per room type. */
    public static final int PLANS = 30;

    private final String key;
    private final String label;
    private final int firstPlan;

    Room(String key, String label, int firstPlan) {
        this.key = key;
        this.label = label;
        this.firstPlan = firstPlan;
    }

    /** The key used in the catalogue file, for example {@code livingroom}. */
    public String key() {
        return key;
    }

    /** A readable name, for example {@code living room}. */
    public String label() {
        return label;
    }

    /** The number of the first floor plan of this room type. */
    public int firstPlan() {
        return firstPlan;
    }

    /** Looks a room up by its catalogue key. */
    static Room ofKey(String key) {
        for (Room r : values()) {
            if (r.key.equals(key.toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown room '" + key + "'");
    }
}
