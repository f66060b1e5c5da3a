package dev.untangle.env.science;

import static dev.untangle.env.science.Scene.PAINT;

/**
 * ScienceWorld's chemistry, reduced to paints: mixing a container that holds exactly two different primary paints
 * (red, blue, yellow) consumes them and produces the secondary colour (red+blue violet, blue+yellow green,
 * red+yellow orange) in the same container; anything else produces nothing new and changes nothing. The product
 * is a thing of the scene waiting {@link House#GONE} until it is made.
 */
final class PaintMixing {

    private final World w;

    PaintMixing(World world) {
        this.w = world;
    }

    /** Mixes a container (the {@code mix} action's effect), with ScienceWorld's feedback. */
    Outcome mix(int x) {
        Scene s = w.s;
        int[] in = w.in;
        if (!s.is(x, Scene.CONTAINER)) {
            return Outcome.refuse("It's not clear how to mix that.");
        }
        int count = 0;
        int last = -1;
        int paints = 0;
        int colours = 0;
        for (int i = 0; i < s.n; i++) {
            if (in[i] == x) {
                count++;
                last = i;
                if (s.is(i, PAINT) && s.colour[i] < 3) {
                    paints++;
                    colours |= 1 << s.colour[i];
                }
            }
        }
        if (count == 0) {
            return Outcome.refuse("That container is empty, so there are no items to mix.");
        }
        if (count == 1) {
            return Outcome.refuse("There is only one thing (" + w.name(last) + ")");
        }
        int result = count == 2 && paints == 2 ? switch (colours) {
            case 0b011 -> 3;
            case 0b110 -> 4;
            case 0b101 -> 5;
            default -> -1;
        } : -1;
        int made = -1;
        for (int i = 0; i < s.n && result >= 0; i++) {
            if (s.is(i, PAINT) && s.colour[i] == result && in[i] == House.GONE) {
                made = i;
            }
        }
        if (made < 0) {
            return Outcome.done("Mixing the contents of the " + w.name(x)
                    + " does not appear to produce anything new.");
        }
        for (int i = 0; i < s.n; i++) {
            if (in[i] == x) {
                in[i] = House.GONE;
            }
        }
        in[made] = x;
        w.refreshVisibility();
        String a = Scene.COLOURS.get(Integer.numberOfTrailingZeros(colours));
        String b = Scene.COLOURS.get(31 - Integer.numberOfLeadingZeros(colours));
        return Outcome.done(Character.toUpperCase(a.charAt(0)) + a.substring(1) + " and " + b
                + " paint mix to produce " + Scene.COLOURS.get(result) + " paint.");
    }
}
