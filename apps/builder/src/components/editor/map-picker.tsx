"use client";
// A small slippy map for placing the store: drag to move, the buttons to zoom, a click to put the pin there. The
// tiles come from the operator's tile server (MAP_TILE_URL), drawn in GCJ-02, so the point read off them is the
// one WeChat's map expects. The coordinate boxes beside it stay the keyboard's way to set the same value.
import { MAX_ZOOM, MIN_ZOOM, roundDegrees, tileAddress, tilesInView, toPixel, toPoint, type Point, type TileServer } from "@kaidian/maps";
import { useEffect, useRef, useState } from "react";
import { smallButtonClass } from "./form-context";

const HEIGHT = 240;
/** Pointer travel below this is a click (place the pin), above it a drag (move the map). */
const CLICK_SLOP = 4;
/** Where the map opens for a store not yet placed: the middle of mainland China, zoomed out. */
const UNPLACED = { center: { latitude: 34.2, longitude: 108.9 }, zoom: 4 };

export type MapPickerWords = { label: string; zoomIn: string; zoomOut: string; hint: string };

type Props = { server: TileServer; value: Point | null; onPick: (point: Point) => void; words: MapPickerWords };

export function MapPicker({ server, value, onPick, words }: Props) {
  const [view, setView] = useState(() => (value ? { center: value, zoom: 16 } : UNPLACED));
  // The inner size (inside the border), which tiles and clicks are measured in.
  const [size, setSize] = useState({ width: 0, height: 0 });
  const { width, height } = size;
  const frame = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number; moved: boolean; center: Point } | null>(null);

  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const measure = () => setSize({ width: element.clientWidth, height: element.clientHeight });
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    measure();
    return () => observer.disconnect();
  }, []);

  const centerPixel = toPixel(view.center, view.zoom);
  /** The point under a position in the frame. */
  const pointAt = (x: number, y: number) => toPoint({ x: centerPixel.x + x - width / 2, y: centerPixel.y + y - height / 2 }, view.zoom);
  const pin = value ? toPixel(value, view.zoom) : null;
  const zoomBy = (step: number) => setView((current) => ({ ...current, zoom: Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, current.zoom + step)) }));

  return (
    <div className="mt-2">
      <div
        ref={frame}
        role="img"
        aria-label={words.label}
        data-testid="map-picker"
        className="relative cursor-crosshair touch-none select-none overflow-hidden rounded-lg border border-slate-300 bg-slate-100"
        style={{ height: HEIGHT }}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          drag.current = { x: event.clientX, y: event.clientY, moved: false, center: view.center };
        }}
        onPointerMove={(event) => {
          const start = drag.current;
          if (!start) return;
          const dx = event.clientX - start.x;
          const dy = event.clientY - start.y;
          if (!start.moved && Math.hypot(dx, dy) < CLICK_SLOP) return;
          start.moved = true;
          const origin = toPixel(start.center, view.zoom);
          setView((current) => ({ ...current, center: toPoint({ x: origin.x - dx, y: origin.y - dy }, current.zoom) }));
        }}
        onPointerUp={(event) => {
          const start = drag.current;
          drag.current = null;
          if (!start || start.moved) return;
          const frameElement = event.currentTarget;
          const box = frameElement.getBoundingClientRect();
          const point = pointAt(event.clientX - box.left - frameElement.clientLeft, event.clientY - box.top - frameElement.clientTop);
          onPick({ latitude: roundDegrees(point.latitude), longitude: roundDegrees(point.longitude) });
        }}
      >
        {width > 0 &&
          tilesInView(view.center, view.zoom, width, height).map((tile) => (
            <img
              key={`${tile.z}/${tile.x}/${tile.y}/${tile.left}`}
              src={tileAddress(server, tile)}
              alt=""
              draggable={false}
              className="pointer-events-none absolute h-64 w-64 max-w-none"
              style={{ left: tile.left, top: tile.top }}
            />
          ))}
        {pin && width > 0 && (
          <span
            data-testid="map-pin"
            aria-hidden
            className="pointer-events-none absolute h-4 w-4 -translate-x-1/2 -translate-y-1/2 rounded-full border-2 border-white bg-red-600 shadow"
            style={{ left: pin.x - centerPixel.x + width / 2, top: pin.y - centerPixel.y + height / 2 }}
          />
        )}
        <span className="absolute right-2 top-2 flex flex-col gap-1">
          <button type="button" className={smallButtonClass} aria-label={words.zoomIn} onPointerDown={(event) => event.stopPropagation()} onClick={() => zoomBy(1)}>
            +
          </button>
          <button type="button" className={smallButtonClass} aria-label={words.zoomOut} onPointerDown={(event) => event.stopPropagation()} onClick={() => zoomBy(-1)}>
            −
          </button>
        </span>
        {server.attribution && (
          <span className="pointer-events-none absolute bottom-0 right-0 bg-white/80 px-1 text-[10px] text-slate-600">{server.attribution}</span>
        )}
      </div>
      <p className="mt-1 text-xs text-slate-500">{words.hint}</p>
    </div>
  );
}
