package dev.untangle.cli;

import dev.untangle.policy.Policy;
import dev.untangle.policy.hf.HfPolicy;
import dev.untangle.policy.hf.TensorDtype;
import dev.untangle.rl.ModelKinds;
import dev.untangle.rl.RunDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code untangle hf export}: writes a trained Hugging Face policy back in Hugging Face's format, so it loads in
 * {@code transformers} ({@code AutoModelForCausalLM.from_pretrained(DIR)}) or with PEFT
 * ({@code PeftModel.from_pretrained(base, ADAPTER)}).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a trained Hugging Face policy (a run or checkpoint of model.kind=hf) as a standalone "
                + "Hugging Face model: merged weights, config.json and the tokenizer files; optionally the LoRA "
                + "adapter alone in PEFT's layout.")
public final class HfExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", required = true, paramLabel = "DIR",
            description = "checkpoint directory (holding policy/) or run directory (its final checkpoint)")
    Path checkpoint;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the merged model directory to write")
    Path out;

    @Option(names = "--adapter", paramLabel = "DIR",
            description = "also write the LoRA adapter alone here (PEFT's adapter_config.json + "
                    + "adapter_model.safetensors)")
    Path adapter;

    @Option(names = "--dtype", defaultValue = "bfloat16",
            description = "weight storage type: float32, float16 or bfloat16 (default: ${DEFAULT-VALUE})")
    String dtype;

    @Override
    public Integer call() {
        TensorDtype type = switch (dtype) {
            case "float32" -> TensorDtype.F32;
            case "float16" -> TensorDtype.F16;
            case "bfloat16" -> TensorDtype.BF16;
            default -> throw new UserError("--dtype: unknown type '" + dtype + "'; known: [float32, float16, bfloat16]");
        };
        Path policyDir = RunDirectory.locate(checkpoint).policyDir();
        if (!HfPolicy.isSaved(policyDir)) {
            throw new UserError(policyDir + " holds no Hugging Face policy (no " + HfPolicy.POLICY_FILE
                    + "): only runs with model.kind=hf can be exported");
        }
        try (Policy loaded = ModelKinds.get("hf").load(policyDir)) {
            HfPolicy policy = (HfPolicy) loaded;
            if (adapter != null && !(policy.decoder().tuning() instanceof dev.untangle.policy.hf.Tuning.Lora)) {
                throw new UserError("--adapter: the policy was fully fine-tuned (model.tuning=full); it has no adapter");
            }
            policy.exportMerged(out, type, adapter);
            PrintWriter p = spec.commandLine().getOut();
            p.println("wrote the merged model (" + dtype + ") to " + out);
            if (adapter != null) {
                p.println("wrote the LoRA adapter (PEFT layout) to " + adapter);
            }
            p.flush();
        }
        return 0;
    }
}
