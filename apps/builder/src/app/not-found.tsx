import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { currentDictionary } from "@/i18n/server";

export default async function NotFound() {
  const { t } = await currentDictionary();
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-3 px-4 text-center">
      <p className="text-5xl font-bold text-slate-300">404</p>
      <h1 className="text-xl font-semibold">{t.notFound.title}</h1>
      <p className="text-sm text-slate-600">{t.notFound.body}</p>
      <Link href="/" className={buttonClass("secondary")}>{t.notFound.home}</Link>
    </main>
  );
}
