package minsheng.nlu;

/** One intent with the model's probability for it. */
public record Intent(String name, double confidence) {
}
