export type Locale = "zh-CN" | "en";
export type LocalizedText = Record<Locale, string>;

export function t(zh: string, en: string): LocalizedText {
  return { "zh-CN": zh, en };
}
