/**
 * The built-in science world after ScienceWorld (Wang et al., EMNLP 2022): ScienceWorld's house of ten
 * locations and doors, its action templates and observation phrasing, containers, a thermal model (heaters,
 * coolers, states of matter), electrical circuits, plant growth and living things; thirteen task types over six
 * topics scored 0-100 from sub-goals; splits {@code train}/{@code L0}/{@code L1}/{@code L2}; the {@code oracle}
 * and {@code searcher} experts. Laid out like ScienceWorld: {@link dev.untangle.env.science.Parser} and
 * {@link dev.untangle.env.science.Action} (the templates), {@link dev.untangle.env.science.Actions} (their rules),
 * the processes ({@link dev.untangle.env.science.HeatTransfer}, {@link dev.untangle.env.science.PlantGrowth},
 * {@link dev.untangle.env.science.ElectricalCircuit}, {@link dev.untangle.env.science.PaintMixing}) and the goals
 * ({@link dev.untangle.env.science.Goal}, {@link dev.untangle.env.science.Milestone}), all over one array-based
 * {@link dev.untangle.env.science.World}; one {@link dev.untangle.env.science.Planner} composed with a
 * {@link dev.untangle.env.science.Knowledge} source plays both experts. See docs/ENVIRONMENTS.md.
 */
package dev.untangle.env.science;
