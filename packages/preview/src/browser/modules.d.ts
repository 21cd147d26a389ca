// miniprogram-exparser ships no typings; j-component.ts types the calls made to it.
declare module "miniprogram-exparser";
