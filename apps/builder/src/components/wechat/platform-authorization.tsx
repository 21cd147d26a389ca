"use client";
// Authorising the store's Mini Program to the platform (第三方平台): instead of an upload key and an IP whitelist, the
// merchant scans a QR code with WeChat (or opens WeChat's page on a computer) and approves once. While the dialog is
// open the page asks every two seconds whether the approval has arrived, since it happens on another device.
import QRCode from "qrcode";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { format, type Dictionary } from "@/i18n";
import { authorizationStateAction, createAuthorizationLinksAction, type AuthorizationState } from "@/server/actions/wechat-platform";

type Shown = { computer: string; svg: string; expiresAt: string };

const POLL_MS = 2000;

export function PlatformAuthorization({ t, locale, store, state }: { t: Dictionary; locale: string; store: string; state: AuthorizationState }) {
  const words = t.platformAuth;
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState(state);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    if (open) dialog.current?.showModal();
    else dialog.current?.close();
  }, [open]);

  useEffect(() => {
    if (!open || !shown) return;
    const before = current?.revokedAt ? null : current?.authorizedAt;
    const timer = setInterval(async () => {
      const latest = await authorizationStateAction(store).catch(() => undefined);
      if (latest && !latest.revokedAt && latest.authorizedAt !== before) {
        setCurrent(latest);
        setOpen(false);
        router.refresh();
      }
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [open, shown, current, store, router]);

  async function start() {
    setOpen(true);
    setShown(null);
    setError(null);
    const result = await createAuthorizationLinksAction(store).catch(() => ({ ok: false as const, message: words.failed }));
    if (!result.ok) return setError(result.message);
    const svg = await QRCode.toString(result.phone, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
    setShown({ computer: result.computer, svg, expiresAt: result.expiresAt });
  }

  const date = (value: string) => new Date(value).toLocaleString(locale);
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">{words.lead}</p>
      {current && !current.revokedAt && (
        <p className="text-sm text-emerald-800" data-testid="platform-authorization-status">
          {format(words.authorized, { appid: current.authorizerAppid, date: date(current.authorizedAt) })}
        </p>
      )}
      {current?.revokedAt && (
        <p role="alert" className="rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" data-testid="platform-authorization-status">
          {format(words.revoked, { appid: current.authorizerAppid, date: date(current.revokedAt) })}
        </p>
      )}
      {!current && <p className="text-sm text-slate-700" data-testid="platform-authorization-status">{words.none}</p>}
      <Button type="button" onClick={start} aria-haspopup="dialog">{current && !current.revokedAt ? words.again : words.start}</Button>
      <dialog ref={dialog} aria-labelledby={titleId} onClose={() => setOpen(false)} className="m-auto w-[min(92vw,400px)] rounded-xl border border-slate-200 p-5 shadow-xl backdrop:bg-slate-900/40">
        <h2 id={titleId} className="text-base font-semibold text-slate-900">{words.dialogTitle}</h2>
        <p className="mt-1 text-sm text-slate-600">{words.scan}</p>
        <div className="mt-4" aria-live="polite">
          {!shown && !error && <p className="text-sm text-slate-500">{t.common.loading}</p>}
          {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
          {shown && (
            <>
              {/* qrcode's SVG, drawn from WeChat's address for this approval: no merchant text in it. */}
              <div role="img" aria-label={words.qr} className="mx-auto w-56" data-testid="platform-authorization-qr" dangerouslySetInnerHTML={{ __html: shown.svg }} />
              <p className="mt-3 text-sm">
                <a href={shown.computer} target="_blank" rel="noreferrer" className="text-brand-700 underline" data-testid="platform-authorization-link">{words.onComputer}</a>
              </p>
              <p className="mt-2 text-xs text-slate-500">{format(words.expires, { time: date(shown.expiresAt) })}</p>
              <p className="mt-1 text-xs text-slate-500">{words.waiting}</p>
            </>
          )}
        </div>
        <div className="mt-4 flex justify-end">
          <Button type="button" variant="secondary" onClick={() => setOpen(false)}>{words.close}</Button>
        </div>
      </dialog>
    </div>
  );
}
