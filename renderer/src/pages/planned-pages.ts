/**
 * The pages not built yet, and the concrete list of what each will hold. Full keys, so the
 * compiler checks each one against the language files.
 */
export const PLANNED_PAGES = {
} as const;

export type PlannedPageId = keyof typeof PLANNED_PAGES;
