package dev.untangle.env.household;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.untangle.env.EnvironmentException;
import dev.untangle.env.SplitInfo;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Split sizes, disjointness and determinism of task generation. */
class SplitsTest {

    @Test
    void splitsHaveTheirFixedSizes() {
        List<SplitInfo> splits = Suites.standard().splits();
        assertEquals(List.of("train", "L0", "L1", "L2"), splits.stream().map(SplitInfo::name).toList());
        assertEquals(List.of(3553, 140, 134, 134), splits.stream().map(SplitInfo::size).toList());
    }

    @Test
    void noL1LayoutOrPairingAndNoL2TypeIsInTrain() {
        HouseholdSuite suite = Suites.standard();
        Set<String> trainPlans = new HashSet<>();
        Set<String> trainPairings = new HashSet<>();
        Set<String> trainTypes = new HashSet<>();
        for (int id = 0; id < suite.split("train").size(); id++) {
            HouseholdSuite.TaskDetails d = suite.details("train", id);
            trainPlans.add(d.room() + d.plan());
            trainPairings.add(d.objectClass() + "/" + d.targetClass());
            trainTypes.add(d.spec().taskType());
            assertFalse(HouseholdSplits.UNSEEN_PLANS.contains(d.plan()), "train/" + id);
        }
        assertEquals(108, trainPlans.size(), "train covers every seen plan");
        for (int id = 0; id < 140; id++) {
            HouseholdSuite.TaskDetails d = suite.details("L0", id);
            assertTrue(trainPlans.contains(d.room() + d.plan()), "L0/" + id + " uses a train plan");
            assertTrue(trainTypes.contains(d.spec().taskType()));
        }
        Set<String> l1Plans = new HashSet<>();
        for (int id = 0; id < 134; id++) {
            HouseholdSuite.TaskDetails d = suite.details("L1", id);
            assertFalse(trainPlans.contains(d.room() + d.plan()), "L1/" + id + " layout in train");
            assertFalse(trainPairings.contains(d.objectClass() + "/" + d.targetClass()), "L1/" + id + " pairing");
            assertTrue(trainTypes.contains(d.spec().taskType()), "L1 keeps the train task types");
            l1Plans.add(d.room() + d.plan());
        }
        assertTrue(l1Plans.size() >= 8, "L1 spreads over the unseen plans: " + l1Plans);
        for (int id = 0; id < 134; id++) {
            HouseholdSuite.TaskDetails d = suite.details("L2", id);
            assertFalse(trainTypes.contains(d.spec().taskType()), "L2/" + id + " type in train");
            assertFalse(trainPlans.contains(d.room() + d.plan()), "L2/" + id + " layout in train");
        }
        assertEquals(Set.of("pick_and_place_simple", "look_at_obj_in_light", "pick_clean_then_place_in_recep",
                "pick_heat_then_place_in_recep"), trainTypes);
    }

    @Test
    void aTaskDependsOnlyOnSplitAndIdNotOnOrderOrTrainSize() {
        HouseholdSuite a = new HouseholdSuite(HouseholdOptions.defaults());
        HouseholdSuite b = new HouseholdSuite(new HouseholdOptions(Grammar.NEW, SceneSize.ALFWORLD, 50, 20));
        assertEquals(20, b.split("train").size());
        for (int id = 19; id >= 0; id--) {
            assertEquals(a.task("train", id), b.task("train", id));
        }
        for (String split : List.of("L0", "L1", "L2")) {
            for (int id : new int[] {133, 7, 0}) {
                var envA = a.create();
                var envB = Suites.standard().create();
                assertEquals(envA.reset(split, id), envB.reset(split, id));
            }
        }
    }

    @Test
    void badSplitsAndIdsAreRejectedWithOneLine() {
        HouseholdSuite suite = Suites.standard();
        EnvironmentException e = assertThrows(EnvironmentException.class, () -> suite.task("L3", 0));
        assertTrue(e.getMessage().contains("L3") && !e.getMessage().contains("\n"));
        e = assertThrows(EnvironmentException.class, () -> suite.create().reset("L1", 134));
        assertTrue(e.getMessage().contains("134") && e.getMessage().contains("0..133"));
        assertThrows(EnvironmentException.class, () -> suite.create().reset("train", -1));
        assertThrows(EnvironmentException.class, () -> suite.create().step("look"));
    }

    @Test
    void heldOutPairingsCoverEveryEvaluatedTaskType() {
        HouseholdSuite suite = Suites.get(Grammar.NEW, SceneSize.TINY);
        Set<String> types = new HashSet<>();
        for (int id = 0; id < 134; id++) {
            HouseholdSuite.TaskDetails d = suite.details("L1", id);
            assertTrue(HouseholdSplits.heldOutPairing(d.objectClass(), d.targetClass()));
            assertTrue(HouseholdSplits.UNSEEN_PLANS.contains(d.plan()));
            types.add(d.spec().taskType());
        }
        assertEquals(4, types.size());
    }
}
