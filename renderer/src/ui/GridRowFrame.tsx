import type { HTMLAttributes, ReactNode } from 'react';

interface GridRowFrameProps extends Omit<HTMLAttributes<HTMLDivElement>, 'id' | 'className' | 'style' | 'onClick' | 'role'> {
  /** Position in the grid's rows (0-based); the header is aria-rowindex 1. */
  index: number;
  domId: string;
  /** Offset from the top of the rows, in px. */
  top: number;
  selected: boolean;
  /** The grid's row class ('node-row', 'inv-row'); selected adds `${rowClass}-selected`. */
  rowClass: string;
  /** Another class for this kind of row, between the two. */
  extraClass?: string;
  /** A click on the row: open it, or fold its group. */
  onActivate(): void;
  children: ReactNode;
}

/**
 * The outside of a row in a virtualized grid: its place (aria-rowindex, translateY), its DOM id
 * for the grid's aria-activedescendant, the selected state and the click. The cells, data-*
 * and other attributes are the caller's.
 */
export function GridRowFrame({ index, domId, top, selected, rowClass, extraClass, onActivate, children, ...attributes }: GridRowFrameProps) {
  const base = extraClass ? `${rowClass} ${extraClass}` : rowClass;
  return (
    <div
      role="row"
      id={domId}
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={selected ? `${base} ${rowClass}-selected` : base}
      style={{ transform: `translateY(${top}px)` }}
      onClick={onActivate}
      {...attributes}
    >
      {children}
    </div>
  );
}
