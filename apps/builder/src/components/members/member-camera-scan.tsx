"use client";
// 扫码 beside the scanner field: a dialog shows the device's camera (the rear one where there is one), reads QR codes
// in the browser with jsQR and hands each new code to the scanner field's own action, so a camera-read code gets the same
// answers as a typed one. The decoder is imported only when the dialog opens, so staff who never scan never load it.
// The camera is released whenever the dialog closes, the page is hidden or the page goes away.
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { Dictionary } from "@/i18n";

type Words = Dictionary["memberScan"];
type Status = "starting" | "scanning" | "checking" | "refused" | "denied" | "noCamera" | "busy" | "insecure" | "failed" | "decoderFailed";

/** How often a frame is decoded: quick enough to feel instant, seldom enough to leave the page responsive. */
const FRAME_MS = 150;
/** Frames are read at most this wide: a card held to the camera stays large enough, and decoding stays cheap. */
const FRAME_WIDTH = 640;

/** What getUserMedia's refusal means for the merchant (its DOMException names, per the Media Capture spec). */
function cameraRefusal(error: unknown): Status {
  const name = error instanceof DOMException ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") return "denied";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "noCamera";
  if (name === "NotReadableError" || name === "AbortError") return "busy";
  return "failed";
}

/**
 * `send` submits a code through the scanner field's action; `pending` and `answer` are that action's state, so the
 * dialog can tell a refusal (a new answer: shown here, scanning goes on) from a member opened (no answer: the
 * action redirected, and the dialog closes).
 */
export function MemberCameraScan({ words, send, pending, answer, refusal }: { words: Words; send: (code: string) => void; pending: boolean; answer: unknown; refusal?: string }) {
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<Status>("starting");
  const dialog = useRef<HTMLDialogElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const titleId = useId();
  // Where a sent code is: sent, then pending on the server, then answered (back to idle).
  const phase = useRef<"idle" | "sent" | "pending">("idle");
  const answerWhenSent = useRef<unknown>(null);
  // The running camera loop reads the newest send and answer from here.
  const latest = useRef({ send, answer });
  useEffect(() => {
    latest.current = { send, answer };
  });

  useEffect(() => {
    if (phase.current === "sent" && pending) phase.current = "pending";
    if (phase.current !== "pending" || pending) return;
    phase.current = "idle";
    if (answer !== answerWhenSent.current) setStatus("refused");
    else setOpen(false);
  }, [pending, answer]);

  useEffect(() => {
    if (!open) return;
    dialog.current?.showModal();
    let live = true;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A code is sent once: it stays in view for a while after it has been read, and is not sent again.
    let lastCode: string | null = null;
    const release = () => {
      stream?.getTracks().forEach((track) => track.stop());
      stream = null;
      if (video.current) video.current.srcObject = null;
    };

    async function start() {
      setStatus("starting");
      phase.current = "idle";
      if (!window.isSecureContext) return setStatus("insecure");
      if (!navigator.mediaDevices?.getUserMedia) return setStatus("noCamera");
      const decoder = import("jsqr");
      // Awaited only once the camera is on; a failed load is reported then, not as an unhandled rejection.
      decoder.catch(() => undefined);
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: "environment" } }, audio: false });
      } catch (error) {
        if (live) setStatus(cameraRefusal(error));
        return;
      }
      if (!live || !video.current) return release();
      video.current.srcObject = stream;
      let decode: (typeof import("jsqr"))["default"];
      try {
        await video.current.play();
        decode = (await decoder).default;
      } catch {
        if (live) setStatus("decoderFailed");
        return release();
      }
      if (!live) return release();
      setStatus("scanning");
      const canvas = document.createElement("canvas");
      const context = canvas.getContext("2d", { willReadFrequently: true });
      const frame = () => {
        const source = video.current;
        if (!live || !source || !context) return;
        if (source.videoWidth > 0 && phase.current === "idle") {
          const scale = Math.min(1, FRAME_WIDTH / source.videoWidth);
          canvas.width = Math.round(source.videoWidth * scale);
          canvas.height = Math.round(source.videoHeight * scale);
          context.drawImage(source, 0, 0, canvas.width, canvas.height);
          const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
          // A card code is dark on a light screen: inverted codes are not looked for.
          const code = decode(pixels.data, pixels.width, pixels.height, { inversionAttempts: "dontInvert" })?.data;
          if (code && code !== lastCode) {
            lastCode = code;
            phase.current = "sent";
            answerWhenSent.current = latest.current.answer;
            setStatus("checking");
            latest.current.send(code);
          }
        }
        timer = setTimeout(frame, FRAME_MS);
      };
      frame();
    }

    const hidden = () => {
      if (document.visibilityState === "hidden") setOpen(false);
    };
    document.addEventListener("visibilitychange", hidden);
    void start();
    return () => {
      live = false;
      clearTimeout(timer);
      release();
      document.removeEventListener("visibilitychange", hidden);
      dialog.current?.close();
    };
  }, [open]);

  // The camera's view is shown from the moment it is asked for; with no camera there is nothing to show.
  const cameraOn = status === "starting" || status === "scanning" || status === "checking" || status === "refused";
  // A refusal is the field's own message, shown here too since the dialog covers the field.
  const message =
    status === "refused" ? refusal : status === "starting" || status === "scanning" || status === "checking" ? undefined : words[status];
  const note = status === "starting" ? words.starting : status === "checking" ? words.checking : status === "scanning" || status === "refused" ? words.scanning : undefined;

  return (
    <>
      <Button type="button" variant="secondary" onClick={() => setOpen(true)} aria-haspopup="dialog">
        {words.open}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        onClose={() => setOpen(false)}
        className="m-auto w-[min(92vw,420px)] rounded-xl border border-slate-200 p-5 shadow-xl backdrop:bg-slate-900/40"
      >
        <h2 id={titleId} className="text-base font-semibold text-slate-900">{words.title}</h2>
        <p className="mt-1 text-sm text-slate-600">{words.lead}</p>
        <video ref={video} muted playsInline hidden={!cameraOn} aria-label={words.video} className="mt-4 aspect-[4/3] w-full rounded-lg bg-slate-900 object-cover" />
        <div className="mt-3 min-h-10 space-y-1" aria-live="polite">
          {message && <p role="alert" className="text-sm text-red-700">{message}</p>}
          {note && <p role="status" className="text-sm text-slate-600">{note}</p>}
        </div>
        <div className="mt-4 flex justify-end">
          <Button type="button" variant="secondary" onClick={() => setOpen(false)}>{words.close}</Button>
        </div>
      </dialog>
    </>
  );
}
