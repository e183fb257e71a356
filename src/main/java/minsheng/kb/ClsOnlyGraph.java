package minsheng.kb;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import minsheng.kb.OnnxProto.Field;
import minsheng.kb.OnnxProto.Node;
import minsheng.kb.OnnxProto.Pieces;
import minsheng.kb.OnnxProto.Wire;

/**
 * The BERT encoder's ONNX graph cut so that its last layer, after attention, works on the first ({@code [CLS]})
 * token only: the only row the service reads. Attention itself still reads every token (the [CLS] row's context
 * needs them all), but the attention output projection, the feed-forward block (four fifths of a layer's
 * arithmetic) and the two layer norms of the last layer then run on one row instead of one per token — about a
 * fifth of the model's work per token. The output becomes {@code [batch, 1, hidden]}: the [CLS] row, computed by
 * the same operations on the same inputs as before.
 *
 * <p>The edit is done on the protobuf wire format (ONNX's {@code ModelProto}), with no ONNX library: two
 * {@code Slice} nodes keep row 0 of the attention's context and of the residual input, and the two nodes that read
 * those tensors read the slices instead. A graph not shaped as expected (another model) is left as it is.
 */
final class ClsOnlyGraph {
  private static final Pattern LAYER = Pattern.compile("/encoder/layer\\.(\\d+)/");
  private static final String PREFIX = "minsheng_cls_only/";

  private ClsOnlyGraph() {
  }

  /** The model with its last layer cut to the [CLS] row, or empty when its graph is not a BERT encoder as exported. */
  static Optional<byte[]> cut(byte[] model) {
    List<Field> top = Field.read(model, 0, model.length);
    Field graph = OnnxProto.graph(top).orElse(null);
    if (graph == null) {
      return Optional.empty();
    }
    List<Field> graphFields = Field.read(model, graph.start(), graph.end());
    int last = -1;
    for (Field f : graphFields) {
      if (f.number() == 1) {
        Matcher m = LAYER.matcher(Node.of(model, f).name());
        if (m.find()) {
          last = Math.max(last, Integer.parseInt(m.group(1)));
        }
      }
    }
    String layer = "/encoder/layer." + last + "/attention/output/";
    Field dense = null;
    Field residual = null;
    for (Field f : graphFields) {
      if (f.number() == 1) {
        Node n = Node.of(model, f);
        if (n.name().equals(layer + "dense/MatMul") && n.op().equals("MatMul") && n.inputs().size() == 2) {
          dense = f;
        } else if (n.name().equals(layer + "Add") && n.op().equals("Add") && n.inputs().size() == 2) {
          residual = f;
        }
      }
    }
    if (last < 0 || dense == null || residual == null) {
      return Optional.empty();
    }
    // The attention's context (one row per token) and the layer's input, which the residual sum adds back.
    String context = Node.of(model, dense).inputs().get(0);
    List<String> sum = Node.of(model, residual).inputs();
    if (!sum.get(0).startsWith(layer + "dense/")) {
      return Optional.empty();
    }
    String skip = sum.get(1);
    // The new model is laid out as pieces (spans of the old one, and the few new fields) and copied once: the
    // model is ~95 MB, and the service loads it beside everything else.
    Pieces g = new Pieces(model);
    for (Field f : graphFields) {
      if (f == dense) {
        // Both inputs exist by then: the layer's input comes before its attention, the context just before.
        g.field(1, slice(context, PREFIX + "context"));
        g.field(1, slice(skip, PREFIX + "skip"));
        g.field(1, Node.rewired(model, f, context, PREFIX + "context"));
      } else if (f == residual) {
        g.field(1, Node.rewired(model, f, skip, PREFIX + "skip"));
      } else {
        g.span(f.tagStart(), f.end());
      }
    }
    g.field(5, int64(PREFIX + "zero", 0));
    g.field(5, int64(PREFIX + "one", 1));

    return Optional.of(OnnxProto.withGraph(model, top, graph, g, List.of()));
  }

  /** {@code Slice(input, starts=[0], ends=[1], axes=[1])}: row 0 of the sequence axis, the rank kept. */
  private static byte[] slice(String input, String output) {
    ByteArrayOutputStream n = new ByteArrayOutputStream();
    for (String in : List.of(input, PREFIX + "zero", PREFIX + "one", PREFIX + "one")) {
      Wire.string(n, 1, in);
    }
    Wire.string(n, 2, output);
    Wire.string(n, 3, output);
    Wire.string(n, 4, "Slice");
    return n.toByteArray();
  }

  /** A one-element int64 tensor (ONNX {@code TensorProto}: dims, data_type INT64, name, raw_data). */
  private static byte[] int64(String name, long value) {
    ByteArrayOutputStream t = new ByteArrayOutputStream();
    Wire.varintField(t, 1, 1);
    Wire.varintField(t, 2, 7);
    Wire.string(t, 8, name);
    byte[] raw = new byte[8];
    for (int i = 0; i < 8; i++) {
      raw[i] = (byte) (value >>> (8 * i));
    }
    Wire.bytes(t, 9, raw);
    return t.toByteArray();
  }
}
