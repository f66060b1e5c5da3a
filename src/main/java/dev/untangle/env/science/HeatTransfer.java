package dev.untangle.env.science;

import static dev.untangle.env.science.Scene.HEATER;
import static dev.untangle.env.science.Scene.MATERIAL;

/**
 * ScienceWorld's heat transfer and change of state: each tick a thing of some material inside a switched-on
 * heater or cooler (the nearest one around it) moves a fixed share ({@link Catalogue#HEAT_TRANSFER}) of the way to
 * the appliance's temperature, never past it. A substance's state of matter follows from its temperature and its
 * melting and boiling points ({@link World#state}), so a change of state needs no step of its own.
 */
final class HeatTransfer {

    private final World w;

    HeatTransfer(World world) {
        this.w = world;
    }

    /** One tick of thing {@code i}. */
    void tick(int i) {
        Scene s = w.s;
        if ((s.flags[i] & MATERIAL) == 0) {
            return;
        }
        int src = w.activeSource(i);
        if (src >= 0) {
            double[] temp = w.temp;
            double target = s.sourceTemp[src];
            boolean heater = (s.flags[src] & HEATER) != 0;
            if (heater ? temp[i] < target : temp[i] > target) {
                temp[i] += Catalogue.HEAT_TRANSFER * (target - temp[i]);
            }
        }
    }
}
