import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EventBus } from '../core/events/event-bus';
import { ALERT_TITLES, notifyFinanceAlerts } from './finance-notifications';
import type { FinanceAlert } from '../contract/schemas/collateral';

vi.mock('electron', async () => (await import('../../test/support/fake-electron')).electronModule);

type Fake = import('../../test/support/fake-electron').FakeElectron;
let fake: Fake;

const breach: FinanceAlert = {
  id: 2,
  kind: 'coverage-breach',
  subject: 'fac_1',
  facilityId: 'fac_1',
  asOf: '2026-04-30',
  raisedAt: '2026-04-30T12:00:00.000Z',
  message: 'H100 pod A: coverage 1.1504× is below the 1.3× covenant — pledge 26,916.69 more collateral, or repay 20,705.15',
  figures: { coverage: '1.1504' },
};

beforeEach(async () => {
  fake = ((await import('electron')) as unknown as { __fake: Fake }).__fake;
  fake.reset();
});

describe('finance alerts as desktop notifications', () => {
  it('shows each pushed alert with its cures, critical for a breach, and a click opens the window', () => {
    const events = new EventBus();
    const openWindow = vi.fn();
    const stop = notifyFinanceAlerts(events, openWindow);
    events.emit('onFinanceAlert', breach);
    events.emit('onFinanceAlert', { ...breach, id: 3, kind: 'invoice-overdue', message: 'Acme AI: invoice LEASE-001-009 is 41 days past due with 16,000.00 open' });
    expect(fake.Notification.shown.map((shown) => shown.options)).toEqual([
      { title: ALERT_TITLES['coverage-breach'], body: breach.message, urgency: 'critical' },
      { title: 'Invoice 30 days past due', body: 'Acme AI: invoice LEASE-001-009 is 41 days past due with 16,000.00 open', urgency: 'normal' },
    ]);
    fake.Notification.shown[0]!.click();
    expect(openWindow).toHaveBeenCalledTimes(1);
    stop();
    events.emit('onFinanceAlert', breach);
    expect(fake.Notification.shown).toHaveLength(2);
  });

  it('shows nothing where the desktop has no notification service', () => {
    fake.Notification.supported = false;
    const events = new EventBus();
    notifyFinanceAlerts(events, vi.fn());
    events.emit('onFinanceAlert', breach);
    expect(fake.Notification.shown).toHaveLength(0);
  });
});
