package minsheng.kb;

import java.util.List;

/**
 * A knowledge-base article: what residents are told about one question, and where that comes from.
 * {@code source} names the source document and {@code passages} quote it verbatim, so every answer can be
 * traced to an article and every article to its source. The body's first paragraph is the short answer.
 */
public record Article(
    String id,
    String title,
    String topic,
    String source,
    List<String> passages,
    List<String> questions,
    List<String> keywords,
    String body,
    boolean retired) {

  public Article {
    passages = List.copyOf(passages);
    questions = List.copyOf(questions);
    keywords = List.copyOf(keywords);
    body = body.strip();
  }

  /** The key fact: the body's first paragraph. */
  public String summary() {
    int end = body.indexOf("\n\n");
    return (end < 0 ? body : body.substring(0, end)).strip();
  }

  /** Everything after the first paragraph, for a resident who asks for the details. */
  public String details() {
    int end = body.indexOf("\n\n");
    return end < 0 ? "" : body.substring(end).strip();
  }

  public Article retire() {
    return new Article(id, title, topic, source, passages, questions, keywords, body, true);
  }
}
