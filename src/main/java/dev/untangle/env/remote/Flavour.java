package dev.untangle.env.remote;

import java.util.List;
import java.util.Objects;

/**
 * One AgentGym environment server's dialect, declared as data (see docs/ENVIRONMENTS.md): the endpoint and field
 * names of its create, reset and step answers, where its goal and admissible commands come from, how its reward
 * is read and normalised, and the rules that say whether a step was valid and the task won. {@link FlavourClient}
 * is the one client that speaks every flavour by reading these declarations; {@link Flavours} declares the five
 * AgentGym servers. Immutable; built with {@link #builder(String)}.
 */
public final class Flavour {

    /** How {@code /create} answers the new instance's id. */
    public enum CreateAnswer {
        /** An object with an integer {@code id} field. */
        ID_FIELD,
        /** A bare integer (WebShop). */
        BARE_INTEGER
    }

    /** How {@code /reset} answers. */
    public enum ResetAnswer {
        /** An object with the observation field (and the description field when one is declared). */
        OBJECT,
        /** An array {@code [observation, info]}, after which the observation is read from {@code GET /observation}
         * (WebShop, as AgentGym's client does). */
        ARRAY_THEN_READ
    }

    /** How the declared reward field becomes the normalised reward in [0, 1]. */
    public enum RewardScale {
        /** The step's value, clamped to [0, 1]. */
        CLAMPED,
        /** A cumulative 0-100 score: {@code clamp(score / 100, 0, 1)} on the step that ends the episode, else 0,
         * so an episode's rewards sum to its final normalised score (SciWorld). */
        FINAL_SCORE_PERCENT
    }

    /** When the task counts as won, unless the answer carries the declared won field. */
    public enum WonRule {
        /** The reward field's value is at least 1. */
        REWARD_AT_LEAST_ONE,
        /** The episode is done with a positive reward field. */
        POSITIVE_WHEN_DONE,
        /** The episode is done with a score of at least 100. */
        FULL_SCORE_WHEN_DONE
    }

    /** What AgentGym's own client does to an extracted command before sending it to {@code /step}. */
    public enum ActionCleaning {
        /** Strips surrounding whitespace (ALFWorld, SciWorld, BabyAI, WebShop). */
        STRIP,
        /** Deletes every character outside {@code [A-Za-z0-9, ]} and collapses runs of whitespace (TextCraft). */
        LETTERS_DIGITS_COMMAS
    }

    /** Where the task's goal sentence comes from. */
    public sealed interface GoalSource {
        /**
         * The reset answer's {@code field} when present and not null (null: no such field), else the rest of the
         * observation's first line containing {@code marker}, without a final period.
         */
        record AfterMarker(String field, String marker) implements GoalSource {
        }

        /** The reset answer's description field, stripped. */
        record Description() implements GoalSource {
        }

        /** The string a {@code GET path} answers, stripped. */
        record Read(String path) implements GoalSource {
        }
    }

    /** Where the admissible commands come from. */
    public sealed interface Admissible {
        /** None: every command is free text. */
        record None() implements Admissible {
        }

        /** A list of strings in the reset and step answers. */
        record Field(String name) implements Admissible {
        }

        /** The quoted strings in brackets after the last {@code marker} of the observation (BabyAI). */
        record InObservation(String marker) implements Admissible {
        }

        /**
         * {@code GET path} answers {@code {searchField: bool, listField: [...]}}: no list while a search bar is
         * shown (any search is valid), else {@code prefix + entry + suffix} for each entry; not asked once the
         * episode is done (WebShop).
         */
        record Clickables(String path, String searchField, String listField, String prefix, String suffix)
                implements Admissible {
        }
    }

    private final String name;
    private final List<String> vocabulary;
    private final List<SplitRange> defaultSplits;
    private final int defaultMaxInFlight;
    private final List<String> taskTypes;
    private final String idField;
    private final CreateAnswer createAnswer;
    private final List<String> createNullFields;
    private final String resetIndexField;
    private final boolean resetSendsWorldType;
    private final ResetAnswer resetAnswer;
    private final String descriptionField;
    private final String observationField;
    private final GoalSource goal;
    private final String taskTypeField;
    private final Admissible admissible;
    private final String rewardField;
    private final RewardScale rewardScale;
    private final String rawRewardField;
    private final String wonField;
    private final WonRule wonRule;
    private final String validField;
    private final String invalidPrefix;
    private final String invalidText;
    private final ActionCleaning actionCleaning;
    private final String probeAction;
    private final List<String> readEndpoints;

    private Flavour(Builder b) {
        if (b.vocabulary == null || b.defaultSplits == null || b.resetIndexField == null || b.goal == null) {
            throw new IllegalArgumentException("flavour " + b.name + ": vocabulary, default splits, reset index "
                    + "field and goal source are required");
        }
        name = b.name;
        vocabulary = List.copyOf(b.vocabulary);
        defaultSplits = List.copyOf(b.defaultSplits);
        defaultMaxInFlight = b.defaultMaxInFlight;
        taskTypes = b.taskTypes == null ? List.of(b.name) : List.copyOf(b.taskTypes);
        idField = b.idField;
        createAnswer = b.createAnswer;
        createNullFields = List.copyOf(b.createNullFields);
        resetIndexField = b.resetIndexField;
        resetSendsWorldType = b.resetSendsWorldType;
        resetAnswer = b.resetAnswer;
        descriptionField = b.descriptionField;
        observationField = b.observationField;
        goal = b.goal;
        taskTypeField = b.taskTypeField;
        admissible = b.admissible;
        rewardField = b.rewardField;
        rewardScale = b.rewardScale;
        rawRewardField = b.rawRewardField;
        wonField = b.wonField;
        wonRule = b.wonRule;
        validField = b.validField;
        invalidPrefix = b.invalidPrefix;
        invalidText = b.invalidText;
        actionCleaning = b.actionCleaning;
        probeAction = b.probeAction;
        readEndpoints = List.copyOf(b.readEndpoints);
        if (goal instanceof GoalSource.Description && descriptionField == null) {
            throw new IllegalArgumentException("flavour " + name + ": the goal is the description, but no "
                    + "description field is declared");
        }
    }

    /** Starts the declaration of flavour {@code name} (the suite is called {@code agentgym:<name>}). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Short name, for example {@code alfworld}; the suite is called {@code agentgym:<name>}. */
    public String name() {
        return name;
    }

    /** The id field in bodies and queries ({@code id}, or {@code env_idx} for WebShop). */
    public String idField() {
        return idField;
    }

    /**
     * The words this environment declares: its command templates, its fixed messages and the names its tasks are
     * made of, as far as they are fixed by the environment's code (docs/ENVIRONMENTS.md). The tokenizer is built
     * from these alone, plus a character fallback for everything else (server-generated names), so the model's
     * shape never depends on which server answered.
     */
    public List<String> vocabulary() {
        return vocabulary;
    }

    /** Splits used when option {@code splits} is absent. */
    public List<SplitRange> defaultSplits() {
        return defaultSplits;
    }

    /** Requests in flight per server when option {@code max_in_flight} is absent. */
    public int defaultMaxInFlight() {
        return defaultMaxInFlight;
    }

    /** Task types reset may report, in a stable order. */
    public List<String> taskTypes() {
        return taskTypes;
    }

    /** How {@code /create} answers the id. */
    public CreateAnswer createAnswer() {
        return createAnswer;
    }

    /** Fields sent as JSON null in the {@code /create} body; empty: no body. */
    public List<String> createNullFields() {
        return createNullFields;
    }

    /** The {@code /reset} body field that carries the server's task index. */
    public String resetIndexField() {
        return resetIndexField;
    }

    /** Whether {@code /reset} also takes {@code world_type} (option {@code world_type}). */
    public boolean resetSendsWorldType() {
        return resetSendsWorldType;
    }

    /** How {@code /reset} answers. */
    public ResetAnswer resetAnswer() {
        return resetAnswer;
    }

    /** A reset field whose text precedes the observation (after a newline), or null. */
    public String descriptionField() {
        return descriptionField;
    }

    /** The observation field of reset and step answers. */
    public String observationField() {
        return observationField;
    }

    /** Where the goal comes from. */
    public GoalSource goal() {
        return goal;
    }

    /**
     * The reset field that reports the task type ({@code <type>-<details>/<trial>}: the part before the first
     * {@code -}), or null when every task has the flavour's name as its type.
     */
    public String taskTypeField() {
        return taskTypeField;
    }

    /** Where the admissible commands come from. */
    public Admissible admissible() {
        return admissible;
    }

    /** The step answer's reward (or score) field. */
    public String rewardField() {
        return rewardField;
    }

    /** How the reward field is normalised. */
    public RewardScale rewardScale() {
        return rewardScale;
    }

    /** A step field with the raw reward, used when present (else the reward field's value), or null. */
    public String rawRewardField() {
        return rawRewardField;
    }

    /** A step field that says whether the task is won, used when present, or null. */
    public String wonField() {
        return wonField;
    }

    /** When the task is won, without the won field. */
    public WonRule wonRule() {
        return wonRule;
    }

    /** A step field that says whether the command was valid, used when present, or null. */
    public String validField() {
        return validField;
    }

    /** An observation starting with this answers an invalid command, or null. */
    public String invalidPrefix() {
        return invalidPrefix;
    }

    /** An observation that is this text (after stripping) answers an invalid command, or null. */
    public String invalidText() {
        return invalidText;
    }

    /**
     * The command as AgentGym's own client for this environment sends it to {@code /step} (its {@code step} in
     * {@code agentenv/envs/<name>.py}), after that client has taken the command out of the model's ReAct reply
     * ({@code Thought: ... Action: <command>}). Our policies emit the bare command, so only what the clients do to
     * the extracted command applies ({@link ActionCleaning}).
     */
    public String normalizeAction(String action) {
        return switch (actionCleaning) {
            case STRIP -> action.strip();
            case LETTERS_DIGITS_COMMAS -> {
                String a = action.replaceAll("[^A-Za-z0-9, ]+", "").strip();
                yield a.isEmpty() ? a : String.join(" ", a.split("\\s+"));
            }
        };
    }

    /** A harmless command for probing a server when it lists no admissible commands. */
    public String probeAction() {
        return probeAction;
    }

    /** Read-only GET endpoints (besides {@code /observation}) this server is documented to offer. */
    public List<String> readEndpoints() {
        return readEndpoints;
    }

    @Override
    public String toString() {
        return "Flavour[" + name + "]";
    }

    /** The flavour of {@code agentgym:<name>}, or {@code null} when there is none. */
    public static Flavour byName(String name) {
        return Flavours.byName(name);
    }

    /** The short names of every flavour. */
    public static List<String> names() {
        return Flavours.names();
    }

    /** A flavour declaration under construction; unset choices keep the defaults named on each setter. */
    public static final class Builder {
        private final String name;
        private List<String> vocabulary;
        private List<SplitRange> defaultSplits;
        private int defaultMaxInFlight = 4;
        private List<String> taskTypes;
        private String idField = "id";
        private CreateAnswer createAnswer = CreateAnswer.ID_FIELD;
        private List<String> createNullFields = List.of();
        private String resetIndexField;
        private boolean resetSendsWorldType;
        private ResetAnswer resetAnswer = ResetAnswer.OBJECT;
        private String descriptionField;
        private String observationField = "observation";
        private GoalSource goal;
        private String taskTypeField;
        private Admissible admissible = new Admissible.None();
        private String rewardField = "reward";
        private RewardScale rewardScale = RewardScale.CLAMPED;
        private String rawRewardField;
        private String wonField;
        private WonRule wonRule = WonRule.REWARD_AT_LEAST_ONE;
        private String validField;
        private String invalidPrefix;
        private String invalidText;
        private ActionCleaning actionCleaning = ActionCleaning.STRIP;
        private String probeAction = "look";
        private List<String> readEndpoints = List.of("/observation");

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Required: the declared words ({@link Flavour#vocabulary()}). */
        public Builder vocabulary(List<String> words) {
            vocabulary = words;
            return this;
        }

        /** Required: the default splits. */
        public Builder defaultSplits(SplitRange... splits) {
            defaultSplits = List.of(splits);
            return this;
        }

        /** Requests in flight per server by default (4). */
        public Builder defaultMaxInFlight(int n) {
            defaultMaxInFlight = n;
            return this;
        }

        /** Task types in a stable order (default: the flavour's name only). */
        public Builder taskTypes(List<String> types) {
            taskTypes = types;
            return this;
        }

        /** The id field of bodies and queries (default {@code id}). */
        public Builder idField(String field) {
            idField = field;
            return this;
        }

        /** How {@code /create} answers (default {@link CreateAnswer#ID_FIELD}). */
        public Builder createAnswer(CreateAnswer a) {
            createAnswer = a;
            return this;
        }

        /** Fields sent as null in the {@code /create} body (default none: no body). */
        public Builder createNullFields(String... fields) {
            createNullFields = List.of(fields);
            return this;
        }

        /** Required: the {@code /reset} field of the task index. */
        public Builder resetIndexField(String field) {
            resetIndexField = field;
            return this;
        }

        /** {@code /reset} also takes {@code world_type} (default no). */
        public Builder resetSendsWorldType() {
            resetSendsWorldType = true;
            return this;
        }

        /** How {@code /reset} answers (default {@link ResetAnswer#OBJECT}). */
        public Builder resetAnswer(ResetAnswer a) {
            resetAnswer = a;
            return this;
        }

        /** A reset field whose text precedes the observation (default none). */
        public Builder descriptionField(String field) {
            descriptionField = field;
            return this;
        }

        /** The observation field of reset and step answers (default {@code observation}). */
        public Builder observationField(String field) {
            observationField = field;
            return this;
        }

        /** Required: where the goal comes from. */
        public Builder goal(GoalSource source) {
            goal = source;
            return this;
        }

        /** The reset field reporting the task type (default none: the flavour's name). */
        public Builder taskTypeField(String field) {
            taskTypeField = field;
            return this;
        }

        /** Where the admissible commands come from (default {@link Admissible.None}). */
        public Builder admissible(Admissible a) {
            admissible = a;
            return this;
        }

        /** The step's reward field and how it is normalised (default {@code reward}, clamped). */
        public Builder reward(String field, RewardScale scale) {
            rewardField = field;
            rewardScale = scale;
            return this;
        }

        /** A step field with the raw reward, used when present (default none: the reward field's value). */
        public Builder rawRewardField(String field) {
            rawRewardField = field;
            return this;
        }

        /** When the task is won (default {@link WonRule#REWARD_AT_LEAST_ONE}). */
        public Builder won(WonRule rule) {
            wonRule = rule;
            return this;
        }

        /** A step field saying whether the task is won, used when present (default none). */
        public Builder wonField(String field) {
            wonField = field;
            return this;
        }

        /** A step field saying whether the command was valid, used when present (default none). */
        public Builder validField(String field) {
            validField = field;
            return this;
        }

        /** An observation starting with this answers an invalid command (default none: every command valid). */
        public Builder invalidPrefix(String prefix) {
            invalidPrefix = prefix;
            return this;
        }

        /** An observation that is exactly this (stripped) answers an invalid command (default none). */
        public Builder invalidText(String text) {
            invalidText = text;
            return this;
        }

        /** What AgentGym's client does to a command (default {@link ActionCleaning#STRIP}). */
        public Builder actionCleaning(ActionCleaning c) {
            actionCleaning = c;
            return this;
        }

        /** A harmless probing command (default {@code look}). */
        public Builder probeAction(String action) {
            probeAction = action;
            return this;
        }

        /** Read-only GET endpoints the server offers (default {@code /observation}). */
        public Builder readEndpoints(String... paths) {
            readEndpoints = List.of(paths);
            return this;
        }

        /** The declaration; throws {@link IllegalArgumentException} when a required part is missing. */
        public Flavour build() {
            return new Flavour(this);
        }
    }
}
