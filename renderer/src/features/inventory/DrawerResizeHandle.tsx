import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';

export const DRAWER_MIN = 360;
export const DRAWER_MAX = 900;
const KEY_STEP = 24;

const clamp = (width: number): number => Math.min(DRAWER_MAX, Math.max(DRAWER_MIN, Math.round(width)));

/**
 * The drawer's left edge: drag it, or focus it and use ←/→ (Home/End for the extremes).
 * A separator with its value, as the ARIA window-splitter pattern describes.
 */
export function DrawerResizeHandle({ width, onResize }: { width: number; onResize(width: number): void }) {
  const { t } = useTranslation();
  const drag = useRef<{ startX: number; startWidth: number } | null>(null);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    drag.current = { startX: event.clientX, startWidth: width };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    // The drawer sits on the right: moving the edge left makes it wider.
    onResize(clamp(drag.current.startWidth + drag.current.startX - event.clientX));
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = { ArrowLeft: width + KEY_STEP, ArrowRight: width - KEY_STEP, Home: DRAWER_MAX, End: DRAWER_MIN }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    onResize(clamp(next));
  };

  return (
    <div
      className="drawer-resize"
      role="separator"
      aria-orientation="vertical"
      aria-label={t('inventory.drawer.resize')}
      aria-valuenow={width}
      aria-valuemin={DRAWER_MIN}
      aria-valuemax={DRAWER_MAX}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
      data-testid="inventory-drawer-resize"
    />
  );
}
