// A small ONNX graph builder: named float and int64 initializers, nodes with typed attributes,
// fresh value names. Only what the exporters here need.
import { ATTRIBUTE_FLOAT, ATTRIBUTE_INT, ATTRIBUTE_INTS, ATTRIBUTE_STRING, ONNX_FLOAT, ONNX_INT64, type OnnxAttribute, type OnnxNode, type OnnxTensor, type OnnxValueInfo } from './proto';

export type AttributeValue = number | string | number[];
/** Integer-valued attributes are written as ints; pass floats with `{ float: x }`. */
export type Attributes = Record<string, AttributeValue | { float: number }>;

function attribute(name: string, value: AttributeValue | { float: number }): OnnxAttribute {
  if (typeof value === 'object' && !Array.isArray(value)) return { name, type: ATTRIBUTE_FLOAT, f: value.float };
  if (typeof value === 'string') return { name, type: ATTRIBUTE_STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: ATTRIBUTE_INTS, ints: value };
  return { name, type: ATTRIBUTE_INT, i: value };
}

/** A float tensor input/output with symbolic (string) or fixed dimensions. */
export function floatValueInfo(name: string, dims: (number | string)[]): OnnxValueInfo {
  return { name, type: { tensorType: { elemType: ONNX_FLOAT, shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) } } } };
}

export class GraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private counter = 0;

  /** Adds a float32 initializer (little-endian raw data, as ONNX stores it) and returns its name. */
  floats(name: string, dims: number[], values: Float32Array): string {
    const size = dims.reduce((a, b) => a * b, 1);
    if (values.length !== size) throw new RangeError(`initializer ${name}: ${values.length} values for dims [${dims}]`);
    const copy = Float32Array.from(values);
    this.initializers.push({ name, dims, dataType: ONNX_FLOAT, rawData: new Uint8Array(copy.buffer) });
    return name;
  }

  /** Adds an int64 initializer (shapes, axes) and returns its name. */
  ints(name: string, values: number[]): string {
    this.initializers.push({ name, dims: [values.length], dataType: ONNX_INT64, int64Data: values });
    return name;
  }

  /** Adds a node; returns its output names (fresh ones unless given). */
  node(opType: string, inputs: string[], attributes: Attributes = {}, outputs = 1 as number | string[]): string[] {
    const names = Array.isArray(outputs) ? outputs : Array.from({ length: outputs }, () => `${opType.toLowerCase()}_${this.counter++}`);
    this.nodes.push({ opType, name: `${opType}_${this.nodes.length}`, input: inputs, output: names, attribute: Object.entries(attributes).map(([k, v]) => attribute(k, v)) });
    return names;
  }

  /** A one-output node. */
  op(opType: string, inputs: string[], attributes: Attributes = {}): string {
    return this.node(opType, inputs, attributes)[0]!;
  }
}
