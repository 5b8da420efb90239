-- 007: reserved for fleet sources (dcgm-exporter, Prometheus); filled by that issue's work.
SELECT 1;
