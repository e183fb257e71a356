package minsheng.kb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbedderTest {
  /** Texts a tokenizer could read differently from its own rebuilt text: every script and oddity residents send. */
  static final List<String> ODD = List.of("你好", "?", "民生保险 covers what?", "Café crème ÉTÉ naïve",
      "ＡＢＣ１２３全角字符", "我家房子塌了😭😭怎么办", "身份证420106199001011234手机13800138000",
      "unbelievably extraordinarily internationalization", "[UNK] [CLS] [SEP] ## ##ing", "한국어 日本語のテキスト ไทย",
      "a\tb\nc\u3000d\u200be", "   前后有空格   ", "x".repeat(Embedder.MAX_CHARS),
      "武昌区民生保险".repeat(Embedder.MAX_CHARS / 7), "\uD842\uDFB7野家 𠮷 彅 龘", "१२३ ٤٥٦ Ⅻ ½ ㊙");

  /** Both encoders: the fp32 model as shipped and its int8 edit ({@code kb.int8Encoder}). */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void oneTextTakesTheShortWayToTheSameVectorBitForBit(boolean int8) throws IOException {
    List<String> texts = new ArrayList<>(ODD);
    List<String> questions = new ArrayList<>();
    for (String file : List.of("kb-index/eval/answers-dev.tsv", "kb-index/eval/heldout-questions.tsv")) {
      Files.readAllLines(Path.of(file), StandardCharsets.UTF_8).stream().skip(1)
          .map(l -> l.split("\t")[0]).forEach(questions::add);
    }
    // every 8th question: a spread of lengths and wordings without embedding the whole file twice
    for (int i = 0; i < questions.size(); i += 8) {
      texts.add(questions.get(i));
    }
    for (String text : texts) {
      String t = Embedder.clip(text);
      float[] shortWay = Embedder.oneTextVector(t, int8);
      assertEquals(Embedder.DIMENSIONS, shortWay.length);
      assertArrayEquals(Embedder.langchainVector(t, int8), shortWay, () -> "differs on " + t);
    }
  }

  @Test
  void aQuestionIsEmbeddedOnceAndThenServedFromTheCache() throws IOException {
    Embedder embedder = Embedder.withFile(Files.createTempDirectory("embedder-test"));
    String question = "低保怎么申请 " + System.nanoTime();
    float[] first = embedder.embed(question);
    assertEquals(1, embedder.computed());
    assertTrue(Math.abs(Embedder.cosine(first, first) - 1) < 1e-5, "unit length");
    assertArrayEquals(first, embedder.embed("  " + question + " "), "the same text after clipping: from the cache");
    assertArrayEquals(first, embedder.embedOffLoop(question).result());
    assertEquals(1, embedder.computed());
  }
}
