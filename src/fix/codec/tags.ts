// FIX tag numbers the engine itself reads or writes (session layer and codec). Application tags come
// from the dictionary (src/fix/dictionary); these are the fixed points of the session protocol
// (FIX 4.2/4.4 Transport, Standard Header and Trailer).

export const SOH = 0x01;
export const EQUALS = 0x3d;

export const Tag = {
  BeginSeqNo: 7,
  BeginString: 8,
  BodyLength: 9,
  CheckSum: 10,
  ClOrdID: 11,
  EndSeqNo: 16,
  MsgSeqNum: 34,
  MsgType: 35,
  NewSeqNo: 36,
  PossDupFlag: 43,
  RefSeqNum: 45,
  SenderCompID: 49,
  SenderSubID: 50,
  SendingTime: 52,
  TargetCompID: 56,
  TargetSubID: 57,
  Text: 58,
  Signature: 89,
  SecureDataLen: 90,
  SecureData: 91,
  SignatureLength: 93,
  EncryptMethod: 98,
  PossResend: 97,
  HeartBtInt: 108,
  TestReqID: 112,
  OnBehalfOfCompID: 115,
  OnBehalfOfSubID: 116,
  OrigSendingTime: 122,
  GapFillFlag: 123,
  DeliverToCompID: 128,
  DeliverToSubID: 129,
  ResetSeqNumFlag: 141,
  SenderLocationID: 142,
  TargetLocationID: 143,
  OnBehalfOfLocationID: 144,
  DeliverToLocationID: 145,
  XmlDataLen: 212,
  XmlData: 213,
  RefTagID: 371,
  RefMsgType: 372,
  SessionRejectReason: 373,
  BusinessRejectReason: 380,
  NextExpectedMsgSeqNum: 789,
} as const;

/** Session-level (admin) message types: everything else is an application message. */
export const MsgType = {
  Heartbeat: '0',
  TestRequest: '1',
  ResendRequest: '2',
  Reject: '3',
  SequenceReset: '4',
  Logout: '5',
  Logon: 'A',
  BusinessMessageReject: 'j',
} as const;

export function isAdminMsgType(t: string): boolean {
  return t.length === 1 && (t === '0' || t === '1' || t === '2' || t === '3' || t === '4' || t === '5' || t === 'A');
}
