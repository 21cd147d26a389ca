// A shopper's tap, delivered to the component tree the way the view layer delivers it.
import { exparser } from "./j-component";

/** Fires `tap` on the element; it bubbles through bindtap / catchtap handlers and component events. */
export function tap(element: Element) {
  const { Event } = exparser();
  Event.dispatchEvent(
    element,
    Event.create("tap", { x: 0, y: 0 }, { bubbles: true, composed: true, capturePhase: true, extraFields: { touches: [], changedTouches: [] } }),
  );
}
