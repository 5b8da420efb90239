-- 008: reserved for on-chain publication through EAS; filled by that issue's work.
SELECT 1;
