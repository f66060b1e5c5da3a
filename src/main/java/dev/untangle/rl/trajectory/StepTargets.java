package dev.untangle.rl.trajectory;

/**
 * What an advantage estimator computed for one {@link CollectedStep} (docs/ALGORITHMS.md "GRPO advantage",
 * "GiGPO advantage"): the reward it saw, the outcome label and the advantages. Immutable.
 *
 * @param reward           this step's reward r_t as the estimator saw it ({@link RewardFunction})
 * @param episodeWon       whether the episode ended in success (the outcome label)
 * @param episodeAdvantage A_E: the episode-level (group-relative) advantage
 * @param stepAdvantage    A_S: the step-level (anchor-group) advantage; 0 for estimators without one
 * @param advantage        A: the advantage the policy-gradient loss uses
 * @param anchorId         id of the anchor-state group (-1 when the estimator forms none)
 */
public record StepTargets(double reward, boolean episodeWon, double episodeAdvantage, double stepAdvantage,
                          double advantage, int anchorId) {
}
