import { Notification } from 'electron';
import type { Dispose } from '../contract/client';
import type { FinanceAlert } from '../contract/schemas/collateral';
import type { EventBus } from '../core/events/event-bus';

/** The notification's title per alert kind; the body is the alert's own sentence (figures and cures). */
export const ALERT_TITLES: Record<FinanceAlert['kind'], string> = {
  'coverage-breach': 'Coverage covenant breached',
  'coverage-restored': 'Coverage covenant met again',
  'collateral-excluded': 'Collateral no longer counts',
  'invoice-overdue': 'Invoice 30 days past due',
};

/**
 * Shows each finance alert pushed by the core (onFinanceAlert) as a desktop notification; a click
 * brings the window back. Where the desktop has no notification service nothing is shown: the
 * alerts stay on the Finance page. Returns the unsubscribe.
 */
export function notifyFinanceAlerts(events: EventBus, openWindow: () => void): Dispose {
  return events.on('onFinanceAlert', (alert) => {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title: ALERT_TITLES[alert.kind], body: alert.message, urgency: alert.kind === 'coverage-breach' ? 'critical' : 'normal' });
    notification.on('click', () => openWindow());
    notification.show();
  });
}
