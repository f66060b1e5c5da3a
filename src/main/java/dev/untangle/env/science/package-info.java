/**
 * The built-in science world after ScienceWorld (Wang et al., EMNLP 2022): ScienceWorld's house of ten
 * locations and doors, its action templates and observation phrasing, containers, a thermal model (heaters,
 * coolers, states of matter), electrical circuits, plant growth and living things; thirteen task types over six
 * topics scored 0-100 from sub-goals; splits {@code train}/{@code L0}/{@code L1}/{@code L2}; the {@code oracle}
 * and {@code searcher} experts. See docs/ENVIRONMENTS.md.
 */
package dev.untangle.env.science;
