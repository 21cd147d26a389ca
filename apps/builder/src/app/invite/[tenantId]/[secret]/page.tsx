import Link from "next/link";
import { notFound } from "next/navigation";
import { NotFoundError } from "@kaidian/accounts";
import { viewInvitation } from "@kaidian/tenancy";
import { JoinForm } from "@/components/forms/join-form";
import { AcceptInvitationButton } from "@/components/forms/accept-invitation-button";
import { Logo } from "@/components/shell/top-bar";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { format } from "@/i18n";
import { currentDictionary } from "@/i18n/server";
import { signOutAction } from "@/server/actions/auth";
import { database } from "@/server/db";
import { currentUser } from "@/server/session";

export default async function InvitationPage({ params }: { params: Promise<{ tenantId: string; secret: string }> }) {
  const { tenantId, secret } = await params;
  const { t } = await currentDictionary();
  const invitation = await viewInvitation(database(), tenantId, secret).catch((error) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const user = await currentUser();
  const here = `/invite/${tenantId}/${secret}`;

  let body: React.ReactNode;
  if (invitation.state === "accepted") body = <p className="text-sm text-slate-600">{t.invite.accepted}</p>;
  else if (invitation.state === "expired") body = <p className="text-sm text-red-700">{t.invite.expired}</p>;
  else if (user && user.email !== invitation.email) {
    body = (
      <div className="space-y-4">
        <p className="text-sm text-slate-700">{format(t.invite.wrongAccount, { email: invitation.email, current: user.email })}</p>
        <form action={signOutAction}><button className={buttonClass("secondary")}>{t.auth.signOut}</button></form>
      </div>
    );
  } else if (user) body = <AcceptInvitationButton t={t} tenantId={tenantId} secret={secret} />;
  else {
    body = (
      <div className="space-y-4">
        <JoinForm t={t} tenantId={tenantId} secret={secret} email={invitation.email} />
        <p className="text-center text-sm"><Link className="text-brand-700 underline" href={`/sign-in?next=${encodeURIComponent(here)}`}>{t.invite.signInToAccept}</Link></p>
      </div>
    );
  }

  return (
    <main className="mx-auto max-w-md px-4 py-8">
      <div className="mb-6"><Logo t={t} /></div>
      <Card>
        <h1 className="text-xl font-semibold">{format(t.invite.title, { store: invitation.storeName })}</h1>
        <p className="mb-5 mt-1 text-sm text-slate-600">{format(t.invite.lead, { role: t.store.roles[invitation.role] })}</p>
        {body}
      </Card>
    </main>
  );
}
