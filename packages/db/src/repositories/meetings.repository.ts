// SQL of the meetings module (meeting_* tables).
export {};
