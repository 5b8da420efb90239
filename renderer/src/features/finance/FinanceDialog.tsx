import type { ReactNode } from 'react';
import { ModalForm } from '../../ui/ModalForm';

interface FinanceDialogProps {
  title: string;
  testId: string;
  onClose(): void;
  onSubmit(): void;
  children: ReactNode;
}

/** The Finance pages' modal form (ui/ModalForm in the finance dialog style). */
export function FinanceDialog(props: FinanceDialogProps) {
  return <ModalForm {...props} className="dialog fin-dialog" />;
}
