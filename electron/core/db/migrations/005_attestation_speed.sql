-- 005: placeholder, filled by the attestation speed work in this change.
SELECT 1;
