-- 006: reserved for the robot register (VDA 5050 over MQTT); filled by that issue's work.
SELECT 1;
