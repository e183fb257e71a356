package minsheng.kb;

/**
 * A sentence or two of an article's text, the unit an answer quotes. It keeps its article (and through it the
 * source), the paragraph of the article's text it is from, and the year the figure it states is from, when it
 * says one.
 */
public record Passage(String articleId, int index, int paragraph, String text, int year) {

  /** The key under which the index and the vectors know this passage. */
  public String key() {
    return articleId + "#" + index;
  }
}
