import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/forms/sign-up-form";
import { currentDictionary } from "@/i18n/server";
import { currentUser } from "@/server/session";
import { AuthCard } from "../auth-card";

export default async function SignUpPage() {
  if (await currentUser()) redirect("/stores/new");
  const { t, locale } = await currentDictionary();
  return (
    <AuthCard title={t.auth.signUpTitle} lead={t.auth.signUpLead} switchPrompt={t.auth.haveAccount} switchLabel={t.auth.signIn} switchHref="/sign-in">
      <SignUpForm t={t} locale={locale} />
    </AuthCard>
  );
}
