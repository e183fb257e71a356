package minsheng.kb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15.BgeSmallZhV15EmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClsOnlyGraphTest {
  @Test
  void theCutGraphGivesTheFullGraphsClsRowBitForBitAndOnlyThatRow() throws IOException, OrtException {
    byte[] model = resource("/bge-small-zh-v1.5.onnx");
    byte[] cut = ClsOnlyGraph.cut(model).orElseThrow(() -> new AssertionError("the jar's model was not cut"));
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    List<String> texts = new ArrayList<>(EmbedderTest.ODD);
    List<String> questions = Files.readAllLines(Path.of("kb-index/eval/answers-dev.tsv"), StandardCharsets.UTF_8)
        .stream().skip(1).map(l -> l.split("\t")[0]).toList();
    for (int i = 0; i < questions.size(); i += 16) {
      texts.add(questions.get(i));
    }
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        OrtSession full = env.createSession(model, options);
        OrtSession slim = env.createSession(cut, options);
        HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(
            new java.io.ByteArrayInputStream(resource("/bge-small-zh-v1.5-tokenizer.json")),
            Map.of("padding", "false"))) {
      for (String text : texts) {
        Encoding e = tokenizer.encode(Embedder.clip(text), true, false);
        float[][] all = run(env, full, e);
        float[][] one = run(env, slim, e);
        assertEquals(e.getIds().length, all.length);
        assertEquals(1, one.length, "the cut graph returns the [CLS] row only");
        assertArrayEquals(all[0], one[0], () -> "differs on " + text);
      }
    }
  }

  @Test
  void aGraphNotShapedAsABertEncoderIsLeftAsItIs() {
    assertTrue(ClsOnlyGraph.cut(new byte[0]).isEmpty());
    // ModelProto { graph (7) { node (1) { input "a", input "b", output "c", name "/encoder/layer.0/x", op "Add" } } }
    byte[] node = concat(field(1, "a"), field(1, "b"), field(2, "c"), field(3, "/encoder/layer.0/x"), field(4, "Add"));
    byte[] model = field(7, field(1, node));
    assertTrue(ClsOnlyGraph.cut(model).isEmpty());
  }

  /** Every row the session returns for one text (the full graph: one per token; the cut: the [CLS] row). */
  static float[][] run(OrtEnvironment env, OrtSession s, Encoding e) throws OrtException {
    long[] shape = {1, e.getIds().length};
    try (OnnxTensor ids = OnnxTensor.createTensor(env, java.nio.LongBuffer.wrap(e.getIds()), shape);
        OnnxTensor mask = OnnxTensor.createTensor(env, java.nio.LongBuffer.wrap(e.getAttentionMask()), shape);
        OnnxTensor types = OnnxTensor.createTensor(env, java.nio.LongBuffer.wrap(e.getTypeIds()), shape);
        OrtSession.Result r = s.run(Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types))) {
      return ((float[][][]) r.get(0).getValue())[0];
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = BgeSmallZhV15EmbeddingModel.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  private static byte[] field(int number, String s) {
    return field(number, s.getBytes(StandardCharsets.UTF_8));
  }

  /** A length-delimited protobuf field (payloads under 128 bytes: one-byte lengths). */
  private static byte[] field(int number, byte[] payload) {
    byte[] out = Arrays.copyOf(new byte[] {(byte) (number << 3 | 2), (byte) payload.length}, 2 + payload.length);
    System.arraycopy(payload, 0, out, 2, payload.length);
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
