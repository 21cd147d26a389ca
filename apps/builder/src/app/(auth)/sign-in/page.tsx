import Link from "next/link";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/forms/sign-in-form";
import { Card } from "@/components/ui/card";
import { currentDictionary } from "@/i18n/server";
import { homePath } from "@/server/home";
import { safeNextPath } from "@/server/next-path";
import { currentUser } from "@/server/session";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNextPath((await searchParams).next) ?? undefined;
  const user = await currentUser();
  if (user) redirect(next ?? (await homePath(user.id)));
  const { t } = await currentDictionary();
  return (
    <Card className="mx-auto max-w-md">
      <h1 className="text-xl font-semibold">{t.auth.signInTitle}</h1>
      <p className="mb-5 mt-1 text-sm text-slate-600">{t.auth.signInLead}</p>
      <SignInForm t={t} next={next} />
      <p className="mt-5 text-center text-sm text-slate-600">
        {t.auth.noAccount} <Link href="/sign-up" className="font-medium text-brand-700 underline">{t.auth.signUp}</Link>
      </p>
    </Card>
  );
}
