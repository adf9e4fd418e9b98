/**
 * @packageDocumentation
 * Live paper execution: a FIX 4.2 codec (dictionary-driven parsing, validation, serialization, JSON conversion) and
 * session layer (initiator), the first parts of the live gateways.
 */

export type { FixCodecParseOptions } from "./fix/fixCodec.js";
export { FixCodec } from "./fix/fixCodec.js";
export type {
  FixDictionary,
  FixFieldDef,
  FixGroupDef,
  FixMember,
  FixMessageDef,
} from "./fix/fixDictionary.js";
export { FixDictionaryError, loadFixDictionary, parseFixDictionary } from "./fix/fixDictionary.js";
export type { FixErrorDetails, FixErrorReason } from "./fix/fixError.js";
export { FixError } from "./fix/fixError.js";
export type { FixJson } from "./fix/fixJson.js";
export { fixFromJson, fixToJson } from "./fix/fixJson.js";
export { FixMessage, SOH } from "./fix/fixMessage.js";
export type { FixParseOptions } from "./fix/fixParser.js";
export { parseFixBytes, parseFixPipe } from "./fix/fixParser.js";
export { fixBodyLength, serializeFix } from "./fix/fixSerializer.js";
export type { FixEntry } from "./fix/fixStructure.js";
export { fixStructure } from "./fix/fixStructure.js";
export type { FixValidateOptions } from "./fix/fixValidator.js";
export { validateFix } from "./fix/fixValidator.js";
export { FixFramer } from "./fix/session/fixFramer.js";
export type { FixSeqStore } from "./fix/session/fixSeqStore.js";
export { MemoryFixSeqStore } from "./fix/session/fixSeqStore.js";
export type { FixSessionEvent, FixSessionOptions, FixSessionState } from "./fix/session/fixSession.js";
export { FixSession, fixSessionOptions, fixTimestamp } from "./fix/session/fixSession.js";
export type { FixTcpAddress } from "./fix/session/fixTcpConnection.js";
export { FixTcpConnection } from "./fix/session/fixTcpConnection.js";
export { FixGateway } from "./gateway/fixGateway.js";
