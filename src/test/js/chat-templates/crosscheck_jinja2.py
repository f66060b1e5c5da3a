"""Re-renders every text of src/test/resources/chat-templates/ with Python's jinja2 set up as transformers sets it up
(transformers.utils.chat_template_utils._compile_jinja_template: an ImmutableSandboxedEnvironment with
trim_blocks=True, lstrip_blocks=True and the loopcontrols extension; tojson = json.dumps(ensure_ascii=False, ...);
raise_exception and strftime_now as globals), and checks that each chat case of cases.json equals what @huggingface/jinja rendered.

    python3 src/test/js/chat-templates/crosscheck_jinja2.py      (needs jinja2; prints "N passed, 0 failed")

strftime_now is fixed at the instant generate.mjs fixes (2025-03-07 09:05 UTC).
"""
import datetime
import json
import pathlib
import sys

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

ROOT = pathlib.Path(__file__).resolve().parents[2] / "resources" / "chat-templates"
FIXED = datetime.datetime(2025, 3, 7, 9, 5, 0)


def environment():
    def raise_exception(message):
        raise jinja2.exceptions.TemplateError(message)

    def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
        return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)

    def strftime_now(format):
        return FIXED.strftime(format)

    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.loopcontrols"])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    return env


def specials(config):
    out = {}
    for key in ("bos_token", "eos_token", "unk_token", "pad_token"):
        value = config.get(key)
        if value is not None:
            out[key] = value if isinstance(value, str) else value["content"]
    return out


def main():
    env = environment()
    passed = failed = 0
    for model in sorted(p for p in ROOT.iterdir() if p.is_dir()):
        config = json.loads((model / "tokenizer_config.json").read_text(encoding="utf-8"))
        template = env.from_string(config["chat_template"])
        checks = []
        for case in json.loads((model / "cases.json").read_text(encoding="utf-8"))["cases"]:
            kwargs = {k: case[k] for k in ("enable_thinking", "tools") if k in case}
            checks.append((case["name"], case["messages"], case["add_generation_prompt"], kwargs, case["text"]))
        for name, messages, gen, kwargs, expected in checks:
            got = template.render(messages=messages, add_generation_prompt=gen, **specials(config), **kwargs)
            if got == expected:
                passed += 1
            else:
                failed += 1
                print(f"FAIL {model.name}/{name}:\n  jinja2:      {got!r}\n  @hf/jinja:   {expected!r}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
