// The part of ONNX's protobuf schema (onnx/onnx.proto, IR version 8) this library writes: a model
// with one graph of nodes, float/int64 initializers and typed inputs and outputs. Field numbers
// are the official ones; the Python `onnx` checker and both onnxruntimes read the result (tests).
import * as protobuf from 'protobufjs';

const SCHEMA = `
syntax = "proto2";
package onnx;
message AttributeProto {
  enum AttributeType { UNDEFINED = 0; FLOAT = 1; INT = 2; STRING = 3; TENSOR = 4; FLOATS = 6; INTS = 7; STRINGS = 8; }
  optional string name = 1;
  optional AttributeType type = 20;
  optional float f = 2;
  optional int64 i = 3;
  optional bytes s = 4;
  repeated float floats = 7;
  repeated int64 ints = 8;
  repeated bytes strings = 9;
}
message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  optional string name = 3;
  optional string op_type = 4;
  optional string domain = 7;
  repeated AttributeProto attribute = 5;
}
message TensorProto {
  repeated int64 dims = 1;
  optional int32 data_type = 2;
  repeated int64 int64_data = 7 [packed = true];
  optional string name = 8;
  optional bytes raw_data = 9;
}
message TensorShapeProto {
  message Dimension { oneof value { int64 dim_value = 1; string dim_param = 2; } }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor { optional int32 elem_type = 1; optional TensorShapeProto shape = 2; }
  oneof value { Tensor tensor_type = 1; }
}
message ValueInfoProto { optional string name = 1; optional TypeProto type = 2; }
message StringStringEntryProto { optional string key = 1; optional string value = 2; }
message GraphProto {
  repeated NodeProto node = 1;
  optional string name = 2;
  repeated TensorProto initializer = 5;
  optional string doc_string = 10;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
}
message OperatorSetIdProto { optional string domain = 1; optional int64 version = 2; }
message ModelProto {
  optional int64 ir_version = 1;
  repeated OperatorSetIdProto opset_import = 8;
  optional string producer_name = 2;
  optional string producer_version = 3;
  optional string doc_string = 6;
  optional GraphProto graph = 7;
  repeated StringStringEntryProto metadata_props = 14;
}
`;

/** TensorProto.DataType values used here. */
export const ONNX_FLOAT = 1;
export const ONNX_INT64 = 7;
/** AttributeProto.AttributeType values used here. */
export const ATTRIBUTE_FLOAT = 1, ATTRIBUTE_INT = 2, ATTRIBUTE_STRING = 3, ATTRIBUTE_FLOATS = 6, ATTRIBUTE_INTS = 7, ATTRIBUTE_STRINGS = 8;

export interface OnnxAttribute {
  name: string; type: number;
  f?: number; i?: number; s?: Uint8Array; floats?: number[]; ints?: number[]; strings?: Uint8Array[];
}
export interface OnnxNode { opType: string; name: string; input: string[]; output: string[]; attribute: OnnxAttribute[] }
export interface OnnxTensor { name: string; dims: number[]; dataType: number; rawData?: Uint8Array; int64Data?: number[] }
export interface OnnxValueInfo { name: string; type: { tensorType: { elemType: number; shape: { dim: ({ dimValue: number } | { dimParam: string })[] } } } }
export interface OnnxModel {
  irVersion: number;
  opsetImport: { domain: string; version: number }[];
  producerName: string;
  producerVersion: string;
  docString?: string;
  graph: { name: string; node: OnnxNode[]; initializer: OnnxTensor[]; input: OnnxValueInfo[]; output: OnnxValueInfo[]; docString?: string };
  metadataProps: { key: string; value: string }[];
}

let modelType: protobuf.Type | undefined;

/** The model's protobuf bytes: what a .onnx file holds. */
export function encodeOnnxModel(model: OnnxModel): Uint8Array {
  modelType ??= protobuf.parse(SCHEMA, { keepCase: false }).root.lookupType('onnx.ModelProto');
  return modelType.encode(modelType.fromObject(model)).finish();
}

/** Decodes .onnx bytes written by encodeOnnxModel (tests and inspection). */
export function decodeOnnxModel(bytes: Uint8Array): OnnxModel {
  modelType ??= protobuf.parse(SCHEMA, { keepCase: false }).root.lookupType('onnx.ModelProto');
  return modelType.toObject(modelType.decode(bytes), { longs: Number, defaults: false, arrays: true }) as OnnxModel;
}
