package dev.untangle.policy.hf;

import java.nio.file.Path;

/**
 * How a model's chat template lays out messages, recognised from the template's text (there is no Jinja engine
 * here: untangle renders the two template families that instruction-tuned Llama and Qwen checkpoints use, token by
 * token):
 * <ul>
 *   <li>{@link #CHATML} (Qwen2 / Qwen2.5 / Qwen3, SmolLM2-Instruct):
 *       {@code <|im_start|>role\ncontent<|im_end|>\n}, the assistant turn opened by {@code <|im_start|>assistant\n}
 *       and closed by {@code <|im_end|>};</li>
 *   <li>{@link #LLAMA3} (Llama 3.x Instruct): {@code <|begin_of_text|>} once, then
 *       {@code <|start_header_id|>role<|end_header_id|>\n\ncontent<|eot_id|>}, the assistant turn closed by
 *       {@code <|eot_id|>}.</li>
 * </ul>
 * Each piece of text between special tokens is encoded on its own, which is what the tokenizer does to the rendered
 * template string too (special tokens split the text before pre-tokenization); the action a policy generates is
 * therefore exactly the token sequence that stands in the next prompt's history.
 */
public enum ChatFormat {

    /** ChatML: {@code <|im_start|>}/{@code <|im_end|>}. */
    CHATML("<|im_start|>", "<|im_end|>", null),
    /** Llama 3: {@code <|start_header_id|>}/{@code <|end_header_id|>}/{@code <|eot_id|>}. */
    LLAMA3("<|start_header_id|>", "<|eot_id|>", "<|begin_of_text|>");

    private final String open;
    private final String endOfTurn;
    private final String begin;

    ChatFormat(String open, String endOfTurn, String begin) {
        this.open = open;
        this.endOfTurn = endOfTurn;
        this.begin = begin;
    }

    /**
     * The format of a chat template.
     *
     * @param template   the template (Jinja text)
     * @param configFile the file it came from, for the error message
     * @throws HfFormatException naming the file and {@code chat_template} when the template is of neither family
     */
    public static ChatFormat detect(String template, Path configFile) {
        if (template.contains("<|im_start|>") && template.contains("<|im_end|>")) {
            return CHATML;
        }
        if (template.contains("<|start_header_id|>") && template.contains("<|eot_id|>")) {
            return LLAMA3;
        }
        throw new HfFormatException(configFile, "chat_template", "a template of an unsupported family: untangle "
                + "renders ChatML (<|im_start|> ... <|im_end|>, Qwen2/Qwen3/SmolLM2) and Llama 3 (<|start_header_id|>"
                + " ... <|eot_id|>) templates");
    }

    /** The special token that closes every turn (the end of a generated action). */
    public String endOfTurn() {
        return endOfTurn;
    }

    /** The special tokens a tokenizer must keep whole for this format. */
    String[] specialTokens() {
        return this == CHATML ? new String[] {open, endOfTurn}
                : new String[] {begin, open, "<|end_header_id|>", endOfTurn};
    }

    /** Token ids of the sequence start ({@code <|begin_of_text|>} for Llama 3; nothing for ChatML). */
    int[] begin(HfTokenizer tok) {
        return begin == null ? new int[0] : new int[] {tok.tokenId(begin)};
    }

    /** Token ids that open a message of {@code role}, up to where its content starts. */
    int[] open(HfTokenizer tok, String role) {
        if (this == CHATML) {
            return cat(new int[] {tok.tokenId(open)}, tok.encode(role + "\n"));
        }
        return cat(cat(new int[] {tok.tokenId(open)}, tok.encode(role)),
                cat(new int[] {tok.tokenId("<|end_header_id|>")}, tok.encode("\n\n")));
    }

    /** Token ids after the end-of-turn token, before the next message ({@code \n} for ChatML). */
    int[] afterTurn(HfTokenizer tok) {
        return this == CHATML ? tok.encode("\n") : new int[0];
    }

    static int[] cat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
