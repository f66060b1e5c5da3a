package dev.untangle.env.household;

import dev.untangle.env.EnvironmentException;
import java.util.Arrays;
import java.util.Locale;

/**
 * How large generated scenes are. {@link #ALFWORLD} follows the receptacle counts of the ALFRED floor plans;
 * the smaller sizes keep fewer receptacles and object classes so that CPU experiments run fast.
 */
public enum SceneSize {
    /** ALFWorld-sized rooms (about 10-35 receptacles, all object classes of the room). */
    ALFWORLD("alfworld", Integer.MAX_VALUE),
    /** Fewer receptacles (at most 2-4 per class) and at most 10 object classes. */
    SMALL("small", 10),
    /** About 5-8 receptacles (at most one per class) and at most 6 object classes. */
    TINY("tiny", 6);

    private final String key;
    private final int objectClassCap;

    SceneSize(String key, int objectClassCap) {
        this.key = key;
        this.objectClassCap = objectClassCap;
    }

    /** The option value, for example {@code small}. */
    public String key() {
        return key;
    }

    /** The most portable object classes a scene of this size holds. */
    public int objectClassCap() {
        return objectClassCap;
    }

    /**
     * Parses an option value.
     *
     * @throws EnvironmentException naming the option and the known values
     */
    public static SceneSize parse(String value) {
        for (SceneSize s : values()) {
            if (s.key.equals(value.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new EnvironmentException("household option scene_size: unknown value '" + value + "'; known: "
                + Arrays.stream(values()).map(SceneSize::key).toList());
    }
}
