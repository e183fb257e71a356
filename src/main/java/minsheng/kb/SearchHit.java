package minsheng.kb;

/** An article found for a question, with its BM25 score. */
public record SearchHit(Article article, float score) {
}
