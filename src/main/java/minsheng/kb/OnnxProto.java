package minsheng.kb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The few pieces of protobuf's wire format that the in-memory edits of the encoder's ONNX graph need
 * ({@link ClsOnlyGraph}, {@link Int8Graph}): reading a message's fields where they lie, and putting a new message
 * together from spans of the old one and a few new fields, copied once. No ONNX or protobuf library.
 */
final class OnnxProto {
  private OnnxProto() {
  }

  /**
   * The model ({@code ModelProto}, whose fields are {@code top}) with its graph field replaced by {@code graph} and
   * {@code extra} top-level fields (each a whole field, tag included) appended; everything else as it was.
   */
  static byte[] withGraph(byte[] model, List<Field> top, Field old, Pieces graph, List<byte[]> extra) {
    Pieces out = new Pieces(model);
    for (Field f : top) {
      if (f == old) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        Wire.varint(head, (7L << 3) | 2);
        Wire.varint(head, graph.size);
        out.bytes(head.toByteArray());
        out.all(graph);
      } else {
        out.span(f.tagStart, f.end);
      }
    }
    extra.forEach(out::bytes);
    return out.toArray();
  }

  /** The model's graph field ({@code ModelProto.graph}, number 7), if it has one. */
  static java.util.Optional<Field> graph(List<Field> top) {
    return top.stream().filter(f -> f.number == 7 && f.wire == 2).findFirst();
  }

  /** A message being put together from spans of the old model and new bytes, copied out once. */
  static final class Pieces {
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

  /** One field of a protobuf message: its number, wire type, and where its tag and its payload lie. */
  record Field(int number, int wire, int tagStart, int start, int end) {
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
  record Node(String name, String op, List<String> inputs, List<String> outputs) {
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
  static final class Wire {
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
