package dev.untangle.env.science;

import java.util.ArrayList;
import java.util.List;

/** ScienceWorld's fixed phrasings that the world's rules share, and the corpus of the science world's words. */
final class ScienceText {

    /** Answer to a command that matches no template and visible thing (ScienceWorld's InputParser). */
    static final String NO_MATCH = "No known action matches that input.";

    private ScienceText() {
    }

    /**
     * Text covering the words of the world's commands, messages, names and goals, in a stable order (temperatures
     * beyond the small numbers listed are left to the tokenizer's character fallback).
     */
    static List<String> corpus() {
        List<String> out = new ArrayList<>();
        out.add("look around | look at X | open X | close X | go to L | pick up X | put down X | move X to Y"
                + " | pour X into Y | activate X | deactivate X | use X on Y | connect X to Y | mix X | focus on X"
                + " | wait | wait1 | inventory | read X | eat X | task");
        out.add(NO_MATCH);
        out.add("This room is called the kitchen. In it, you see: the agent a substance called air You also see: A"
                + " door to the hallway (that is open) (that is closed) This outside location is called the outside."
                + " Here you see:");
        out.add("a stove, which is turned off. On the stove is: nothing. a fridge, which is turned on. The fridge"
                + " door is closed. The fridge door is open. In the fridge is: a glass cup (containing water)");
        out.add("a thermometer, currently reading a temperature of 25 degrees celsius. the thermometer measures a"
                + " temperature of 100 degrees celsius. That thing doesn't appear to have a temperature that the"
                + " thermometer can read.");
        out.add("a red light bulb, which is on. its anode is connected to: terminal 1 on red wire. its cathode is"
                + " connected to: nothing. terminal 2 anode on battery is now connected to cathode on switch");
        out.add("a apple seed a apple plant in the seedling stage adult reproducing");
        out.add("You move to the kitchen. You move the metal pot to the inventory. You move the metal pot to the"
                + " stove. (disconnecting red wire) You pour the contents of the jug into the flower pot.");
        out.add("The stove is now activated. The stove is now deactivated. The door is now open. The door is now"
                + " closed. The door is not open. The door is already open. The door is already closed.");
        out.add("You focus on the water. You decide to wait for 10 iterations. You decide to wait for 1 iterations."
                + " In your inventory, you see: nothing Task Description:");
        out.add("The apple was delicious. The book is titled Origin of Species.");
        out.add("Red and blue paint mix to produce violet paint. Blue and yellow paint mix to produce green paint."
                + " Red and yellow paint mix to produce orange paint. Mixing the contents of the wood cup does not"
                + " appear to produce anything new. That container is empty, so there are no items to mix. There is"
                + " only one thing (water)");
        out.add("You can't pick up a liquid directly.  Try pouring it from one container to another. You can't pick"
                + " up a gas directly. The stove is not moveable. That object already appears to be in the inventory."
                + " That object does not appear to be in the inventory. The stove is not openable. The stove is not"
                + " closeable. The fridge is already open. The fridge is already closed. The apple is not something"
                + " that can be activated. The stove is already activated. The stove is already deactivated.");
        out.add("The painting is not edible. It's not clear how to read that. It's not clear how to mix that. You"
                + " can't move something into itself. That can't be moved there. That can't be moved there, because"
                + " the fridge isn't open. because it's not a container. The apple is already in the bowl. I'm not"
                + " sure how to pour that. The jug is empty, so there's nothing to pour. I'm not sure how to use"
                + " those two things together. It's not clear how to connect something to apple Something can't be"
                + " connected to itself. The terminal 1 on red wire is already connected. You are already in the"
                + " kitchen. It's not clear how to get there from here.");
        out.add(String.join(" ", House.NAMES));
        for (TaskType t : TaskType.values()) {
            out.add(t.id() + " " + t.topic() + " " + String.join(" ", t.keys()));
        }
        out.add("counter bowl apple banana orange potato stove fridge freezer cupboard table thermometer bathtub"
                + " toilet ultra low temperature freezer blast furnace painting bed closet book shelf book couch chair"
                + " desk flower pot 1 2 3 seed jar soil jug battery black red blue wire switch");
        out.add(String.join(" ", Catalogue.ANIMALS) + " " + String.join(" ", Catalogue.SPECIES) + " "
                + String.join(" ", Catalogue.BOX_COLOURS) + " box " + String.join(" ", Catalogue.BOOKS));
        out.add("ice water steam solid orange juice gaseous apple juice ice cream liquid chocolate marshmallow soap"
                + " gallium tin lead mercury caesium metal pot wood cup glass cup plastic cup paper cup ceramic cup"
                + " glass jar violet green paint");
        out.add("Your task is to boil water. For compounds without a boiling point, combusting the substance is also"
                + " acceptable. First, focus on the substance. Then, take actions that will cause it to change its"
                + " state of matter. Your task is to melt ice. Your task is to freeze water.");
        out.add("Your task is to measure the temperature of metal fork, which is located around the bedroom. First,"
                + " focus on the thermometer. Next, focus on the metal fork. If the metal fork temperature is above 50"
                + " degrees celsius, place it in the red box. If the metal fork temperature is below 50 degrees"
                + " celsius, place it in the green box. The boxes are located around the kitchen.");
        out.add("Your task is to measure the melting point of chocolate, which is located around the kitchen. If the"
                + " melting point of chocolate is above -20 degrees celsius, focus on the red box.");
        out.add("Your task is to turn on the red light bulb. First, focus on the red light bulb. Then, create an"
                + " electrical circuit that powers it on.");
        out.add("Your task is to determine if metal fork is electrically conductive. The metal fork is located around"
                + " the kitchen. First, focus on the metal fork. If it is electrically conductive, place it in the red"
                + " box. If it is electrically nonconductive, place it in the green box.");
        out.add("Your task is to find a(n) living thing. non-living thing. plant. animal. First, focus on the thing."
                + " Then, move it to the red box in the kitchen.");
        out.add("Your task is to grow a apple plant from seed. Seeds can be found in the greenhouse. First, focus on"
                + " a seed. Then, make changes to the environment that grow the plant until it reaches the"
                + " reproduction life stage.");
        out.add("Your task is to use chemistry to create green paint. When you are done, focus on the green paint.");
        StringBuilder nums = new StringBuilder();
        for (int i = 0; i <= 100; i++) {
            nums.append(i == 0 ? "" : " ").append(i);
        }
        out.add(nums.toString());
        return List.copyOf(out);
    }
}
