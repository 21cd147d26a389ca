"use client";
// A page's sections in order: drag to reorder (pointer or keyboard, announced in the dashboard's language), or
// the explicit up/down buttons; duplicate; remove after a confirmation, except a section the page requires.
import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type Announcements, type DragEndEvent } from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { sections, type PageId, type SectionInstance } from "@kaidian/templates";
import { useRef, useState } from "react";
import { format } from "@/i18n";
import { smallButtonClass, type FormContext } from "./form-context";

type Props = {
  page: PageId;
  list: SectionInstance[];
  selected: string | null;
  invalid: Set<string>;
  context: FormContext;
  isRequired: (sectionId: string) => boolean;
  canDuplicate: (sectionId: string) => boolean;
  onSelect: (sectionId: string) => void;
  onMove: (from: number, to: number) => void;
  onDuplicate: (sectionId: string) => void;
  onRemove: (sectionId: string) => void;
};

export function SectionList(props: Props) {
  const { list, context } = props;
  const words = context.t.editor;
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const nameOf = (id: string | number) => {
    const section = list.find((candidate) => candidate.id === id);
    return section ? sections[section.type].label[context.locale] : String(id);
  };
  const positionOf = (id: string | number | undefined) => list.findIndex((section) => section.id === id) + 1;
  // dnd-kit reports the picked-up section as over itself right away; that is not a move, so "picked up" stays said.
  const justPickedUp = useRef(false);
  const announcements: Announcements = {
    onDragStart: ({ active }) => {
      justPickedUp.current = true;
      return format(words.pickedUp, { section: nameOf(active.id), position: positionOf(active.id), count: list.length });
    },
    onDragOver: ({ active, over }) => {
      const first = justPickedUp.current;
      justPickedUp.current = false;
      if (!over || (first && over.id === active.id)) return undefined;
      return format(words.movedOver, { section: nameOf(active.id), position: positionOf(over.id) });
    },
    onDragEnd: ({ active, over }) => (over ? format(words.dropped, { section: nameOf(active.id), position: positionOf(over.id) }) : undefined),
    onDragCancel: ({ active }) => format(words.dragCancelled, { section: nameOf(active.id) }),
  };
  function dragEnd({ active, over }: DragEndEvent) {
    if (!over || active.id === over.id) return;
    props.onMove(positionOf(active.id) - 1, positionOf(over.id) - 1);
  }
  if (list.length === 0) return <p className="px-1 text-sm text-slate-500">{words.noSections}</p>;
  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={dragEnd} accessibility={{ announcements, screenReaderInstructions: { draggable: words.dragInstructions } }}>
      <SortableContext items={list.map((section) => section.id)} strategy={verticalListSortingStrategy}>
        <ol className="space-y-1.5" aria-label={format(words.sectionsOf, { page: context.pages.find((page) => page.id === props.page)?.label ?? props.page })}>
          {list.map((section, index) => (
            <SectionRow key={section.id} {...props} section={section} index={index} name={nameOf(section.id)} />
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}

function SectionRow(props: Props & { section: SectionInstance; index: number; name: string }) {
  const { section, index, name, context } = props;
  const words = context.t.editor;
  const [confirming, setConfirming] = useState(false);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: section.id });
  const selected = props.selected === section.id;
  const required = props.isRequired(section.id);
  const invalid = props.invalid.has(section.id);
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      data-testid="section-row"
      data-section={section.id}
      className={`rounded-lg border bg-white ${isDragging ? "z-10 shadow-lg" : ""} ${selected ? "border-brand-500 ring-2 ring-brand-100" : invalid ? "border-red-300" : "border-slate-200"}`}
    >
      <div className="flex items-center gap-1 px-1.5 py-1.5">
        <button
          ref={setActivatorNodeRef}
          type="button"
          {...attributes}
          {...listeners}
          aria-label={format(words.drag, { section: name })}
          className="cursor-grab touch-none rounded px-1 text-slate-400 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          ⠿
        </button>
        <button type="button" aria-pressed={selected} onClick={() => props.onSelect(section.id)} className="min-w-0 flex-1 truncate rounded px-1 py-0.5 text-left text-sm font-medium text-slate-800 focus-visible:outline-2 focus-visible:outline-brand-600">
          {name}
          {invalid && <span className="ml-1 text-red-600" aria-hidden>●</span>}
          {required && <span className="ml-1 text-xs font-normal text-slate-500">· {words.required}</span>}
        </button>
      </div>
      <div className="flex flex-wrap gap-1 border-t border-slate-100 px-2 py-1.5">
        <button type="button" className={smallButtonClass} disabled={index === 0} aria-label={`${name} ${words.moveUp}`} onClick={() => props.onMove(index, index - 1)}>{words.moveUp}</button>
        <button type="button" className={smallButtonClass} disabled={index === props.list.length - 1} aria-label={`${name} ${words.moveDown}`} onClick={() => props.onMove(index, index + 1)}>{words.moveDown}</button>
        <button type="button" className={smallButtonClass} disabled={!props.canDuplicate(section.id)} aria-label={`${name} ${words.duplicate}`} onClick={() => props.onDuplicate(section.id)}>{words.duplicate}</button>
        {confirming ? (
          <span role="group" aria-label={format(words.confirmRemove, { section: name })} className="flex items-center gap-1">
            <span className="text-xs text-slate-700">{format(words.confirmRemove, { section: name })}</span>
            <button type="button" autoFocus className={`${smallButtonClass} border-red-200 text-red-700`} onClick={() => props.onRemove(section.id)}>{words.remove}</button>
            <button type="button" className={smallButtonClass} onClick={() => setConfirming(false)}>{words.cancel}</button>
          </span>
        ) : (
          <button type="button" className={smallButtonClass} disabled={required} title={required ? words.refusal.required : undefined} aria-label={`${name} ${words.remove}${required ? `（${words.refusal.required}）` : ""}`} onClick={() => setConfirming(true)}>{words.remove}</button>
        )}
      </div>
    </li>
  );
}
