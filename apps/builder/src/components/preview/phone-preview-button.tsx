"use client";
// Asks for a signed link to the store's draft and shows it as a QR code to scan with a phone.
import QRCode from "qrcode";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { format, type Dictionary } from "@/i18n";
import { createPhonePreviewLinkAction } from "@/server/actions/preview";
import type { PhoneAddress } from "@/server/phone-address";
import { PhoneReachNotice } from "./phone-reach-notice";

type Shown = { url: string; expiresAt: string; svg: string; address: PhoneAddress };

export function PhonePreviewButton({ store, words, reach }: { store: string; words: Dictionary["preview"]; reach: Dictionary["storeSetup"]["reach"] }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);
  const [error, setError] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    if (open) dialog.current?.showModal();
    else dialog.current?.close();
  }, [open]);

  async function request() {
    setOpen(true);
    setBusy(true);
    setError(null);
    try {
      const result = await createPhonePreviewLinkAction(store);
      if (!result.ok) {
        setError(result.message);
        return;
      }
      const url = new URL(result.url, window.location.origin).href;
      const svg = await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
      setShown({ url, expiresAt: result.expiresAt, svg, address: result.address });
    } catch {
      setError(words.phone.failed);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button type="button" variant="secondary" onClick={request} aria-haspopup="dialog">
        {words.phone.button}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        onClose={() => setOpen(false)}
        className="m-auto w-[min(92vw,380px)] rounded-xl border border-slate-200 p-5 shadow-xl backdrop:bg-slate-900/40"
      >
        <h2 id={titleId} className="text-base font-semibold text-slate-900">{words.phone.title}</h2>
        <p className="mt-1 text-sm text-slate-600">{words.phone.lead}</p>
        <div className="mt-4" aria-live="polite">
          {busy && <p className="text-sm text-slate-500">{words.phone.creating}</p>}
          {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
          {shown && !busy && (
            <>
              {/* qrcode's SVG: drawn from our own link, with no merchant text in it. */}
              <div role="img" aria-label={words.phone.qr} className="mx-auto w-56" data-testid="phone-preview-qr" dangerouslySetInnerHTML={{ __html: shown.svg }} />
              <label className="mt-4 block text-xs font-medium text-slate-700">
                {words.phone.link}
                <input
                  readOnly
                  value={shown.url}
                  data-testid="phone-preview-link"
                  onFocus={(event) => event.currentTarget.select()}
                  className="mt-1 w-full rounded-lg border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs"
                />
              </label>
              <div className="mt-3"><PhoneReachNotice address={shown.address} words={reach} /></div>
              <p className="mt-2 text-xs text-slate-500">{format(words.phone.expires, { time: new Date(shown.expiresAt).toLocaleString() })}</p>
            </>
          )}
        </div>
        <div className="mt-4 flex justify-end">
          <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
            {words.phone.close}
          </Button>
        </div>
      </dialog>
    </>
  );
}
