import type { ReactNode } from "react";
import { Logo } from "@/components/shell/top-bar";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { currentDictionary } from "@/i18n/server";

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const { t, locale } = await currentDictionary();
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="mx-auto flex w-full max-w-5xl items-center justify-between px-4 py-4">
        <Logo t={t} />
        <LanguageSwitch locale={locale} label={t.language.label} names={t.language} />
      </header>
      <main className="mx-auto w-full max-w-xl flex-1 px-4 pb-12">{children}</main>
    </div>
  );
}
