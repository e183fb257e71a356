package minsheng.kb;

import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

/**
 * How an article is laid out in the index: one document over title, keywords and body, one per example
 * question and one per passage, the last two with their vectors. Every document carries its article's id and
 * topic, its kind and its ordinal among its kind as doc values, which the searches read instead of stored fields.
 */
final class IndexDocuments {
  static final int ARTICLE = 0;
  static final int QUESTION = 1;
  static final int PASSAGE = 2;

  private IndexDocuments() {
  }

  static List<Document> of(Article a, List<Passage> passages, float[][] questionVectors, float[][] passageVectors) {
    List<Document> docs = new ArrayList<>();
    Document doc = base(a, ARTICLE, 0);
    doc.add(new TextField("title", a.title(), Field.Store.NO));
    doc.add(new TextField("keywords", String.join(" ", a.keywords()), Field.Store.NO));
    doc.add(new TextField("body", a.body(), Field.Store.NO));
    docs.add(doc);
    for (int i = 0; i < a.questions().size(); i++) {
      Document question = base(a, QUESTION, i);
      question.add(new TextField("question", a.questions().get(i), Field.Store.NO));
      question.add(new KnnFloatVectorField("vector", questionVectors[i], VectorSimilarityFunction.DOT_PRODUCT));
      docs.add(question);
    }
    for (Passage p : passages) {
      Document passage = base(a, PASSAGE, p.index());
      passage.add(new TextField("passage", p.text(), Field.Store.NO));
      passage.add(new KnnFloatVectorField("vector", passageVectors[p.index()], VectorSimilarityFunction.DOT_PRODUCT));
      docs.add(passage);
    }
    return docs;
  }

  private static Document base(Article a, int kind, int ordinal) {
    Document doc = new Document();
    doc.add(new StringField("id", a.id(), Field.Store.NO));
    doc.add(new SortedDocValuesField("id", new BytesRef(a.id())));
    doc.add(new NumericDocValuesField("kind", kind));
    doc.add(new NumericDocValuesField("ordinal", ordinal));
    doc.add(new StringField("topic", a.topic(), Field.Store.NO));
    return doc;
  }
}
