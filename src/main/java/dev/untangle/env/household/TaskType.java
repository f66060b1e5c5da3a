package dev.untangle.env.household;

import java.util.EnumSet;
import java.util.Set;

/** The six ALFWorld task types with their goal templates and the rooms they are generated in. */
public enum TaskType {
    /** Put an object in a receptacle. */
    PICK("pick_and_place_simple", "put a %s in %s", "put some %s on %s", null,
            EnumSet.allOf(Room.class)),
    /** Hold an object under a switched-on lamp. */
    LOOK("look_at_obj_in_light", "look at %s under the %s", "examine the %s with the %s", null,
            EnumSet.of(Room.LIVING_ROOM, Room.BEDROOM)),
    /** Clean an object in a sink basin, then put it in a receptacle. */
    CLEAN("pick_clean_then_place_in_recep", "put a clean %s in %s", "clean some %s and put it in %s", "sinkbasin",
            EnumSet.of(Room.KITCHEN, Room.BATHROOM)),
    /** Heat an object in a microwave, then put it in a receptacle. */
    HEAT("pick_heat_then_place_in_recep", "put a hot %s in %s", "heat some %s and put it in %s", "microwave",
            EnumSet.of(Room.KITCHEN)),
    /** Cool an object in a fridge, then put it in a receptacle. */
    COOL("pick_cool_then_place_in_recep", "put a cool %s in %s", "cool some %s and put it in %s", "fridge",
            EnumSet.of(Room.KITCHEN)),
    /** Put two objects of one class in the same receptacle. */
    PICK_TWO("pick_two_obj_and_place", "put two %s in %s", "find two %s and put them in %s", null,
            EnumSet.allOf(Room.class));

    private final String id;
    private final String template0;
    private final String template1;
    private final String appliance;
    private final Set<Room> rooms;

    TaskType(String id, String template0, String template1, String appliance, Set<Room> rooms) {
        this.id = id;
        this.template0 = template0;
        this.template1 = template1;
        this.appliance = appliance;
        this.rooms = rooms;
    }

    /** ALFWorld's internal name, for example {@code pick_clean_then_place_in_recep}. */
    public String id() {
        return id;
    }

    /** The goal template with the given index (0 or 1); {@code %s} stands for object then receptacle/lamp. */
    public String template(int index) {
        return index == 0 ? template0 : template1;
    }

    /** The goal sentence, without the {@code Your task is to: } prefix and the final period. */
    public String goal(int template, String objectClass, String targetClass) {
        return String.format(template(template), objectClass, targetClass);
    }

    /** The appliance class the object must be treated with, or {@code null}. */
    public String appliance() {
        return appliance;
    }

    /** The rooms this task type is generated in. */
    public Set<Room> rooms() {
        return rooms;
    }

    /** Looks a type up by its ALFWorld name. */
    public static TaskType ofId(String id) {
        for (TaskType t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task type '" + id + "'");
    }
}
