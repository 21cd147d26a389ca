export { startFakeWechatCi, describeReceived, FAKE_FAULTS, type FakeApp, type FakeFault, type FakeWechatCi, type ReceivedPackage } from "./fake-wechat-ci";
export { FakeWechatCiClient } from "./control-client";
export { readWxapkg } from "./wxapkg";
export { compiledCodeProblem } from "./compiled-code";
export { testUploadKey } from "./upload-keys";
export { writeMiniProgram } from "./mini-program";
export {
  startFakeWechatApi,
  FAKE_API_PATHS,
  type FakeWechatApi,
  type FakeMiniProgram,
  type FakeTemplate,
  type FakePaidOrder,
  type FakeApiPath,
  type FakeApiFault,
  type FakeShippingUpload,
  type FakeSentMessage,
} from "./fake-wechat-api";
export { FakeWechatApiClient } from "./fake-wechat-api-client";
export { startFakeOpenPlatform, encryptMessage, messageSignature, type FakeOpenPlatform, type FakeComponent, type TicketOptions } from "./fake-open-platform";
export type { AuditVerdict, FakeCodeManagement } from "./fake-code-management";
