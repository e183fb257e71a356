package minsheng.kb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    Field graph = top.stream().filter(f -> f.number == 7 && f.wire == 2).findFirst().orElse(null);
    if (graph == null) {
      return Optional.empty();
    }
    List<Field> graphFields = Field.read(model, graph.start, graph.end);
    int last = -1;
    for (Field f : graphFields) {
      if (f.number == 1) {
        Matcher m = LAYER.matcher(Node.of(model, f).name);
        if (m.find()) {
          last = Math.max(last, Integer.parseInt(m.group(1)));
        }
      }
    }
    String layer = "/encoder/layer." + last + "/attention/output/";
    Field dense = null;
    Field residual = null;
    for (Field f : graphFields) {
      if (f.number == 1) {
        Node n = Node.of(model, f);
        if (n.name.equals(layer + "dense/MatMul") && n.op.equals("MatMul") && n.inputs.size() == 2) {
          dense = f;
        } else if (n.name.equals(layer + "Add") && n.op.equals("Add") && n.inputs.size() == 2) {
          residual = f;
        }
      }
    }
    if (last < 0 || dense == null || residual == null) {
      return Optional.empty();
    }
    // The attention's context (one row per token) and the layer's input, which the residual sum adds back.
    String context = Node.of(model, dense).inputs.get(0);
    List<String> sum = Node.of(model, residual).inputs;
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
        g.span(f.tagStart, f.end);
      }
    }
    g.field(5, int64(PREFIX + "zero", 0));
    g.field(5, int64(PREFIX + "one", 1));

    Pieces out = new Pieces(model);
    for (Field f : top) {
      if (f == graph) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        Wire.varint(head, (7L << 3) | 2);
        Wire.varint(head, g.size);
        out.bytes(head.toByteArray());
        out.all(g);
      } else {
        out.span(f.tagStart, f.end);
      }
    }
    return Optional.of(out.toArray());
  }

  /** A message being put together from spans of the old model and new bytes, copied out once. */
  private static final class Pieces {
    private final byte[] model;
    private final List<byte[]> sources = new ArrayList<>();
    private final List<int[]> spans = new ArrayList<>();
    private long size;

    Pieces(byte[] model) {
      this.model = model;
    }

    void span(int from, int to) {
      sources.add(model);
      spans.add(new int[] {from, to});
      size += to - from;
    }

    void bytes(byte[] b) {
      sources.add(b);
      spans.add(new int[] {0, b.length});
      size += b.length;
    }

    void field(int number, byte[] payload) {
      ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 8);
      Wire.bytes(f, number, payload);
      bytes(f.toByteArray());
    }

    void all(Pieces other) {
      sources.addAll(other.sources);
      spans.addAll(other.spans);
      size += other.size;
    }

    byte[] toArray() {
      byte[] out = new byte[Math.toIntExact(size)];
      int at = 0;
      for (int i = 0; i < spans.size(); i++) {
        int[] s = spans.get(i);
        System.arraycopy(sources.get(i), s[0], out, at, s[1] - s[0]);
        at += s[1] - s[0];
      }
      return out;
    }
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

  /** One field of a protobuf message: its number, wire type, and where its tag and its payload lie. */
  private record Field(int number, int wire, int tagStart, int start, int end) {
    static List<Field> read(byte[] b, int from, int to) {
      List<Field> out = new ArrayList<>();
      int p = from;
      while (p < to) {
        int tagStart = p;
        long[] tag = Wire.varint(b, p);
        p = (int) tag[1];
        int number = (int) (tag[0] >>> 3);
        int wire = (int) (tag[0] & 7);
        int start = p;
        switch (wire) {
          case 0 -> p = (int) Wire.varint(b, p)[1];
          case 1 -> p += 8;
          case 5 -> p += 4;
          case 2 -> {
            long[] len = Wire.varint(b, p);
            start = (int) len[1];
            p = start + (int) len[0];
          }
          default -> throw new IllegalArgumentException("not a protobuf message (wire type " + wire + ")");
        }
        out.add(new Field(number, wire, tagStart, start, p));
      }
      return out;
    }

    String string(byte[] b) {
      return new String(b, start, end - start, StandardCharsets.UTF_8);
    }
  }

  /** The parts of an ONNX {@code NodeProto} this edit reads. */
  private record Node(String name, String op, List<String> inputs, List<String> outputs) {
    static Node of(byte[] b, Field node) {
      String name = "";
      String op = "";
      List<String> inputs = new ArrayList<>();
      List<String> outputs = new ArrayList<>();
      for (Field f : Field.read(b, node.start, node.end)) {
        switch (f.number) {
          case 1 -> inputs.add(f.string(b));
          case 2 -> outputs.add(f.string(b));
          case 3 -> name = f.string(b);
          case 4 -> op = f.string(b);
          default -> {
          }
        }
      }
      return new Node(name, op, inputs, outputs);
    }

    /** The node's bytes with the input {@code from} read from {@code to} instead; all else as it was. */
    static byte[] rewired(byte[] b, Field node, String from, String to) {
      ByteArrayOutputStream n = new ByteArrayOutputStream(node.end - node.start + to.length());
      for (Field f : Field.read(b, node.start, node.end)) {
        if (f.number == 1 && f.string(b).equals(from)) {
          Wire.string(n, 1, to);
        } else {
          n.write(b, f.tagStart, f.end - f.tagStart);
        }
      }
      return n.toByteArray();
    }
  }

  /** Protobuf's wire format: varints and length-delimited fields. */
  private static final class Wire {
    private Wire() {
    }

    static long[] varint(byte[] b, int p) {
      long r = 0;
      for (int shift = 0; ; shift += 7) {
        int x = b[p++] & 0xff;
        r |= (long) (x & 0x7f) << shift;
        if (x < 0x80) {
          return new long[] {r, p};
        }
      }
    }

    static void varint(ByteArrayOutputStream out, long v) {
      while ((v & ~0x7fL) != 0) {
        out.write((int) (v & 0x7f) | 0x80);
        v >>>= 7;
      }
      out.write((int) v);
    }

    static void varintField(ByteArrayOutputStream out, int number, long v) {
      varint(out, (long) number << 3);
      varint(out, v);
    }

    static void bytes(ByteArrayOutputStream out, int number, byte[] payload) {
      varint(out, ((long) number << 3) | 2);
      varint(out, payload.length);
      out.write(payload, 0, payload.length);
    }

    static void string(ByteArrayOutputStream out, int number, String s) {
      bytes(out, number, s.getBytes(StandardCharsets.UTF_8));
    }
  }
}
