-- 009: reserved for customer contracts, invoices, collateral and the waterfall; filled by that issue's work.
SELECT 1;
