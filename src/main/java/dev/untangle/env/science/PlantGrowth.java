package dev.untangle.env.science;

import static dev.untangle.env.science.Scene.PLANT;
import static dev.untangle.env.science.Scene.POT;
import static dev.untangle.env.science.Scene.SOIL;
import static dev.untangle.env.science.Scene.WATER;

/**
 * ScienceWorld's life cycle of a plant, reduced to its stages ({@link Catalogue#STAGES}: seed, seedling, adult,
 * reproducing): a plant standing in a flower pot that holds soil and liquid water grows one stage every
 * {@link Catalogue#TICKS_PER_STAGE} ticks until it reproduces.
 */
final class PlantGrowth {

    private final World w;

    PlantGrowth(World world) {
        this.w = world;
    }

    /** One tick of thing {@code i}. */
    void tick(int i) {
        int[] stage = w.stage;
        if ((w.s.flags[i] & PLANT) != 0 && stage[i] < Catalogue.STAGES.size() - 1 && canGrow(i)) {
            if (++w.growth[i] >= Catalogue.TICKS_PER_STAGE) {
                w.growth[i] = 0;
                stage[i]++;
            }
        }
    }

    /** A plant grows while it stands in a flower pot holding soil and liquid water. */
    boolean canGrow(int plant) {
        int[] in = w.in;
        int[] flags = w.s.flags;
        int pot = in[plant];
        if (pot < 0 || (flags[pot] & POT) == 0) {
            return false;
        }
        boolean soil = false;
        boolean water = false;
        for (int i = 0, n = in.length; i < n; i++) {
            if (in[i] == pot) {
                soil |= (flags[i] & SOIL) != 0;
                water |= (flags[i] & WATER) != 0 && w.state(i) == 1;
            }
        }
        return soil && water;
    }
}
