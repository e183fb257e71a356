package minsheng.kb;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import minsheng.kb.OnnxProto.Field;
import minsheng.kb.OnnxProto.Node;
import minsheng.kb.OnnxProto.Pieces;
import minsheng.kb.OnnxProto.Wire;

/**
 * The encoder's ONNX graph with its weight matrices in int8, quantized in memory when the model loads (dynamic
 * quantization: the weights once, here; each activation by ONNX Runtime at run time). Every {@code MatMul} whose
 * second input is a constant fp32 matrix {@code B[K, N]} becomes ONNX Runtime's {@code com.microsoft}
 * {@code DynamicQuantizeMatMul}: {@code B} rounded to int8 per column, symmetric (scale = the column's largest
 * magnitude / 127, zero point 0), and the {@code Add} of a bias that follows it, when it is the product's only
 * reader, folded into the node's bias input. Attention's products of two activations stay in fp32, and so does
 * everything else (embeddings, layer norms, softmax). On a CPU with AVX-512 VNNI ONNX Runtime runs these products
 * as 8-bit integer dot products. The vectors change a little (cosine to the fp32 vectors ~0.99: README, "Quality
 * and speed"), so vectors computed by one graph must never be compared with the other's ({@link Embedder#model}).
 */
final class Int8Graph {
  static final String PREFIX = "minsheng_int8/";
  private static final int FLOAT = 1;
  private static final int INT8 = 3;

  private Int8Graph() {
  }

  /** A constant tensor of the graph ({@code TensorProto}) as far as this edit reads it. */
  private record Tensor(Field field, String name, long[] dims, int type, float[] values) {
    static Tensor of(byte[] b, Field f) {
      String name = "";
      List<Long> dims = new ArrayList<>();
      int type = 0;
      Field raw = null;
      Field floats = null;
      List<Float> looseFloats = new ArrayList<>();
      for (Field x : Field.read(b, f.start(), f.end())) {
        switch (x.number()) {
          case 1 -> {
            if (x.wire() == 2) {
              for (int p = x.start(); p < x.end(); ) {
                long[] v = Wire.varint(b, p);
                dims.add(v[0]);
                p = (int) v[1];
              }
            } else {
              dims.add(Wire.varint(b, x.start())[0]);
            }
          }
          case 2 -> type = (int) Wire.varint(b, x.start())[0];
          case 4 -> {
            if (x.wire() == 2) {
              floats = x;
            } else {
              looseFloats.add(ByteBuffer.wrap(b, x.start(), 4).order(ByteOrder.LITTLE_ENDIAN).getFloat());
            }
          }
          case 8 -> name = x.string(b);
          case 9 -> raw = x;
          default -> {
          }
        }
      }
      float[] values = null;
      if (type == FLOAT) {
        Field data = raw != null ? raw : floats;
        if (data != null) {
          values = new float[(data.end() - data.start()) / 4];
          ByteBuffer.wrap(b, data.start(), data.end() - data.start()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
              .get(values);
        } else {
          values = new float[looseFloats.size()];
          for (int i = 0; i < values.length; i++) {
            values[i] = looseFloats.get(i);
          }
        }
      }
      return new Tensor(f, name, dims.stream().mapToLong(Long::longValue).toArray(), type, values);
    }

    boolean isFloatMatrix() {
      return type == FLOAT && dims.length == 2 && values != null && values.length == dims[0] * dims[1];
    }

    boolean isFloatVector(long n) {
      return type == FLOAT && dims.length == 1 && dims[0] == n && values != null && values.length == n;
    }
  }

  /** The edited model, how many matrix products it runs in int8 and how many of them took their bias in. */
  record Result(byte[] model, int matrices, int biases) {
  }

  /** The model with its constant matrices' products in int8, or empty when it has none (not the expected graph). */
  static Optional<Result> quantize(byte[] model) {
    List<Field> top = Field.read(model, 0, model.length);
    Field graph = OnnxProto.graph(top).orElse(null);
    if (graph == null) {
      return Optional.empty();
    }
    List<Field> fields = Field.read(model, graph.start(), graph.end());
    Map<String, Tensor> constants = new HashMap<>();
    Map<Field, Node> nodes = new HashMap<>();
    Map<String, Integer> readers = new HashMap<>();
    Map<String, Field> byOutput = new HashMap<>();
    Map<String, List<Field>> readersOf = new HashMap<>();
    for (Field f : fields) {
      if (f.number() == 5 && f.wire() == 2) {
        Tensor t = Tensor.of(model, f);
        constants.put(t.name, t);
      } else if (f.number() == 1 && f.wire() == 2) {
        Node n = Node.of(model, f);
        nodes.put(f, n);
        n.outputs().forEach(o -> byOutput.put(o, f));
        for (String in : n.inputs()) {
          readers.merge(in, 1, Integer::sum);
          readersOf.computeIfAbsent(in, k -> new ArrayList<>()).add(f);
        }
      }
    }
    // Graph outputs count as readers too: a product that is the graph's output keeps its own name.
    for (Field f : fields) {
      if (f.number() == 12 && f.wire() == 2) {
        for (Field x : Field.read(model, f.start(), f.end())) {
          if (x.number() == 1) {
            readers.merge(x.string(model), 1, Integer::sum);
          }
        }
      }
    }
    Map<Field, byte[]> replaced = new HashMap<>();
    Set<Field> dropped = new HashSet<>();
    Map<Field, List<byte[]>> newConstants = new HashMap<>();
    int biases = 0;
    for (Field f : fields) {
      Node n = nodes.get(f);
      if (n == null || !n.op().equals("MatMul") || n.inputs().size() != 2) {
        continue;
      }
      Tensor b = constants.get(n.inputs().get(1));
      if (b == null || !b.isFloatMatrix() || readers.getOrDefault(b.name, 0) != 1) {
        continue;
      }
      String product = n.outputs().get(0);
      String output = product;
      String bias = null;
      List<Field> next = readersOf.getOrDefault(product, List.of());
      if (readers.getOrDefault(product, 0) == 1 && next.size() == 1) {
        Node add = nodes.get(next.get(0));
        if (add.op().equals("Add") && add.inputs().size() == 2) {
          String other = add.inputs().get(0).equals(product) ? add.inputs().get(1) : add.inputs().get(0);
          Tensor c = constants.get(other);
          if (c != null && c.isFloatVector(b.dims[1])) {
            bias = other;
            output = add.outputs().get(0);
            dropped.add(next.get(0));
            biases++;
          }
        }
      }
      String q = PREFIX + b.name;
      List<String> inputs = new ArrayList<>(List.of(n.inputs().get(0), q + "/int8", q + "/scale", q + "/zero"));
      if (bias != null) {
        inputs.add(bias);
      }
      replaced.put(f, node(n.name() + "/int8", inputs, output));
      newConstants.put(b.field, perColumn(b, q));
    }
    if (replaced.isEmpty()) {
      return Optional.empty();
    }
    Pieces g = new Pieces(model);
    for (Field f : fields) {
      if (replaced.containsKey(f)) {
        g.field(1, replaced.get(f));
      } else if (newConstants.containsKey(f)) {
        newConstants.get(f).forEach(t -> g.field(5, t));
      } else if (!dropped.contains(f)) {
        g.span(f.tagStart(), f.end());
      }
    }
    List<byte[]> extra = new ArrayList<>();
    boolean imported = top.stream().filter(f -> f.number() == 8 && f.wire() == 2).anyMatch(f ->
        Field.read(model, f.start(), f.end()).stream().anyMatch(x -> x.number() == 1 && x.string(model).equals("com.microsoft")));
    if (!imported) {
      // ModelProto.opset_import (8): OperatorSetIdProto { domain "com.microsoft", version 1 }.
      ByteArrayOutputStream opset = new ByteArrayOutputStream();
      Wire.string(opset, 1, "com.microsoft");
      Wire.varintField(opset, 2, 1);
      ByteArrayOutputStream field = new ByteArrayOutputStream();
      Wire.bytes(field, 8, opset.toByteArray());
      extra.add(field.toByteArray());
    }
    return Optional.of(new Result(OnnxProto.withGraph(model, top, graph, g, extra), replaced.size(), biases));
  }

  /** {@code B} in int8 per column, symmetric: the int8 matrix, the columns' scales and their zero points (0). */
  private static List<byte[]> perColumn(Tensor b, String name) {
    int rows = (int) b.dims[0];
    int cols = (int) b.dims[1];
    float[] scale = new float[cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        scale[j] = Math.max(scale[j], Math.abs(b.values[i * cols + j]));
      }
    }
    for (int j = 0; j < cols; j++) {
      scale[j] = scale[j] == 0 ? 1 : scale[j] / 127f;
    }
    byte[] q = new byte[rows * cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        q[i * cols + j] = (byte) Math.max(-127, Math.min(127, Math.round(b.values[i * cols + j] / scale[j])));
      }
    }
    ByteBuffer s = ByteBuffer.allocate(4 * cols).order(ByteOrder.LITTLE_ENDIAN);
    for (float x : scale) {
      s.putFloat(x);
    }
    return List.of(tensor(name + "/int8", new long[] {rows, cols}, INT8, q),
        tensor(name + "/scale", new long[] {cols}, FLOAT, s.array()),
        tensor(name + "/zero", new long[] {cols}, INT8, new byte[cols]));
  }

  /** A {@code TensorProto}: dims, data_type, name, raw_data. */
  private static byte[] tensor(String name, long[] dims, int type, byte[] raw) {
    ByteArrayOutputStream t = new ByteArrayOutputStream(raw.length + name.length() + 32);
    for (long d : dims) {
      Wire.varintField(t, 1, d);
    }
    Wire.varintField(t, 2, type);
    Wire.string(t, 8, name);
    Wire.bytes(t, 9, raw);
    return t.toByteArray();
  }

  /** A {@code com.microsoft} {@code DynamicQuantizeMatMul} node ({@code NodeProto}: inputs, output, name, op, domain). */
  private static byte[] node(String name, List<String> inputs, String output) {
    ByteArrayOutputStream n = new ByteArrayOutputStream();
    for (String in : inputs) {
      Wire.string(n, 1, in);
    }
    Wire.string(n, 2, output);
    Wire.string(n, 3, name);
    Wire.string(n, 4, "DynamicQuantizeMatMul");
    Wire.string(n, 7, "com.microsoft");
    return n.toByteArray();
  }
}
