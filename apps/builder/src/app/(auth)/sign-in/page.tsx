import { redirect } from "next/navigation";
import { SignInForm } from "@/components/forms/sign-in-form";
import { currentDictionary } from "@/i18n/server";
import { homePath } from "@/server/home";
import { safeNextPath } from "@/server/next-path";
import { currentUser } from "@/server/session";
import { AuthCard } from "../auth-card";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNextPath((await searchParams).next) ?? undefined;
  const user = await currentUser();
  if (user) redirect(next ?? (await homePath(user.id)));
  const { t } = await currentDictionary();
  return (
    <AuthCard className="mx-auto max-w-md" title={t.auth.signInTitle} lead={t.auth.signInLead} switchPrompt={t.auth.noAccount} switchLabel={t.auth.signUp} switchHref="/sign-up">
      <SignInForm t={t} next={next} />
    </AuthCard>
  );
}
