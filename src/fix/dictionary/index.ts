// Public entry of the FIX dictionaries: QuickFIX XML loading and validation.
export { FixDictionary } from './dictionary.js';
export type { FieldDef, GroupDef, MessageDef, SectionDef } from './dictionary.js';
export { MessageStructure, validateMessage, SessionRejectReason, rejectText } from './validate.js';
export type { GroupInstance, ValidationResult } from './validate.js';
export { checkFormat } from './formats.js';
export { parseXml } from './xml.js';
export { referenceValidate } from './validate-reference.js';
