// The ONNX schema subset hftbot reads and writes (field numbers from onnx/onnx.proto, IR version 8):
// ModelProto, OperatorSetIdProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto
// (with TypeProto.Tensor and TensorShapeProto). Unknown fields are skipped, as protobuf requires.
// Tensors: FLOAT, DOUBLE, INT32, INT64 data, from raw_data (little-endian) or the typed repeated fields;
// external data is refused (the fast path wants self-contained small models).

import { PbReader, PbWriter, ProtobufError, WIRE_LEN } from './protobuf.js';

export const DT_FLOAT = 1;
export const DT_INT32 = 6;
export const DT_INT64 = 7;
export const DT_DOUBLE = 11;

export const AT_FLOAT = 1;
export const AT_INT = 2;
export const AT_STRING = 3;
export const AT_TENSOR = 4;
export const AT_FLOATS = 6;
export const AT_INTS = 7;

export interface OnnxTensor {
  name: string;
  dims: number[];
  dataType: number;
  /** Values widened to float64 (ints and floats alike). */
  data: Float64Array;
}

export interface OnnxAttribute {
  name: string;
  type: number;
  f: number;
  i: number;
  s: string;
  t: OnnxTensor | null;
  floats: number[];
  ints: number[];
}

export interface OnnxNode {
  name: string;
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: OnnxAttribute[];
}

export interface OnnxValueInfo {
  name: string;
  elemType: number;
  /** Dimension sizes; -1 for a symbolic or unknown dimension. Empty when no shape is given. */
  shape: number[];
}

export interface OnnxGraph {
  name: string;
  nodes: OnnxNode[];
  initializers: OnnxTensor[];
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
}

export interface OnnxModel {
  irVersion: number;
  producerName: string;
  producerVersion: string;
  opsets: { domain: string; version: number }[];
  graph: OnnxGraph;
  /** metadata_props (key -> value), e.g. the feature names a model was trained on. */
  metadata: Record<string, string>;
}

const f32 = (r: PbReader): number => r.float32();
const f64 = (r: PbReader): number => r.float64();
const i64 = (r: PbReader): number => r.int64();

export function decodeTensor(r: PbReader): OnnxTensor {
  const t: OnnxTensor = { name: '', dims: [], dataType: 0, data: new Float64Array(0) };
  let raw: Uint8Array | null = null;
  const vals: number[] = [];
  while (r.next()) {
    switch (r.field) {
      case 1: r.repeated(t.dims, i64); break;
      case 2: t.dataType = r.varint(); break;
      case 4: r.repeated(vals, f32); break;
      case 5: case 7: r.repeated(vals, i64); break;
      case 8: t.name = r.string(); break;
      case 9: raw = r.bytes(); break;
      case 10: r.repeated(vals, f64); break;
      case 13: throw new ProtobufError(`tensor ${t.name || '?'}: external data is not supported`);
      default: r.skip();
    }
  }
  const count = t.dims.reduce((a, b) => a * b, 1);
  if (raw !== null) {
    const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const width = t.dataType === DT_FLOAT || t.dataType === DT_INT32 ? 4 : t.dataType === DT_DOUBLE || t.dataType === DT_INT64 ? 8 : 0;
    if (width === 0) throw new ProtobufError(`tensor ${t.name}: data type ${t.dataType} is not supported`);
    if (raw.length !== count * width) throw new ProtobufError(`tensor ${t.name}: raw_data has ${raw.length} bytes, dims need ${count * width}`);
    t.data = new Float64Array(count);
    for (let k = 0; k < count; k++) {
      const o = k * width;
      t.data[k] =
        t.dataType === DT_FLOAT ? dv.getFloat32(o, true)
        : t.dataType === DT_DOUBLE ? dv.getFloat64(o, true)
        : t.dataType === DT_INT32 ? dv.getInt32(o, true)
        : Number(dv.getBigInt64(o, true));
    }
  } else {
    if (vals.length !== count) throw new ProtobufError(`tensor ${t.name}: ${vals.length} values, dims need ${count}`);
    t.data = Float64Array.from(vals);
  }
  return t;
}

function decodeAttribute(r: PbReader): OnnxAttribute {
  const a: OnnxAttribute = { name: '', type: 0, f: 0, i: 0, s: '', t: null, floats: [], ints: [] };
  while (r.next()) {
    switch (r.field) {
      case 1: a.name = r.string(); break;
      case 2: a.f = r.float32(); break;
      case 3: a.i = r.int64(); break;
      case 4: a.s = r.string(); break;
      case 5: a.t = decodeTensor(r.message()); break;
      case 7: r.repeated(a.floats, f32); break;
      case 8: r.repeated(a.ints, i64); break;
      case 20: a.type = r.varint(); break;
      default: r.skip();
    }
  }
  return a;
}

function decodeNode(r: PbReader): OnnxNode {
  const n: OnnxNode = { name: '', opType: '', domain: '', inputs: [], outputs: [], attributes: [] };
  while (r.next()) {
    switch (r.field) {
      case 1: n.inputs.push(r.string()); break;
      case 2: n.outputs.push(r.string()); break;
      case 3: n.name = r.string(); break;
      case 4: n.opType = r.string(); break;
      case 5: n.attributes.push(decodeAttribute(r.message())); break;
      case 7: n.domain = r.string(); break;
      default: r.skip();
    }
  }
  return n;
}

function decodeShape(r: PbReader, shape: number[]): void {
  while (r.next()) {
    if (r.field !== 1 || r.wire !== WIRE_LEN) { r.skip(); continue; }
    const d = r.message();
    let v = -1;
    while (d.next()) {
      if (d.field === 1) v = d.int64();
      else d.skip();
    }
    shape.push(v);
  }
}

function decodeValueInfo(r: PbReader): OnnxValueInfo {
  const v: OnnxValueInfo = { name: '', elemType: 0, shape: [] };
  while (r.next()) {
    if (r.field === 1) v.name = r.string();
    else if (r.field === 2) {
      const tp = r.message();
      while (tp.next()) {
        if (tp.field !== 1) { tp.skip(); continue; } // only tensor_type
        const tt = tp.message();
        while (tt.next()) {
          if (tt.field === 1) v.elemType = tt.varint();
          else if (tt.field === 2) decodeShape(tt.message(), v.shape);
          else tt.skip();
        }
      }
    } else r.skip();
  }
  return v;
}

function decodeGraph(r: PbReader): OnnxGraph {
  const g: OnnxGraph = { name: '', nodes: [], initializers: [], inputs: [], outputs: [] };
  while (r.next()) {
    switch (r.field) {
      case 1: g.nodes.push(decodeNode(r.message())); break;
      case 2: g.name = r.string(); break;
      case 5: g.initializers.push(decodeTensor(r.message())); break;
      case 11: g.inputs.push(decodeValueInfo(r.message())); break;
      case 12: g.outputs.push(decodeValueInfo(r.message())); break;
      default: r.skip();
    }
  }
  return g;
}

/** Decodes a serialized ModelProto. Throws ProtobufError on malformed bytes. */
export function decodeOnnxModel(bytes: Uint8Array): OnnxModel {
  const r = new PbReader(bytes);
  const m: OnnxModel = { irVersion: 0, producerName: '', producerVersion: '', opsets: [], graph: { name: '', nodes: [], initializers: [], inputs: [], outputs: [] }, metadata: {} };
  let sawGraph = false;
  while (r.next()) {
    switch (r.field) {
      case 1: m.irVersion = r.varint(); break;
      case 2: m.producerName = r.string(); break;
      case 3: m.producerVersion = r.string(); break;
      case 7: m.graph = decodeGraph(r.message()); sawGraph = true; break;
      case 8: {
        const o = r.message();
        const op = { domain: '', version: 0 };
        while (o.next()) {
          if (o.field === 1) op.domain = o.string();
          else if (o.field === 2) op.version = o.int64();
          else o.skip();
        }
        m.opsets.push(op);
        break;
      }
      case 14: {
        const e = r.message();
        let k = '';
        let v = '';
        while (e.next()) {
          if (e.field === 1) k = e.string();
          else if (e.field === 2) v = e.string();
          else e.skip();
        }
        m.metadata[k] = v;
        break;
      }
      default: r.skip();
    }
  }
  if (!sawGraph) throw new ProtobufError('not an ONNX model: no graph (field 7)');
  return m;
}

// ---- Writer (export) ----

function writeTensor(w: PbWriter, t: OnnxTensor): void {
  w.packedVarints(1, t.dims);
  w.varint(2, t.dataType);
  w.string(8, t.name);
  const width = t.dataType === DT_DOUBLE ? 8 : t.dataType === DT_FLOAT ? 4 : 0;
  if (width === 0) throw new Error(`export: tensor ${t.name}: only FLOAT and DOUBLE tensors are written`);
  const raw = new Uint8Array(t.data.length * width);
  const dv = new DataView(raw.buffer);
  for (let k = 0; k < t.data.length; k++) {
    if (width === 8) dv.setFloat64(k * 8, t.data[k], true);
    else dv.setFloat32(k * 4, t.data[k], true);
  }
  w.bytes(9, raw);
}

function writeValueInfo(w: PbWriter, v: OnnxValueInfo): void {
  w.string(1, v.name);
  w.message(2, (tp) =>
    tp.message(1, (tt) => {
      tt.varint(1, v.elemType);
      tt.message(2, (sh) => {
        for (const d of v.shape) sh.message(1, (dim) => (d >= 0 ? dim.varint(1, d) : dim.string(2, 'batch')));
      });
    }),
  );
}

function writeAttribute(w: PbWriter, a: OnnxAttribute): void {
  w.string(1, a.name);
  if (a.type === AT_FLOAT) w.float32(2, a.f);
  else if (a.type === AT_INT) w.varint(3, a.i);
  else if (a.type === AT_STRING) w.string(4, a.s);
  else if (a.type === AT_INTS) w.packedVarints(8, a.ints);
  else if (a.type === AT_TENSOR && a.t !== null) { const t = a.t; w.message(5, (tw) => writeTensor(tw, t)); }
  else throw new Error(`export: attribute ${a.name}: type ${a.type} is not written`);
  w.varint(20, a.type);
}

/** Serializes a model (the subset above). */
export function encodeOnnxModel(m: OnnxModel): Uint8Array {
  const w = new PbWriter();
  w.varint(1, m.irVersion);
  w.string(2, m.producerName);
  w.string(3, m.producerVersion);
  w.message(7, (g) => {
    for (const n of m.graph.nodes) {
      g.message(1, (nw) => {
        for (const i of n.inputs) nw.string(1, i);
        for (const o of n.outputs) nw.string(2, o);
        nw.string(3, n.name);
        nw.string(4, n.opType);
        for (const a of n.attributes) nw.message(5, (aw) => writeAttribute(aw, a));
        if (n.domain !== '') nw.string(7, n.domain);
      });
    }
    g.string(2, m.graph.name);
    for (const t of m.graph.initializers) g.message(5, (tw) => writeTensor(tw, t));
    for (const v of m.graph.inputs) g.message(11, (vw) => writeValueInfo(vw, v));
    for (const v of m.graph.outputs) g.message(12, (vw) => writeValueInfo(vw, v));
  });
  for (const o of m.opsets) w.message(8, (ow) => { ow.string(1, o.domain); ow.varint(2, o.version); });
  for (const [k, v] of Object.entries(m.metadata ?? {})) w.message(14, (ew) => { ew.string(1, k); ew.string(2, v); });
  return w.finish();
}

/** An attribute record with only the fields of one type set (export helpers). */
export function attr(name: string, value: number, type: typeof AT_FLOAT | typeof AT_INT): OnnxAttribute {
  return { name, type, f: type === AT_FLOAT ? value : 0, i: type === AT_INT ? value : 0, s: '', t: null, floats: [], ints: [] };
}
