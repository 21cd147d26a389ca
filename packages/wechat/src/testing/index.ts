export { startFakeWechatCi, describeReceived, FAKE_FAULTS, type FakeApp, type FakeFault, type FakeWechatCi, type ReceivedPackage } from "./fake-wechat-ci";
export { FakeWechatCiClient } from "./control-client";
export { readWxapkg } from "./wxapkg";
export { compiledCodeProblem } from "./compiled-code";
export { testUploadKey } from "./upload-keys";
export { writeMiniProgram } from "./mini-program";
