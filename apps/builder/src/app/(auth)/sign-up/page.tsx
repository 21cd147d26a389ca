import Link from "next/link";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/forms/sign-up-form";
import { Card } from "@/components/ui/card";
import { currentDictionary } from "@/i18n/server";
import { currentUser } from "@/server/session";

export default async function SignUpPage() {
  if (await currentUser()) redirect("/stores/new");
  const { t, locale } = await currentDictionary();
  return (
    <Card>
      <h1 className="text-xl font-semibold">{t.auth.signUpTitle}</h1>
      <p className="mb-5 mt-1 text-sm text-slate-600">{t.auth.signUpLead}</p>
      <SignUpForm t={t} locale={locale} />
      <p className="mt-5 text-center text-sm text-slate-600">
        {t.auth.haveAccount} <Link href="/sign-in" className="font-medium text-brand-700 underline">{t.auth.signIn}</Link>
      </p>
    </Card>
  );
}
